// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IStaking} from "../../interfaces/IStaking.sol";
import {StakingStorage} from "./StakingStorage.sol";
import {SharesMath} from "./SharesMath.sol";
import {RewardMath} from "./RewardMath.sol";

/// @title PoolAccounting
/// @notice Internal accounting shared by Staking and its logic libraries: the global emission index, pool settlement,
///         the effective-stake checkpoint, bonding activation, delegator sync and worker counting.
/// @dev Emission is lazy: the index "now" is a pure function of stored state and the clock, so a claim reads it
///      without writing; the stored index is only written (checkpointed) when the total effective stake, the rate or
///      the reserve changes, and the checkpoint writes exactly the value the lazy read returns. The global index, the
///      pools' reward per share and their paid checkpoints are stored as their low 160 bits and only ever compared by
///      wrapping difference (see {RewardMath}).
library PoolAccounting {
    using SafeCast for uint256;

    /// @notice Length of an epoch in seconds (granularity of bonding and of unbonding slashability).
    uint256 internal constant EPOCH = 6 hours;

    // ---- lookups ----

    function pool(StakingStorage.Layout storage $, uint256 poolId)
        internal
        view
        returns (StakingStorage.Pool storage p)
    {
        p = $.pools[poolId];
        if (p.operator == address(0)) revert IStaking.StakingUnknownPool(poolId);
    }

    function operatorPool(StakingStorage.Layout storage $, uint256 poolId)
        internal
        view
        returns (StakingStorage.Pool storage p)
    {
        p = pool($, poolId);
        if (p.operator != msg.sender) revert IStaking.StakingNotPoolOperator(poolId, msg.sender);
    }

    /// @dev Zero for a closed pool: its operator left, so its (delegators') stake backs no new job.
    function freeStake(StakingStorage.Pool storage p) internal view returns (uint256) {
        uint256 active = p.totalActive;
        uint256 reserved = p.reserved;
        return active > reserved && !p.closed ? active - reserved : 0;
    }

    // ---- time ----

    /// @dev Epochs are numbered from 1 so that 0 can mean "none".
    function epochOf(uint256 time) internal pure returns (uint256) {
        return time / EPOCH + 1;
    }

    /// @dev Storage key of the unbonding position with id `unbondingId` (`poolId << 32 | requestedAt`): its pool and
    ///      request epoch (see {StakingStorage-Unbonding}).
    function positionKey(uint256 unbondingId) internal pure returns (uint256) {
        return (unbondingId >> 32) << 32 | epochOf(uint32(unbondingId));
    }

    /// @dev Stake that entered in epoch `e` (before `e * EPOCH`) activates `bondingPeriod` after the epoch ends.
    function activationTime(StakingStorage.Layout storage $, uint256 e) internal view returns (uint256) {
        return e * EPOCH + $.params.bondingPeriod;
    }

    // ---- emission ----

    /// @dev The global emission index at this block, computed without writing.
    function emissionIndexNow(StakingStorage.Layout storage $) internal view returns (uint256) {
        uint256 total = $.totalEffective;
        if (total == 0) return $.emissionIndex;
        uint256 amount = RewardMath.emitted($.emissionRate, $.emissionLastUpdate, $.emissionEnd, block.timestamp);
        return RewardMath.advanceIndex($.emissionIndex, amount, total);
    }

    /// @dev Writes the index and consumes the emitted PHA from the reserve (same index as `emissionIndexNow`).
    function checkpointEmission(StakingStorage.Layout storage $) internal {
        uint256 last = $.emissionLastUpdate;
        if (last == block.timestamp) return;
        uint256 total = $.totalEffective;
        $.emissionLastUpdate = uint32(block.timestamp);
        if (total != 0) {
            uint256 amount = RewardMath.emitted($.emissionRate, last, $.emissionEnd, block.timestamp);
            if (amount != 0) {
                // Low 160 bits on purpose (wrapping index); `amount` never exceeds the reserve (see `emissionEnd`).
                $.emissionIndex = uint160(RewardMath.advanceIndex($.emissionIndex, amount, total));
                $.emissionReserve -= uint96(amount);
            }
        } else {
            // Nothing was consumed while nobody was effective: the reserve's end moves with the clock.
            resetEmissionEnd($);
        }
    }

    /// @dev The time the reserve runs out at the current rate (call after a checkpoint).
    function resetEmissionEnd(StakingStorage.Layout storage $) internal {
        uint256 rate = $.emissionRate;
        uint256 end = rate == 0 ? block.timestamp : block.timestamp + $.emissionReserve / rate;
        $.emissionEnd = uint32(Math.min(end, type(uint32).max));
    }

    // ---- pool rewards ----

    /// @dev Credits the pool's emission since it last settled (at its checkpointed effective stake), then applies a
    ///      commission raise whose time has come (so a raise never applies to rewards accrued before it).
    function settle(StakingStorage.Pool storage p, uint256 index) internal {
        uint160 paid = p.emissionIndexPaid;
        uint256 reward;
        if (uint160(index) != paid) {
            reward = RewardMath.poolEmission(p.effective, index, paid);
            p.emissionIndexPaid = uint160(index);
        }
        if (reward != 0) distribute(p, reward);
        uint256 at = p.pendingCommissionAt;
        if (at != 0 && block.timestamp >= at) {
            p.commissionBps = p.pendingCommissionBps;
            p.pendingCommissionAt = 0;
            p.pendingCommissionBps = 0;
        }
    }

    /// @dev Commission to the operator; the rest to shares, or held in `undistributed` while the pool has no shares
    ///      (shared out when shares are next minted, see `activateDue`).
    function distribute(StakingStorage.Pool storage p, uint256 amount) internal {
        uint256 fee = RewardMath.commission(amount, p.commissionBps);
        if (fee != 0) p.commissionAccrued = (uint256(p.commissionAccrued) + fee).toUint96();
        uint256 rest = amount - fee;
        uint256 totalShares = p.totalShares;
        if (totalShares == 0) {
            p.undistributed = (uint256(p.undistributed) + rest).toUint96();
        } else {
            // Low 160 bits on purpose (wrapping accumulator).
            p.rewardPerShare = uint160(RewardMath.advanceRewardPerShare(p.rewardPerShare, rest, totalShares));
        }
    }

    /// @dev What `settle` would make the reward per share now, without writing (`undistributed` is zero whenever
    ///      there are shares).
    function rewardPerShareNow(StakingStorage.Pool storage p, uint256 index) internal view returns (uint256) {
        uint256 rps = p.rewardPerShare;
        uint256 reward = RewardMath.poolEmission(p.effective, index, p.emissionIndexPaid);
        if (reward == 0) return rps;
        uint256 totalShares = p.totalShares;
        if (totalShares == 0) return rps;
        uint256 rest = reward - RewardMath.commission(reward, p.commissionBps);
        return RewardMath.advanceRewardPerShare(rps, rest, totalShares);
    }

    /// @dev Re-computes the pool's effective stake; the pool must already be settled at this block's index.
    function updateEffective(StakingStorage.Layout storage $, uint256 poolId, StakingStorage.Pool storage p)
        internal
    {
        uint256 old = p.effective;
        uint256 next =
            p.closed ? 0 : Math.min(p.totalActive, uint256(p.countedWorkers) * $.params.maxStakePerWorker);
        if (next == old) return;
        checkpointEmission($);
        uint256 total = $.totalEffective - old + next;
        $.totalEffective = total.toUint96();
        p.effective = uint96(next); // <= totalActive (96 bits)
        emit IStaking.EffectiveStakeUpdated(poolId, next, total);
    }

    // ---- bonding ----

    /// @dev Activates every due bonding epoch of the pool, oldest first (each epoch is activated once).
    function activateDue(StakingStorage.Layout storage $, uint256 poolId, StakingStorage.Pool storage p) internal {
        uint256 e = p.bondHead;
        if (e == 0 || block.timestamp < activationTime($, e)) return;
        settle(p, emissionIndexNow($));
        uint256 rps = p.rewardPerShare;
        uint256 totalActive = p.totalActive;
        uint256 totalShares = p.totalShares;
        uint256 bonding = p.bondingTotal;
        uint256 horizon = p.horizon;
        while (e != 0 && block.timestamp >= activationTime($, e)) {
            StakingStorage.BondBucket storage b = $.bondBuckets[poolId][e];
            uint256 amount = b.amount;
            uint256 next = b.next;
            if (amount != 0) {
                uint256 shares = SharesMath.toSharesDown(amount, totalActive, totalShares);
                b.shares = shares.toUint128();
                $.bondBucketRps[poolId][e] = uint160(rps);
                totalActive += amount;
                totalShares += shares;
                bonding -= amount;
                horizon = e;
                emit IStaking.BondingActivated(poolId, e, amount, shares, e * EPOCH);
            }
            e = next;
        }
        p.bondHead = uint32(e);
        if (e == 0) p.bondTail = 0;
        p.totalActive = totalActive.toUint96();
        p.totalShares = totalShares.toUint128();
        p.bondingTotal = uint96(bonding); // <= the previous total
        p.horizon = uint32(horizon);
        // Rewards held while the pool had no shares go to the shares just minted (keeps `undistributed` zero whenever
        // there are shares, so claims never read it).
        uint256 held = p.undistributed;
        if (held != 0 && totalShares != 0) {
            p.undistributed = 0;
            p.rewardPerShare = uint160(RewardMath.advanceRewardPerShare(rps, held, totalShares));
        }
        updateEffective($, poolId, p);
    }

    /// @dev Accrues `d`'s rewards up to `rps` and turns its bonding position into shares if its epoch activated
    ///      (epochs activate in order, so an epoch at or before the pool's horizon has activated; a delegator's epoch
    ///      always holds its stake, so it set the horizon when it activated).
    function syncDelegator(
        StakingStorage.Layout storage $,
        uint256 poolId,
        StakingStorage.Pool storage p,
        StakingStorage.Delegator storage d,
        uint256 rps
    ) internal {
        uint256 shares = d.shares;
        uint256 claimable = d.claimable + RewardMath.earnedSince(shares, rps, d.rewardPerSharePaid);
        uint256 e = d.bondEpoch;
        if (e != 0 && e <= p.horizon) {
            StakingStorage.BondBucket storage b = $.bondBuckets[poolId][e];
            // Rounded down: the sum over the epoch's delegators never exceeds the shares minted for it.
            uint256 minted = Math.mulDiv(d.bondAmount, b.shares, b.amount);
            claimable += RewardMath.earnedSince(minted, rps, $.bondBucketRps[poolId][e]);
            shares += minted;
            d.bondEpoch = 0;
            d.bondAmount = 0;
            d.shares = shares.toUint128();
        }
        d.claimable = claimable.toUint96();
        d.rewardPerSharePaid = uint160(rps); // low bits on purpose (see StakingStorage.Delegator)
    }

    // ---- workers ----

    /// @dev Re-reads `worker`'s status and updates its pool's counted workers and effective stake if it changed.
    function syncWorker(
        StakingStorage.Layout storage $,
        uint256 poolId,
        StakingStorage.Pool storage p,
        address worker,
        StakingStorage.Worker storage w
    ) internal {
        bool valid = !w.jailed && !p.closed && $.registry.isAttestedAny(worker)
            && $.registry.operatorOf(worker) == p.operator;
        if (valid != w.counted) setCounted($, poolId, p, worker, w, valid);
    }

    function setCounted(
        StakingStorage.Layout storage $,
        uint256 poolId,
        StakingStorage.Pool storage p,
        address worker,
        StakingStorage.Worker storage w,
        bool counted
    ) internal {
        settle(p, emissionIndexNow($));
        w.counted = counted;
        p.countedWorkers = counted ? p.countedWorkers + 1 : p.countedWorkers - 1;
        emit IStaking.WorkerSynced(poolId, worker, counted);
        updateEffective($, poolId, p);
    }

    // ---- delegation ----

    /// @dev Adds `amount` to `account`'s bonding position in the current epoch. An older position not yet active moves
    ///      along: that only delays its activation (bonding stake earns nothing and is never slashed).
    function bond(
        StakingStorage.Layout storage $,
        uint256 poolId,
        StakingStorage.Pool storage p,
        StakingStorage.Delegator storage d,
        address account,
        uint256 amount
    ) internal {
        checkCapacity(poolId, p, amount);
        uint256 epoch = epochOf(block.timestamp);
        uint256 old = d.bondEpoch;
        uint256 added = amount;
        if (old != epoch) {
            if (old != 0) {
                // Only the account itself may postpone its bonding position: a delegation paid by another address
                // (`delegateFor`) would otherwise let anyone keep someone's stake bonding for ever. Nor may the
                // operator: re-bonding its self-stake for ever would keep it never active, so never slashable.
                if (account != msg.sender || account == p.operator) revert IStaking.StakingBondingPending();
                uint256 moved = d.bondAmount;
                $.bondBuckets[poolId][old].amount -= uint96(moved);
                added += moved;
            }
            d.bondEpoch = uint32(epoch);
        }
        d.bondAmount = (uint256(d.bondAmount) + amount).toUint96();
        addToBucket($, poolId, p, epoch, added);
        p.bondingTotal = (uint256(p.bondingTotal) + amount).toUint96();
        emit IStaking.Delegated(poolId, account, msg.sender, amount, activationTime($, epoch));
    }

    function checkCapacity(uint256 poolId, StakingStorage.Pool storage p, uint256 amount) internal view {
        uint256 stakeAfter = uint256(p.totalActive) + p.bondingTotal + amount;
        if (stakeAfter > p.capacity) revert IStaking.StakingCapacityExceeded(poolId, stakeAfter, p.capacity);
    }

    /// @dev Adds `amount` to the pool's bonding bucket of `epoch`, appending the epoch to the pool's queue if new.
    function addToBucket(
        StakingStorage.Layout storage $,
        uint256 poolId,
        StakingStorage.Pool storage p,
        uint256 epoch,
        uint256 amount
    ) internal {
        StakingStorage.BondBucket storage b = $.bondBuckets[poolId][epoch];
        uint256 tail = p.bondTail;
        if (tail != epoch) {
            // First deposit of this epoch (the current epoch is never due, so never activated yet).
            if (tail == 0) p.bondHead = uint32(epoch);
            else $.bondBuckets[poolId][tail].next = uint32(epoch);
            p.bondTail = uint32(epoch);
        }
        b.amount = (uint256(b.amount) + amount).toUint96();
    }

    /// @dev Syncs the caller's position in `poolId` and zeroes its claimable rewards; returns them. Read-only on the
    ///      pool: due bonding epochs are not activated here, and need not be: activation settles the pool first and
    ///      mints shares at the reward per share of that moment, so it never changes what existing shares have earned
    ///      (a due but not yet activated position has earned nothing yet). An unknown pool has no positions, so it
    ///      ends in `StakingNothingToClaim`.
    function takeRewards(uint256 poolId) internal returns (uint256 amount) {
        StakingStorage.Layout storage $ = StakingStorage.layout();
        StakingStorage.Pool storage p = $.pools[poolId];
        StakingStorage.Delegator storage d = $.delegators[poolId][msg.sender];
        uint256 rps = rewardPerShareNow(p, emissionIndexNow($));
        uint256 shares = d.shares;
        amount = d.claimable + RewardMath.earnedSince(shares, rps, d.rewardPerSharePaid);
        uint256 e = d.bondEpoch;
        if (e != 0 && e <= p.horizon) {
            // Its epoch activated since it last synced: turn it into shares (as `syncDelegator`).
            StakingStorage.BondBucket storage b = $.bondBuckets[poolId][e];
            uint256 minted = Math.mulDiv(d.bondAmount, b.shares, b.amount);
            amount += RewardMath.earnedSince(minted, rps, $.bondBucketRps[poolId][e]);
            d.shares = (shares + minted).toUint128();
            d.bondEpoch = 0;
            d.bondAmount = 0;
        }
        if (amount == 0) revert IStaking.StakingNothingToClaim(poolId, msg.sender);
        d.claimable = 0;
        d.rewardPerSharePaid = uint160(rps); // low bits on purpose (see StakingStorage.Delegator)
    }
}
