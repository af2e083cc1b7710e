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
/// The cap of one slash is `maxSlashBps x base`, where base is that slashable stake: a larger amount reverts
/// ({IStaking-StakingSlashAboveCap}); {IStakingHooks-slashableStake} reports both, so slashers can stay within it.
/// The amount is cut pro rata (rounded down) from each eligible unbonding bucket (its value per unit drops) and the
/// rest from active stake (an exchange-rate cut: shares keep their number, each is worth less), which so absorbs the
/// rounding dust: the total cut is never more than `amount`, and exactly `amount` unless the slashable active stake is
/// too small to absorb that dust (then short of it by less than one wei per bucket) or the pool's share price is at its
/// floor. No loop over delegators; the loop over unbonding epochs is bounded by `unbondingPeriod / EPOCH + 1`. Stake
/// that entered after the fault is never touched.
///
/// Price floor: active stake is never cut below `totalShares / MAX_SHARES_PER_WEI`, so a pool's share price (at most
/// 1e6 shares per wei at opening) falls at most 100,000-fold, however many slashes it takes. Below that, activating a
/// new bonding epoch could mint more shares than 128 bits hold, and every call that activates (delegate, undelegate,
/// poke, slash) would revert for the pool for good. A slash that meets the floor cuts less than `amount` (reported).
library SlashingLogic {
    /// @notice Most shares one wei of a pool's active stake may stand for (see the price floor above).
    uint256 internal constant MAX_SHARES_PER_WEI = 1e11;

    /// @notice Slashes `amount` of pool `poolId` and jails `worker`; returns the amount cut (the caller pays it to
    ///         `recipient`). A zero `amount` only jails (`worker` must then be non-zero).
    function slash(uint256 poolId, address worker, uint256 amount, uint256 faultTime, address recipient)
        external
        returns (uint256 slashed)
    {
        if (amount == 0 && worker == address(0)) revert IStaking.StakingZeroAmount();
        if (recipient == address(0)) revert IStaking.StakingZeroAddress();
        if (faultTime > block.timestamp) revert IStaking.StakingFaultInFuture(faultTime, block.timestamp);
        StakingStorage.Layout storage $ = StakingStorage.layout();
        StakingStorage.Pool storage p = PoolAccounting.pool($, poolId);
        PoolAccounting.activateDue($, poolId, p);
        (uint256 activeBase, uint256 base, uint256 first, uint256 last) = _bases($, poolId, p, faultTime);
        uint256 cap = base * $.params.maxSlashBps / RewardMath.BPS;
        if (amount > cap) revert IStaking.StakingSlashAboveCap(poolId, amount, cap);
        PoolAccounting.settle(p, PoolAccounting.emissionIndexNow($));
        if (amount != 0) slashed = _cut($, poolId, p, amount, faultTime, activeBase, base, first, last);
        if (worker != address(0)) WorkerLogic.jail(worker);
        PoolAccounting.updateEffective($, poolId, p);
        emit IStaking.Slashed(poolId, worker, amount, slashed, faultTime, recipient);
    }

    /// @notice See {IStakingHooks-slashableStake}: as {slash} would see it now (bonding stake now due counts as
    ///         activated, as {slash} activates it first).
    function slashableStake(uint256 poolId, uint256 faultTime) external view returns (uint256 stake, uint256 cap) {
        StakingStorage.Layout storage $ = StakingStorage.layout();
        (, stake,,) = _bases($, poolId, $.pools[poolId], faultTime);
        cap = stake * $.params.maxSlashBps / RewardMath.BPS;
    }

    /// @dev The slashable active stake, the whole slashable stake and the unbonding epochs a fault at `faultTime` may
    ///      reach, counting bonding epochs now due as activated (a no-op walk after {PoolAccounting-activateDue}).
    function _bases(StakingStorage.Layout storage $, uint256 poolId, StakingStorage.Pool storage p, uint256 faultTime)
        private
        view
        returns (uint256 activeBase, uint256 base, uint256 first, uint256 last)
    {
        uint256 active = p.totalActive;
        uint256 horizon = p.horizon;
        mapping(uint256 => StakingStorage.BondBucket) storage bonds = $.bondBuckets[poolId];
        for (uint256 e = p.bondHead; e != 0 && block.timestamp >= PoolAccounting.activationTime($, e);) {
            StakingStorage.BondBucket storage b = bonds[e];
            uint256 amount = b.amount;
            if (amount != 0) (active, horizon) = (active + amount, e);
            e = b.next;
        }
        activeBase = horizon * PoolAccounting.EPOCH <= faultTime ? active : 0;
        base = activeBase;
        (first, last) = _epochs($, faultTime);
        mapping(uint256 => StakingStorage.UnbondBucket) storage buckets = $.unbondBuckets[poolId];
        for (uint256 e = first; e <= last; ++e) {
            StakingStorage.UnbondBucket storage b = buckets[e];
            if (uint256(b.horizon) * PoolAccounting.EPOCH <= faultTime) base += b.value;
        }
    }

    /// @dev Cuts `amount` (`<= base`) as the rule says; `activeBase`, `base`, `first` and `last` come from {_bases}.
    function _cut(
        StakingStorage.Layout storage $,
        uint256 poolId,
        StakingStorage.Pool storage p,
        uint256 amount,
        uint256 faultTime,
        uint256 activeBase,
        uint256 base,
        uint256 first,
        uint256 last
    ) private returns (uint256 slashed) {
        mapping(uint256 => StakingStorage.UnbondBucket) storage buckets = $.unbondBuckets[poolId];
        for (uint256 e = first; e <= last; ++e) {
            StakingStorage.UnbondBucket storage b = buckets[e];
            uint256 value = b.value;
            if (value == 0 || uint256(b.horizon) * PoolAccounting.EPOCH > faultTime) continue;
            uint256 cut = Math.mulDiv(value, amount, base);
            b.value = uint112(value - cut);
            slashed += cut;
        }
        p.unbondingTotal -= uint96(slashed); // each cut <= its bucket's value
        // The rest from active stake: its pro-rata share plus the buckets' rounding dust, within the active base
        // (the buckets' cuts sum to at most their share of `amount`, so active never gives less than its share) and
        // above the price floor.
        uint256 active = p.totalActive;
        uint256 floor = Math.ceilDiv(p.totalShares, MAX_SHARES_PER_WEI);
        uint256 activeCut = Math.min(Math.min(activeBase, amount - slashed), active > floor ? active - floor : 0);
        p.totalActive -= uint96(activeCut); // activeCut <= activeBase <= totalActive
        slashed += activeCut;
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
