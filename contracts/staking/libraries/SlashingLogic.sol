// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IStaking} from "../../interfaces/IStaking.sol";
import {StakingStorage} from "./StakingStorage.sol";
import {PoolAccounting} from "./PoolAccounting.sol";
import {RewardMath} from "./RewardMath.sol";
import {WorkerLogic} from "./WorkerLogic.sol";

/// @title SlashingLogic
/// @notice The slash of Staking, deployed as an external library (runs by DELEGATECALL in the proxy's storage).
///
/// Rule (how `faultTime` is honoured exactly, in O(1) in delegators): a pool keeps an *entry horizon*, the end of the
/// latest bonding epoch that became active: every stake that ever became active in the pool entered before it.
/// - Bonding stake is never slashed (it earns nothing, is not effective and is not collateral).
/// - Active stake is slashable for the fault only if `horizon <= faultTime`: then every active share entered before
///   the fault. With bonding lasting `bondingPeriod`, faults reported within `bondingPeriod` always qualify.
/// - An unbonding epoch bucket is slashable only if (a) it was requested in or after the fault's epoch (so an operator
///   cannot escape by undelegating right after a fault; a request up to one EPOCH before the fault is caught too:
///   that is the granularity), (b) it is not older than `unbondingPeriod` (it matured), and (c) the pool's horizon at
///   its latest request was `<= faultTime` (all its stake entered before the fault).
/// The amount is `min(amount, maxSlashBps x base)` where base is the slashable stake; it is cut pro rata (rounded
/// down) from active stake (an exchange-rate cut: shares keep their number, each is worth less) and from each eligible
/// unbonding bucket (its value per unit drops). No loop over delegators; the loop over unbonding epochs is bounded by
/// `unbondingPeriod / EPOCH + 1`. Stake that entered after the fault is never touched.
library SlashingLogic {
    /// @notice Slashes pool `poolId` and jails `worker`; returns the amount cut (the caller pays it to `recipient`).
    function slash(uint256 poolId, address worker, uint256 amount, uint256 faultTime, address recipient)
        external
        returns (uint256 slashed)
    {
        if (amount == 0) revert IStaking.StakingZeroAmount();
        if (recipient == address(0)) revert IStaking.StakingZeroAddress();
        if (faultTime > block.timestamp) revert IStaking.StakingFaultInFuture(faultTime, block.timestamp);
        StakingStorage.Layout storage $ = StakingStorage.layout();
        StakingStorage.Pool storage p = PoolAccounting.pool($, poolId);
        PoolAccounting.activateDue($, poolId, p);
        PoolAccounting.settle(p, PoolAccounting.emissionIndexNow($));
        slashed = _cut($, poolId, p, amount, faultTime);
        if (worker != address(0)) WorkerLogic.jail(worker);
        PoolAccounting.updateEffective($, poolId, p);
        emit IStaking.Slashed(poolId, worker, amount, slashed, faultTime, recipient);
    }

    /// @notice The stake of `poolId` a fault at `faultTime` may reach now (the base the cap applies to).
    function slashableStake(uint256 poolId, uint256 faultTime) external view returns (uint256 base) {
        StakingStorage.Layout storage $ = StakingStorage.layout();
        StakingStorage.Pool storage p = $.pools[poolId];
        (uint256 first, uint256 last) = _epochs($, faultTime);
        base = uint256(p.horizon) * PoolAccounting.EPOCH <= faultTime ? p.totalActive : 0;
        for (uint256 e = first; e <= last; ++e) {
            StakingStorage.UnbondBucket storage b = $.unbondBuckets[poolId][e];
            if (uint256(b.horizon) * PoolAccounting.EPOCH <= faultTime) base += b.value;
        }
    }

    function _cut(
        StakingStorage.Layout storage $,
        uint256 poolId,
        StakingStorage.Pool storage p,
        uint256 amount,
        uint256 faultTime
    ) private returns (uint256 slashed) {
        (uint256 first, uint256 last) = _epochs($, faultTime);
        mapping(uint256 => StakingStorage.UnbondBucket) storage buckets = $.unbondBuckets[poolId];
        uint256 activeBase = uint256(p.horizon) * PoolAccounting.EPOCH <= faultTime ? p.totalActive : 0;
        uint256 base = activeBase;
        for (uint256 e = first; e <= last; ++e) {
            StakingStorage.UnbondBucket storage b = buckets[e];
            if (uint256(b.horizon) * PoolAccounting.EPOCH <= faultTime) base += b.value;
        }
        uint256 target = Math.min(amount, base * $.params.maxSlashBps / RewardMath.BPS);
        if (target == 0) return 0;
        slashed = Math.mulDiv(activeBase, target, base);
        p.totalActive -= uint96(slashed); // slashed <= activeBase <= totalActive
        uint256 unbondingCut;
        for (uint256 e = first; e <= last; ++e) {
            StakingStorage.UnbondBucket storage b = buckets[e];
            uint256 value = b.value;
            if (value == 0 || uint256(b.horizon) * PoolAccounting.EPOCH > faultTime) continue;
            uint256 cut = Math.mulDiv(value, target, base);
            b.value = uint112(value - cut);
            unbondingCut += cut;
        }
        p.unbondingTotal -= uint96(unbondingCut); // each cut <= its bucket's value
        slashed += unbondingCut;
    }

    /// @dev Unbonding epochs a fault at `faultTime` may reach: from the fault's epoch, none already mature.
    function _epochs(StakingStorage.Layout storage $, uint256 faultTime)
        private
        view
        returns (uint256 first, uint256 last)
    {
        last = PoolAccounting.epochOf(block.timestamp);
        uint256 period = $.params.unbondingPeriod;
        uint256 oldest = block.timestamp > period ? PoolAccounting.epochOf(block.timestamp - period) : 1;
        first = Math.max(PoolAccounting.epochOf(faultTime), oldest);
    }
}
