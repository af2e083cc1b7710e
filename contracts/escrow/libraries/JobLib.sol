// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IJobEscrow} from "../../interfaces/IJobEscrow.sol";
import {JobId} from "../../types/JobId.sol";

/// @title JobLib
/// @notice Pure logic of the job escrow: job ids, the EIP-712 result struct hash, basis-point maths and the bounds of
///         the governed parameters.
library JobLib {
    /// @notice Denominator of every ratio (basis points).
    uint256 internal constant BPS = 10_000;

    /// @notice EIP-712 domain of the escrow: {name: EIP712_NAME, version: EIP712_VERSION, chainId, verifyingContract}.
    bytes32 internal constant EIP712_DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    string internal constant EIP712_NAME = "PhalaJobEscrow";
    string internal constant EIP712_VERSION = "1";
    bytes32 internal constant EIP712_NAME_HASH = keccak256(bytes(EIP712_NAME));
    bytes32 internal constant EIP712_VERSION_HASH = keccak256(bytes(EIP712_VERSION));

    /// @notice EIP-712 type the worker's enclave key signs on delivery.
    bytes32 internal constant JOB_RESULT_TYPEHASH = keccak256(
        "JobResult(bytes32 jobId,bytes32 workloadId,bytes32 inputHash,bytes32 resultHash,uint40 deadline)"
    );

    uint256 internal constant MAX_PROTOCOL_FEE_BPS = 1_000;
    uint256 internal constant MAX_STAKING_SHARE_BPS = 5_000;
    uint256 internal constant MAX_COLLATERAL_BPS = 50_000;
    /// @dev Bound of the timeout penalty, dispute bond and dispute slash.
    uint256 internal constant MAX_PENALTY_BPS = 10_000;
    uint256 internal constant MIN_CHALLENGE_WINDOW = 1 minutes;
    uint256 internal constant MAX_CHALLENGE_WINDOW = 30 days;
    uint256 internal constant MIN_ARBITRATION_PERIOD = 1 hours;
    uint256 internal constant MAX_ARBITRATION_PERIOD = 60 days;
    uint256 internal constant MIN_JOB_DURATION = 1 hours;
    uint256 internal constant MAX_JOB_DURATION = 365 days;

    /// @notice The id of a job: keccak256 of its ABI-encoded terms.
    /// @dev `abi.encode` of a calldata struct validates every field (dirty high bits revert), so one set of terms has
    ///      exactly one id.
    function id(IJobEscrow.JobTerms calldata terms) internal pure returns (JobId) {
        return JobId.wrap(keccak256(abi.encode(terms)));
    }

    /// @notice EIP-712 struct hash of `JobResult` for job `jobId` with `terms` and `resultHash`.
    function resultStructHash(JobId jobId, IJobEscrow.JobTerms calldata terms, bytes32 resultHash)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(
            abi.encode(
                JOB_RESULT_TYPEHASH, JobId.unwrap(jobId), terms.workloadId, terms.inputHash, resultHash, terms.deadline
            )
        );
    }

    /// @notice `amount × bps / 10,000`, rounded down (payouts, penalties, bonds).
    function bpsOf(uint256 amount, uint256 bps) internal pure returns (uint256) {
        // Cannot overflow: amount < 2^96 and bps < 2^16 at every call site.
        unchecked {
            return amount * bps / BPS;
        }
    }

    /// @notice `amount × bps / 10,000`, rounded up (collateral: never under-collateralize a job).
    function bpsOfUp(uint256 amount, uint256 bps) internal pure returns (uint256) {
        // Cannot overflow: amount < 2^96 and bps < 2^16 at every call site.
        unchecked {
            return (amount * bps + BPS - 1) / BPS;
        }
    }

    /// @notice Splits `price` into the protocol fee, the pool's staking share and the operator's rest.
    /// @dev fee + share ≤ 60% of the price by the parameter bounds, so the rest is never negative.
    function split(uint256 price, uint256 protocolFeeBps, uint256 stakingShareBps)
        internal
        pure
        returns (uint256 fee, uint256 share, uint256 rest)
    {
        fee = bpsOf(price, protocolFeeBps);
        share = bpsOf(price, stakingShareBps);
        rest = price - fee - share;
    }
}
