// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {PHA} from "../../contracts/token/PHA.sol";
import {Roles} from "../../contracts/access/Roles.sol";
import {Staking} from "../../contracts/staking/Staking.sol";
import {IStaking} from "../../contracts/interfaces/IStaking.sol";
import {IStakingHooks} from "../../contracts/interfaces/IStakingHooks.sol";
import {JobEscrow} from "../../contracts/escrow/JobEscrow.sol";
import {IJobEscrow} from "../../contracts/interfaces/IJobEscrow.sol";
import {JobId} from "../../contracts/types/JobId.sol";
import {TestWorkerRegistry} from "./helpers/TestWorkerRegistry.sol";

/// @notice The escrow against the real Staking (behind its proxy, hooks restricted by the AccessManager roles the
///         escrow is granted as in production). The registry stays the test double: real attestations need quotes.
contract JobEscrowStakingTest is Test {
    address internal constant BRIDGE = 0x4200000000000000000000000000000000000010;
    bytes32 internal constant WORKLOAD = keccak256("phala/workload/llm-inference");
    bytes32 internal constant RESULT = keccak256("result");
    uint96 internal constant PRICE = 1_000e18;

    PHA internal pha;
    AccessManager internal manager;
    TestWorkerRegistry internal registry;
    Staking internal staking;
    JobEscrow internal escrow;
    uint256 internal poolId;

    address internal treasury = makeAddr("treasury");
    address internal arbiter = makeAddr("arbiter");
    address internal operator = makeAddr("operator");
    address internal payer = makeAddr("payer");
    uint256 internal workerPk = 0xE0C1A7E;
    address internal worker = vm.addr(workerPk);
    uint256 internal salt;

    function setUp() public {
        vm.warp(1_700_000_000);
        pha = new PHA(0x6c5bA91642F10282b576d91922Ae6448C9d52f4E, BRIDGE);
        manager = new AccessManager(address(this));
        registry = new TestWorkerRegistry();
        IStaking.Parameters memory sp = IStaking.Parameters({
            minSelfStake: 1_000e18,
            minDelegation: 1e18,
            maxStakePerWorker: 100_000e18,
            maxCommissionBps: 5_000,
            maxSlashBps: 1_000,
            unbondingPeriod: 7 days,
            bondingPeriod: 1 days,
            commissionRaiseDelay: 7 days,
            jailPeriod: 1 days
        });
        staking = Staking(
            address(
                new ERC1967Proxy(
                    address(new Staking(address(pha))),
                    abi.encodeCall(Staking.initialize, (address(manager), address(registry), sp))
                )
            )
        );
        IJobEscrow.Parameters memory ep = IJobEscrow.Parameters({
            treasury: treasury,
            protocolFeeBps: 100,
            stakingShareBps: 1_000,
            challengeWindow: 1 hours,
            collateralBps: 15_000,
            timeoutPenaltyBps: 1_000,
            arbiter: arbiter,
            disputeBondBps: 1_000,
            disputeSlashBps: 5_000,
            arbitrationPeriod: 3 days,
            maxJobDuration: 7 days
        });
        escrow = JobEscrow(
            address(
                new ERC1967Proxy(
                    address(new JobEscrow(address(pha), address(registry), address(staking))),
                    abi.encodeCall(JobEscrow.initialize, (address(manager), ep))
                )
            )
        );

        // Production wiring: Staking's hooks mapped to their roles, the escrow granted all three.
        bytes4[] memory sel = new bytes4[](1);
        sel[0] = IStakingHooks.slash.selector;
        manager.setTargetFunctionRole(address(staking), sel, Roles.SLASHER);
        sel[0] = IStakingHooks.notifyReward.selector;
        manager.setTargetFunctionRole(address(staking), sel, Roles.REWARDER);
        bytes4[] memory col = new bytes4[](2);
        col[0] = IStakingHooks.reserveCollateral.selector;
        col[1] = IStakingHooks.releaseCollateral.selector;
        manager.setTargetFunctionRole(address(staking), col, Roles.COLLATERAL_MANAGER);
        manager.grantRole(Roles.SLASHER, address(escrow), 0);
        manager.grantRole(Roles.REWARDER, address(escrow), 0);
        manager.grantRole(Roles.COLLATERAL_MANAGER, address(escrow), 0);

        // An operator opens a pool backing one attested worker; the self-stake activates after the bonding period.
        registry.registerSecp256k1(worker, operator, WORKLOAD);
        _mint(operator, 100_000e18);
        _mint(payer, 100_000e18);
        vm.startPrank(operator);
        pha.approve(address(staking), type(uint256).max);
        poolId = staking.openPool(50_000e18, 1_000, 10_000_000e18);
        staking.addWorker(poolId, worker);
        vm.stopPrank();
        vm.warp(block.timestamp + staking.EPOCH() + 1 days);
        staking.poke(poolId);
        vm.prank(payer);
        pha.approve(address(escrow), type(uint256).max);
    }

    function _mint(address to, uint256 amount) internal {
        vm.prank(BRIDGE);
        pha.mint(to, amount);
    }

    /// @dev Fresh terms (a new salt) of an open job of `payer_` for any worker, due `duration` from now.
    function _terms(address payer_, uint96 price, uint256 duration) internal returns (IJobEscrow.JobTerms memory) {
        return IJobEscrow.JobTerms({
            payer: payer_,
            worker: address(0),
            price: price,
            deadline: uint40(block.timestamp + duration),
            workloadId: WORKLOAD,
            inputHash: keccak256("input"),
            salt: bytes32(++salt)
        });
    }

    function _accepted() internal returns (IJobEscrow.JobTerms memory terms, JobId id) {
        return _accepted(PRICE);
    }

    function _accepted(uint96 price) internal returns (IJobEscrow.JobTerms memory terms, JobId id) {
        terms = _terms(payer, price, 1 days);
        vm.prank(payer);
        id = escrow.create(terms);
        vm.prank(operator);
        escrow.accept(terms, worker);
    }

    function _deliver(IJobEscrow.JobTerms memory terms) internal {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(workerPk, escrow.resultDigest(terms, RESULT));
        escrow.deliver(terms, RESULT, abi.encodePacked(r, s, v));
    }

    function test_accept_reservesCollateralOnRealStaking() public {
        uint256 freeBefore = staking.freeStake(poolId);
        assertEq(escrow.getJob(_acceptedId()).poolId, poolId);
        assertEq(freeBefore - staking.freeStake(poolId), 1_500e18);
    }

    function _acceptedId() internal returns (JobId id) {
        (, id) = _accepted();
    }

    function test_release_creditsRealPoolRewardsAndFreesCollateral() public {
        uint256 freeBefore = staking.freeStake(poolId);
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        _deliver(terms);
        vm.warp(block.timestamp + 1 hours);
        uint256 stakingBefore = pha.balanceOf(address(staking));
        uint256 operatorBefore = pha.balanceOf(operator);
        escrow.release(terms);
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Released));
        // Until settled, the pool's reservation stays (stale-high by the pending collateral).
        assertEq(freeBefore - staking.freeStake(poolId), 1_500e18);
        escrow.settlePool(poolId);
        vm.prank(operator);
        escrow.withdraw(operator);
        escrow.sweepFees(new address[](0));
        assertEq(pha.balanceOf(address(staking)) - stakingBefore, 100e18);
        assertEq(pha.balanceOf(operator) - operatorBefore, 890e18);
        assertEq(pha.balanceOf(treasury), 10e18);
        assertEq(staking.freeStake(poolId), freeBefore);
        assertEq(pha.balanceOf(address(escrow)), 0);
    }

    function test_refund_timeoutSlashesRealPoolWithinItsCap() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        vm.warp(uint256(terms.deadline) + 1);
        uint256 payerBefore = pha.balanceOf(payer);
        uint256 treasuryBefore = pha.balanceOf(treasury);
        escrow.refund(terms);
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Refunded));
        // The payer gets the price back; the 10% timeout penalty (100 PHA, well within Staking's 10%-of-stake cap per
        // incident) goes to the treasury.
        assertEq(pha.balanceOf(payer) - payerBefore, PRICE);
        assertEq(pha.balanceOf(treasury) - treasuryBefore, 100e18);
        assertTrue(staking.isJailed(worker));
        assertEq(pha.balanceOf(address(escrow)), 0);
    }

    function test_refund_timeoutSlashesExactlyTheCapWhenBelowThePenalty() public {
        IStaking.Parameters memory sp = staking.parameters();
        sp.maxSlashBps = 10; // 0.1% of the 50,000 PHA stake = 50 PHA, below the 100 PHA timeout penalty
        staking.setParameters(sp);
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        vm.warp(uint256(terms.deadline) + 1);
        (uint256 stake, uint256 cap) = staking.slashableStake(poolId, terms.deadline);
        assertEq(stake, 50_000e18);
        assertEq(cap, 50e18);
        uint256 payerBefore = pha.balanceOf(payer);
        uint256 treasuryBefore = pha.balanceOf(treasury);
        vm.expectEmit(address(staking));
        emit IStaking.Slashed(poolId, worker, 50e18, 50e18, terms.deadline, treasury);
        vm.expectEmit(address(escrow));
        emit IJobEscrow.JobRefunded(id, payer, PRICE, 50e18, IJobEscrow.RefundReason.Timeout);
        escrow.refund(terms);
        assertEq(pha.balanceOf(payer) - payerBefore, PRICE);
        assertEq(pha.balanceOf(treasury) - treasuryBefore, 50e18);
        assertEq(staking.pool(poolId).activeStake, 50_000e18 - 50e18);
        assertTrue(staking.isJailed(worker));
        assertEq(pha.balanceOf(address(escrow)), 0);
    }

    function test_refund_timeoutWithNothingSlashableStillRefundsInFullAndJails() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        // A delegation made after the deadline activates before the refund: the pool's horizon passes the fault, so
        // no stake is reachable for it (cap 0), yet the refund goes through and the worker is jailed.
        vm.warp(uint256(terms.deadline) + 1);
        address late = makeAddr("late");
        _mint(late, 1_000e18);
        vm.startPrank(late);
        pha.approve(address(staking), type(uint256).max);
        staking.delegate(poolId, 1_000e18);
        vm.stopPrank();
        vm.warp(block.timestamp + staking.EPOCH() + 1 days);
        (uint256 stake, uint256 cap) = staking.slashableStake(poolId, terms.deadline);
        assertEq(stake, 0);
        assertEq(cap, 0);
        uint256 payerBefore = pha.balanceOf(payer);
        uint256 stakingBefore = pha.balanceOf(address(staking));
        vm.expectEmit(address(escrow));
        emit IJobEscrow.JobRefunded(id, payer, PRICE, 0, IJobEscrow.RefundReason.Timeout);
        escrow.refund(terms);
        assertEq(pha.balanceOf(payer) - payerBefore, PRICE);
        assertEq(pha.balanceOf(address(staking)), stakingBefore);
        assertEq(staking.pool(poolId).activeStake, 51_000e18);
        assertTrue(staking.isJailed(worker));
    }

    function test_resolve_workerAtFaultSlashesRealPool() public {
        (IJobEscrow.JobTerms memory terms,) = _accepted();
        _deliver(terms);
        vm.prank(payer);
        escrow.dispute(terms);
        uint256 payerBefore = pha.balanceOf(payer);
        uint256 treasuryBefore = pha.balanceOf(treasury);
        vm.prank(arbiter);
        escrow.resolve(terms, true);
        // Price and bond back to the payer; the 50% dispute slash (500 PHA) to the treasury.
        assertEq(pha.balanceOf(payer) - payerBefore, PRICE + 100e18);
        assertEq(pha.balanceOf(treasury) - treasuryBefore, 500e18);
        assertTrue(staking.isJailed(worker));
    }

    function test_resolve_payerWrongPaysBondToRealPool() public {
        (IJobEscrow.JobTerms memory terms,) = _accepted();
        _deliver(terms);
        vm.prank(payer);
        escrow.dispute(terms);
        uint256 stakingBefore = pha.balanceOf(address(staking));
        vm.prank(arbiter);
        escrow.resolve(terms, false);
        escrow.settlePool(poolId);
        assertEq(pha.balanceOf(address(staking)) - stakingBefore, 100e18 + 100e18);
        // What is left is the operator's credit and the fee booked with it.
        assertEq(pha.balanceOf(address(escrow)), 890e18 + 10e18);
    }

    function test_accept_takesCollateralFromPendingWithoutReserving() public {
        (IJobEscrow.JobTerms memory first,) = _accepted();
        _deliver(first);
        vm.warp(block.timestamp + 1 hours);
        escrow.release(first);
        uint256 freeBefore = staking.freeStake(poolId);
        assertEq(escrow.pendingSettlement(poolId).collateral, 1_500e18);
        // Without the collateral role the escrow cannot reserve: the second job needs no reservation.
        manager.revokeRole(Roles.COLLATERAL_MANAGER, address(escrow));
        (, JobId id) = _accepted();
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Accepted));
        assertEq(escrow.pendingSettlement(poolId).collateral, 0);
        assertEq(staking.freeStake(poolId), freeBefore);
    }

    /// @dev Stake 50,000: job A (collateral 30,000) and job B (19,500) reserve 49,500. A is released (its collateral
    ///      pending); B times out and the pool is slashed 1,300: the stake (48,700) is now below Staking's reservations
    ///      (49,500, all of it pending), so Staking reports no free stake and the escrow cannot tell how much of the
    ///      pending collateral is backed: it settles the pending collateral first and judges by Staking's figure.
    function _overReserve() internal {
        (IJobEscrow.JobTerms memory a,) = _accepted(20_000e18);
        (IJobEscrow.JobTerms memory b,) = _accepted(13_000e18);
        _deliver(a);
        vm.warp(block.timestamp + 1 hours);
        escrow.release(a);
        vm.warp(uint256(b.deadline) + 1);
        escrow.refund(b);
        assertEq(escrow.pendingSettlement(poolId).collateral, 49_500e18);
        assertEq(staking.freeStake(poolId), 0);
        vm.warp(block.timestamp + 1 days);
        vm.prank(operator);
        staking.unjail(worker);
    }

    function test_accept_settlesPendingFirstWhenPoolOverReserved() public {
        _overReserve();
        IJobEscrow.JobTerms memory terms = IJobEscrow.JobTerms({
            payer: payer,
            worker: address(0),
            price: PRICE,
            deadline: uint40(block.timestamp + 1 days),
            workloadId: WORKLOAD,
            inputHash: keccak256("input"),
            salt: bytes32(++salt)
        });
        vm.prank(payer);
        JobId id = escrow.create(terms);
        vm.expectEmit(address(escrow));
        emit IJobEscrow.PoolSettled(poolId, 0, 49_500e18);
        vm.prank(operator);
        escrow.accept(terms, worker);
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Accepted));
        assertEq(escrow.pendingSettlement(poolId).collateral, 0);
        // Staking now reserves exactly the running job's collateral.
        assertEq(staking.freeStake(poolId), 48_700e18 - 1_500e18);
    }

    function test_accept_refusedWhenOverReservedPoolLacksRealFreeStake() public {
        _overReserve();
        IJobEscrow.JobTerms memory terms = IJobEscrow.JobTerms({
            payer: payer,
            worker: address(0),
            price: 33_000e18,
            deadline: uint40(block.timestamp + 1 days),
            workloadId: WORKLOAD,
            inputHash: keccak256("input"),
            salt: bytes32(++salt)
        });
        vm.prank(payer);
        JobId id = escrow.create(terms);
        // 49,500 is pending but only 48,700 staked: the 49,500 collateral is refused, as it was before any netting.
        vm.prank(operator);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowInsufficientFreeStake.selector, poolId, 48_700e18, 49_500e18)
        );
        escrow.accept(terms, worker);
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Open));
        assertEq(escrow.pendingSettlement(poolId).collateral, 49_500e18);
    }

    function test_settlePool_passesRewardAndCollateralToRealStaking() public {
        (IJobEscrow.JobTerms memory terms,) = _accepted();
        _deliver(terms);
        vm.warp(block.timestamp + 1 hours);
        escrow.release(terms);
        uint256 freeBefore = staking.freeStake(poolId);
        uint256 stakingBefore = pha.balanceOf(address(staking));
        vm.expectEmit(address(escrow));
        emit IJobEscrow.PoolSettled(poolId, 100e18, 1_500e18);
        vm.prank(makeAddr("keeper"));
        escrow.settlePool(poolId);
        assertEq(staking.freeStake(poolId) - freeBefore, 1_500e18);
        assertEq(pha.balanceOf(address(staking)) - stakingBefore, 100e18);
        IJobEscrow.PendingSettlement memory p = escrow.pendingSettlement(poolId);
        assertEq(p.reward, 0);
        assertEq(p.collateral, 0);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowNothingToSettle.selector, poolId));
        escrow.settlePool(poolId);
    }

    function test_accept_refusedWithoutCollateralRole() public {
        manager.revokeRole(Roles.COLLATERAL_MANAGER, address(escrow));
        IJobEscrow.JobTerms memory terms = IJobEscrow.JobTerms({
            payer: payer,
            worker: address(0),
            price: PRICE,
            deadline: uint40(block.timestamp + 1 days),
            workloadId: WORKLOAD,
            inputHash: keccak256("input"),
            salt: bytes32(++salt)
        });
        vm.prank(payer);
        escrow.create(terms);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, address(escrow)));
        escrow.accept(terms, worker);
    }

    function test_accept_refusedWhenFreeStakeShort() public {
        IJobEscrow.JobTerms memory terms = IJobEscrow.JobTerms({
            payer: payer,
            worker: address(0),
            price: 40_000e18,
            deadline: uint40(block.timestamp + 1 days),
            workloadId: WORKLOAD,
            inputHash: keccak256("input"),
            salt: bytes32(++salt)
        });
        vm.prank(payer);
        JobId id = escrow.create(terms);
        uint256 free = staking.freeStake(poolId);
        vm.prank(operator);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowInsufficientFreeStake.selector, poolId, free, 60_000e18)
        );
        escrow.accept(terms, worker);
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Open));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Operator abuse: an operator (or a payer it controls) gains nothing from jobs its own worker fails, and a worker
    // only collateralizes jobs with an open pool of its own operator.
    // ---------------------------------------------------------------------------------------------------------------

    /// @dev A job of `payer_` that expires in one hour, created by `payer_` (which must hold and approve the price).
    function _created(address payer_, uint96 price) internal returns (IJobEscrow.JobTerms memory terms) {
        terms = _terms(payer_, price, 1 hours);
        vm.startPrank(payer_);
        pha.approve(address(escrow), price);
        escrow.create(terms);
        vm.stopPrank();
    }

    /// @dev PHA `account` holds plus what its active stake in the pool is worth.
    function _wealth(address account) internal view returns (uint256) {
        return pha.balanceOf(account) + staking.delegation(poolId, account).active;
    }

    /// @notice The operator pays for three jobs itself (any address it controls works the same), accepts them with its
    ///         worker in one block, lets them time out and refunds them: it gets its prices back, the penalties go to
    ///         the treasury, so it loses its share of them and gains nothing from its delegator's stake. (When slashes
    ///         were paid to the payer, this operator gained the delegator's 5,400 PHA.)
    function test_operatorGainsNothingFromItsOwnTimeouts() public {
        // A delegator brings 450,000 PHA: the operator's 50,000 are 10% of the pool.
        address delegator = makeAddr("delegator");
        _mint(delegator, 450_000e18);
        vm.startPrank(delegator);
        pha.approve(address(staking), type(uint256).max);
        staking.delegate(poolId, 450_000e18);
        vm.stopPrank();
        vm.warp(block.timestamp + staking.EPOCH() + 1 days);
        staking.poke(poolId);
        uint96 price = 20_000e18; // 3 jobs x 30,000 collateral, within the pool's 500,000 free stake
        _mint(operator, 3 * uint256(price));
        uint256 operatorBefore = _wealth(operator);
        uint256 delegatorBefore = _wealth(delegator);
        uint256 treasuryBefore = pha.balanceOf(treasury);

        IJobEscrow.JobTerms[3] memory jobs;
        for (uint256 i; i < 3; ++i) {
            jobs[i] = _created(operator, price);
            vm.prank(operator);
            escrow.accept(jobs[i], worker);
        }
        vm.warp(block.timestamp + 1 hours + 1);
        for (uint256 i; i < 3; ++i) {
            vm.prank(operator);
            escrow.refund(jobs[i]);
        }

        // 3 x 2,000 PHA slashed pro rata (10% from the operator, 90% from the delegator), all to the treasury.
        assertEq(pha.balanceOf(treasury) - treasuryBefore, 6_000e18);
        assertApproxEqAbs(operatorBefore - _wealth(operator), 600e18, 1e6);
        assertApproxEqAbs(delegatorBefore - _wealth(delegator), 5_400e18, 1e6);
    }

    /// @notice A closed pool (its operator withdrew all its stake) backs no new job: the operator, with nothing at
    ///         stake, must not take jobs collateralized by its delegators alone.
    function test_accept_refusedWhenWorkersPoolIsClosed() public {
        uint256 shares = staking.delegation(poolId, operator).shares;
        vm.prank(operator);
        staking.undelegate(poolId, shares);
        assertTrue(staking.pool(poolId).closed);
        IJobEscrow.JobTerms memory terms = _created(payer, PRICE);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowPoolClosed.selector, poolId));
        escrow.accept(terms, worker);
        assertEq(staking.freeStake(poolId), 0);
    }

    /// @notice The registry lets another operator re-register a worker while Staking keeps it in its old pool: that
    ///         operator must not take jobs on the old pool's stake (the rule by which Staking counts a worker).
    function test_accept_refusedWhenWorkerOperatorIsNotPoolOperator() public {
        address mallory = makeAddr("mallory");
        registry.registerSecp256k1(worker, mallory, WORKLOAD);
        assertEq(staking.poolOfWorker(worker), poolId);
        _mint(mallory, PRICE);
        uint256 poolBefore = staking.pool(poolId).activeStake;
        IJobEscrow.JobTerms memory terms = _created(mallory, PRICE);
        vm.prank(mallory);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowWorkerOperatorMismatch.selector, worker, mallory, operator)
        );
        escrow.accept(terms, worker);
        assertEq(staking.pool(poolId).reserved, 0);
        assertEq(staking.pool(poolId).activeStake, poolBefore);
    }
}
