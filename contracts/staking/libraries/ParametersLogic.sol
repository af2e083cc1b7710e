// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {IStaking} from "../../interfaces/IStaking.sol";
import {IWorkerRegistry} from "../../interfaces/IWorkerRegistry.sol";
import {StakingStorage} from "./StakingStorage.sol";
import {PoolAccounting} from "./PoolAccounting.sol";
import {RewardMath} from "./RewardMath.sol";

/// @title ParametersLogic
/// @notice Validation of Staking's governed parameters, deployed as an external library (runs by DELEGATECALL in the
///         proxy's storage) to keep Staking under the contract size limit.
library ParametersLogic {
    /// @notice Highest governed cap on one slash: half the stake slashable for the fault.
    uint256 internal constant MAX_SLASH_BPS = 5_000;

    /// @notice Initial state of the proxy (see {Staking-initialize}): registry, parameters, emission clock.
    function initialize(address registry_, IStaking.Parameters calldata prm) external {
        setRegistry(registry_);
        setParameters(prm);
        StakingStorage.Layout storage $ = StakingStorage.layout();
        $.emissionLastUpdate = uint32(block.timestamp);
        $.emissionEnd = uint32(block.timestamp);
    }

    /// @notice See {IStaking-setRegistry}.
    function setRegistry(address registry_) public {
        if (registry_ == address(0)) revert IStaking.StakingZeroAddress();
        StakingStorage.layout().registry = IWorkerRegistry(registry_);
        emit IStaking.RegistryUpdated(registry_);
    }

    /// @notice Validates and stores governed parameters. See {IStaking-setParameters}.
    function setParameters(IStaking.Parameters calldata prm) public {
        if (prm.minDelegation == 0) revert IStaking.StakingInvalidParameter("minDelegation");
        if (prm.maxStakePerWorker == 0) revert IStaking.StakingInvalidParameter("maxStakePerWorker");
        if (prm.maxCommissionBps > RewardMath.BPS) revert IStaking.StakingInvalidParameter("maxCommissionBps");
        // At most half per incident: a slash that wiped out a pool's active stake (a zero share price) would make the
        // next activation mint an unbounded number of shares, reverting and bricking the pool.
        if (prm.maxSlashBps == 0 || prm.maxSlashBps > MAX_SLASH_BPS) {
            revert IStaking.StakingInvalidParameter("maxSlashBps");
        }
        if (prm.unbondingPeriod < PoolAccounting.EPOCH || prm.unbondingPeriod > 90 days) {
            revert IStaking.StakingInvalidParameter("unbondingPeriod");
        }
        if (prm.bondingPeriod > 30 days) revert IStaking.StakingInvalidParameter("bondingPeriod");
        if (prm.commissionRaiseDelay > 90 days) revert IStaking.StakingInvalidParameter("commissionRaiseDelay");
        if (prm.jailPeriod > 365 days) revert IStaking.StakingInvalidParameter("jailPeriod");
        StakingStorage.layout().params = prm;
        emit IStaking.ParametersUpdated(prm);
    }
}
