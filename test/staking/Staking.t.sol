// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {StakingTestBase} from "./helpers/StakingTestBase.sol";
import {IStaking} from "../../contracts/interfaces/IStaking.sol";

contract StakingTest is StakingTestBase {
    uint256 internal constant SELF = 10_000e18;

    // ------------------------------------------------------------------ openPool

    function test_openPool_bondsSelfStakeUntilActivation() public {
        uint256 poolId = _openPool(SELF);
        assertEq(poolId, 1);
        IStaking.PoolInfo memory info = staking.pool(poolId);
        assertEq(info.operator, operator);
        assertEq(info.commissionBps, 1_000);
        assertEq(info.bondingStake, SELF);
        assertEq(info.activeStake, 0);
        IStaking.DelegationInfo memory d = staking.delegation(poolId, operator);
        assertEq(d.bonding, SELF);
        assertEq(d.bondingActivatesAt, (block.timestamp / epoch + 1) * epoch + 1 days);
        _skipBonding();
        staking.poke(poolId);
        info = staking.pool(poolId);
        assertEq(info.activeStake, SELF);
        assertEq(info.bondingStake, 0);
        d = staking.delegation(poolId, operator);
        assertEq(d.active, SELF);
        assertEq(d.bonding, 0);
        assertEq(pha.balanceOf(address(staking)), SELF);
    }

    function test_openPool_revertsBelowMinimumSelfStake() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingSelfStakeBelowMinimum.selector, 999e18, 1_000e18));
        staking.openPool(999e18, 1_000, 1e30);
    }

    function test_openPool_revertsCommissionAboveCap() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingCommissionAboveCap.selector, 5_001, 5_000));
        staking.openPool(SELF, 5_001, 1e30);
    }

    function test_openPool_revertsCapacityBelowSelfStake() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingCapacityExceeded.selector, 1, SELF, SELF - 1));
        staking.openPool(SELF, 1_000, SELF - 1);
        assertEq(staking.poolCount(), 0);
    }

    function test_openPool_revertsWhenPaused() public {
        vm.prank(guardian);
        staking.pause();
        vm.prank(operator);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        staking.openPool(SELF, 1_000, 1e30);
    }

    // ------------------------------------------------------------------ delegate

    function test_delegate_bondsThenBecomesShares() public {
        uint256 poolId = _openActivePool(SELF);
        _delegate(alice, poolId, 5_000e18);
        assertEq(staking.delegation(poolId, alice).bonding, 5_000e18);
        assertEq(staking.pool(poolId).activeStake, SELF);
        _skipBonding();
        staking.poke(poolId);
        IStaking.DelegationInfo memory d = staking.delegation(poolId, alice);
        assertEq(d.bonding, 0);
        assertApproxEqAbs(d.active, 5_000e18, 1);
        assertLe(d.active, 5_000e18);
        assertEq(staking.pool(poolId).activeStake, SELF + 5_000e18);
        assertEq(staking.pool(poolId).effectiveStake, SELF + 5_000e18);
    }

    function test_delegate_revertsZeroAmount() public {
        uint256 poolId = _openPool(SELF);
        vm.prank(alice);
        vm.expectRevert(IStaking.StakingZeroAmount.selector);
        staking.delegate(poolId, 0);
    }

    function test_delegate_revertsBelowMinimum() public {
        uint256 poolId = _openPool(SELF);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingDelegationBelowMinimum.selector, 1e17, 1e18));
        staking.delegate(poolId, 1e17);
    }

    function test_delegate_revertsUnknownPool() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingUnknownPool.selector, 7));
        staking.delegate(7, 1e18);
    }

    function test_delegate_revertsOverCapacityAndChangesNothing() public {
        vm.prank(operator);
        uint256 poolId = staking.openPool(SELF, 1_000, SELF + 100e18);
        uint256 balance = pha.balanceOf(alice);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IStaking.StakingCapacityExceeded.selector, poolId, SELF + 101e18, SELF + 100e18)
        );
        staking.delegate(poolId, 101e18);
        assertEq(pha.balanceOf(alice), balance);
        assertEq(staking.pool(poolId).bondingStake, SELF);
        _delegate(alice, poolId, 100e18);
        assertEq(staking.pool(poolId).bondingStake, SELF + 100e18);
    }

    function test_delegate_movesAnUndueBondingPositionToTheNewEpoch() public {
        uint256 poolId = _openActivePool(SELF);
        _delegate(alice, poolId, 100e18);
        vm.warp(block.timestamp + epoch);
        _delegate(alice, poolId, 50e18);
        IStaking.DelegationInfo memory d = staking.delegation(poolId, alice);
        assertEq(d.bonding, 150e18);
        assertEq(d.bondingActivatesAt, (block.timestamp / epoch + 1) * epoch + 1 days);
        vm.warp(d.bondingActivatesAt);
        staking.poke(poolId);
        assertApproxEqAbs(staking.delegation(poolId, alice).active, 150e18, 1);
    }

    function test_delegate_revertsOnClosedPool() public {
        uint256 poolId = _openActivePool(SELF);
        uint256 shares = staking.delegation(poolId, operator).shares;
        vm.prank(operator);
        staking.undelegate(poolId, shares);
        assertTrue(staking.pool(poolId).closed);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingPoolClosed.selector, poolId));
        staking.delegate(poolId, 1e18);
    }

    function test_delegateFor_cannotPostponeAnotherAccountsBonding() public {
        uint256 poolId = _openActivePool(SELF);
        _delegate(alice, poolId, 100_000e18);
        uint256 activatesAt = staking.delegation(poolId, alice).bondingActivatesAt;
        // In a later epoch, a stranger's delegation "for" alice would move her whole bonding position along (restarting
        // its bonding): refused, and nothing changed.
        vm.warp(activatesAt - 1);
        vm.prank(bob);
        vm.expectRevert(IStaking.StakingBondingPending.selector);
        staking.delegateFor(poolId, alice, 1e18);
        assertEq(staking.delegation(poolId, alice).bondingActivatesAt, activatesAt);
        // Alice activates on time and can leave.
        vm.warp(activatesAt);
        staking.poke(poolId);
        IStaking.DelegationInfo memory d = staking.delegation(poolId, alice);
        assertApproxEqAbs(d.active, 100_000e18, 1);
        vm.prank(alice);
        staking.undelegate(poolId, d.shares);
        // Alice herself may still move her own position along.
        _delegate(alice, poolId, 1e18);
        vm.warp(block.timestamp + staking.EPOCH());
        _delegate(alice, poolId, 1e18);
        assertEq(staking.delegation(poolId, alice).bonding, 2e18);
    }

    function test_undelegate_operatorFullExitClosesPoolDespiteBondingGift() public {
        uint256 poolId = _openActivePool(SELF);
        // A stranger bonds the minimum "for" the operator; it must not keep the operator from leaving.
        vm.prank(bob);
        staking.delegateFor(poolId, operator, 1e18);
        uint256 shares = staking.delegation(poolId, operator).shares;
        vm.prank(operator);
        staking.undelegate(poolId, shares);
        assertTrue(staking.pool(poolId).closed);
        // The gift activates into the closed pool and leaves like any stake.
        _skipBonding();
        staking.poke(poolId);
        IStaking.DelegationInfo memory d = staking.delegation(poolId, operator);
        assertApproxEqAbs(d.active, 1e18, 1);
        vm.prank(operator);
        staking.undelegate(poolId, d.shares);
    }

    function test_slash_atTheHighestCapLeavesLaterBondingActivatable() public {
        _setHighestSlashCap();
        uint256 poolId = _openActivePool(SELF);
        uint256 fault = block.timestamp;
        vm.warp(block.timestamp + 1 hours);
        address carol = makeAddr("carol");
        _delegate(carol, poolId, 1_000e18); // after the fault: never slashed
        for (uint256 i; i < 3; ++i) {
            (, uint256 cap) = staking.slashableStake(poolId, fault);
            vm.prank(slasher);
            staking.slash(poolId, address(0), cap, fault, victim);
        }
        assertEq(staking.pool(poolId).activeStake, SELF / 8);
        // Carol's stake activates (shares minted at the lowered price) and comes back whole.
        assertApproxEqAbs(_activateAndWithdrawAll(poolId, carol), 1_000e18, 1e6);
    }

    function test_slash_manyIncidentsStopAtThePriceFloorAndNeverBrickThePool() public {
        _setHighestSlashCap();
        uint256 poolId = _openActivePool(SELF);
        // Forty slashes at the highest cap would divide the share price by 2^40; the floor stops active cuts at a
        // 100,000-fold drop, and what a slash could not cut is reported.
        uint256 cutTotal;
        uint256 askedTotal;
        for (uint256 i; i < 40; ++i) {
            (, uint256 cap) = staking.slashableStake(poolId, block.timestamp);
            vm.prank(slasher);
            cutTotal += staking.slash(poolId, address(0), cap, block.timestamp, victim);
            askedTotal += cap;
        }
        IStaking.PoolInfo memory info = staking.pool(poolId);
        assertGe(info.activeStake * 1e11, info.totalShares);
        assertLt(cutTotal, askedTotal);
        assertEq(pha.balanceOf(victim), cutTotal);
        // A new delegation still activates (no share overflow) and comes back whole.
        address carol = makeAddr("carol");
        _delegate(carol, poolId, 1_000_000e18);
        assertApproxEqAbs(_activateAndWithdrawAll(poolId, carol), 1_000_000e18, 1e6);
    }

    /// @dev Sets `maxSlashBps` to the highest value governance may set (5,000).
    function _setHighestSlashCap() internal {
        IStaking.Parameters memory prm = defaultParams();
        prm.maxSlashBps = 5_000;
        staking.setParameters(prm);
    }

    /// @dev Activates what `who` has bonding in `poolId`, undelegates all its shares and withdraws them once mature.
    function _activateAndWithdrawAll(uint256 poolId, address who) internal returns (uint256 withdrawn) {
        _skipBonding();
        staking.poke(poolId);
        uint256 shares = staking.delegation(poolId, who).shares;
        vm.prank(who);
        uint256 id = staking.undelegate(poolId, shares);
        vm.warp(block.timestamp + staking.parameters().unbondingPeriod);
        vm.prank(who);
        withdrawn = staking.withdraw(id);
    }

    function test_delegateWithPermit_delegatesInOneTransaction() public {
        uint256 poolId = _openPool(SELF);
        (address signer, uint256 key) = makeAddrAndKey("permitSigner");
        _mint(signer, 100e18);
        (uint8 v, bytes32 r, bytes32 s) = _permit(key, signer, 100e18, block.timestamp + 1 hours);
        vm.prank(signer);
        staking.delegateWithPermit(poolId, 100e18, block.timestamp + 1 hours, v, r, s);
        assertEq(staking.delegation(poolId, signer).bonding, 100e18);
        assertEq(pha.balanceOf(signer), 0);
    }

    function test_delegateWithPermit_proceedsWhenPermitWasFrontRun() public {
        uint256 poolId = _openPool(SELF);
        (address signer, uint256 key) = makeAddrAndKey("permitSigner");
        _mint(signer, 100e18);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permit(key, signer, 100e18, deadline);
        pha.permit(signer, address(staking), 100e18, deadline, v, r, s); // the front-runner
        vm.prank(signer);
        staking.delegateWithPermit(poolId, 100e18, deadline, v, r, s);
        assertEq(staking.delegation(poolId, signer).bonding, 100e18);
    }

    function test_delegateWithPermit_revertsWhenPermitFailsWithoutAllowance() public {
        uint256 poolId = _openPool(SELF);
        (address signer, uint256 key) = makeAddrAndKey("permitSigner");
        _mint(signer, 100e18);
        (uint8 v, bytes32 r, bytes32 s) = _permit(key, signer, 100e18, block.timestamp + 1 hours);
        vm.prank(signer);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingPermitFailed.selector, 0, 100e18));
        staking.delegateWithPermit(poolId, 100e18, block.timestamp + 2 hours, v, r, s); // wrong deadline
    }

    function test_delegateFor_creditsTheBeneficiary() public {
        uint256 poolId = _openActivePool(SELF);
        vm.prank(bob);
        uint256 shares = staking.delegateFor(poolId, alice, 10e18);
        assertEq(staking.delegation(poolId, alice).bonding, 10e18);
        assertEq(staking.delegation(poolId, bob).bonding, 0);
        // The returned shares are what activation mints (no slash in between).
        _skipBonding();
        staking.poke(poolId);
        assertEq(staking.delegation(poolId, alice).shares, shares);
        assertGt(shares, 0);
    }

    function test_delegateFor_quotesAtTheCurrentExchangeRate() public {
        uint256 poolId = _openPool(SELF);
        vm.prank(bob);
        // No active stake yet: the virtual shares set the price (1e6 shares per wei).
        assertEq(staking.delegateFor(poolId, alice, 10e18), 10e18 * 1e6);
    }

    // ------------------------------------------------------------------ workers

    function test_addWorker_countsAnAttestedWorker() public {
        uint256 poolId = _openActivePool(SELF);
        assertEq(staking.poolOfWorker(worker1), poolId);
        IStaking.WorkerInfo memory w = staking.workerInfo(worker1);
        assertTrue(w.counted);
        assertEq(staking.pool(poolId).countedWorkers, 1);
    }

    function test_addWorker_revertsForAnotherOperatorsWorker() public {
        uint256 poolId = _openPool(SELF);
        registry.set(worker1, alice, true);
        vm.prank(operator);
        vm.expectRevert(
            abi.encodeWithSelector(IStaking.StakingWorkerOperatorMismatch.selector, worker1, alice, operator)
        );
        staking.addWorker(poolId, worker1);
    }

    function test_addWorker_revertsWhenNotPoolOperator() public {
        uint256 poolId = _openPool(SELF);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingNotPoolOperator.selector, poolId, alice));
        staking.addWorker(poolId, worker1);
    }

    function test_addWorker_revertsWhenAlreadyAssigned() public {
        uint256 poolId = _openActivePool(SELF);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingWorkerAlreadyAssigned.selector, worker1, poolId));
        staking.addWorker(poolId, worker1);
    }

    function test_effectiveStake_isCappedPerWorker() public {
        uint256 poolId = _openActivePool(SELF);
        _delegate(alice, poolId, 200_000e18);
        _skipBonding();
        staking.poke(poolId);
        assertEq(staking.pool(poolId).effectiveStake, 100_000e18);
        registry.set(worker2, operator, true);
        vm.prank(operator);
        staking.addWorker(poolId, worker2);
        assertEq(staking.pool(poolId).effectiveStake, 200_000e18);
    }

    function test_syncWorker_dropsAWorkerWhoseAttestationLapsed() public {
        uint256 poolId = _openActivePool(SELF);
        registry.setAttested(worker1, false);
        assertTrue(staking.isJailed(worker1)); // live: de-attested reads jailed at once
        assertEq(staking.pool(poolId).effectiveStake, SELF); // checkpoint until synced
        vm.prank(bob);
        staking.syncWorker(worker1);
        assertEq(staking.pool(poolId).effectiveStake, 0);
        registry.setAttested(worker1, true);
        assertFalse(staking.isJailed(worker1));
        staking.syncWorker(worker1);
        assertEq(staking.pool(poolId).effectiveStake, SELF);
    }

    function test_syncWorker_revertsForUnassignedWorker() public {
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingWorkerUnassigned.selector, worker2));
        staking.syncWorker(worker2);
    }

    function test_removeWorker_dropsEffectiveStake() public {
        uint256 poolId = _openActivePool(SELF);
        vm.prank(operator);
        staking.removeWorker(poolId, worker1);
        assertEq(staking.pool(poolId).effectiveStake, 0);
        assertEq(staking.poolOfWorker(worker1), 0);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingWorkerNotInPool.selector, worker1, poolId));
        staking.removeWorker(poolId, worker1);
    }

    // ------------------------------------------------------------------ rewards

    function test_emission_isSharedByEffectiveStakeAndIdleStakeEarnsNothing() public {
        uint256 poolA = _openActivePool(SELF);
        address op2 = makeAddr("op2");
        _mint(op2, 100_000e18);
        vm.startPrank(op2);
        pha.approve(address(staking), type(uint256).max);
        uint256 poolB = staking.openPool(30_000e18, 0, 1e30);
        uint256 poolC = staking.openPool(30_000e18, 0, 1e30); // no worker: idle
        registry.set(worker2, op2, true);
        staking.addWorker(poolB, worker2);
        vm.stopPrank();
        _skipBonding();
        staking.poke(poolB);
        staking.poke(poolC);
        _fundEmission(1_000_000e18, 1e18);
        vm.warp(block.timestamp + 1_000);
        // 1000 PHA over effective 10k (A) and 30k (B): A gets 250, B 750; C nothing.
        uint256 a = staking.delegation(poolA, operator).claimable + staking.pool(poolA).commissionClaimable;
        uint256 b = staking.delegation(poolB, op2).claimable + staking.pool(poolB).commissionClaimable;
        assertApproxEqAbs(a, 250e18, 1e9);
        assertApproxEqAbs(b, 750e18, 1e9);
        assertEq(staking.delegation(poolC, op2).claimable, 0);
        assertApproxEqAbs(staking.pool(poolA).commissionClaimable, 25e18, 1e9);
    }

    function test_claim_paysDelegatorsProRataAfterCommission() public {
        uint256 poolId = _openActivePool(SELF);
        _delegate(alice, poolId, 30_000e18);
        _skipBonding();
        staking.poke(poolId);
        _fundEmission(1_000_000e18, 1e18);
        vm.warp(block.timestamp + 1_000);
        uint256 before = pha.balanceOf(alice);
        vm.prank(alice);
        uint256 got = staking.claim(poolId);
        // 1000 PHA, 10% commission, alice has 3/4 of the shares.
        assertApproxEqRel(got, 675e18, 1e12);
        assertLe(got, 675e18);
        assertEq(pha.balanceOf(alice) - before, got);
        vm.prank(operator);
        uint256 commission = staking.claimCommission(poolId);
        assertApproxEqRel(commission, 100e18, 1e12);
        vm.prank(operator);
        assertApproxEqRel(staking.claim(poolId), 225e18, 1e12);
    }

    function test_claim_revertsWhenNothingToClaim() public {
        uint256 poolId = _openActivePool(SELF);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingNothingToClaim.selector, poolId, alice));
        staking.claim(poolId);
    }

    function test_claim_worksWhilePaused() public {
        uint256 poolId = _openActivePool(SELF);
        _fundEmission(1_000e18, 1e18);
        vm.warp(block.timestamp + 10);
        vm.prank(guardian);
        staking.pause();
        vm.prank(operator);
        assertGt(staking.claim(poolId), 0);
    }

    function test_emission_stopsWhenTheReserveRunsOut() public {
        uint256 poolId = _openActivePool(SELF);
        _fundEmission(100e18, 1e18);
        vm.warp(block.timestamp + 1_000);
        uint256 owed = staking.delegation(poolId, operator).claimable + staking.pool(poolId).commissionClaimable;
        assertApproxEqAbs(owed, 100e18, 1e9);
        assertLe(owed, 100e18);
        (, uint256 reserve,) = staking.emission();
        assertEq(reserve, 0);
    }

    function test_notifyReward_creditsFeesAfterCommission() public {
        uint256 poolId = _openActivePool(SELF);
        vm.prank(rewarder);
        staking.notifyReward(poolId, 100e18);
        assertApproxEqAbs(staking.delegation(poolId, operator).claimable, 90e18, 1e9);
        assertEq(staking.pool(poolId).commissionClaimable, 10e18);
    }

    function test_notifyReward_revertsForUnauthorizedCaller() public {
        uint256 poolId = _openActivePool(SELF);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, alice));
        staking.notifyReward(poolId, 100e18);
    }

    function test_notifyReward_revertsZeroAmount() public {
        uint256 poolId = _openActivePool(SELF);
        vm.prank(rewarder);
        vm.expectRevert(IStaking.StakingZeroAmount.selector);
        staking.notifyReward(poolId, 0);
    }

    function test_notifyReward_heldUntilThePoolHasShares() public {
        uint256 poolId = _openPool(SELF);
        vm.prank(rewarder);
        staking.notifyReward(poolId, 100e18);
        _skipBonding();
        staking.poke(poolId);
        assertApproxEqAbs(staking.delegation(poolId, operator).claimable, 90e18, 1e9);
    }

    function test_restake_bondsTheRewards() public {
        uint256 poolId = _openActivePool(SELF);
        vm.prank(rewarder);
        staking.notifyReward(poolId, 100e18);
        vm.prank(operator);
        uint256 amount = staking.restake(poolId);
        assertApproxEqAbs(amount, 90e18, 1e9);
        assertEq(staking.delegation(poolId, operator).bonding, amount);
        assertEq(staking.delegation(poolId, operator).claimable, 0);
    }

    // ------------------------------------------------------------------ commission

    function test_setCommission_raiseTakesEffectAfterTheDelay() public {
        uint256 poolId = _openActivePool(SELF);
        vm.prank(operator);
        staking.setCommission(poolId, 2_000);
        IStaking.PoolInfo memory info = staking.pool(poolId);
        assertEq(info.commissionBps, 1_000);
        assertEq(info.pendingCommissionBps, 2_000);
        assertEq(info.pendingCommissionAt, block.timestamp + 7 days);
        vm.prank(rewarder);
        staking.notifyReward(poolId, 100e18);
        assertEq(staking.pool(poolId).commissionClaimable, 10e18);
        vm.warp(block.timestamp + 7 days);
        vm.prank(rewarder);
        staking.notifyReward(poolId, 100e18);
        assertEq(staking.pool(poolId).commissionBps, 2_000);
        assertEq(staking.pool(poolId).commissionClaimable, 30e18);
    }

    function test_setCommission_cutAppliesAtOnce() public {
        uint256 poolId = _openActivePool(SELF);
        vm.prank(operator);
        staking.setCommission(poolId, 500);
        assertEq(staking.pool(poolId).commissionBps, 500);
    }

    function test_setCommission_revertsAboveCap() public {
        uint256 poolId = _openActivePool(SELF);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingCommissionAboveCap.selector, 6_000, 5_000));
        staking.setCommission(poolId, 6_000);
    }

    function test_setCommission_revertsWhenNotOperator() public {
        uint256 poolId = _openActivePool(SELF);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingNotPoolOperator.selector, poolId, alice));
        staking.setCommission(poolId, 500);
    }

    // ------------------------------------------------------------------ unbonding

    function test_undelegate_thenWithdrawAfterThePeriod() public {
        uint256 poolId = _openActivePool(SELF);
        _delegate(alice, poolId, 5_000e18);
        _skipBonding();
        staking.poke(poolId);
        uint256 shares = staking.delegation(poolId, alice).shares;
        vm.prank(alice);
        uint256 id = staking.undelegate(poolId, shares);
        IStaking.UnbondingInfo memory u = staking.unbonding(alice, id);
        assertEq(u.poolId, poolId);
        assertApproxEqAbs(u.amount, 5_000e18, 2);
        assertEq(u.maturity, block.timestamp + 7 days);
        assertEq(staking.pool(poolId).activeStake, SELF + 5_000e18 - staking.pool(poolId).unbondingStake);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingUnbondingNotMature.selector, id, u.maturity));
        staking.withdraw(id);
        vm.warp(u.maturity);
        uint256 before = pha.balanceOf(alice);
        vm.prank(alice);
        uint256 amount = staking.withdraw(id);
        assertEq(amount, u.amount);
        assertEq(pha.balanceOf(alice) - before, amount);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingUnknownUnbonding.selector, alice, id));
        staking.withdraw(id);
    }

    function test_undelegate_idNamesThePoolAndTheRequestTime() public {
        uint256 poolId = _openActivePool(SELF);
        _delegate(alice, poolId, 5_000e18);
        _skipBonding();
        staking.poke(poolId);
        uint256 shares = staking.delegation(poolId, alice).shares;
        vm.warp((block.timestamp / 6 hours + 1) * 6 hours); // the start of an epoch
        vm.prank(alice);
        uint256 first = staking.undelegate(poolId, shares / 4);
        uint256 firstAt = block.timestamp;
        assertEq(first, poolId << 32 | firstAt);
        assertEq(staking.unbonding(alice, first).requestedAt, firstAt);
        uint256 quarter = staking.unbonding(alice, first).amount;
        // A later request of the same epoch merges into the position: same id, the sum, the later maturity.
        vm.warp(firstAt + 1 hours);
        vm.prank(alice);
        uint256 merged = staking.undelegate(poolId, shares / 4);
        assertEq(merged, first);
        IStaking.UnbondingInfo memory u = staking.unbonding(alice, first);
        assertEq(u.requestedAt, firstAt);
        assertEq(u.maturity, block.timestamp + 7 days);
        assertApproxEqAbs(u.amount, 2 * quarter, 2);
        // Another time of the epoch is not the position's id.
        assertEq(staking.unbonding(alice, poolId << 32 | block.timestamp).amount, 0);
        // A request in a later epoch is a separate position.
        vm.warp(firstAt + 6 hours);
        vm.prank(alice);
        uint256 second = staking.undelegate(poolId, shares / 4);
        assertEq(second, poolId << 32 | block.timestamp);
        assertApproxEqAbs(staking.unbonding(alice, second).amount, quarter, 2);
        assertApproxEqAbs(staking.unbonding(alice, first).amount, 2 * quarter, 2);
        // The merged position matures with its latest request: the first request's own maturity is not enough.
        vm.warp(firstAt + 7 days);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingUnbondingNotMature.selector, first, u.maturity));
        staking.withdraw(first);
        vm.warp(u.maturity);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IStaking.StakingUnknownUnbonding.selector, alice, poolId << 32 | (firstAt + 1 hours))
        );
        staking.withdraw(poolId << 32 | (firstAt + 1 hours));
        uint256 before = pha.balanceOf(alice);
        vm.prank(alice);
        assertEq(staking.withdraw(first), u.amount);
        assertEq(pha.balanceOf(alice) - before, u.amount);
        // Nobody else owns the other one.
        assertEq(staking.unbonding(bob, second).amount, 0);
    }

    function test_undelegate_mergesRequestsOfTheSameBlock() public {
        uint256 poolId = _openActivePool(SELF);
        _delegate(alice, poolId, 5_000e18);
        _skipBonding();
        staking.poke(poolId);
        uint256 shares = staking.delegation(poolId, alice).shares;
        vm.startPrank(alice);
        uint256 first = staking.undelegate(poolId, shares / 2);
        uint256 second = staking.undelegate(poolId, shares - shares / 2);
        vm.stopPrank();
        assertEq(first, second);
        IStaking.UnbondingInfo memory u = staking.unbonding(alice, first);
        assertApproxEqAbs(u.amount, 5_000e18, 3);
        vm.warp(u.maturity);
        vm.prank(alice);
        assertEq(staking.withdraw(first), u.amount);
        assertEq(staking.pool(poolId).unbondingStake, 0);
    }

    function test_undelegate_revertsZeroShares() public {
        uint256 poolId = _openActivePool(SELF);
        vm.prank(alice);
        vm.expectRevert(IStaking.StakingZeroAmount.selector);
        staking.undelegate(poolId, 0);
    }

    function test_undelegate_revertsWithMoreSharesThanHeld() public {
        uint256 poolId = _openActivePool(SELF);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingInsufficientShares.selector, 1, 0));
        staking.undelegate(poolId, 1);
    }

    function test_undelegate_revertsUnknownPool() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingUnknownPool.selector, 3));
        staking.undelegate(3, 1);
    }

    function test_undelegate_operatorCannotDropBelowMinimumSelfStake() public {
        uint256 poolId = _openActivePool(SELF);
        uint256 shares = staking.delegation(poolId, operator).shares;
        vm.prank(operator);
        vm.expectPartialRevert(IStaking.StakingSelfStakeBelowMinimum.selector);
        staking.undelegate(poolId, shares * 95 / 100);
    }

    function test_undelegate_operatorBondingDoesNotCountTowardTheMinimum() public {
        uint256 poolId = _openActivePool(SELF);
        // The operator tops up (bonding, never slashed), then tries to keep only 500 PHA active: refused.
        _delegate(operator, poolId, 5_000e18);
        uint256 shares = staking.delegation(poolId, operator).shares;
        vm.prank(operator);
        vm.expectPartialRevert(IStaking.StakingSelfStakeBelowMinimum.selector); // ~500 PHA active, minimum 1,000
        staking.undelegate(poolId, shares * 95 / 100);
        // Keeping the minimum active is allowed.
        vm.prank(operator);
        staking.undelegate(poolId, shares * 89 / 100);
        assertApproxEqAbs(staking.delegation(poolId, operator).active, 1_100e18, 1);
    }

    function test_delegate_operatorCannotPostponeItsOwnBonding() public {
        uint256 poolId = _openPool(SELF);
        uint256 activatesAt = staking.delegation(poolId, operator).bondingActivatesAt;
        // Re-bonding its self-stake before it activates would keep it bonding (never slashable) for ever: refused.
        vm.warp(activatesAt - 1);
        vm.prank(operator);
        vm.expectRevert(IStaking.StakingBondingPending.selector);
        staking.delegate(poolId, 1e18);
        vm.warp(activatesAt);
        staking.poke(poolId);
        assertApproxEqAbs(staking.delegation(poolId, operator).active, SELF, 1);
        // Once active, the operator may add stake again.
        _delegate(operator, poolId, 1e18);
        assertEq(staking.delegation(poolId, operator).bonding, 1e18);
    }

    function test_undelegate_operatorFullExitClosesThePool() public {
        uint256 poolId = _openActivePool(SELF);
        uint256 shares = staking.delegation(poolId, operator).shares;
        vm.prank(operator);
        staking.undelegate(poolId, shares);
        assertTrue(staking.pool(poolId).closed);
        assertEq(staking.pool(poolId).effectiveStake, 0);
    }

    function test_undelegate_revertsBelowReservedCollateral() public {
        uint256 poolId = _openActivePool(SELF);
        vm.prank(collateralManager);
        staking.reserveCollateral(poolId, SELF);
        uint256 shares = staking.delegation(poolId, operator).shares;
        vm.prank(operator);
        vm.expectPartialRevert(IStaking.StakingStakeReserved.selector);
        staking.undelegate(poolId, shares);
    }

    function test_withdraw_worksWhilePaused() public {
        uint256 poolId = _openActivePool(SELF);
        _delegate(alice, poolId, 5_000e18);
        _skipBonding();
        staking.poke(poolId);
        uint256 shares = staking.delegation(poolId, alice).shares;
        vm.prank(alice);
        uint256 id = staking.undelegate(poolId, shares);
        vm.prank(guardian);
        staking.pause();
        vm.warp(block.timestamp + 7 days);
        vm.prank(alice);
        assertGt(staking.withdraw(id), 0);
    }

    // ------------------------------------------------------------------ slashing

    function test_slash_revertsForUnauthorizedSlasher() public {
        uint256 poolId = _openActivePool(SELF);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, alice));
        staking.slash(poolId, worker1, 1e18, block.timestamp, victim);
    }

    function test_slash_takesExactlyTheCapAtTheGovernedFraction() public {
        uint256 poolId = _openActivePool(SELF);
        (uint256 stake, uint256 cap) = staking.slashableStake(poolId, block.timestamp);
        assertEq(stake, SELF);
        assertEq(cap, SELF / 10); // maxSlashBps 1,000
        vm.prank(slasher);
        uint256 slashed = staking.slash(poolId, address(0), cap, block.timestamp, victim);
        assertEq(slashed, SELF / 10);
        assertEq(pha.balanceOf(victim), SELF / 10);
        assertEq(staking.pool(poolId).activeStake, SELF - SELF / 10);
        assertApproxEqAbs(staking.delegation(poolId, operator).active, SELF - SELF / 10, 1);
        // The cap follows the stake left: a second incident may take a tenth of what remains.
        (stake, cap) = staking.slashableStake(poolId, block.timestamp);
        assertEq(stake, SELF - SELF / 10);
        assertEq(cap, (SELF - SELF / 10) / 10);
    }

    function test_slash_revertsAboveCap() public {
        uint256 poolId = _openActivePool(SELF);
        uint256 cap = SELF / 10;
        uint256 stakingBalance = pha.balanceOf(address(staking));
        IStaking.PoolInfo memory before = staking.pool(poolId);
        IStaking.DelegationInfo memory opBefore = staking.delegation(poolId, operator);
        vm.prank(slasher);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingSlashAboveCap.selector, poolId, cap + 1, cap));
        staking.slash(poolId, worker1, cap + 1, block.timestamp, victim);
        // Nothing changed: no PHA moved, the pool and its delegation are as they were, the worker is not jailed.
        assertEq(pha.balanceOf(victim), 0);
        assertEq(pha.balanceOf(address(staking)), stakingBalance);
        assertEq(keccak256(abi.encode(staking.pool(poolId))), keccak256(abi.encode(before)));
        assertEq(keccak256(abi.encode(staking.delegation(poolId, operator))), keccak256(abi.encode(opBefore)));
        assertFalse(staking.isJailed(worker1));
        assertEq(staking.pool(poolId).effectiveStake, SELF);
        (uint256 stake, uint256 capNow) = staking.slashableStake(poolId, block.timestamp);
        assertEq(stake, SELF);
        assertEq(capNow, cap);
    }

    function test_slash_zeroAmountOnlyJails() public {
        uint256 poolId = _openActivePool(SELF);
        vm.expectEmit(address(staking));
        emit IStaking.Slashed(poolId, worker1, 0, 0, block.timestamp, victim);
        vm.prank(slasher);
        assertEq(staking.slash(poolId, worker1, 0, block.timestamp, victim), 0);
        assertTrue(staking.isJailed(worker1));
        assertEq(staking.pool(poolId).activeStake, SELF);
        assertEq(pha.balanceOf(victim), 0);
    }

    function test_slash_revertsZeroAmountFutureFaultAndZeroRecipient() public {
        uint256 poolId = _openActivePool(SELF);
        vm.startPrank(slasher);
        vm.expectRevert(IStaking.StakingZeroAmount.selector); // no amount and no worker to jail
        staking.slash(poolId, address(0), 0, block.timestamp, victim);
        vm.expectRevert(
            abi.encodeWithSelector(IStaking.StakingFaultInFuture.selector, block.timestamp + 1, block.timestamp)
        );
        staking.slash(poolId, worker1, 1, block.timestamp + 1, victim);
        vm.expectRevert(IStaking.StakingZeroAddress.selector);
        staking.slash(poolId, worker1, 1, block.timestamp, address(0));
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingUnknownPool.selector, 9));
        staking.slash(9, worker1, 1, block.timestamp, victim);
        vm.stopPrank();
    }

    function test_slash_cutsActiveAndUnbondingProRata() public {
        uint256 poolId = _openActivePool(SELF);
        _delegate(alice, poolId, 10_000e18);
        _skipBonding();
        staking.poke(poolId);
        uint256 fault = block.timestamp;
        vm.warp(block.timestamp + 1 hours);
        uint256 shares = staking.delegation(poolId, alice).shares;
        vm.prank(alice);
        uint256 id = staking.undelegate(poolId, shares / 2); // after the fault: still slashable
        vm.prank(slasher);
        uint256 slashed = staking.slash(poolId, address(0), 1_000e18, fault, victim);
        assertEq(slashed, 1_000e18); // exact: active stake absorbs the buckets' rounding dust
        assertEq(pha.balanceOf(victim), slashed);
        // 20k slashable (15k active + 5k unbonding), 1k cut: everyone loses 5%.
        assertApproxEqRel(staking.unbonding(alice, id).amount, 5_000e18 * 95 / 100, 1e12);
        assertApproxEqRel(staking.delegation(poolId, alice).active, 5_000e18 * 95 / 100, 1e12);
        assertApproxEqRel(staking.delegation(poolId, operator).active, SELF * 95 / 100, 1e12);
    }

    function test_slash_neverTouchesStakeThatEnteredAfterTheFault() public {
        uint256 poolId = _openActivePool(SELF);
        uint256 fault = block.timestamp;
        vm.warp(block.timestamp + 1);
        _delegate(alice, poolId, 10_000e18); // bonding: never slashed
        vm.prank(slasher);
        staking.slash(poolId, address(0), 500e18, fault, victim);
        assertEq(staking.delegation(poolId, alice).bonding, 10_000e18);
        assertEq(staking.pool(poolId).activeStake, SELF - 500e18);
        // Once alice's stake is active, the pool's horizon is after the fault: the old fault reaches nothing.
        _skipBonding();
        staking.poke(poolId);
        (uint256 stake, uint256 cap) = staking.slashableStake(poolId, fault);
        assertEq(stake, 0);
        assertEq(cap, 0);
        vm.prank(slasher);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingSlashAboveCap.selector, poolId, 500e18, 0));
        staking.slash(poolId, address(0), 500e18, fault, victim);
        assertApproxEqAbs(staking.delegation(poolId, alice).active, 10_000e18, 2);
        // A fault after her entry reaches everything.
        (stake, cap) = staking.slashableStake(poolId, block.timestamp);
        assertEq(stake, staking.pool(poolId).activeStake);
        assertEq(cap, stake / 10);
    }

    function test_slashableStake_seesDueBondingAsTheSlashWill() public {
        uint256 poolId = _openActivePool(SELF);
        uint256 before = block.timestamp;
        vm.warp(block.timestamp + epoch);
        _delegate(alice, poolId, 10_000e18);
        _skipBonding(); // due, not activated yet: the slash activates it first
        // A fault before alice's entry: once her stake is active nothing is reachable, and the view already says so.
        (uint256 stake, uint256 cap) = staking.slashableStake(poolId, before);
        assertEq(stake, 0);
        assertEq(cap, 0);
        vm.prank(slasher);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingSlashAboveCap.selector, poolId, 1, 0));
        staking.slash(poolId, address(0), 1, before, victim);
        // A fault now reaches her due stake too: the whole cap is slashable without a poke.
        (stake, cap) = staking.slashableStake(poolId, block.timestamp);
        assertEq(stake, SELF + 10_000e18);
        assertEq(cap, (SELF + 10_000e18) / 10);
        vm.prank(slasher);
        assertEq(staking.slash(poolId, address(0), cap, block.timestamp, victim), cap);
        assertEq(staking.pool(poolId).activeStake, SELF + 10_000e18 - cap);
    }

    function test_slash_spareUnbondingRequestedEpochsBeforeTheFault() public {
        uint256 poolId = _openActivePool(SELF);
        _delegate(alice, poolId, 10_000e18);
        _skipBonding();
        staking.poke(poolId);
        uint256 shares = staking.delegation(poolId, alice).shares;
        vm.prank(alice);
        uint256 id = staking.undelegate(poolId, shares);
        uint256 before = staking.unbonding(alice, id).amount;
        vm.warp(block.timestamp + 2 * epoch);
        vm.prank(slasher);
        staking.slash(poolId, address(0), 1_000e18, block.timestamp - 1, victim);
        assertEq(staking.unbonding(alice, id).amount, before);
    }

    function test_slash_jailsTheWorkerUntilUnjailedAfterReattestation() public {
        uint256 poolId = _openActivePool(SELF);
        vm.prank(slasher);
        staking.slash(poolId, worker1, 1e18, block.timestamp, victim);
        assertTrue(staking.isJailed(worker1));
        assertEq(staking.pool(poolId).effectiveStake, 0);
        staking.syncWorker(worker1); // still jailed: does not count
        assertEq(staking.pool(poolId).effectiveStake, 0);
        vm.startPrank(operator);
        vm.expectRevert(
            abi.encodeWithSelector(IStaking.StakingJailPeriodNotOver.selector, worker1, block.timestamp + 1 days)
        );
        staking.unjail(worker1);
        vm.warp(block.timestamp + 1 days);
        registry.setAttested(worker1, false);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingWorkerNotAttested.selector, worker1));
        staking.unjail(worker1);
        registry.setAttested(worker1, true);
        staking.unjail(worker1);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingWorkerNotJailed.selector, worker1));
        staking.unjail(worker1);
        vm.stopPrank();
        assertFalse(staking.isJailed(worker1));
        assertGt(staking.pool(poolId).effectiveStake, 0);
    }

    function test_workerPoolState_poolStoredJailFlagFreeStakeAndOperator() public {
        uint256 poolId = _openActivePool(SELF);
        (uint256 pid, bool jailed, uint256 free, address poolOperator) = staking.workerPoolState(worker1);
        assertEq(pid, poolId);
        assertFalse(jailed);
        assertEq(free, SELF);
        assertEq(poolOperator, operator);
        vm.prank(collateralManager);
        staking.reserveCollateral(poolId, 4_000e18);
        (,, free,) = staking.workerPoolState(worker1);
        assertEq(free, staking.freeStake(poolId));
        assertEq(free, 6_000e18);
        // De-attested: isJailed reads it live; workerPoolState reports the stored flag only (its caller checks
        // attestation itself).
        registry.setAttested(worker1, false);
        assertTrue(staking.isJailed(worker1));
        (, jailed,,) = staking.workerPoolState(worker1);
        assertFalse(jailed);
        registry.setAttested(worker1, true);
        vm.prank(slasher);
        staking.slash(poolId, worker1, 1e18, block.timestamp, victim);
        (pid, jailed,,) = staking.workerPoolState(worker1);
        assertEq(pid, poolId);
        assertTrue(jailed);
        (pid, jailed, free, poolOperator) = staking.workerPoolState(makeAddr("unassigned"));
        assertEq(pid, 0);
        assertFalse(jailed);
        assertEq(free, 0);
        assertEq(poolOperator, address(0));
    }

    function test_closedPool_offersNoFreeStake() public {
        uint256 poolId = _openActivePool(SELF);
        vm.startPrank(alice);
        staking.delegate(poolId, 5_000e18);
        vm.stopPrank();
        vm.warp(block.timestamp + staking.EPOCH() + 1 days);
        staking.poke(poolId);
        uint256 shares = staking.delegation(poolId, operator).shares;
        vm.prank(operator);
        staking.undelegate(poolId, shares);
        assertTrue(staking.pool(poolId).closed);
        // Alice's stake stays, but a closed pool backs no new job: no free stake, no reservation.
        assertGt(staking.pool(poolId).activeStake, 0);
        assertEq(staking.freeStake(poolId), 0);
        (,,, address poolOperator) = staking.workerPoolState(worker1);
        assertEq(poolOperator, address(0)); // closed
        vm.prank(collateralManager);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingInsufficientFreeStake.selector, poolId, 1e18, 0));
        staking.reserveCollateral(poolId, 1e18);
    }

    // ------------------------------------------------------------------ collateral

    function test_reserveCollateral_reducesFreeStakeUntilReleased() public {
        uint256 poolId = _openActivePool(SELF);
        assertEq(staking.freeStake(poolId), SELF);
        vm.prank(collateralManager);
        staking.reserveCollateral(poolId, 4_000e18);
        assertEq(staking.freeStake(poolId), 6_000e18);
        vm.prank(collateralManager);
        vm.expectRevert(
            abi.encodeWithSelector(IStaking.StakingInsufficientFreeStake.selector, poolId, 7_000e18, 6_000e18)
        );
        staking.reserveCollateral(poolId, 7_000e18);
        vm.prank(collateralManager);
        vm.expectRevert(
            abi.encodeWithSelector(IStaking.StakingReleaseExceedsReserved.selector, poolId, 5_000e18, 4_000e18)
        );
        staking.releaseCollateral(poolId, 5_000e18);
        vm.prank(collateralManager);
        staking.releaseCollateral(poolId, 4_000e18);
        assertEq(staking.freeStake(poolId), SELF);
    }

    function test_reserveCollateral_revertsForUnauthorizedCaller() public {
        uint256 poolId = _openActivePool(SELF);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, alice));
        staking.reserveCollateral(poolId, 1);
    }

    function test_reserveCollateral_revertsZeroAmountAndUnknownPool() public {
        vm.startPrank(collateralManager);
        vm.expectRevert(IStaking.StakingZeroAmount.selector);
        staking.reserveCollateral(1, 0);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingUnknownPool.selector, 1));
        staking.reserveCollateral(1, 1);
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ governance

    function test_setParameters_revertsForNonGovernance() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, alice));
        staking.setParameters(defaultParams());
    }

    function test_setParameters_rejectsOutOfRangeValues() public {
        IStaking.Parameters memory p = defaultParams();
        p.maxSlashBps = 5_001;
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingInvalidParameter.selector, "maxSlashBps"));
        staking.setParameters(p);
        p = defaultParams();
        p.minDelegation = 0;
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingInvalidParameter.selector, "minDelegation"));
        staking.setParameters(p);
    }

    function test_setEmissionRate_revertsForNonGovernance() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, alice));
        staking.setEmissionRate(1);
    }

    function test_fundEmission_revertsZeroAmount() public {
        vm.expectRevert(IStaking.StakingZeroAmount.selector);
        staking.fundEmission(0);
    }

    function test_version_isSemver() public view {
        assertEq(staking.version(), "1.0.0");
    }

    // ------------------------------------------------------------------ helpers

    function _permit(uint256 key, address owner, uint256 value, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        bytes32 typehash =
            keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
        bytes32 structHash =
            keccak256(abi.encode(typehash, owner, address(staking), value, pha.nonces(owner), deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", pha.DOMAIN_SEPARATOR(), structHash));
        (v, r, s) = vm.sign(key, digest);
    }
}
