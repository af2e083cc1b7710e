// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";

/// @notice Builds OZ-MerkleProof-compatible trees (sorted-pair keccak) over swap leaves inside Solidity tests.
///         An odd node at the end of a level is carried up unchanged. (The TS tests use the real StandardMerkleTree.)
library MerkleBuilder {
    /// @dev The StandardMerkleTree leaf: keccak256(keccak256(abi.encode(index, accountId, bound, plancks))).
    function leaf(uint256 index, bytes32 accountId, address bound, uint256 plancks) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(index, accountId, bound, plancks))));
    }

    function root(bytes32[] memory leaves) internal pure returns (bytes32) {
        bytes32[] memory level = leaves;
        while (level.length > 1) level = _up(level);
        return level[0];
    }

    function proof(bytes32[] memory leaves, uint256 i) internal pure returns (bytes32[] memory out) {
        bytes32[] memory tmp = new bytes32[](256);
        uint256 n;
        bytes32[] memory level = leaves;
        while (level.length > 1) {
            uint256 sibling = i ^ 1;
            if (sibling < level.length) tmp[n++] = level[sibling];
            level = _up(level);
            i >>= 1;
        }
        out = new bytes32[](n);
        for (uint256 k; k < n; ++k) out[k] = tmp[k];
    }

    function _up(bytes32[] memory level) private pure returns (bytes32[] memory next) {
        next = new bytes32[]((level.length + 1) / 2);
        for (uint256 k; k < next.length; ++k) {
            next[k] = 2 * k + 1 < level.length
                ? Hashes.commutativeKeccak256(level[2 * k], level[2 * k + 1])
                : level[2 * k];
        }
    }
}
