// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IStaking} from "../../interfaces/IStaking.sol";
import {StakingStorage} from "./StakingStorage.sol";
import {PoolAccounting} from "./PoolAccounting.sol";
import {SharesMath} from "./SharesMath.sol";

/// @title DelegationLogic
/// @notice Undelegation of Staking (internal: compiled into Staking, the hot path pays no library call).
library DelegationLogic {
    using SafeCast for uint256;

    /// @notice See {IStaking-undelegate}.
    function undelegate(uint256 poolId, uint256 shares) internal returns (uint256 unbondingId) {
        if (shares == 0) revert IStaking.StakingZeroAmount();
        StakingStorage.Layout storage $ = StakingStorage.layout();
        StakingStorage.Pool storage p = PoolAccounting.pool($, poolId);
        PoolAccounting.activateDue($, poolId, p);
        PoolAccounting.settle(p, PoolAccounting.emissionIndexNow($));
        StakingStorage.Delegator storage d = $.delegators[poolId][msg.sender];
        PoolAccounting.syncDelegator($, poolId, p, d, p.rewardPerShare);
        uint256 held = d.shares;
        if (shares > held) revert IStaking.StakingInsufficientShares(shares, held);
        uint256 totalActive = p.totalActive;
        uint256 totalShares = p.totalShares;
        uint256 amount = SharesMath.toAssetsDown(shares, totalActive, totalShares);
        uint256 activeAfter = totalActive - amount;
        if (activeAfter < p.reserved) revert IStaking.StakingStakeReserved(poolId, activeAfter, p.reserved);
        bool closing = msg.sender == p.operator
            && _checkSelfStake($, held - shares, activeAfter, totalShares - shares);
        // unchecked: shares <= held <= totalShares; amount <= totalActive (SharesMath rounds down).
        unchecked {
            d.shares = uint128(held - shares);
            p.totalShares = uint128(totalShares - shares);
            p.totalActive = uint96(activeAfter);
        }
        uint256 maturity;
        (unbondingId, maturity) = _enqueueUnbonding($, poolId, p, amount);
        if (closing) {
            p.closed = true;
            emit IStaking.PoolClosed(poolId);
        }
        PoolAccounting.updateEffective($, poolId, p);
        emit IStaking.Undelegated(poolId, msg.sender, unbondingId, shares, amount, maturity);
    }

    /// @dev Reverts if the operator would keep an active (slashable) stake below the minimum; true if it leaves
    ///      every active share (the pool closes). Bonding stake does not count: it is never slashed, and anyone can
    ///      create some for the operator with `delegateFor`. What is still bonding activates later into the closed
    ///      pool and is undelegated like any other stake.
    function _checkSelfStake(
        StakingStorage.Layout storage $,
        uint256 sharesAfter,
        uint256 activeAfter,
        uint256 totalSharesAfter
    ) private view returns (bool closing) {
        uint256 active = SharesMath.toAssetsDown(sharesAfter, activeAfter, totalSharesAfter);
        if (active == 0) return true;
        uint256 minimum = $.params.minSelfStake;
        if (active < minimum) revert IStaking.StakingSelfStakeBelowMinimum(active, minimum);
    }

    function _enqueueUnbonding(
        StakingStorage.Layout storage $,
        uint256 poolId,
        StakingStorage.Pool storage p,
        uint256 amount
    ) private returns (uint256 id, uint256 maturity) {
        uint256 epoch = PoolAccounting.epochOf(block.timestamp);
        StakingStorage.UnbondBucket storage b = $.unbondBuckets[poolId][epoch];
        uint256 value = b.value;
        uint256 bucketUnits = b.units;
        uint256 units = SharesMath.toSharesDown(amount, value, bucketUnits);
        // Whole-slot writes (one SSTORE each instead of one per field), in the structs' field order (first field in
        // the low bits); every field is range-checked first.
        uint256 bucketWord = uint256((value + amount).toUint112()) | uint256((bucketUnits + units).toUint112()) << 112
            | uint256(p.horizon) << 224;
        p.unbondingTotal = (uint256(p.unbondingTotal) + amount).toUint96();
        assembly ("memory-safe") {
            sstore(b.slot, bucketWord)
        }
        (id, maturity) = _addToPosition(poolId, epoch, units, block.timestamp + $.params.unbondingPeriod);
    }

    /// @dev One position per account, pool and epoch (see {StakingStorage-Unbonding}): a later request of the same
    ///      epoch merges into it (same bucket) and keeps its id; the merged position matures with its latest request
    ///      (never earlier than any request's own maturity, so no stake leaves the unbonding period early).
    function _addToPosition(uint256 poolId, uint256 epoch, uint256 units, uint256 maturity)
        private
        returns (uint256 id, uint256)
    {
        StakingStorage.Unbonding storage u = StakingStorage.layout().unbondings[msg.sender][poolId << 32 | epoch];
        uint256 word;
        // Whole-slot read (one SLOAD for the three fields; layout as the struct, first field in the low bits).
        assembly ("memory-safe") {
            word := sload(u.slot)
        }
        uint256 held = uint128(word);
        uint256 requestedAt = block.timestamp;
        if (held != 0) {
            requestedAt = uint32(word >> 160);
            maturity = Math.max(maturity, uint32(word >> 128));
        }
        // `requestedAt` fits 32 bits: it is stored, or below `maturity`, which is checked.
        id = poolId << 32 | requestedAt;
        uint256 positionWord =
            uint256((held + units).toUint128()) | uint256(maturity.toUint32()) << 128 | requestedAt << 160;
        // Whole-slot write (one SSTORE), every field range-checked above.
        assembly ("memory-safe") {
            sstore(u.slot, positionWord)
        }
        return (id, maturity);
    }
}
