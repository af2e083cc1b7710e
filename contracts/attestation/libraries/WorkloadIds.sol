// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {ITeeVerifier} from "../../interfaces/ITeeVerifier.sol";

/// @title WorkloadIds
/// @notice Derivation of workload ids from verified TEE measurements (see {IAttestationRegistry}). Tags separate the
///         kinds, so an id of one kind can never equal an id of another.
library WorkloadIds {
    bytes32 internal constant SGX_ENCLAVE_TAG = keccak256("phala.attestation.workload.sgx.enclave.v1");
    bytes32 internal constant SGX_SIGNER_TAG = keccak256("phala.attestation.workload.sgx.signer.v1");
    bytes32 internal constant TDX_TAG = keccak256("phala.attestation.workload.tdx.v1");
    bytes32 internal constant GENERIC_TAG = keccak256("phala.attestation.workload.generic.v1");

    /// @dev Length of a TDX measurement register (SHA-384).
    uint256 internal constant TDX_REGISTER_LENGTH = 48;

    function sgxEnclave(bytes32 mrEnclave) internal pure returns (bytes32) {
        return keccak256(abi.encode(SGX_ENCLAVE_TAG, mrEnclave));
    }

    function sgxSigner(bytes32 mrSigner, uint16 isvProdId) internal pure returns (bytes32) {
        return keccak256(abi.encode(SGX_SIGNER_TAG, mrSigner, isvProdId));
    }

    /// @dev Callers must have checked the register lengths with `tdxWellFormed`.
    function tdx(ITeeVerifier.TdxMeasurements memory m) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(TDX_TAG, m.mrTd, m.mrConfigId, m.rtmr0, m.rtmr1, m.rtmr2, m.rtmr3, m.tdAttributes, m.xfam)
        );
    }

    function generic(ITeeVerifier.TeeType teeType, bytes memory measurements) internal pure returns (bytes32) {
        return keccak256(abi.encode(GENERIC_TAG, uint8(teeType), measurements));
    }

    /// @dev True if every register has the SHA-384 length.
    function tdxWellFormed(ITeeVerifier.TdxMeasurements memory m) internal pure returns (bool) {
        return m.mrTd.length == TDX_REGISTER_LENGTH && m.mrConfigId.length == TDX_REGISTER_LENGTH
            && m.rtmr0.length == TDX_REGISTER_LENGTH && m.rtmr1.length == TDX_REGISTER_LENGTH
            && m.rtmr2.length == TDX_REGISTER_LENGTH && m.rtmr3.length == TDX_REGISTER_LENGTH;
    }
}
