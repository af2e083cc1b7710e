// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IStakingHooks} from "../../../contracts/interfaces/IStakingHooks.sol";

/// @dev In a `.t.sol` file so that Hardhat emits its artifact for the node:test e2e test (test/token/PHAMigrator.test.ts).
/// @notice Test-only stand-in for Staking until the real one lands: `delegateFor` really pulls the PHA from the caller
///         and books 1:1 shares per (pool, beneficiary). Everything the swap does not use reverts.
contract StakingHooksDouble is IStakingHooks {
    using SafeERC20 for IERC20;

    error StakingHooksDoubleUnsupported();
    error StakingHooksDoubleUnknownPool(uint256 poolId);

    IERC20 public immutable pha;
    uint256 public immutable poolCount;
    mapping(uint256 poolId => mapping(address beneficiary => uint256)) public sharesOf;
    mapping(uint256 poolId => uint256) public poolStake;

    constructor(IERC20 pha_, uint256 poolCount_) {
        pha = pha_;
        poolCount = poolCount_;
    }

    function delegateFor(uint256 poolId, address beneficiary, uint256 amount) external returns (uint256 shares) {
        if (poolId == 0 || poolId > poolCount) revert StakingHooksDoubleUnknownPool(poolId);
        pha.safeTransferFrom(msg.sender, address(this), amount);
        shares = amount;
        sharesOf[poolId][beneficiary] += shares;
        poolStake[poolId] += amount;
    }

    function poolOfWorker(address) external pure returns (uint256) {
        return 0;
    }

    function isJailed(address) external pure returns (bool) {
        return false;
    }

    function workerPoolState(address) external pure returns (uint256, bool, uint256, address) {
        return (0, false, 0, address(0));
    }

    function freeStake(uint256 poolId) external view returns (uint256) {
        return poolStake[poolId];
    }

    function reserveCollateral(uint256, uint256) external pure {
        revert StakingHooksDoubleUnsupported();
    }

    function releaseCollateral(uint256, uint256) external pure {
        revert StakingHooksDoubleUnsupported();
    }

    function slash(uint256, address, uint256, uint256, address) external pure returns (uint256) {
        revert StakingHooksDoubleUnsupported();
    }

    function slashableStake(uint256, uint256) external pure returns (uint256, uint256) {
        revert StakingHooksDoubleUnsupported();
    }

    function notifyReward(uint256, uint256) external pure {
        revert StakingHooksDoubleUnsupported();
    }
}

/// @notice A faulty staking that mints shares without pulling the PHA: the migrator must refuse it.
contract NonPullingStaking is IStakingHooks {
    function delegateFor(uint256, address, uint256 amount) external pure returns (uint256) {
        return amount;
    }

    function poolOfWorker(address) external pure returns (uint256) {
        return 0;
    }

    function isJailed(address) external pure returns (bool) {
        return false;
    }

    function workerPoolState(address) external pure returns (uint256, bool, uint256, address) {
        return (0, false, 0, address(0));
    }

    function freeStake(uint256) external pure returns (uint256) {
        return 0;
    }

    function reserveCollateral(uint256, uint256) external pure {}

    function releaseCollateral(uint256, uint256) external pure {}

    function slash(uint256, address, uint256, uint256, address) external pure returns (uint256) {
        return 0;
    }

    function slashableStake(uint256, uint256) external pure returns (uint256, uint256) {
        return (0, 0);
    }

    function notifyReward(uint256, uint256) external pure {}
}
