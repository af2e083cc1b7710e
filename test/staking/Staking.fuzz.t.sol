// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {StakingTestBase} from "./helpers/StakingTestBase.sol";
import {IStaking} from "../../contracts/interfaces/IStaking.sol";
import {SharesMath} from "../../contracts/staking/libraries/SharesMath.sol";

contract StakingFuzzTest is StakingTestBase {
    function setUp() public override {
        super.setUp();
        _mint(treasury, 1e30);
    }

    // ------------------------------------------------------------------ SharesMath

    function testFuzz_sharesMath_roundTripNeverCreatesAssets(uint128 assets, uint128 totalAssets, uint128 totalShares)
        public
        pure
    {
        uint256 shares = SharesMath.toSharesDown(assets, totalAssets, totalShares);
        uint256 back = SharesMath.toAssetsDown(shares, uint256(totalAssets) + assets, uint256(totalShares) + shares);
        assertLe(back, assets);
    }

    function testFuzz_sharesMath_holdersNeverRedeemMoreThanThePool(uint128 totalAssets, uint128 totalShares, uint128 s)
        public
        pure
    {
        s = uint128(bound(s, 0, totalShares));
        assertLe(SharesMath.toAssetsDown(s, totalAssets, totalShares), totalAssets);
    }

    function testFuzz_sharesMath_sharesUpCoversSharesDown(uint128 assets, uint128 totalAssets, uint128 totalShares)
        public
        pure
    {
        assertGe(
            SharesMath.toSharesUp(assets, totalAssets, totalShares),
            SharesMath.toSharesDown(assets, totalAssets, totalShares)
        );
    }

    // ------------------------------------------------------------------ flows

    function testFuzz_delegateUndelegateWithdraw_returnsAtMostTheDeposit(uint96 amount, uint32 wait) public {
        amount = uint96(bound(amount, 1e18, 1_000_000e18));
        uint256 poolId = _openActivePool(10_000e18);
        _delegate(alice, poolId, amount);
        vm.warp(block.timestamp + bound(wait, 0, 30 days));
        _skipBonding();
        staking.poke(poolId);
        uint256 shares = staking.delegation(poolId, alice).shares;
        vm.prank(alice);
        uint256 id = staking.undelegate(poolId, shares);
        vm.warp(block.timestamp + 7 days);
        vm.prank(alice);
        uint256 out = staking.withdraw(id);
        assertLe(out, amount);
        assertGe(out + 2, amount); // loses at most rounding dust
    }

    function testFuzz_slash_cutsExactlyTheAmountWithinTheCapAndRevertsAbove(
        uint96 stake,
        uint96 amount,
        uint16 maxSlashBps
    ) public {
        stake = uint96(bound(stake, 1_000e18, 10_000_000e18));
        amount = uint96(bound(amount, 1, type(uint96).max));
        IStaking.Parameters memory p = defaultParams();
        p.maxSlashBps = uint16(bound(maxSlashBps, 1, 5_000));
        staking.setParameters(p);
        uint256 poolId = _openActivePool(stake);
        (, uint256 cap) = staking.slashableStake(poolId, block.timestamp);
        assertEq(cap, uint256(stake) * p.maxSlashBps / 10_000);
        uint256 before = pha.balanceOf(address(staking));
        if (amount > cap) {
            vm.prank(slasher);
            vm.expectRevert(abi.encodeWithSelector(IStaking.StakingSlashAboveCap.selector, poolId, amount, cap));
            staking.slash(poolId, worker1, amount, block.timestamp, victim);
            assertEq(pha.balanceOf(address(staking)), before);
            assertEq(staking.pool(poolId).activeStake, stake);
            assertFalse(staking.isJailed(worker1));
            return;
        }
        vm.prank(slasher);
        uint256 slashed = staking.slash(poolId, worker1, amount, block.timestamp, victim);
        assertEq(slashed, amount);
        assertLe(slashed, cap);
        assertEq(pha.balanceOf(victim), slashed);
        assertEq(pha.balanceOf(address(staking)), before - slashed);
        assertLe(staking.delegation(poolId, operator).active, staking.pool(poolId).activeStake);
        assertEq(staking.pool(poolId).activeStake, stake - slashed);
    }

    /// @dev Active stake and two unbonding buckets: the cut is exactly the amount (never more), within the cap.
    function testFuzz_slash_overActiveAndUnbondingNeverCutsMoreThanTheAmount(uint96 a, uint96 amount, uint32 gap)
        public
    {
        a = uint96(bound(a, 1e18, 1_000_000e18));
        uint256 poolId = _openActivePool(10_000e18);
        _delegate(alice, poolId, a);
        _skipBonding();
        staking.poke(poolId);
        uint256 fault = block.timestamp;
        uint256 shares = staking.delegation(poolId, alice).shares;
        vm.startPrank(alice);
        staking.undelegate(poolId, shares / 3);
        vm.warp(block.timestamp + epoch + bound(gap, 0, 2 days));
        staking.undelegate(poolId, shares / 3);
        vm.stopPrank();
        (uint256 stake, uint256 cap) = staking.slashableStake(poolId, fault);
        assertEq(stake, staking.pool(poolId).activeStake + staking.pool(poolId).unbondingStake);
        amount = uint96(bound(amount, 1, cap));
        uint256 before = pha.balanceOf(address(staking));
        uint256 totalBefore = stake;
        vm.prank(slasher);
        uint256 slashed = staking.slash(poolId, address(0), amount, fault, victim);
        assertEq(slashed, amount);
        assertEq(pha.balanceOf(address(staking)), before - slashed);
        assertEq(staking.pool(poolId).activeStake + staking.pool(poolId).unbondingStake, totalBefore - slashed);
    }

    function testFuzz_emission_paysAtMostWhatWasEmitted(uint96 a, uint96 b, uint64 rate, uint32 dt) public {
        a = uint96(bound(a, 1e18, 1_000_000e18));
        b = uint96(bound(b, 1e18, 1_000_000e18));
        rate = uint64(bound(rate, 1, 100e18));
        dt = uint32(bound(dt, 1, 60 days));
        uint256 poolId = _openActivePool(10_000e18);
        _delegate(alice, poolId, a);
        _delegate(bob, poolId, b);
        _skipBonding();
        staking.poke(poolId);
        _fundEmission(1_000_000_000e18, rate);
        vm.warp(block.timestamp + dt);
        uint256 paid = _claimIfAny(alice, poolId) + _claimIfAny(bob, poolId) + _claimIfAny(operator, poolId);
        if (staking.pool(poolId).commissionClaimable != 0) {
            vm.prank(operator);
            paid += staking.claimCommission(poolId);
        }
        assertLe(paid, uint256(rate) * dt);
        assertGe(paid + 1e12, uint256(rate) * dt); // rounding dust only
    }

    function testFuzz_claim_twiceInARowPaysNothingMore(uint64 rate, uint32 dt) public {
        rate = uint64(bound(rate, 1e9, 100e18));
        dt = uint32(bound(dt, 1, 30 days));
        uint256 poolId = _openActivePool(10_000e18);
        _fundEmission(1_000_000_000e18, rate);
        vm.warp(block.timestamp + dt);
        vm.prank(operator);
        staking.claim(poolId);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingNothingToClaim.selector, poolId, operator));
        staking.claim(poolId);
    }

    function testFuzz_slash_sparesStakeDelegatedAfterTheFault(uint96 late, uint32 gap) public {
        late = uint96(bound(late, 1e18, 1_000_000e18));
        uint256 poolId = _openActivePool(10_000e18);
        uint256 fault = block.timestamp;
        vm.warp(block.timestamp + bound(gap, 1, 10 days));
        _delegate(alice, poolId, late);
        _skipBonding();
        staking.poke(poolId);
        uint256 before = staking.delegation(poolId, alice).active;
        // Her entry moved the pool's horizon past the fault: nothing is reachable, so any amount is above the cap.
        (uint256 stake, uint256 cap) = staking.slashableStake(poolId, fault);
        assertEq(stake, 0);
        assertEq(cap, 0);
        vm.prank(slasher);
        vm.expectRevert(abi.encodeWithSelector(IStaking.StakingSlashAboveCap.selector, poolId, late, 0));
        staking.slash(poolId, address(0), late, fault, victim);
        vm.prank(slasher);
        staking.slash(poolId, worker1, 0, fault, victim); // a jail-only slash cuts nothing either
        assertEq(staking.delegation(poolId, alice).active, before);
    }

    function _claimIfAny(address who, uint256 poolId) internal returns (uint256) {
        if (staking.delegation(poolId, who).claimable == 0) return 0;
        vm.prank(who);
        return staking.claim(poolId);
    }
}
