// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IJobEscrow} from "../../contracts/interfaces/IJobEscrow.sol";
import {JobId} from "../../contracts/types/JobId.sol";
import {EscrowFixture} from "./helpers/EscrowFixture.sol";
import {TestStaking} from "./helpers/TestStaking.sol";
import {HostileToken} from "../mocks/HostileToken.sol";
import {HostilePayer} from "../mocks/HostilePayer.sol";

/// @notice The escrow run on a token with ERC-777-style hooks, with a payer (and operator) contract that re-enters on
///         every hook: each reentry is refused and money moves exactly once.
contract JobEscrowReentrancyTest is EscrowFixture {
    uint8 internal constant ON_SEND = 1;
    uint8 internal constant ON_RECEIVE = 2;

    HostileToken internal token;
    HostilePayer internal hostile;
    HostilePayer internal hostileOperator;

    function setUp() public override {
        super.setUp();
        token = new HostileToken();
        staking = new TestStaking(IERC20(address(token)));
        escrow = _deployEscrow(address(token), address(registry), address(staking));
        staking.setAuthorized(address(escrow), true);
        staking.assign(worker, POOL, operator);
        token.mint(address(this), 1_000_000 ether);
        token.approve(address(staking), type(uint256).max);
        staking.addStake(POOL, 1_000_000 ether);

        hostile = new HostilePayer(escrow, IERC20(address(token)));
        token.mint(address(hostile), 1_000 ether);
        hostileOperator = new HostilePayer(escrow, IERC20(address(token)));
        registry.registerSecp256k1(worker, address(hostileOperator), WORKLOAD);
        staking.assign(worker, POOL, address(hostileOperator)); // the pool is the hostile operator's
    }

    function _hostileTerms() internal returns (IJobEscrow.JobTerms memory terms) {
        terms = _terms(PRICE, address(0));
        terms.payer = address(hostile);
    }

    function _hostileCreate() internal returns (IJobEscrow.JobTerms memory terms, JobId id) {
        terms = _hostileTerms();
        id = abi.decode(hostile.call(abi.encodeCall(IJobEscrow.create, (terms))), (JobId));
    }

    function _hostileDelivered() internal returns (IJobEscrow.JobTerms memory terms, JobId id) {
        (terms, id) = _hostileCreate();
        vm.prank(worker);
        escrow.accept(terms, worker);
        escrow.deliver(terms, RESULT, _sign(workerPk, terms, RESULT));
    }

    function _assertReentryRefused(HostilePayer who) internal view {
        assertEq(who.attempts(), 1, "reentry attempted");
        assertFalse(who.lastSucceeded(), "reentry succeeded");
        assertEq(bytes4(who.lastRevert()), IJobEscrow.EscrowReentrantCall.selector);
    }

    function _status(JobId id) internal view returns (IJobEscrow.JobStatus) {
        return escrow.getJob(id).status;
    }

    function test_create_refusesRefundReentryWhilePullingPrice() public {
        IJobEscrow.JobTerms memory terms = _hostileTerms();
        hostile.arm(ON_SEND, abi.encodeCall(IJobEscrow.refund, (terms)));
        JobId id = abi.decode(hostile.call(abi.encodeCall(IJobEscrow.create, (terms))), (JobId));
        _assertReentryRefused(hostile);
        assertEq(uint8(_status(id)), uint8(IJobEscrow.JobStatus.Open));
        assertEq(token.balanceOf(address(escrow)), PRICE);
        assertEq(token.balanceOf(address(hostile)), 1_000 ether - PRICE);
    }

    function test_refund_refusesSecondRefundFromPayerOnReceipt() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _hostileCreate();
        hostile.arm(ON_RECEIVE, abi.encodeCall(IJobEscrow.refund, (terms)));
        hostile.call(abi.encodeCall(IJobEscrow.refund, (terms)));
        _assertReentryRefused(hostile);
        assertEq(uint8(_status(id)), uint8(IJobEscrow.JobStatus.Refunded));
        assertEq(token.balanceOf(address(hostile)), 1_000 ether);
        assertEq(token.balanceOf(address(escrow)), 0);
    }

    function test_refund_refusesCreateReentryOnTimeoutRefund() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _hostileCreate();
        vm.prank(worker);
        escrow.accept(terms, worker);
        vm.warp(uint256(terms.deadline) + 1);
        hostile.arm(ON_RECEIVE, abi.encodeCall(IJobEscrow.create, (_hostileTerms())));
        escrow.refund(terms);
        // The slash goes to the treasury; the hook fires on the escrow's refund of the price.
        _assertReentryRefused(hostile);
        assertEq(uint8(_status(id)), uint8(IJobEscrow.JobStatus.Refunded));
        assertEq(token.balanceOf(address(hostile)), 1_000 ether);
        assertEq(token.balanceOf(address(escrow)), 0);
    }

    function test_release_movesNoTokenSoNoHookFires() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _hostileDelivered();
        vm.warp(block.timestamp + 1 hours);
        hostileOperator.arm(ON_RECEIVE, abi.encodeCall(IJobEscrow.release, (terms)));
        escrow.release(terms);
        assertEq(hostileOperator.attempts(), 0);
        assertEq(uint8(_status(id)), uint8(IJobEscrow.JobStatus.Released));
        assertEq(escrow.creditOf(address(hostileOperator)).amount, 89 ether);
        assertEq(token.balanceOf(address(escrow)), PRICE);
    }

    function test_withdraw_refusesSecondWithdrawFromOperatorOnPayment() public {
        (IJobEscrow.JobTerms memory terms,) = _hostileDelivered();
        vm.warp(block.timestamp + 1 hours);
        escrow.release(terms);
        hostileOperator.arm(ON_RECEIVE, abi.encodeCall(IJobEscrow.withdraw, (address(hostileOperator))));
        hostileOperator.call(abi.encodeCall(IJobEscrow.withdraw, (address(hostileOperator))));
        _assertReentryRefused(hostileOperator);
        assertEq(token.balanceOf(address(hostileOperator)), 89 ether);
        assertEq(escrow.creditOf(address(hostileOperator)).amount, 0);
        // The fee booked with the credit moved to the unswept fees; the pool's reward is still pending.
        assertEq(escrow.unsweptFees(), 1 ether);
        assertEq(token.balanceOf(address(escrow)), 11 ether);
    }

    function test_withdraw_refusesReleaseBatchReentryOnPayment() public {
        IJobEscrow.JobTerms[] memory batch = new IJobEscrow.JobTerms[](2);
        (batch[0],) = _hostileDelivered();
        (batch[1],) = _hostileDelivered();
        vm.warp(block.timestamp + 1 hours);
        escrow.releaseBatch(batch);
        hostileOperator.arm(ON_RECEIVE, abi.encodeCall(IJobEscrow.releaseBatch, (batch)));
        hostileOperator.call(abi.encodeCall(IJobEscrow.withdraw, (address(hostileOperator))));
        _assertReentryRefused(hostileOperator);
        assertEq(token.balanceOf(address(hostileOperator)), 178 ether);
        assertEq(token.balanceOf(address(escrow)), 22 ether);
    }

    function test_sweepFees_refusesReentryFromTreasuryOnPayment() public {
        HostilePayer hostileTreasury = new HostilePayer(escrow, IERC20(address(token)));
        escrow.setTreasury(address(hostileTreasury));
        (IJobEscrow.JobTerms memory terms,) = _hostileDelivered();
        vm.warp(block.timestamp + 1 hours);
        escrow.release(terms);
        address[] memory ops = new address[](1);
        ops[0] = address(hostileOperator);
        hostileTreasury.arm(ON_RECEIVE, abi.encodeCall(IJobEscrow.sweepFees, (ops)));
        escrow.sweepFees(ops);
        _assertReentryRefused(hostileTreasury);
        assertEq(token.balanceOf(address(hostileTreasury)), 1 ether);
        assertEq(escrow.creditOf(address(hostileOperator)).fees, 0);
        assertEq(escrow.unsweptFees(), 0);
    }

    function test_settlePool_refusesReentryFromPayerDuringStakingPull() public {
        // The payer's hook fires when a refund pays it; settling in the same transaction is refused while locked.
        (IJobEscrow.JobTerms memory terms, JobId id) = _hostileCreate();
        vm.prank(worker);
        escrow.accept(terms, worker);
        vm.warp(uint256(terms.deadline) + 1);
        hostile.arm(ON_RECEIVE, abi.encodeCall(IJobEscrow.settlePool, (POOL)));
        escrow.refund(terms);
        _assertReentryRefused(hostile);
        assertEq(uint8(_status(id)), uint8(IJobEscrow.JobStatus.Refunded));
        // The job's collateral stays pending until a settlement outside the refund.
        assertEq(escrow.pendingSettlement(POOL).collateral, _collateral(PRICE));
        escrow.settlePool(POOL);
        assertEq(escrow.pendingSettlement(POOL).collateral, 0);
    }

    function test_dispute_refusesReentryWhilePullingBond() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _hostileDelivered();
        hostile.arm(ON_SEND, abi.encodeCall(IJobEscrow.refund, (terms)));
        hostile.call(abi.encodeCall(IJobEscrow.dispute, (terms)));
        _assertReentryRefused(hostile);
        assertEq(uint8(_status(id)), uint8(IJobEscrow.JobStatus.Disputed));
        assertEq(token.balanceOf(address(escrow)), PRICE + 10 ether);
    }

    function test_resolve_refusesReentryFromPayerOnRefund() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _hostileDelivered();
        hostile.call(abi.encodeCall(IJobEscrow.dispute, (terms)));
        hostile.arm(ON_RECEIVE, abi.encodeCall(IJobEscrow.resolveByDefault, (terms)));
        vm.prank(arbiter);
        escrow.resolve(terms, true);
        _assertReentryRefused(hostile);
        assertEq(uint8(_status(id)), uint8(IJobEscrow.JobStatus.Refunded));
        // price + bond back once (the 50 PHA slash goes to the treasury)
        assertEq(token.balanceOf(address(hostile)), 1_000 ether);
        assertEq(token.balanceOf(address(escrow)), 0);
    }

    function test_resolveByDefault_refusesReentryFromPayerOnBondReturn() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _hostileDelivered();
        hostile.call(abi.encodeCall(IJobEscrow.dispute, (terms)));
        vm.warp(block.timestamp + 1 hours + 3 days);
        hostile.arm(ON_RECEIVE, abi.encodeCall(IJobEscrow.resolveByDefault, (terms)));
        escrow.resolveByDefault(terms);
        _assertReentryRefused(hostile);
        assertEq(uint8(_status(id)), uint8(IJobEscrow.JobStatus.Released));
        assertEq(token.balanceOf(address(hostile)), 1_000 ether - PRICE);
        // The price is booked (operator credit + fee + pool reward), the bond went back.
        assertEq(token.balanceOf(address(escrow)), PRICE);
    }
}
