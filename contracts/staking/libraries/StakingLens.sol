// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IStaking} from "../../interfaces/IStaking.sol";
import {StakingStorage} from "./StakingStorage.sol";
import {PoolAccounting} from "./PoolAccounting.sol";
import {SharesMath} from "./SharesMath.sol";
import {RewardMath} from "./RewardMath.sol";

/// @title StakingLens
/// @notice Read-only views of Staking for the SDK, deployed as an external library (runs by DELEGATECALL in the proxy's
///         storage) to keep Staking under the contract size limit.
library StakingLens {
    /// @notice See {IStaking-pool}.
    function poolInfo(uint256 poolId) external view returns (IStaking.PoolInfo memory info) {
        StakingStorage.Layout storage $ = StakingStorage.layout();
        StakingStorage.Pool storage p = $.pools[poolId];
        info.operator = p.operator;
        info.commissionBps = p.commissionBps;
        info.pendingCommissionBps = p.pendingCommissionBps;
        info.pendingCommissionAt = p.pendingCommissionAt;
        info.closed = p.closed;
        info.capacity = p.capacity;
        info.activeStake = p.totalActive;
        info.bondingStake = p.bondingTotal;
        info.unbondingStake = p.unbondingTotal;
        info.effectiveStake = p.effective;
        info.reserved = p.reserved;
        info.totalShares = p.totalShares;
        info.countedWorkers = p.countedWorkers;
        info.workers = p.workers;
        uint256 reward =
            RewardMath.poolEmission(p.effective, PoolAccounting.emissionIndexNow($), p.emissionIndexPaid);
        info.commissionClaimable = p.commissionAccrued + RewardMath.commission(reward, p.commissionBps);
        info.activeEntryHorizon = uint256(p.horizon) * PoolAccounting.EPOCH;
    }

    /// @notice See {IStaking-delegation}.
    function delegationInfo(uint256 poolId, address account)
        external
        view
        returns (IStaking.DelegationInfo memory info)
    {
        StakingStorage.Layout storage $ = StakingStorage.layout();
        StakingStorage.Pool storage p = $.pools[poolId];
        StakingStorage.Delegator storage d = $.delegators[poolId][account];
        uint256 rps = PoolAccounting.rewardPerShareNow(p, PoolAccounting.emissionIndexNow($));
        info.shares = d.shares;
        info.claimable = d.claimable + RewardMath.earnedSince(d.shares, rps, d.rewardPerSharePaid);
        uint256 e = d.bondEpoch;
        if (e != 0) {
            StakingStorage.BondBucket storage b = $.bondBuckets[poolId][e];
            if (e <= p.horizon) {
                uint256 minted = Math.mulDiv(d.bondAmount, b.shares, b.amount);
                info.shares += minted;
                info.claimable += RewardMath.earnedSince(minted, rps, $.bondBucketRps[poolId][e]);
            } else {
                // Not activated yet (if due, it activates at the pool's next interaction).
                info.bonding = d.bondAmount;
                info.bondingActivatesAt = PoolAccounting.activationTime($, e);
            }
        }
        info.active = SharesMath.toAssetsDown(info.shares, p.totalActive, p.totalShares);
    }

    /// @notice See {IStaking-unbonding}.
    function unbondingInfo(address account, uint256 unbondingId)
        external
        view
        returns (IStaking.UnbondingInfo memory info)
    {
        StakingStorage.Layout storage $ = StakingStorage.layout();
        uint256 key = PoolAccounting.positionKey(unbondingId);
        StakingStorage.Unbonding memory u = $.unbondings[account][key];
        if (u.units == 0 || u.requestedAt != uint32(unbondingId)) return info;
        info.poolId = unbondingId >> 32;
        info.requestedAt = u.requestedAt;
        StakingStorage.UnbondBucket storage b = $.unbondBuckets[info.poolId][uint32(key)];
        info.amount = SharesMath.toAssetsDown(u.units, b.value, b.units);
        info.maturity = u.maturity;
    }

    /// @notice See {IStaking-emission}.
    function emissionInfo() external view returns (uint256 ratePerSecond, uint256 reserve, uint256 totalEffective) {
        StakingStorage.Layout storage $ = StakingStorage.layout();
        totalEffective = $.totalEffective;
        ratePerSecond = $.emissionRate;
        uint256 spent = totalEffective == 0
            ? 0
            : RewardMath.emitted(ratePerSecond, $.emissionLastUpdate, $.emissionEnd, block.timestamp);
        reserve = $.emissionReserve - spent;
    }

    /// @notice See {IStakingHooks-isJailed}.
    function isJailed(address worker) external view returns (bool) {
        StakingStorage.Layout storage $ = StakingStorage.layout();
        StakingStorage.Worker storage w = $.workers[worker];
        if (w.jailed) return true;
        return w.poolId != 0 && !$.registry.isAttestedAny(worker);
    }
}
