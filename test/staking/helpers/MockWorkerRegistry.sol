// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IWorkerRegistry} from "../../../contracts/interfaces/IWorkerRegistry.sol";

/// @notice Test-only worker registry with settable attestation and operator (the real AttestationRegistry is swapped in
///         at integration). Not in contracts/ on purpose.
contract MockWorkerRegistry is IWorkerRegistry {
    mapping(address => bool) public attested;
    mapping(address => address) public operators;

    function set(address worker, address operator, bool isAttested_) external {
        operators[worker] = operator;
        attested[worker] = isAttested_;
    }

    function setAttested(address worker, bool isAttested_) external {
        attested[worker] = isAttested_;
    }

    function isAttested(address worker, bytes32) external view returns (bool) {
        return attested[worker];
    }

    function isAttestedAny(address worker) external view returns (bool) {
        return attested[worker];
    }

    function attestedOperatorOf(address worker, bytes32) external view returns (address, bool) {
        return (operators[worker], attested[worker]);
    }

    function operatorOf(address worker) external view returns (address) {
        return operators[worker];
    }

    function workloadOf(address) external pure returns (bytes32) {
        return bytes32(0);
    }

    function enclaveKeyOf(address) external pure returns (KeyType, bytes memory) {
        return (KeyType.None, "");
    }
}
