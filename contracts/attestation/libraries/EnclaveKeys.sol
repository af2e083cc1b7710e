// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {P256} from "@openzeppelin/contracts/utils/cryptography/P256.sol";
import {IWorkerRegistry} from "../../interfaces/IWorkerRegistry.sol";

/// @title EnclaveKeys
/// @notice Enclave signing keys: validation, worker ids and the report-data binding (see {IAttestationRegistry}).
library EnclaveKeys {
    /// @dev Domain tag of the report-data binding.
    bytes32 internal constant BINDING_TAG = keccak256("phala.attestation.registry.binding.v1");

    /// @dev secp256k1 field prime.
    uint256 private constant _SECP256K1_P = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F;

    /// @notice Worker id of an uncompressed 64-byte key: the low 20 bytes of its keccak256 (an Ethereum address for a
    ///         secp256k1 key).
    function workerId(bytes memory publicKey) internal pure returns (address) {
        return address(uint160(uint256(keccak256(publicKey))));
    }

    /// @notice True if `publicKey` is 64 bytes x ‖ y of a point on the curve of `keyType` (not the point at infinity).
    function isValid(IWorkerRegistry.KeyType keyType, bytes memory publicKey) internal pure returns (bool) {
        if (publicKey.length != 64) return false;
        bytes32 x;
        bytes32 y;
        assembly ("memory-safe") {
            x := mload(add(publicKey, 0x20))
            y := mload(add(publicKey, 0x40))
        }
        if (keyType == IWorkerRegistry.KeyType.P256) return P256.isValidPublicKey(x, y);
        if (keyType == IWorkerRegistry.KeyType.Secp256k1) return _onSecp256k1(uint256(x), uint256(y));
        return false;
    }

    /// @notice reportData[0:32] the enclave must produce (see {IAttestationRegistry}).
    function binding(
        address registry,
        address operator,
        IWorkerRegistry.KeyType keyType,
        bytes memory publicKey,
        uint64 nonce
    ) internal view returns (bytes32) {
        return keccak256(abi.encode(BINDING_TAG, block.chainid, registry, operator, uint8(keyType), publicKey, nonce));
    }

    /// @dev y² = x³ + 7 (mod p), with 0 < x, y < p (the point at infinity has no affine form).
    function _onSecp256k1(uint256 x, uint256 y) private pure returns (bool) {
        uint256 p = _SECP256K1_P;
        if (x >= p || y >= p || (x == 0 && y == 0)) return false;
        uint256 lhs = mulmod(y, y, p);
        uint256 rhs = addmod(mulmod(mulmod(x, x, p), x, p), 7, p);
        return lhs == rhs;
    }
}
