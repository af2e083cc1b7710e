// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IWorkerRegistry} from "../../../contracts/interfaces/IWorkerRegistry.sol";

/// @notice Test-only attestation registry: the test sets each worker's operator, workload, key and validity directly.
///         Stands in for the AttestationRegistry until it lands; implements the frozen {IWorkerRegistry} as written.
contract TestWorkerRegistry is IWorkerRegistry {
    struct Worker {
        address operator;
        bytes32 workloadId;
        bool valid;
        KeyType keyType;
        bytes publicKey;
    }

    mapping(address worker => Worker) private _workers;

    /// @notice Registers a secp256k1 worker (its id is its key's address) as attested for `workloadId`.
    function registerSecp256k1(address worker, address operator, bytes32 workloadId) external {
        _workers[worker] = Worker(operator, workloadId, true, KeyType.Secp256k1, "");
    }

    /// @notice Registers a P-256 worker as attested for `workloadId`; returns its id (address of keccak256(x ‖ y)).
    function registerP256(uint256 x, uint256 y, address operator, bytes32 workloadId) external returns (address worker) {
        bytes memory publicKey = abi.encodePacked(x, y);
        worker = address(uint160(uint256(keccak256(publicKey))));
        _workers[worker] = Worker(operator, workloadId, true, KeyType.P256, publicKey);
    }

    /// @notice Revokes (`false`) or restores (`true`) the worker's attestation.
    function setValid(address worker, bool valid) external {
        _workers[worker].valid = valid;
    }

    function isAttested(address worker, bytes32 workloadId) public view returns (bool) {
        Worker storage w = _workers[worker];
        return w.valid && w.workloadId == workloadId && workloadId != bytes32(0);
    }

    function attestedOperatorOf(address worker, bytes32 workloadId) external view returns (address, bool) {
        return (_workers[worker].operator, isAttested(worker, workloadId));
    }

    function isAttestedAny(address worker) external view returns (bool) {
        return _workers[worker].valid;
    }

    function operatorOf(address worker) external view returns (address) {
        return _workers[worker].operator;
    }

    function workloadOf(address worker) external view returns (bytes32) {
        return _workers[worker].workloadId;
    }

    function enclaveKeyOf(address worker) external view returns (KeyType keyType, bytes memory publicKey) {
        Worker storage w = _workers[worker];
        return (w.keyType, w.publicKey);
    }
}
