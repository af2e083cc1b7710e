// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {IStaking} from "../../interfaces/IStaking.sol";
import {StakingStorage} from "./StakingStorage.sol";
import {PoolAccounting} from "./PoolAccounting.sol";
import {RewardMath} from "./RewardMath.sol";

/// @title ParametersLogic
/// @notice Validation of Staking's governed parameters, deployed as an external library (runs by DELEGATECALL in the
///         proxy's storage) to keep Staking under the contract size limit.
library ParametersLogic {
    /// @notice Validates and stores governed parameters. See {IStaking-setParameters}.
    function setParameters(IStaking.Parameters calldata prm) external {
        if (prm.minDelegation == 0) revert IStaking.StakingInvalidParameter("minDelegation");
        if (prm.maxStakePerWorker == 0) revert IStaking.StakingInvalidParameter("maxStakePerWorker");
        if (prm.maxCommissionBps > RewardMath.BPS) revert IStaking.StakingInvalidParameter("maxCommissionBps");
        if (prm.maxSlashBps == 0 || prm.maxSlashBps > RewardMath.BPS) {
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
