// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

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
            && _checkSelfStake($, held - shares, activeAfter, totalShares - shares, d.bondAmount);
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

    /// @dev Reverts if the operator would keep a stake below the minimum; true if it leaves entirely (pool closes).
    function _checkSelfStake(
        StakingStorage.Layout storage $,
        uint256 sharesAfter,
        uint256 activeAfter,
        uint256 totalSharesAfter,
        uint256 bonding
    ) private view returns (bool closing) {
        uint256 remaining = SharesMath.toAssetsDown(sharesAfter, activeAfter, totalSharesAfter) + bonding;
        if (remaining == 0) return true;
        uint256 minimum = $.params.minSelfStake;
        if (remaining < minimum) revert IStaking.StakingSelfStakeBelowMinimum(remaining, minimum);
    }

    function _enqueueUnbonding(
        StakingStorage.Layout storage $,
        uint256 poolId,
        StakingStorage.Pool storage p,
        uint256 amount
    ) private returns (uint256 id, uint256 maturity) {
        StakingStorage.UnbondBucket storage b = $.unbondBuckets[poolId][PoolAccounting.epochOf(block.timestamp)];
        uint256 value = b.value;
        uint256 bucketUnits = b.units;
        uint256 units = SharesMath.toSharesDown(amount, value, bucketUnits);
        // Whole-slot writes (one SSTORE each instead of one per field), in the structs' field order (first field in
        // the low bits); every field is range-checked first.
        uint256 bucketWord = uint256((value + amount).toUint112()) | uint256((bucketUnits + units).toUint112()) << 112
            | uint256(p.horizon) << 224;
        p.unbondingTotal = (uint256(p.unbondingTotal) + amount).toUint96();
        maturity = block.timestamp + $.params.unbondingPeriod;
        // The id names the pool and the request time; requests of one account in one pool in one block merge (same
        // bucket, same maturity).
        id = poolId << 32 | block.timestamp.toUint32();
        StakingStorage.Unbonding storage u = $.unbondings[msg.sender][id];
        uint256 positionWord = uint256((uint256(u.units) + units).toUint128()) | uint256(maturity.toUint32()) << 128;
        assembly ("memory-safe") {
            sstore(b.slot, bucketWord)
            sstore(u.slot, positionWord)
        }
    }
}
