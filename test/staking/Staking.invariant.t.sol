// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {StakingTestBase} from "./helpers/StakingTestBase.sol";
import {StakingHandler} from "./handlers/StakingHandler.sol";
import {IStaking} from "../../contracts/interfaces/IStaking.sol";

/// @notice Money invariants of Staking under random sequences of every action.
contract StakingInvariantTest is StakingTestBase {
    StakingHandler internal handler;
    address[] internal actorList;
    uint256[] internal poolList;

    function setUp() public override {
        super.setUp();
        address op2 = makeAddr("op2");
        address[] memory workerList = new address[](2);
        workerList[0] = worker1;
        workerList[1] = worker2;
        actorList.push(alice);
        actorList.push(bob);
        actorList.push(makeAddr("carol"));
        actorList.push(makeAddr("dave"));
        actorList.push(operator);
        actorList.push(op2);
        for (uint256 i; i < actorList.length; ++i) {
            if (pha.balanceOf(actorList[i]) == 0) _mint(actorList[i], 10_000_000e18);
            vm.prank(actorList[i]);
            pha.approve(address(staking), type(uint256).max);
        }
        registry.set(worker1, operator, true);
        registry.set(worker2, op2, true);
        vm.startPrank(operator);
        poolList.push(staking.openPool(5_000e18, 1_000, 1e30));
        staking.addWorker(poolList[0], worker1);
        vm.stopPrank();
        vm.startPrank(op2);
        poolList.push(staking.openPool(5_000e18, 3_000, 1e30));
        staking.addWorker(poolList[1], worker2);
        vm.stopPrank();
        _mint(address(rewarder), 1e30);
        _mint(address(treasury), 1e30);

        handler = new StakingHandler(
            staking,
            pha,
            registry,
            actorList,
            poolList,
            workerList,
            [address(this), slasher, rewarder, collateralManager, treasury, victim]
        );
        handler.recordInitialDeposit(operator, poolList[0], 5_000e18);
        handler.recordInitialDeposit(op2, poolList[1], 5_000e18);
        // The handler acts as governance for the emission rate.
        bytes4[] memory sel = new bytes4[](1);
        sel[0] = IStaking.setEmissionRate.selector;
        manager.setTargetFunctionRole(address(staking), sel, 77);
        manager.grantRole(77, address(this), 0);
        manager.grantRole(77, address(handler), 0);
        targetContract(address(handler));
    }

    /// @notice The contract holds every active, bonding, unbonding and claimable amount plus the emission reserve.
    function invariant_solvency() public view {
        uint256 owed;
        for (uint256 p; p < poolList.length; ++p) {
            IStaking.PoolInfo memory info = staking.pool(poolList[p]);
            owed += info.activeStake + info.bondingStake + info.unbondingStake + info.commissionClaimable;
            for (uint256 a; a < actorList.length; ++a) {
                owed += staking.delegation(poolList[p], actorList[a]).claimable;
            }
        }
        (, uint256 reserve,) = staking.emission();
        owed += reserve;
        assertGe(pha.balanceOf(address(staking)), owed, "insolvent");
    }

    /// @notice Positions never add up to more than the pool holds (every rounding favours the pool).
    function invariant_roundingFavoursThePool() public view {
        for (uint256 p; p < poolList.length; ++p) {
            uint256 poolId = poolList[p];
            IStaking.PoolInfo memory info = staking.pool(poolId);
            uint256 active;
            uint256 bonding;
            uint256 unbonding;
            uint256 shares;
            for (uint256 a; a < actorList.length; ++a) {
                IStaking.DelegationInfo memory d = staking.delegation(poolId, actorList[a]);
                active += d.active;
                bonding += d.bonding;
                shares += d.shares;
                uint256[] memory ids = handler.unbondingIds(actorList[a]);
                for (uint256 i; i < ids.length; ++i) {
                    IStaking.UnbondingInfo memory u = staking.unbonding(actorList[a], ids[i]);
                    if (u.poolId == poolId) unbonding += u.amount;
                }
            }
            assertLe(active, info.activeStake, "active");
            assertLe(shares, info.totalShares, "shares");
            assertLe(unbonding, info.unbondingStake, "unbonding");
            assertLe(bonding, info.bondingStake, "bonding");
        }
    }

    /// @notice Nobody withdraws more principal than deposited; rewards paid never exceed rewards put in.
    function invariant_nobodyWithdrawsMoreThanDepositedPlusRewardsMinusSlashes() public view {
        uint256 deposits;
        uint256 withdrawals;
        for (uint256 a; a < actorList.length; ++a) {
            address who = actorList[a];
            assertLe(handler.withdrawn(who), handler.deposited(who), "principal");
            deposits += handler.deposited(who);
            withdrawals += handler.withdrawn(who);
        }
        assertLe(handler.totalClaimed(), handler.rewardsIn(), "rewards");
        assertLe(withdrawals + handler.slashedOut(), deposits, "principal after slashes");
        assertEq(pha.balanceOf(victim), handler.slashedOut(), "slashed PHA goes to the recipient");
    }

    /// @notice A slash never lowers a position that entered the pool after the fault.
    function invariant_slashNeverTouchesStakeThatEnteredAfterTheFault() public view {
        assertFalse(handler.slashTouchedLateStake());
    }

    /// @notice A slash (always within the cap here) never cuts more than its amount.
    function invariant_slashNeverCutsMoreThanItsAmount() public view {
        assertFalse(handler.slashExceededAmount());
    }
}
