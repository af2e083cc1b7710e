// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title IWorkerRegistry
/// @notice The one question other contracts (staking, escrow) ask the attestation registry: is this worker attested and
///         valid now, for this workload? A worker is identified by the address of its enclave signing key
///         (`address(uint160(uint256(keccak256(uncompressed 64-byte public key))))`: for a secp256k1 key that is its
///         Ethereum address; a P-256 key gets an id by the same rule).
/// @dev Implemented by the AttestationRegistry. Signatures here are frozen: staking and escrow are built against them.
interface IWorkerRegistry {
    /// @notice Key type of a worker's enclave signing key.
    enum KeyType {
        None,
        Secp256k1,
        P256
    }

    /// @notice True if `worker` holds an attestation that is valid at this block (not expired, not revoked, still within
    ///         policy) for `workloadId`.
    function isAttested(address worker, bytes32 workloadId) external view returns (bool);

    /// @notice True if `worker` holds an attestation that is valid at this block, for any workload.
    function isAttestedAny(address worker) external view returns (bool);

    /// @notice {operatorOf} and {isAttested} in one call: the operator that registered `worker` (zero if unknown) and
    ///         whether `worker` holds an attestation valid at this block for `workloadId`.
    function attestedOperatorOf(address worker, bytes32 workloadId)
        external
        view
        returns (address operator, bool attested);

    /// @notice The operator that registered `worker` (zero if unknown).
    function operatorOf(address worker) external view returns (address);

    /// @notice The workload id `worker` is attested for (zero if unknown).
    function workloadOf(address worker) external view returns (bytes32);

    /// @notice The enclave signing key of `worker`: its type and the uncompressed 64-byte public key (x ‖ y).
    function enclaveKeyOf(address worker) external view returns (KeyType keyType, bytes memory publicKey);
}
