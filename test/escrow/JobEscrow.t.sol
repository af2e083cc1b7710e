// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {JobEscrow} from "../../contracts/escrow/JobEscrow.sol";
import {IJobEscrow} from "../../contracts/interfaces/IJobEscrow.sol";
import {JobId} from "../../contracts/types/JobId.sol";
import {EscrowFixture} from "./helpers/EscrowFixture.sol";

contract JobEscrowTest is EscrowFixture {
    uint256 internal constant P256_PK = 0x1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef;

    // ----------------------------------------------------------------------------------------------------------------
    // Deployment and initialization
    // ----------------------------------------------------------------------------------------------------------------

    function test_initialize_setsParametersAndApprovesStaking() public view {
        IJobEscrow.Parameters memory p = escrow.parameters();
        assertEq(p.treasury, treasury);
        assertEq(p.arbiter, arbiter);
        assertEq(p.protocolFeeBps, 100);
        assertEq(p.stakingShareBps, 1_000);
        assertEq(p.collateralBps, 15_000);
        assertEq(p.challengeWindow, 1 hours);
        assertEq(p.arbitrationPeriod, 3 days);
        assertEq(p.maxJobDuration, 7 days);
        assertEq(escrow.token(), address(pha));
        assertEq(escrow.registry(), address(registry));
        assertEq(escrow.staking(), address(staking));
        assertEq(escrow.version(), "1.1.0");
        assertEq(pha.allowance(address(escrow), address(staking)), type(uint256).max);
    }

    function test_initialize_revertsWhenCalledTwice() public {
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        escrow.initialize(address(manager), _defaultParameters());
    }

    function test_initialize_revertsOnImplementation() public {
        JobEscrow implementation = new JobEscrow(address(pha), address(registry), address(staking));
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize(address(manager), _defaultParameters());
    }

    function test_initialize_revertsWhenParameterOutOfBounds() public {
        JobEscrow implementation = new JobEscrow(address(pha), address(registry), address(staking));
        IJobEscrow.Parameters memory p = _defaultParameters();
        p.protocolFeeBps = 1_001;
        vm.expectRevert(
            abi.encodeWithSelector(
                IJobEscrow.EscrowParameterOutOfBounds.selector, IJobEscrow.Parameter.ProtocolFee, 1_001, 0, 1_000
            )
        );
        new ERC1967Proxy(address(implementation), abi.encodeCall(JobEscrow.initialize, (address(manager), p)));
    }

    function test_initialize_revertsWhenTreasuryZero() public {
        JobEscrow implementation = new JobEscrow(address(pha), address(registry), address(staking));
        IJobEscrow.Parameters memory p = _defaultParameters();
        p.treasury = address(0);
        vm.expectRevert(IJobEscrow.EscrowZeroAddress.selector);
        new ERC1967Proxy(address(implementation), abi.encodeCall(JobEscrow.initialize, (address(manager), p)));
    }

    function test_constructor_revertsWhenZeroAddress() public {
        vm.expectRevert(IJobEscrow.EscrowZeroAddress.selector);
        new JobEscrow(address(0), address(registry), address(staking));
        vm.expectRevert(IJobEscrow.EscrowZeroAddress.selector);
        new JobEscrow(address(pha), address(0), address(staking));
        vm.expectRevert(IJobEscrow.EscrowZeroAddress.selector);
        new JobEscrow(address(pha), address(registry), address(0));
    }

    function test_jobId_isHashOfTerms() public {
        IJobEscrow.JobTerms memory terms = _terms(PRICE, address(0));
        assertEq(JobId.unwrap(escrow.jobId(terms)), keccak256(abi.encode(terms)));
    }

    // ----------------------------------------------------------------------------------------------------------------
    // create / createWithPermit
    // ----------------------------------------------------------------------------------------------------------------

    function test_create_pullsPriceAndOpensJob() public {
        IJobEscrow.JobTerms memory terms = _terms(PRICE, address(0));
        JobId expected = JobId.wrap(keccak256(abi.encode(terms)));
        uint256 before = pha.balanceOf(payer);

        vm.expectEmit(address(escrow));
        emit IJobEscrow.JobCreated(
            expected, payer, address(0), PRICE, terms.deadline, WORKLOAD, INPUT, terms.salt
        );
        vm.prank(payer);
        JobId id = escrow.create(terms);

        assertTrue(id == expected);
        assertEq(pha.balanceOf(payer), before - PRICE);
        assertEq(pha.balanceOf(address(escrow)), PRICE);
        IJobEscrow.Job memory job = escrow.getJob(id);
        assertEq(uint8(job.status), uint8(IJobEscrow.JobStatus.Open));
        assertEq(job.since, block.timestamp);
        assertEq(job.worker, address(0));
    }

    function test_create_revertsWhenPriceZero() public {
        IJobEscrow.JobTerms memory terms = _terms(0, address(0));
        vm.prank(payer);
        vm.expectRevert(IJobEscrow.EscrowZeroPrice.selector);
        escrow.create(terms);
    }

    function test_create_revertsWhenCallerNotPayer() public {
        IJobEscrow.JobTerms memory terms = _terms(PRICE, address(0));
        JobId id = escrow.jobId(terms);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowCallerNotPayer.selector, id, stranger, payer));
        escrow.create(terms);
    }

    function test_create_revertsWhenDeadlineNotInFuture() public {
        IJobEscrow.JobTerms memory terms = _terms(PRICE, address(0));
        terms.deadline = uint40(block.timestamp);
        vm.prank(payer);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowDeadlineOutOfRange.selector, terms.deadline, block.timestamp + 7 days)
        );
        escrow.create(terms);
    }

    function test_create_revertsWhenDeadlineBeyondMaxDuration() public {
        IJobEscrow.JobTerms memory terms = _terms(PRICE, address(0));
        terms.deadline = uint40(block.timestamp + 7 days + 1);
        vm.prank(payer);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowDeadlineOutOfRange.selector, terms.deadline, block.timestamp + 7 days)
        );
        escrow.create(terms);
    }

    function test_create_revertsWhenJobExists() public {
        IJobEscrow.JobTerms memory terms = _terms(PRICE, address(0));
        vm.startPrank(payer);
        JobId id = escrow.create(terms);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowJobExists.selector, id));
        escrow.create(terms);
        vm.stopPrank();
    }

    function test_create_revertsWithoutAllowance() public {
        IJobEscrow.JobTerms memory terms = _terms(PRICE, address(0));
        vm.startPrank(payer);
        pha.approve(address(escrow), PRICE - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(escrow), PRICE - 1, PRICE)
        );
        escrow.create(terms);
        vm.stopPrank();
    }

    function test_create_revertsWhenPaused() public {
        escrow.pause();
        IJobEscrow.JobTerms memory terms = _terms(PRICE, address(0));
        vm.prank(payer);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        escrow.create(terms);
    }

    function _permit(uint256 value, uint256 deadline) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                payer,
                address(escrow),
                value,
                pha.nonces(payer),
                deadline
            )
        );
        return vm.sign(payerPk, keccak256(abi.encodePacked("\x19\x01", pha.DOMAIN_SEPARATOR(), structHash)));
    }

    function test_createWithPermit_pullsPriceWithPermit() public {
        vm.prank(payer);
        pha.approve(address(escrow), 0);
        IJobEscrow.JobTerms memory terms = _terms(PRICE, address(0));
        (uint8 v, bytes32 r, bytes32 s) = _permit(PRICE, block.timestamp + 1 hours);
        vm.prank(payer);
        JobId id = escrow.createWithPermit(terms, block.timestamp + 1 hours, v, r, s);
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Open));
        assertEq(pha.balanceOf(address(escrow)), PRICE);
        assertEq(pha.allowance(payer, address(escrow)), 0);
    }

    function test_createWithPermit_toleratesFrontRunPermit() public {
        vm.prank(payer);
        pha.approve(address(escrow), 0);
        IJobEscrow.JobTerms memory terms = _terms(PRICE, address(0));
        (uint8 v, bytes32 r, bytes32 s) = _permit(PRICE, block.timestamp + 1 hours);
        // Someone copies the permit from the mempool and submits it first.
        vm.prank(stranger);
        pha.permit(payer, address(escrow), PRICE, block.timestamp + 1 hours, v, r, s);
        vm.prank(payer);
        JobId id = escrow.createWithPermit(terms, block.timestamp + 1 hours, v, r, s);
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Open));
        assertEq(pha.balanceOf(address(escrow)), PRICE);
    }

    function test_createWithPermit_revertsWithBadPermitAndNoAllowance() public {
        vm.prank(payer);
        pha.approve(address(escrow), 0);
        IJobEscrow.JobTerms memory terms = _terms(PRICE, address(0));
        (uint8 v, bytes32 r, bytes32 s) = _permit(PRICE - 1, block.timestamp + 1 hours);
        vm.prank(payer);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(escrow), 0, PRICE)
        );
        escrow.createWithPermit(terms, block.timestamp + 1 hours, v, r, s);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // accept
    // ----------------------------------------------------------------------------------------------------------------

    function test_accept_reservesCollateral() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _open();
        uint256 collateral = _collateral(PRICE);
        vm.expectEmit(address(escrow));
        emit IJobEscrow.JobAccepted(id, worker, operator, POOL, collateral);
        vm.prank(worker);
        escrow.accept(terms, worker);

        IJobEscrow.Job memory job = escrow.getJob(id);
        assertEq(uint8(job.status), uint8(IJobEscrow.JobStatus.Accepted));
        assertEq(job.worker, worker);
        assertEq(job.operator, operator);
        assertEq(job.poolId, POOL);
        assertEq(job.collateralBps, 15_000);
        (, uint256 reserved,) = staking.pools(POOL);
        assertEq(reserved, collateral);
        assertEq(collateral, 150 ether);
    }

    function test_accept_byOperator() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _open();
        vm.prank(operator);
        escrow.accept(terms, worker);
        assertEq(escrow.getJob(id).worker, worker);
    }

    function test_accept_namedWorker() public {
        IJobEscrow.JobTerms memory terms = _terms(PRICE, worker);
        vm.prank(payer);
        JobId id = escrow.create(terms);
        vm.prank(worker);
        escrow.accept(terms, worker);
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Accepted));
    }

    function test_accept_revertsWhenUnknownJob() public {
        IJobEscrow.JobTerms memory terms = _terms(PRICE, address(0));
        JobId id = escrow.jobId(terms);
        vm.prank(worker);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowUnknownJob.selector, id));
        escrow.accept(terms, worker);
    }

    function test_accept_revertsWhenAlreadyAccepted() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        vm.prank(worker);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowWrongStatus.selector, id, IJobEscrow.JobStatus.Accepted)
        );
        escrow.accept(terms, worker);
    }

    function test_accept_revertsAfterDeadline() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _open();
        vm.warp(uint256(terms.deadline) + 1);
        vm.prank(worker);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowDeadlinePassed.selector, id, terms.deadline));
        escrow.accept(terms, worker);
    }

    function test_accept_revertsWhenNotNamedWorker() public {
        address other = makeAddr("other worker");
        registry.registerSecp256k1(other, operator, WORKLOAD);
        staking.assign(other, POOL, operator);
        IJobEscrow.JobTerms memory terms = _terms(PRICE, worker);
        vm.prank(payer);
        JobId id = escrow.create(terms);
        vm.prank(other);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowNotNamedWorker.selector, id, worker, other));
        escrow.accept(terms, other);
    }

    function test_accept_revertsWhenCallerNotWorkerOrOperator() public {
        (IJobEscrow.JobTerms memory terms,) = _open();
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowCallerNotWorkerOrOperator.selector, stranger, worker, operator)
        );
        escrow.accept(terms, worker);
    }

    function test_accept_revertsWhenWorkerAttestedForOtherWorkload() public {
        IJobEscrow.JobTerms memory terms = _terms(PRICE, address(0));
        terms.workloadId = keccak256("another workload");
        vm.prank(payer);
        escrow.create(terms);
        vm.prank(worker);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowWorkerNotAttested.selector, worker, terms.workloadId)
        );
        escrow.accept(terms, worker);
    }

    function test_accept_revertsWhenWorkerRevoked() public {
        (IJobEscrow.JobTerms memory terms,) = _open();
        registry.setValid(worker, false);
        vm.prank(worker);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowWorkerNotAttested.selector, worker, WORKLOAD));
        escrow.accept(terms, worker);
    }

    function test_accept_revertsWhenWorkerUnknown() public {
        (IJobEscrow.JobTerms memory terms,) = _open();
        address unknown = makeAddr("unknown");
        vm.prank(unknown);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowWorkerNotAttested.selector, unknown, WORKLOAD));
        escrow.accept(terms, unknown);
    }

    function test_accept_revertsWhenWorkerJailed() public {
        (IJobEscrow.JobTerms memory terms,) = _open();
        staking.setJailed(worker, true);
        vm.prank(worker);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowWorkerJailed.selector, worker));
        escrow.accept(terms, worker);
    }

    function test_accept_revertsWhenWorkerWithoutPool() public {
        (IJobEscrow.JobTerms memory terms,) = _open();
        staking.assign(worker, 0, operator);
        vm.prank(worker);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowWorkerWithoutPool.selector, worker));
        escrow.accept(terms, worker);
    }

    function test_accept_revertsWhenPoolClosed() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _open();
        staking.setPoolClosed(POOL, true);
        vm.prank(worker);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowPoolClosed.selector, POOL));
        escrow.accept(terms, worker);
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Open));
    }

    function test_accept_revertsWhenWorkerReRegisteredByAnotherOperator() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _open();
        // The registry now names another operator; Staking still has the worker in `operator`'s pool.
        address mallory = makeAddr("mallory");
        registry.registerSecp256k1(worker, mallory, WORKLOAD);
        vm.prank(mallory);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowWorkerOperatorMismatch.selector, worker, mallory, operator)
        );
        escrow.accept(terms, worker);
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Open));
        (, uint256 reserved,) = staking.pools(POOL);
        assertEq(reserved, 0);
    }

    function test_accept_revertsWhenPoolIdTooLarge() public {
        (IJobEscrow.JobTerms memory terms,) = _open();
        uint256 hugePool = uint256(type(uint32).max) + 1;
        staking.assign(worker, hugePool, operator);
        vm.prank(worker);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowPoolIdTooLarge.selector, hugePool));
        escrow.accept(terms, worker);
    }

    function test_accept_revertsWhenFreeStakeInsufficient() public {
        staking.assign(worker, 8, operator);
        _stake(8, 149 ether);
        (IJobEscrow.JobTerms memory terms,) = _open();
        vm.prank(worker);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowInsufficientFreeStake.selector, 8, 149 ether, 150 ether)
        );
        escrow.accept(terms, worker);
    }

    function test_accept_countsEarlierReservations() public {
        staking.assign(worker, 8, operator);
        _stake(8, 200 ether);
        (IJobEscrow.JobTerms memory first,) = _open();
        vm.prank(worker);
        escrow.accept(first, worker);
        (IJobEscrow.JobTerms memory second,) = _open();
        vm.prank(worker);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowInsufficientFreeStake.selector, 8, 50 ether, 150 ether)
        );
        escrow.accept(second, worker);
    }

    function test_accept_withoutCollateralWhenRatioZero() public {
        escrow.setParameter(IJobEscrow.Parameter.CollateralRatio, 0);
        staking.assign(worker, 8, operator); // an empty pool
        (IJobEscrow.JobTerms memory terms, JobId id) = _open();
        vm.prank(worker);
        escrow.accept(terms, worker);
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Accepted));
    }

    function test_accept_takesCollateralFromPendingFirst() public {
        (IJobEscrow.JobTerms memory done,) = _delivered();
        vm.warp(block.timestamp + 1 hours);
        escrow.release(done);
        (, uint256 reservedBefore,) = staking.pools(POOL);
        assertEq(reservedBefore, 150 ether);
        // Same price: the whole collateral comes from the pending collateral, nothing new is reserved.
        (IJobEscrow.JobTerms memory next,) = _open();
        vm.prank(worker);
        escrow.accept(next, worker);
        (, uint256 reserved,) = staking.pools(POOL);
        assertEq(reserved, 150 ether);
        assertEq(escrow.pendingSettlement(POOL).collateral, 0);
        assertEq(escrow.pendingSettlement(POOL).reward, 10 ether);
    }

    function test_accept_reservesOnlyTheExcessOverPending() public {
        (IJobEscrow.JobTerms memory done,) = _delivered();
        vm.warp(block.timestamp + 1 hours);
        escrow.release(done);
        IJobEscrow.JobTerms memory bigger = _terms(PRICE * 3, address(0));
        vm.prank(payer);
        escrow.create(bigger);
        vm.prank(worker);
        escrow.accept(bigger, worker);
        (, uint256 reserved,) = staking.pools(POOL);
        assertEq(reserved, 450 ether);
        assertEq(escrow.pendingSettlement(POOL).collateral, 0);
    }

    function test_accept_leavesTheRestPendingWhenSmaller() public {
        (IJobEscrow.JobTerms memory done,) = _delivered();
        vm.warp(block.timestamp + 1 hours);
        escrow.release(done);
        IJobEscrow.JobTerms memory smaller = _terms(PRICE / 4, address(0));
        vm.prank(payer);
        escrow.create(smaller);
        vm.prank(worker);
        escrow.accept(smaller, worker);
        (, uint256 reserved,) = staking.pools(POOL);
        assertEq(reserved, 150 ether);
        assertEq(escrow.pendingSettlement(POOL).collateral, 150 ether - 37.5 ether);
    }

    function test_accept_pendingCountsAsFreeStake() public {
        // Pool 8 holds exactly one job's collateral: after that job ends, the next one fits without settling.
        staking.assign(worker, 8, operator);
        _stake(8, 150 ether);
        (IJobEscrow.JobTerms memory done,) = _delivered();
        vm.warp(block.timestamp + 1 hours);
        escrow.release(done);
        assertEq(staking.freeStake(8), 0);
        // Staking says 0 free but the pool is not over-reserved (stake == reservations): the escrow settles the pending
        // collateral first, then reserves.
        (IJobEscrow.JobTerms memory next, JobId id) = _open();
        vm.prank(worker);
        escrow.accept(next, worker);
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Accepted));
        (, uint256 reserved,) = staking.pools(8);
        assertEq(reserved, 150 ether);
        assertEq(escrow.pendingSettlement(8).collateral, 0);
    }

    function test_accept_revertsWhenOverReservedPoolLacksStake() public {
        // Pool 8: 300 staked, two jobs reserve 300; one ends (pending 150), the other times out and the pool loses 30.
        staking.assign(worker, 8, operator);
        _stake(8, 300 ether);
        (IJobEscrow.JobTerms memory a,) = _delivered();
        (IJobEscrow.JobTerms memory b,) = _accepted();
        vm.warp(block.timestamp + 1 hours);
        escrow.release(a);
        vm.warp(uint256(b.deadline) + 1);
        escrow.refund(b);
        staking.setJailed(worker, false);
        (uint256 stake, uint256 reserved,) = staking.pools(8);
        assertEq(stake, 290 ether);
        assertEq(reserved, 300 ether);
        // A job needing 300 of collateral: 300 pending, but only 290 staked. Refused, nothing changed.
        IJobEscrow.JobTerms memory big = _terms(200 ether, address(0));
        vm.prank(payer);
        JobId id = escrow.create(big);
        vm.prank(worker);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowInsufficientFreeStake.selector, 8, 290 ether, 300 ether)
        );
        escrow.accept(big, worker);
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Open));
        assertEq(escrow.pendingSettlement(8).collateral, 300 ether);
    }

    function test_accept_revertsWhenPaused() public {
        (IJobEscrow.JobTerms memory terms,) = _open();
        escrow.pause();
        vm.prank(worker);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        escrow.accept(terms, worker);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // deliver
    // ----------------------------------------------------------------------------------------------------------------

    function test_deliver_recordsResult() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        bytes memory sig = _sign(workerPk, terms, RESULT);
        vm.warp(block.timestamp + 5 minutes);
        vm.expectEmit(address(escrow));
        emit IJobEscrow.JobDelivered(id, worker, RESULT);
        vm.prank(stranger); // anyone may relay the enclave's signature
        escrow.deliver(terms, RESULT, sig);
        IJobEscrow.Job memory job = escrow.getJob(id);
        assertEq(uint8(job.status), uint8(IJobEscrow.JobStatus.Delivered));
        assertEq(job.since, block.timestamp);
    }

    function test_deliver_acceptsSignatureAtDeadline() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        vm.warp(terms.deadline);
        escrow.deliver(terms, RESULT, _sign(workerPk, terms, RESULT));
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Delivered));
    }

    function test_resultDigest_matchesIndependentEip712() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        assertEq(escrow.resultDigest(terms, RESULT), _digest(block.chainid, address(escrow), id, terms, RESULT));
    }

    function test_deliver_worksWhilePaused() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        escrow.pause();
        escrow.deliver(terms, RESULT, _sign(workerPk, terms, RESULT));
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Delivered));
    }

    function _expectInvalidSignature(IJobEscrow.JobTerms memory terms, JobId id, bytes memory sig) internal {
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowInvalidSignature.selector, id, worker));
        escrow.deliver(terms, RESULT, sig);
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Accepted));
    }

    function test_deliver_revertsWhenSignedForOtherChain() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        bytes memory sig = _signDigest(workerPk, _digest(2035, address(escrow), id, terms, RESULT));
        _expectInvalidSignature(terms, id, sig);
    }

    function test_deliver_revertsWhenSignedForOtherContract() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        bytes memory sig = _signDigest(workerPk, _digest(block.chainid, address(0xbeef), id, terms, RESULT));
        _expectInvalidSignature(terms, id, sig);
    }

    function test_deliver_revertsWhenSignedForOtherJob() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        (IJobEscrow.JobTerms memory other,) = _accepted();
        _expectInvalidSignature(terms, id, _sign(workerPk, other, RESULT));
    }

    function test_deliver_revertsWhenSignedOverOtherResult() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        _expectInvalidSignature(terms, id, _sign(workerPk, terms, keccak256("other result")));
    }

    function test_deliver_revertsWhenSignedByOtherKey() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        _expectInvalidSignature(terms, id, _sign(0xBAD, terms, RESULT));
    }

    function test_deliver_revertsWhenSignedByOperator() public {
        uint256 operatorPk = 0x0FE4;
        address op = vm.addr(operatorPk);
        registry.registerSecp256k1(worker, op, WORKLOAD);
        staking.assign(worker, POOL, op);
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        _expectInvalidSignature(terms, id, _sign(operatorPk, terms, RESULT));
    }

    function test_deliver_revertsWithMalleableSignature() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(workerPk, escrow.resultDigest(terms, RESULT));
        uint256 n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
        bytes memory flipped = abi.encodePacked(r, bytes32(n - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        _expectInvalidSignature(terms, id, flipped);
    }

    function test_deliver_revertsWithMalformedSignature() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        _expectInvalidSignature(terms, id, hex"1234");
        _expectInvalidSignature(terms, id, "");
    }

    function test_deliver_revertsWith64ByteSignatureForSecp256k1Worker() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        (, bytes32 r, bytes32 s) = vm.sign(workerPk, escrow.resultDigest(terms, RESULT));
        _expectInvalidSignature(terms, id, abi.encodePacked(r, s));
    }

    function test_deliver_revertsOnReplay() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        bytes memory sig = _sign(workerPk, terms, RESULT);
        escrow.deliver(terms, RESULT, sig);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowWrongStatus.selector, id, IJobEscrow.JobStatus.Delivered)
        );
        escrow.deliver(terms, RESULT, sig);
    }

    function test_deliver_revertsAfterDeadline() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        bytes memory sig = _sign(workerPk, terms, RESULT);
        vm.warp(uint256(terms.deadline) + 1);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowDeadlinePassed.selector, id, terms.deadline));
        escrow.deliver(terms, RESULT, sig);
    }

    function test_deliver_revertsWhenWorkerNoLongerAttested() public {
        (IJobEscrow.JobTerms memory terms,) = _accepted();
        bytes memory sig = _sign(workerPk, terms, RESULT);
        registry.setValid(worker, false);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowWorkerNotAttested.selector, worker, WORKLOAD));
        escrow.deliver(terms, RESULT, sig);
    }

    function test_deliver_revertsWhenNotAccepted() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _open();
        bytes memory sig = _sign(workerPk, terms, RESULT);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowWrongStatus.selector, id, IJobEscrow.JobStatus.Open));
        escrow.deliver(terms, RESULT, sig);
    }

    function test_deliver_revertsWhenUnknownJob() public {
        IJobEscrow.JobTerms memory terms = _terms(PRICE, address(0));
        JobId id = escrow.jobId(terms);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowUnknownJob.selector, id));
        escrow.deliver(terms, RESULT, "");
    }

    function _p256Worker() internal returns (address p256Worker) {
        (uint256 x, uint256 y) = vm.publicKeyP256(P256_PK);
        p256Worker = registry.registerP256(x, y, operator, WORKLOAD);
        staking.assign(p256Worker, POOL, operator);
    }

    function test_deliver_acceptsP256Signature() public {
        address p256Worker = _p256Worker();
        (IJobEscrow.JobTerms memory terms, JobId id) = _open();
        vm.prank(operator);
        escrow.accept(terms, p256Worker);
        (bytes32 r, bytes32 s) = vm.signP256(P256_PK, escrow.resultDigest(terms, RESULT));
        // OZ P256 rejects high-s signatures: normalize like an enclave library should.
        uint256 n = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551;
        if (uint256(s) > n / 2) s = bytes32(n - uint256(s));
        vm.expectEmit(address(escrow));
        emit IJobEscrow.JobDelivered(id, p256Worker, RESULT);
        escrow.deliver(terms, RESULT, abi.encodePacked(r, s));
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Delivered));
    }

    function test_deliver_revertsWithWrongP256Signature() public {
        address p256Worker = _p256Worker();
        (IJobEscrow.JobTerms memory terms, JobId id) = _open();
        vm.prank(operator);
        escrow.accept(terms, p256Worker);
        (bytes32 r, bytes32 s) = vm.signP256(P256_PK, escrow.resultDigest(terms, keccak256("other")));
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowInvalidSignature.selector, id, p256Worker));
        escrow.deliver(terms, RESULT, abi.encodePacked(r, s));
    }

    function test_deliver_revertsWithSecp256k1SignatureForP256Worker() public {
        address p256Worker = _p256Worker();
        (IJobEscrow.JobTerms memory terms, JobId id) = _open();
        vm.prank(operator);
        escrow.accept(terms, p256Worker);
        bytes memory sig = _sign(P256_PK, terms, RESULT);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowInvalidSignature.selector, id, p256Worker));
        escrow.deliver(terms, RESULT, sig);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // release / releaseBatch
    // ----------------------------------------------------------------------------------------------------------------

    function test_release_splitsPaymentAfterWindow() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _delivered();
        vm.warp(block.timestamp + 1 hours);
        uint256 stakingBefore = pha.balanceOf(address(staking));

        vm.expectEmit(address(escrow));
        emit IJobEscrow.JobReleased(id, operator, POOL, 89 ether, 10 ether, 1 ether);
        vm.prank(stranger);
        escrow.release(terms);

        // Booked, not moved: the operator's credit (with the fee), the pool's pending reward and collateral.
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Released));
        assertEq(pha.balanceOf(address(escrow)), PRICE);
        IJobEscrow.Credit memory credit = escrow.creditOf(operator);
        assertEq(credit.amount, 89 ether);
        assertEq(credit.fees, 1 ether);
        IJobEscrow.PendingSettlement memory pending = escrow.pendingSettlement(POOL);
        assertEq(pending.reward, 10 ether);
        assertEq(pending.collateral, 150 ether);
        (, uint256 reserved,) = staking.pools(POOL);
        assertEq(reserved, 150 ether);

        _pullAll(operator, POOL);
        assertEq(pha.balanceOf(treasury), 1 ether);
        assertEq(pha.balanceOf(operator), 89 ether);
        assertEq(pha.balanceOf(address(staking)) - stakingBefore, 10 ether);
        uint256 rewards;
        (, reserved, rewards) = staking.pools(POOL);
        assertEq(reserved, 0);
        assertEq(rewards, 10 ether);
        assertEq(pha.balanceOf(address(escrow)), 0);
    }

    function test_release_revertsInsideWindow() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _delivered();
        vm.warp(block.timestamp + 1 hours - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowChallengeWindowOpen.selector, id, block.timestamp + 1)
        );
        escrow.release(terms);
    }

    function test_release_revertsWhenNotDelivered() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        vm.warp(block.timestamp + 2 hours);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowWrongStatus.selector, id, IJobEscrow.JobStatus.Accepted)
        );
        escrow.release(terms);
    }

    function test_release_revertsWhenPaidTwice() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _delivered();
        vm.warp(block.timestamp + 1 hours);
        escrow.release(terms);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowWrongStatus.selector, id, IJobEscrow.JobStatus.Released)
        );
        escrow.release(terms);
    }

    function test_release_revertsWhenUnknownJob() public {
        IJobEscrow.JobTerms memory terms = _terms(PRICE, address(0));
        JobId id = escrow.jobId(terms);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowUnknownJob.selector, id));
        escrow.release(terms);
    }

    function test_release_revertsWithTamperedTerms() public {
        (IJobEscrow.JobTerms memory terms,) = _delivered();
        vm.warp(block.timestamp + 1 hours);
        terms.price = PRICE * 2;
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowUnknownJob.selector, escrow.jobId(terms)));
        escrow.release(terms);
    }

    function test_releaseBatch_paysEachGroup() public {
        address worker2 = vm.addr(0xE0C2);
        address operator2 = makeAddr("operator2");
        registry.registerSecp256k1(worker2, operator2, WORKLOAD);
        staking.assign(worker2, 9, operator2);
        _stake(9, 1_000 ether);

        IJobEscrow.JobTerms[] memory batch = new IJobEscrow.JobTerms[](3);
        (batch[0],) = _delivered();
        (batch[1],) = _delivered();
        batch[2] = _terms(PRICE, worker2);
        vm.prank(payer);
        escrow.create(batch[2]);
        vm.prank(worker2);
        escrow.accept(batch[2], worker2);
        escrow.deliver(batch[2], RESULT, _sign(0xE0C2, batch[2], RESULT));

        vm.warp(block.timestamp + 1 hours);
        escrow.releaseBatch(batch);
        assertEq(escrow.creditOf(operator).amount, 178 ether);
        assertEq(escrow.creditOf(operator2).amount, 89 ether);
        assertEq(escrow.pendingSettlement(POOL).reward, 20 ether);
        assertEq(escrow.pendingSettlement(9).collateral, 150 ether);

        _pullAll(operator, POOL);
        _pullAll(operator2, 9);
        assertEq(pha.balanceOf(operator), 178 ether);
        assertEq(pha.balanceOf(operator2), 89 ether);
        assertEq(pha.balanceOf(treasury), 3 ether);
        (, uint256 reserved1, uint256 rewards1) = staking.pools(POOL);
        (, uint256 reserved2, uint256 rewards2) = staking.pools(9);
        assertEq(reserved1, 0);
        assertEq(reserved2, 0);
        assertEq(rewards1, 20 ether);
        assertEq(rewards2, 10 ether);
        assertEq(pha.balanceOf(address(escrow)), 0);
        for (uint256 i; i < 3; ++i) {
            assertEq(uint8(escrow.getJob(escrow.jobId(batch[i])).status), uint8(IJobEscrow.JobStatus.Released));
        }
    }

    function test_releaseBatch_revertsWhenEmpty() public {
        vm.expectRevert(IJobEscrow.EscrowEmptyBatch.selector);
        escrow.releaseBatch(new IJobEscrow.JobTerms[](0));
    }

    function test_releaseBatch_revertsWhenAJobIsListedTwice() public {
        IJobEscrow.JobTerms[] memory batch = new IJobEscrow.JobTerms[](2);
        JobId id;
        (batch[0], id) = _delivered();
        batch[1] = batch[0];
        vm.warp(block.timestamp + 1 hours);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowWrongStatus.selector, id, IJobEscrow.JobStatus.Released)
        );
        escrow.releaseBatch(batch);
    }

    function test_releaseBatch_revertsEntirelyWhenOneJobInsideWindow() public {
        IJobEscrow.JobTerms[] memory batch = new IJobEscrow.JobTerms[](2);
        JobId first;
        (batch[0], first) = _delivered();
        vm.warp(block.timestamp + 30 minutes);
        JobId second;
        (batch[1], second) = _delivered();
        vm.warp(block.timestamp + 30 minutes);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowChallengeWindowOpen.selector, second, block.timestamp + 30 minutes)
        );
        escrow.releaseBatch(batch);
        assertEq(uint8(escrow.getJob(first).status), uint8(IJobEscrow.JobStatus.Delivered));
    }

    // ----------------------------------------------------------------------------------------------------------------
    // refund
    // ----------------------------------------------------------------------------------------------------------------

    function test_refund_payerCancelsOpenJob() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _open();
        uint256 before = pha.balanceOf(payer);
        vm.expectEmit(address(escrow));
        emit IJobEscrow.JobRefunded(id, payer, PRICE, 0, IJobEscrow.RefundReason.Cancelled);
        vm.prank(payer);
        escrow.refund(terms);
        assertEq(pha.balanceOf(payer), before + PRICE);
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Refunded));
    }

    function test_refund_anyoneAfterDeadlineOfOpenJob() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _open();
        vm.warp(uint256(terms.deadline) + 1);
        uint256 before = pha.balanceOf(payer);
        vm.expectEmit(address(escrow));
        emit IJobEscrow.JobRefunded(id, payer, PRICE, 0, IJobEscrow.RefundReason.Timeout);
        vm.prank(stranger);
        escrow.refund(terms);
        assertEq(pha.balanceOf(payer), before + PRICE);
    }

    function test_refund_afterDeadlineRefundsPayerAndSlashesPoolToTreasury() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        vm.warp(uint256(terms.deadline) + 1);
        uint256 before = pha.balanceOf(payer);
        uint256 treasuryBefore = pha.balanceOf(treasury);
        (uint256 stakeBefore,,) = staking.pools(POOL);
        vm.expectEmit(address(escrow));
        emit IJobEscrow.JobRefunded(id, payer, PRICE, 10 ether, IJobEscrow.RefundReason.Timeout);
        vm.prank(stranger);
        escrow.refund(terms);
        // The payer gets its price back; the penalty goes to the treasury, never to the payer (see {IJobEscrow-refund}).
        assertEq(pha.balanceOf(payer), before + PRICE);
        assertEq(pha.balanceOf(treasury), treasuryBefore + 10 ether);
        (uint256 stake, uint256 reserved,) = staking.pools(POOL);
        assertEq(stakeBefore - stake, 10 ether);
        // The collateral is freed to the pool's pending collateral, still reserved in Staking until settled.
        assertEq(escrow.pendingSettlement(POOL).collateral, 150 ether);
        assertEq(reserved, 150 ether);
        assertTrue(staking.isJailed(worker));
        assertEq(pha.balanceOf(address(escrow)), 0);
        escrow.settlePool(POOL);
        (, reserved,) = staking.pools(POOL);
        assertEq(reserved, 0);
    }

    function test_refund_penaltyCappedByCollateral() public {
        escrow.setParameter(IJobEscrow.Parameter.CollateralRatio, 500);
        escrow.setParameter(IJobEscrow.Parameter.TimeoutPenalty, 10_000);
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        vm.warp(uint256(terms.deadline) + 1);
        vm.expectEmit(address(escrow));
        emit IJobEscrow.JobRefunded(id, payer, PRICE, 5 ether, IJobEscrow.RefundReason.Timeout);
        escrow.refund(terms);
    }

    function test_refund_zeroSlashCapStillRefundsInFullAndJails() public {
        staking.setSlashCapBps(0);
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        vm.warp(uint256(terms.deadline) + 1);
        uint256 before = pha.balanceOf(payer);
        (uint256 stakeBefore,,) = staking.pools(POOL);
        vm.expectEmit(address(escrow));
        emit IJobEscrow.JobRefunded(id, payer, PRICE, 0, IJobEscrow.RefundReason.Timeout);
        escrow.refund(terms);
        // Staking's cap is read first: the escrow asks for nothing above it, so the refund cannot be blocked.
        assertEq(pha.balanceOf(payer), before + PRICE);
        (uint256 stake,,) = staking.pools(POOL);
        assertEq(stake, stakeBefore);
        assertTrue(staking.isJailed(worker)); // a zero-amount slash still jails
        assertEq(pha.balanceOf(address(escrow)), 0);
    }

    function test_refund_payerAtOnceWhenWorkerRevoked() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        registry.setValid(worker, false);
        uint256 before = pha.balanceOf(payer);
        vm.expectEmit(address(escrow));
        emit IJobEscrow.JobRefunded(id, payer, PRICE, 0, IJobEscrow.RefundReason.WorkerNotAttested);
        vm.prank(payer);
        escrow.refund(terms);
        assertEq(pha.balanceOf(payer), before + PRICE);
        assertEq(escrow.pendingSettlement(POOL).collateral, 150 ether);
        escrow.settlePool(POOL);
        (, uint256 reserved,) = staking.pools(POOL);
        assertEq(reserved, 0);
        assertFalse(staking.isJailed(worker));
    }

    function test_refund_revertsForStrangerWhenWorkerRevoked() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        registry.setValid(worker, false);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowDeadlineNotPassed.selector, id, terms.deadline));
        escrow.refund(terms);
    }

    function test_refund_revertsBeforeDeadlineForStranger() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _open();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowDeadlineNotPassed.selector, id, terms.deadline));
        escrow.refund(terms);
    }

    function test_refund_revertsBeforeDeadlineWhileWorkerAttested() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        vm.warp(terms.deadline);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowDeadlineNotPassed.selector, id, terms.deadline));
        escrow.refund(terms);
    }

    function test_refund_revertsWhenDelivered() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _delivered();
        vm.warp(uint256(terms.deadline) + 1);
        vm.prank(payer);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowWrongStatus.selector, id, IJobEscrow.JobStatus.Delivered)
        );
        escrow.refund(terms);
    }

    function test_refund_revertsWhenRefundedTwice() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _open();
        vm.startPrank(payer);
        escrow.refund(terms);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowWrongStatus.selector, id, IJobEscrow.JobStatus.Refunded)
        );
        escrow.refund(terms);
        vm.stopPrank();
    }

    function test_refund_revertsWhenReleased() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _delivered();
        vm.warp(uint256(terms.deadline) + 1);
        escrow.release(terms);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowWrongStatus.selector, id, IJobEscrow.JobStatus.Released)
        );
        escrow.refund(terms);
    }

    function test_refund_revertsWhenUnknownJob() public {
        IJobEscrow.JobTerms memory terms = _terms(PRICE, address(0));
        JobId id = escrow.jobId(terms);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowUnknownJob.selector, id));
        escrow.refund(terms);
    }

    function test_refund_worksWhilePaused() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _open();
        escrow.pause();
        vm.prank(payer);
        escrow.refund(terms);
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Refunded));
    }

    // ----------------------------------------------------------------------------------------------------------------
    // dispute / resolve / resolveByDefault
    // ----------------------------------------------------------------------------------------------------------------

    function test_dispute_postsBond() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _delivered();
        uint256 deliveredAt = block.timestamp;
        vm.warp(block.timestamp + 1 hours - 1);
        uint256 before = pha.balanceOf(payer);
        vm.expectEmit(address(escrow));
        emit IJobEscrow.JobDisputed(id, payer, 10 ether);
        vm.prank(payer);
        escrow.dispute(terms);
        assertEq(pha.balanceOf(payer), before - 10 ether);
        assertEq(pha.balanceOf(address(escrow)), PRICE + 10 ether);
        IJobEscrow.Job memory job = escrow.getJob(id);
        assertEq(uint8(job.status), uint8(IJobEscrow.JobStatus.Disputed));
        assertEq(job.since, deliveredAt);
        assertEq(job.bondBps, 1_000);
    }

    function test_dispute_revertsAfterWindow() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _delivered();
        vm.warp(block.timestamp + 1 hours);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowChallengeWindowClosed.selector, id, block.timestamp));
        escrow.dispute(terms);
    }

    function test_dispute_revertsWhenCallerNotPayer() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _delivered();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowCallerNotPayer.selector, id, stranger, payer));
        escrow.dispute(terms);
    }

    function test_dispute_revertsWhenNotDelivered() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _accepted();
        vm.prank(payer);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowWrongStatus.selector, id, IJobEscrow.JobStatus.Accepted)
        );
        escrow.dispute(terms);
    }

    function test_dispute_revertsWhenDisputedTwice() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _disputed();
        vm.prank(payer);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowWrongStatus.selector, id, IJobEscrow.JobStatus.Disputed)
        );
        escrow.dispute(terms);
    }

    function test_dispute_revertsWhenUnknownJob() public {
        IJobEscrow.JobTerms memory terms = _terms(PRICE, address(0));
        JobId id = escrow.jobId(terms);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowUnknownJob.selector, id));
        escrow.dispute(terms);
    }

    function test_dispute_blocksRelease() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _disputed();
        vm.warp(block.timestamp + 2 hours);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowWrongStatus.selector, id, IJobEscrow.JobStatus.Disputed)
        );
        escrow.release(terms);
    }

    function test_resolve_workerAtFaultRefundsAndSlashes() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _disputed();
        uint256 before = pha.balanceOf(payer);
        uint256 treasuryBefore = pha.balanceOf(treasury);
        vm.expectEmit(address(escrow));
        emit IJobEscrow.DisputeResolved(id, IJobEscrow.DisputeOutcome.WorkerAtFault, 10 ether, 0);
        vm.expectEmit(address(escrow));
        emit IJobEscrow.JobRefunded(id, payer, PRICE, 50 ether, IJobEscrow.RefundReason.WorkerAtFault);
        vm.prank(arbiter);
        escrow.resolve(terms, true);
        // price + bond back to the payer; the slash (50% of the price, within the 150% collateral) to the treasury
        assertEq(pha.balanceOf(payer), before + PRICE + 10 ether);
        assertEq(pha.balanceOf(treasury), treasuryBefore + 50 ether);
        assertEq(pha.balanceOf(address(escrow)), 0);
        assertEq(pha.balanceOf(operator), 0);
        assertTrue(staking.isJailed(worker));
        assertEq(escrow.pendingSettlement(POOL).collateral, 150 ether);
        assertEq(escrow.pendingSettlement(POOL).reward, 0);
        escrow.settlePool(POOL);
        (, uint256 reserved,) = staking.pools(POOL);
        assertEq(reserved, 0);
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Refunded));
    }

    function test_resolve_payerWrongReleasesAndPaysBondToPool() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _disputed();
        uint256 before = pha.balanceOf(payer);
        vm.expectEmit(address(escrow));
        emit IJobEscrow.JobReleased(id, operator, POOL, 89 ether, 10 ether, 1 ether);
        vm.expectEmit(address(escrow));
        emit IJobEscrow.DisputeResolved(id, IJobEscrow.DisputeOutcome.PayerWrong, 0, 10 ether);
        vm.prank(arbiter);
        escrow.resolve(terms, false);
        assertEq(escrow.pendingSettlement(POOL).reward, 20 ether);
        _pullAll(operator, POOL);
        assertEq(pha.balanceOf(payer), before);
        assertEq(pha.balanceOf(operator), 89 ether);
        assertEq(pha.balanceOf(treasury), 1 ether);
        (, uint256 reserved, uint256 rewards) = staking.pools(POOL);
        assertEq(rewards, 20 ether);
        assertEq(reserved, 0);
        assertEq(pha.balanceOf(address(escrow)), 0);
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Released));
    }

    function test_resolve_revertsWhenCallerNotArbiter() public {
        (IJobEscrow.JobTerms memory terms,) = _disputed();
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowCallerNotArbiter.selector, payer, arbiter));
        escrow.resolve(terms, true);
    }

    function test_resolve_revertsAfterArbitrationPeriod() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _disputed();
        uint256 end = block.timestamp + 1 hours + 3 days;
        vm.warp(end);
        vm.prank(arbiter);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowArbitrationClosed.selector, id, end));
        escrow.resolve(terms, true);
    }

    function test_resolve_revertsWhenNotDisputed() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _delivered();
        vm.prank(arbiter);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowWrongStatus.selector, id, IJobEscrow.JobStatus.Delivered)
        );
        escrow.resolve(terms, true);
    }

    function test_resolve_revertsWhenResolvedTwice() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _disputed();
        vm.startPrank(arbiter);
        escrow.resolve(terms, true);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowWrongStatus.selector, id, IJobEscrow.JobStatus.Refunded)
        );
        escrow.resolve(terms, false);
        vm.stopPrank();
    }

    function test_resolve_usesBondPostedAtDispute() public {
        (IJobEscrow.JobTerms memory terms,) = _disputed();
        escrow.setParameter(IJobEscrow.Parameter.DisputeBond, 5_000);
        uint256 before = pha.balanceOf(payer);
        vm.prank(arbiter);
        escrow.resolve(terms, true);
        assertEq(pha.balanceOf(payer), before + PRICE + 10 ether);
        assertEq(pha.balanceOf(address(escrow)), 0);
    }

    function test_resolveByDefault_releasesAndReturnsBond() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _disputed();
        vm.warp(block.timestamp + 1 hours + 3 days);
        uint256 before = pha.balanceOf(payer);
        vm.expectEmit(address(escrow));
        emit IJobEscrow.DisputeResolved(id, IJobEscrow.DisputeOutcome.ArbitrationExpired, 10 ether, 0);
        vm.prank(stranger);
        escrow.resolveByDefault(terms);
        assertEq(pha.balanceOf(payer), before + 10 ether);
        assertEq(pha.balanceOf(address(escrow)), PRICE);
        _pullAll(operator, POOL);
        assertEq(pha.balanceOf(operator), 89 ether);
        assertEq(pha.balanceOf(treasury), 1 ether);
        assertEq(pha.balanceOf(address(escrow)), 0);
        assertFalse(staking.isJailed(worker));
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Released));
    }

    function test_resolveByDefault_revertsWhileArbitrationOpen() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _disputed();
        uint256 end = block.timestamp + 1 hours + 3 days;
        vm.warp(end - 1);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowArbitrationOpen.selector, id, end));
        escrow.resolveByDefault(terms);
    }

    function test_resolveByDefault_revertsWhenNotDisputed() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _delivered();
        vm.warp(block.timestamp + 10 days);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowWrongStatus.selector, id, IJobEscrow.JobStatus.Delivered)
        );
        escrow.resolveByDefault(terms);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Governance
    // ----------------------------------------------------------------------------------------------------------------

    function test_setParameter_updatesEachParameter() public {
        IJobEscrow.Parameter[9] memory ps = [
            IJobEscrow.Parameter.ProtocolFee,
            IJobEscrow.Parameter.StakingShare,
            IJobEscrow.Parameter.CollateralRatio,
            IJobEscrow.Parameter.TimeoutPenalty,
            IJobEscrow.Parameter.DisputeBond,
            IJobEscrow.Parameter.DisputeSlash,
            IJobEscrow.Parameter.ChallengeWindow,
            IJobEscrow.Parameter.ArbitrationPeriod,
            IJobEscrow.Parameter.MaxJobDuration
        ];
        uint256[9] memory values = [uint256(1_000), 5_000, 50_000, 10_000, 10_000, 10_000, 30 days, 60 days, 365 days];
        for (uint256 i; i < 9; ++i) {
            vm.expectEmit(address(escrow));
            emit IJobEscrow.ParameterSet(ps[i], values[i]);
            escrow.setParameter(ps[i], values[i]);
        }
        IJobEscrow.Parameters memory p = escrow.parameters();
        assertEq(p.protocolFeeBps, 1_000);
        assertEq(p.stakingShareBps, 5_000);
        assertEq(p.collateralBps, 50_000);
        assertEq(p.timeoutPenaltyBps, 10_000);
        assertEq(p.disputeBondBps, 10_000);
        assertEq(p.disputeSlashBps, 10_000);
        assertEq(p.challengeWindow, 30 days);
        assertEq(p.arbitrationPeriod, 60 days);
        assertEq(p.maxJobDuration, 365 days);
        assertEq(p.treasury, treasury);
    }

    function test_setParameter_revertsOutOfBounds() public {
        IJobEscrow.Parameter[9] memory ps = [
            IJobEscrow.Parameter.ProtocolFee,
            IJobEscrow.Parameter.StakingShare,
            IJobEscrow.Parameter.CollateralRatio,
            IJobEscrow.Parameter.TimeoutPenalty,
            IJobEscrow.Parameter.DisputeBond,
            IJobEscrow.Parameter.DisputeSlash,
            IJobEscrow.Parameter.ChallengeWindow,
            IJobEscrow.Parameter.ArbitrationPeriod,
            IJobEscrow.Parameter.MaxJobDuration
        ];
        uint256[9] memory mins = [uint256(0), 0, 0, 0, 0, 0, 1 minutes, 1 hours, 1 hours];
        uint256[9] memory maxs = [uint256(1_000), 5_000, 50_000, 10_000, 10_000, 10_000, 30 days, 60 days, 365 days];
        for (uint256 i; i < 9; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IJobEscrow.EscrowParameterOutOfBounds.selector, ps[i], maxs[i] + 1, mins[i], maxs[i]
                )
            );
            escrow.setParameter(ps[i], maxs[i] + 1);
            if (mins[i] > 0) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IJobEscrow.EscrowParameterOutOfBounds.selector, ps[i], mins[i] - 1, mins[i], maxs[i]
                    )
                );
                escrow.setParameter(ps[i], mins[i] - 1);
            }
        }
    }

    function test_setParameter_revertsWhenUnauthorized() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        escrow.setParameter(IJobEscrow.Parameter.ProtocolFee, 0);
    }

    function test_setTreasury_updates() public {
        address next = makeAddr("next treasury");
        vm.expectEmit(address(escrow));
        emit IJobEscrow.TreasurySet(next);
        escrow.setTreasury(next);
        assertEq(escrow.parameters().treasury, next);
    }

    function test_setTreasury_revertsWhenZero() public {
        vm.expectRevert(IJobEscrow.EscrowZeroAddress.selector);
        escrow.setTreasury(address(0));
    }

    function test_setTreasury_revertsWhenUnauthorized() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        escrow.setTreasury(stranger);
    }

    function test_setArbiter_updates() public {
        address next = makeAddr("next arbiter");
        vm.expectEmit(address(escrow));
        emit IJobEscrow.ArbiterSet(next);
        escrow.setArbiter(next);
        assertEq(escrow.parameters().arbiter, next);
    }

    function test_setArbiter_revertsWhenZero() public {
        vm.expectRevert(IJobEscrow.EscrowZeroAddress.selector);
        escrow.setArbiter(address(0));
    }

    function test_setArbiter_revertsWhenUnauthorized() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        escrow.setArbiter(stranger);
    }

    function test_pause_revertsWhenUnauthorized() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        escrow.pause();
    }

    function test_upgradeToAndCall_revertsWhenUnauthorized() public {
        JobEscrow next = new JobEscrow(address(pha), address(registry), address(staking));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        escrow.upgradeToAndCall(address(next), "");
    }

    function test_upgradeToAndCall_keepsJobs() public {
        (IJobEscrow.JobTerms memory terms, JobId id) = _delivered();
        JobEscrow next = new JobEscrow(address(pha), address(registry), address(staking));
        escrow.upgradeToAndCall(address(next), "");
        vm.warp(block.timestamp + 1 hours);
        escrow.release(terms);
        assertEq(uint8(escrow.getJob(id).status), uint8(IJobEscrow.JobStatus.Released));
        assertEq(escrow.parameters().treasury, treasury);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // withdraw / settlePool / sweepFees (pull side of releases)
    // ----------------------------------------------------------------------------------------------------------------

    function _released() internal returns (IJobEscrow.JobTerms memory terms, JobId id) {
        (terms, id) = _delivered();
        vm.warp(block.timestamp + 1 hours);
        escrow.release(terms);
    }

    function test_withdraw_paysCreditToChosenAddress() public {
        _released();
        vm.expectEmit(address(escrow));
        emit IJobEscrow.CreditWithdrawn(operator, stranger, 89 ether);
        vm.prank(operator);
        assertEq(escrow.withdraw(stranger), 89 ether);
        assertEq(pha.balanceOf(stranger), 89 ether);
        assertEq(escrow.creditOf(operator).amount, 0);
        // The fee booked with the credit is now among the unswept fees.
        assertEq(escrow.creditOf(operator).fees, 0);
        assertEq(escrow.unsweptFees(), 1 ether);
        assertEq(pha.balanceOf(address(escrow)), 11 ether);
    }

    function test_withdraw_accumulatesManyReleases() public {
        _released();
        _released();
        assertEq(escrow.creditOf(operator).amount, 178 ether);
        assertEq(escrow.creditOf(operator).fees, 2 ether);
        vm.prank(operator);
        escrow.withdraw(operator);
        assertEq(pha.balanceOf(operator), 178 ether);
    }

    function test_withdraw_revertsWhenNothingToWithdraw() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowNothingToWithdraw.selector, stranger));
        escrow.withdraw(stranger);
    }

    function test_withdraw_revertsWhenWithdrawnTwice() public {
        _released();
        vm.startPrank(operator);
        escrow.withdraw(operator);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowNothingToWithdraw.selector, operator));
        escrow.withdraw(operator);
        vm.stopPrank();
    }

    function test_withdraw_revertsToZeroAddress() public {
        _released();
        vm.prank(operator);
        vm.expectRevert(IJobEscrow.EscrowZeroAddress.selector);
        escrow.withdraw(address(0));
    }

    function test_withdraw_worksWhilePaused() public {
        _released();
        escrow.pause();
        vm.prank(operator);
        escrow.withdraw(operator);
        assertEq(pha.balanceOf(operator), 89 ether);
    }

    function test_settlePool_passesRewardAndCollateralToStaking() public {
        _released();
        vm.expectEmit(address(escrow));
        emit IJobEscrow.PoolSettled(POOL, 10 ether, 150 ether);
        vm.prank(stranger);
        escrow.settlePool(POOL);
        (, uint256 reserved, uint256 rewards) = staking.pools(POOL);
        assertEq(reserved, 0);
        assertEq(rewards, 10 ether);
        IJobEscrow.PendingSettlement memory p = escrow.pendingSettlement(POOL);
        assertEq(p.reward, 0);
        assertEq(p.collateral, 0);
        assertEq(pha.balanceOf(address(escrow)), 90 ether);
    }

    function test_settlePool_batchesManyJobs() public {
        _released();
        _released();
        _released();
        escrow.settlePool(POOL);
        (, uint256 reserved, uint256 rewards) = staking.pools(POOL);
        assertEq(reserved, 0);
        assertEq(rewards, 30 ether);
    }

    function test_settlePool_collateralOnlyAfterRefund() public {
        (IJobEscrow.JobTerms memory terms,) = _accepted();
        registry.setValid(worker, false);
        vm.prank(payer);
        escrow.refund(terms);
        vm.expectEmit(address(escrow));
        emit IJobEscrow.PoolSettled(POOL, 0, 150 ether);
        escrow.settlePool(POOL);
        (, uint256 reserved, uint256 rewards) = staking.pools(POOL);
        assertEq(reserved, 0);
        assertEq(rewards, 0);
    }

    function test_settlePool_revertsWhenNothingPending() public {
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowNothingToSettle.selector, POOL));
        escrow.settlePool(POOL);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowNothingToSettle.selector, 0));
        escrow.settlePool(0);
    }

    function test_settlePool_revertsWhenSettledTwice() public {
        _released();
        escrow.settlePool(POOL);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowNothingToSettle.selector, POOL));
        escrow.settlePool(POOL);
    }

    function test_settlePool_worksWhilePaused() public {
        _released();
        escrow.pause();
        escrow.settlePool(POOL);
        (, uint256 reserved,) = staking.pools(POOL);
        assertEq(reserved, 0);
    }

    function test_settlePool_revertsWhenStakingRefusesAndKeepsPending() public {
        _released();
        staking.setAuthorized(address(escrow), false);
        vm.expectRevert();
        escrow.settlePool(POOL);
        assertEq(escrow.pendingSettlement(POOL).reward, 10 ether);
        assertEq(escrow.pendingSettlement(POOL).collateral, 150 ether);
    }

    function test_sweepFees_sendsBookedFeesToTreasury() public {
        _released();
        _released();
        address[] memory ops = new address[](1);
        ops[0] = operator;
        vm.expectEmit(address(escrow));
        emit IJobEscrow.FeesSwept(treasury, 2 ether);
        vm.prank(stranger);
        escrow.sweepFees(ops);
        assertEq(pha.balanceOf(treasury), 2 ether);
        assertEq(escrow.creditOf(operator).fees, 0);
        assertEq(escrow.creditOf(operator).amount, 178 ether);
    }

    function test_sweepFees_sendsUnsweptFeesWithEmptyList() public {
        _released();
        vm.prank(operator);
        escrow.withdraw(operator);
        escrow.sweepFees(new address[](0));
        assertEq(pha.balanceOf(treasury), 1 ether);
        assertEq(escrow.unsweptFees(), 0);
    }

    function test_sweepFees_goesToCurrentTreasury() public {
        _released();
        address newTreasury = makeAddr("newTreasury");
        escrow.setTreasury(newTreasury);
        address[] memory ops = new address[](1);
        ops[0] = operator;
        escrow.sweepFees(ops);
        assertEq(pha.balanceOf(newTreasury), 1 ether);
    }

    function test_sweepFees_revertsWhenNothingToSweep() public {
        vm.expectRevert(IJobEscrow.EscrowNoFeesToSweep.selector);
        escrow.sweepFees(new address[](0));
        address[] memory ops = new address[](2);
        ops[0] = operator;
        ops[1] = stranger;
        vm.expectRevert(IJobEscrow.EscrowNoFeesToSweep.selector);
        escrow.sweepFees(ops);
    }

    function test_sweepFees_listingAnOperatorTwiceSweepsOnce() public {
        _released();
        address[] memory ops = new address[](2);
        ops[0] = operator;
        ops[1] = operator;
        escrow.sweepFees(ops);
        assertEq(pha.balanceOf(treasury), 1 ether);
    }

    function test_sweepFees_worksWhilePaused() public {
        _released();
        escrow.pause();
        address[] memory ops = new address[](1);
        ops[0] = operator;
        escrow.sweepFees(ops);
        assertEq(pha.balanceOf(treasury), 1 ether);
    }

    function test_eip712Domain_describesTheResultDomain() public view {
        (bytes1 fields, string memory name, string memory version, uint256 chainId, address verifyingContract,,) =
            escrow.eip712Domain();
        assertEq(fields, hex"0f");
        assertEq(name, "PhalaJobEscrow");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifyingContract, address(escrow));
    }
}
