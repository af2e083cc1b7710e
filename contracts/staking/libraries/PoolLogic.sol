// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IStaking} from "../../interfaces/IStaking.sol";
import {StakingStorage} from "./StakingStorage.sol";
import {PoolAccounting} from "./PoolAccounting.sol";
import {SharesMath} from "./SharesMath.sol";

/// @title PoolLogic
/// @notice Pool configuration, collateral, fee rewards and emission funding of Staking (the accounting; Staking moves
///         the tokens), deployed as an external library (runs by DELEGATECALL in the proxy's storage) to keep Staking
///         under the contract size limit.
library PoolLogic {
    using SafeCast for uint256;

    /// @notice Opens a pool and bonds the operator's self-stake (Staking pulls the tokens). See {IStaking-openPool}.
    function openPool(uint256 selfStake, uint16 commissionBps, uint256 capacity) external returns (uint256 poolId) {
        StakingStorage.Layout storage $ = StakingStorage.layout();
        uint256 minimum = $.params.minSelfStake;
        if (selfStake < minimum || selfStake == 0) revert IStaking.StakingSelfStakeBelowMinimum(selfStake, minimum);
        uint256 cap = $.params.maxCommissionBps;
        if (commissionBps > cap) revert IStaking.StakingCommissionAboveCap(commissionBps, cap);
        poolId = uint256($.poolCount) + 1;
        $.poolCount = uint64(poolId);
        StakingStorage.Pool storage p = $.pools[poolId];
        p.operator = msg.sender;
        p.commissionBps = commissionBps;
        p.capacity = capacity.toUint128();
        p.emissionIndexPaid = uint160(PoolAccounting.emissionIndexNow($)); // low bits on purpose (wrapping index)
        emit IStaking.PoolOpened(poolId, msg.sender, commissionBps, capacity);
        PoolAccounting.bond($, poolId, p, $.delegators[poolId][msg.sender], msg.sender, selfStake);
    }

    /// @notice Bonds the caller's rewards in `poolId` again. See {IStaking-restake}.
    function restake(uint256 poolId) external returns (uint256 amount) {
        StakingStorage.Layout storage $ = StakingStorage.layout();
        StakingStorage.Pool storage p = PoolAccounting.pool($, poolId);
        if (p.closed) revert IStaking.StakingPoolClosed(poolId);
        // Activate first, so a due bonding position becomes shares rather than moving to the current epoch.
        PoolAccounting.activateDue($, poolId, p);
        amount = PoolAccounting.takeRewards(poolId);
        emit IStaking.RewardsClaimed(poolId, msg.sender, amount, true);
        PoolAccounting.bond($, poolId, p, $.delegators[poolId][msg.sender], msg.sender, amount);
    }

    /// @notice Applies the caller's EIP-2612 permit of `amount` to Staking (see {IStaking-delegateWithPermit}).
    /// @dev A front-run permit (its nonce already used) must not block the delegation when the allowance is there.
    function permit(address token, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external {
        try IERC20Permit(token).permit(msg.sender, address(this), amount, deadline, v, r, s) {}
        catch {
            uint256 allowance = IERC20(token).allowance(msg.sender, address(this));
            if (allowance < amount) revert IStaking.StakingPermitFailed(allowance, amount);
        }
    }

    /// @notice Closes the caller's matured unbonding position; returns its value (Staking pays it).
    function withdraw(uint256 unbondingId) external returns (uint256 amount) {
        StakingStorage.Layout storage $ = StakingStorage.layout();
        uint256 key = PoolAccounting.positionKey(unbondingId);
        StakingStorage.Unbonding memory u = $.unbondings[msg.sender][key];
        // The id must be the position's own (its first request's time), not another time of the same epoch.
        if (u.units == 0 || u.requestedAt != uint32(unbondingId)) {
            revert IStaking.StakingUnknownUnbonding(msg.sender, unbondingId);
        }
        if (block.timestamp < u.maturity) revert IStaking.StakingUnbondingNotMature(unbondingId, u.maturity);
        uint256 poolId = unbondingId >> 32;
        StakingStorage.UnbondBucket storage b = $.unbondBuckets[poolId][uint32(key)];
        uint256 value = b.value;
        uint256 units = b.units;
        amount = SharesMath.toAssetsDown(u.units, value, units);
        // unchecked: amount <= value (SharesMath rounds down, u.units <= units).
        unchecked {
            b.value = uint112(value - amount);
            b.units = uint112(units - u.units);
        }
        $.pools[poolId].unbondingTotal -= uint96(amount); // amount <= the bucket's value <= unbondingTotal
        delete $.unbondings[msg.sender][key];
        emit IStaking.Withdrawn(poolId, msg.sender, unbondingId, amount);
    }

    /// @notice See {IStaking-setCommission}.
    function setCommission(uint256 poolId, uint16 commissionBps) external {
        StakingStorage.Layout storage $ = StakingStorage.layout();
        StakingStorage.Pool storage p = PoolAccounting.operatorPool($, poolId);
        uint256 cap = $.params.maxCommissionBps;
        if (commissionBps > cap) revert IStaking.StakingCommissionAboveCap(commissionBps, cap);
        PoolAccounting.settle(p, PoolAccounting.emissionIndexNow($));
        uint256 effectiveAt = block.timestamp;
        if (commissionBps <= p.commissionBps) {
            p.commissionBps = commissionBps;
            p.pendingCommissionAt = 0;
            p.pendingCommissionBps = 0;
        } else {
            effectiveAt += $.params.commissionRaiseDelay;
            p.pendingCommissionBps = commissionBps;
            p.pendingCommissionAt = effectiveAt.toUint32();
        }
        emit IStaking.CommissionUpdated(poolId, commissionBps, effectiveAt);
    }

    /// @notice See {IStaking-setCapacity}.
    function setCapacity(uint256 poolId, uint256 capacity) external {
        StakingStorage.Pool storage p = PoolAccounting.operatorPool(StakingStorage.layout(), poolId);
        p.capacity = capacity.toUint128();
        emit IStaking.CapacityUpdated(poolId, capacity);
    }

    /// @notice See {IStaking-poke}.
    function poke(uint256 poolId) external {
        StakingStorage.Layout storage $ = StakingStorage.layout();
        StakingStorage.Pool storage p = PoolAccounting.pool($, poolId);
        PoolAccounting.activateDue($, poolId, p);
        PoolAccounting.settle(p, PoolAccounting.emissionIndexNow($));
        PoolAccounting.updateEffective($, poolId, p);
    }

    /// @notice Settles `poolId` and zeroes the operator's accrued commission; returns it (Staking pays it).
    function takeCommission(uint256 poolId) external returns (uint256 amount) {
        StakingStorage.Layout storage $ = StakingStorage.layout();
        StakingStorage.Pool storage p = PoolAccounting.operatorPool($, poolId);
        PoolAccounting.settle(p, PoolAccounting.emissionIndexNow($));
        amount = p.commissionAccrued;
        if (amount == 0) revert IStaking.StakingNothingToClaim(poolId, msg.sender);
        p.commissionAccrued = 0;
        emit IStaking.CommissionClaimed(poolId, msg.sender, amount);
    }

    /// @notice Credits `amount` of fee rewards to `poolId` (Staking pulls the tokens).
    function notifyReward(uint256 poolId, uint256 amount) external {
        if (amount == 0) revert IStaking.StakingZeroAmount();
        StakingStorage.Layout storage $ = StakingStorage.layout();
        StakingStorage.Pool storage p = PoolAccounting.pool($, poolId);
        PoolAccounting.settle(p, PoolAccounting.emissionIndexNow($));
        PoolAccounting.distribute(p, amount);
        emit IStaking.RewardNotified(poolId, msg.sender, amount);
    }

    /// @notice See {IStakingHooks-reserveCollateral}.
    function reserveCollateral(uint256 poolId, uint256 amount) external {
        if (amount == 0) revert IStaking.StakingZeroAmount();
        StakingStorage.Pool storage p = PoolAccounting.pool(StakingStorage.layout(), poolId);
        uint256 free = PoolAccounting.freeStake(p);
        if (amount > free) revert IStaking.StakingInsufficientFreeStake(poolId, amount, free);
        uint256 reserved = p.reserved + amount;
        p.reserved = reserved.toUint88(); // 88 bits (~3.1e8 PHA of a pool's running jobs) share the operator's slot
        emit IStaking.CollateralReserved(poolId, amount, reserved);
    }

    /// @notice See {IStakingHooks-releaseCollateral}.
    function releaseCollateral(uint256 poolId, uint256 amount) external {
        if (amount == 0) revert IStaking.StakingZeroAmount();
        StakingStorage.Pool storage p = PoolAccounting.pool(StakingStorage.layout(), poolId);
        uint256 reserved = p.reserved;
        if (amount > reserved) revert IStaking.StakingReleaseExceedsReserved(poolId, amount, reserved);
        // unchecked: amount <= reserved.
        unchecked {
            reserved -= amount;
        }
        p.reserved = uint88(reserved); // <= the previous value
        emit IStaking.CollateralReleased(poolId, amount, reserved);
    }

    /// @notice See {IStaking-setEmissionRate}.
    function setEmissionRate(uint256 ratePerSecond) external {
        StakingStorage.Layout storage $ = StakingStorage.layout();
        PoolAccounting.checkpointEmission($);
        $.emissionRate = ratePerSecond.toUint96();
        PoolAccounting.resetEmissionEnd($);
        emit IStaking.EmissionRateUpdated(ratePerSecond);
    }

    /// @notice Adds `amount` to the emission reserve (Staking pulls the tokens).
    function fundEmission(uint256 amount) external {
        if (amount == 0) revert IStaking.StakingZeroAmount();
        StakingStorage.Layout storage $ = StakingStorage.layout();
        PoolAccounting.checkpointEmission($);
        uint256 reserve = $.emissionReserve + amount;
        $.emissionReserve = reserve.toUint96();
        PoolAccounting.resetEmissionEnd($);
        emit IStaking.EmissionFunded(msg.sender, amount, reserve);
    }
}
