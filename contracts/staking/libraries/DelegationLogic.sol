// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IStaking} from "../../interfaces/IStaking.sol";
import {StakingStorage} from "./StakingStorage.sol";
import {PoolAccounting} from "./PoolAccounting.sol";
import {SharesMath} from "./SharesMath.sol";

/// @title DelegationLogic
/// @notice Undelegation of Staking, deployed as an external library (runs by DELEGATECALL in the proxy's storage) to
///         keep Staking under the contract size limit.
library DelegationLogic {
    using SafeCast for uint256;

    /// @notice See {IStaking-undelegate}.
    function undelegate(uint256 poolId, uint256 shares) external returns (uint256 unbondingId) {
        if (shares == 0) revert IStaking.StakingZeroAmount();
        StakingStorage.Layout storage $ = StakingStorage.layout();
        StakingStorage.Pool storage p = PoolAccounting.pool($, poolId);
        PoolAccounting.activateDue($, poolId, p);
        PoolAccounting.settle(p, PoolAccounting.emissionIndexNow($));
        StakingStorage.Delegator storage d = $.delegators[poolId][msg.sender];
        PoolAccounting.syncDelegator($, poolId, d, p.rewardPerShare);
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
            p.totalActive = uint128(activeAfter);
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
        uint256 units = SharesMath.toSharesDown(amount, value, b.units);
        b.value = (value + amount).toUint112();
        b.units = (uint256(b.units) + units).toUint112();
        b.horizon = p.horizon;
        p.unbondingTotal += uint128(amount);
        maturity = block.timestamp + $.params.unbondingPeriod;
        id = $.unbondingCounts[msg.sender]++;
        $.unbondings[msg.sender][id] = StakingStorage.Unbonding({
            poolId: uint64(poolId),
            requestedAt: uint32(block.timestamp),
            maturity: uint32(maturity),
            units: uint128(units)
        });
    }
}
