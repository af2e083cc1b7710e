// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {IStaking} from "../../interfaces/IStaking.sol";
import {StakingStorage} from "./StakingStorage.sol";
import {PoolAccounting} from "./PoolAccounting.sol";

/// @title WorkerLogic
/// @notice Worker assignment, sync and jail of Staking, deployed as an external library (runs by DELEGATECALL in the
///         proxy's storage) to keep Staking under the contract size limit. Only Staking calls it.
library WorkerLogic {
    /// @notice See {IStaking-addWorker}.
    function addWorker(uint256 poolId, address worker) external {
        if (worker == address(0)) revert IStaking.StakingZeroAddress();
        StakingStorage.Layout storage $ = StakingStorage.layout();
        StakingStorage.Pool storage p = PoolAccounting.operatorPool($, poolId);
        if (p.closed) revert IStaking.StakingPoolClosed(poolId);
        StakingStorage.Worker storage w = $.workers[worker];
        if (w.poolId != 0) revert IStaking.StakingWorkerAlreadyAssigned(worker, w.poolId);
        address registered = $.registry.operatorOf(worker);
        if (registered != msg.sender) revert IStaking.StakingWorkerOperatorMismatch(worker, registered, msg.sender);
        w.poolId = uint64(poolId);
        p.workers += 1;
        emit IStaking.WorkerAdded(poolId, worker);
        PoolAccounting.syncWorker($, poolId, p, worker, w);
    }

    /// @notice See {IStaking-removeWorker}.
    function removeWorker(uint256 poolId, address worker) external {
        StakingStorage.Layout storage $ = StakingStorage.layout();
        StakingStorage.Pool storage p = PoolAccounting.operatorPool($, poolId);
        StakingStorage.Worker storage w = $.workers[worker];
        if (w.poolId != poolId) revert IStaking.StakingWorkerNotInPool(worker, poolId);
        if (w.counted) PoolAccounting.setCounted($, poolId, p, worker, w, false);
        w.poolId = 0;
        p.workers -= 1;
        emit IStaking.WorkerRemoved(poolId, worker);
    }

    /// @notice See {IStaking-unjail}.
    function unjail(address worker) external {
        StakingStorage.Layout storage $ = StakingStorage.layout();
        StakingStorage.Worker storage w = $.workers[worker];
        uint256 poolId = w.poolId;
        if (poolId == 0) revert IStaking.StakingWorkerUnassigned(worker);
        StakingStorage.Pool storage p = PoolAccounting.operatorPool($, poolId);
        if (!w.jailed) revert IStaking.StakingWorkerNotJailed(worker);
        uint256 until = uint256(w.jailedAt) + $.params.jailPeriod;
        if (block.timestamp < until) revert IStaking.StakingJailPeriodNotOver(worker, until);
        if (!$.registry.isAttestedAny(worker)) revert IStaking.StakingWorkerNotAttested(worker);
        w.jailed = false;
        emit IStaking.WorkerUnjailed(worker);
        PoolAccounting.syncWorker($, poolId, p, worker, w);
    }

    /// @notice See {IStaking-syncWorker}.
    function syncWorker(address worker) external {
        StakingStorage.Layout storage $ = StakingStorage.layout();
        StakingStorage.Worker storage w = $.workers[worker];
        uint256 poolId = w.poolId;
        if (poolId == 0) revert IStaking.StakingWorkerUnassigned(worker);
        PoolAccounting.syncWorker($, poolId, $.pools[poolId], worker, w);
    }

    /// @notice Jails `worker` (a slash): it stops counting and reads jailed until unjailed.
    function jail(address worker) internal {
        StakingStorage.Layout storage $ = StakingStorage.layout();
        StakingStorage.Worker storage w = $.workers[worker];
        w.jailed = true;
        w.jailedAt = uint40(block.timestamp);
        emit IStaking.WorkerJailed(worker, block.timestamp);
        if (w.counted) {
            uint256 poolId = w.poolId;
            PoolAccounting.setCounted($, poolId, $.pools[poolId], worker, w, false);
        }
    }
}
