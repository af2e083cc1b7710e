// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IJobEscrow} from "../../contracts/interfaces/IJobEscrow.sol";
import {JobId} from "../../contracts/types/JobId.sol";
import {EscrowFixture} from "./helpers/EscrowFixture.sol";
import {JobEscrowHandler} from "./handlers/JobEscrowHandler.sol";
import {JobEscrowPullHandler} from "./handlers/JobEscrowPullHandler.sol";

/// @notice Money invariants of the escrow over random sequences of every action with time jumps.
contract JobEscrowInvariantTest is EscrowFixture {
    JobEscrowHandler internal handler;
    JobEscrowPullHandler internal puller;

    function setUp() public override {
        super.setUp();
        address[3] memory payers = [makeAddr("payer0"), makeAddr("payer1"), makeAddr("payer2")];
        address[3] memory operators = [makeAddr("operator0"), makeAddr("operator1"), makeAddr("operator2")];
        uint256[3] memory workerPks = [uint256(0xA1), 0xA2, 0xA3];
        for (uint256 i; i < 3; ++i) {
            address w = vm.addr(workerPks[i]);
            registry.registerSecp256k1(w, operators[i], WORKLOAD);
            staking.assign(w, i + 1, operators[i]);
            _stake(i + 1, 20_000 ether);
            _mint(payers[i], 1_000_000 ether);
            vm.prank(payers[i]);
            pha.approve(address(escrow), type(uint256).max);
        }
        handler = new JobEscrowHandler(
            escrow, IERC20(address(pha)), registry, staking, payers, workerPks, operators
        );
        // The handler also plays governance (parameter changes mid-flight).
        manager.grantRole(0, address(handler), 0);
        targetContract(address(handler));
        puller = new JobEscrowPullHandler(escrow, handler);
        targetContract(address(puller));
    }

    function _isOpen(IJobEscrow.JobStatus s) internal pure returns (bool) {
        return s != IJobEscrow.JobStatus.Released && s != IJobEscrow.JobStatus.Refunded
            && s != IJobEscrow.JobStatus.None;
    }

    /// @notice The escrow holds exactly the prices of unfinished jobs, plus the bonds of undecided disputes, plus what
    ///         ended jobs booked and nobody pulled yet: operators' credits (with the fees booked in them), pools' pending
    ///         rewards and the unswept fees.
    function invariant_balanceEqualsOpenDepositsPlusBondsPlusBooked() public view {
        uint256 expected = escrow.unsweptFees();
        for (uint256 i; i < 3; ++i) {
            IJobEscrow.Credit memory credit = escrow.creditOf(handler.operators(i));
            expected += uint256(credit.amount) + credit.fees + escrow.pendingSettlement(i + 1).reward;
        }
        uint256 n = handler.jobCount();
        for (uint256 i; i < n; ++i) {
            IJobEscrow.JobTerms memory terms = handler.jobAt(i);
            IJobEscrow.Job memory job = escrow.getJob(escrow.jobId(terms));
            if (_isOpen(job.status)) expected += terms.price;
            if (job.status == IJobEscrow.JobStatus.Disputed) expected += uint256(terms.price) * job.bondBps / 10_000;
        }
        assertEq(pha.balanceOf(address(escrow)), expected);
    }

    /// @notice Every ended job paid out exactly its deposit plus bond to payer + operator + pool + treasury, credits and
    ///         pending rewards included; pulls never create or lose money.
    function invariant_endedJobsPayOutDepositPlusBond() public view {
        assertEq(handler.ghostConservationBreaches(), 0);
        assertEq(puller.ghostConservationBreaches(), 0);
        uint256 n = handler.jobCount();
        for (uint256 i; i < n; ++i) {
            JobId id = escrow.jobId(handler.jobAt(i));
            if (!_isOpen(escrow.getJob(id).status)) {
                assertEq(handler.ghostPaidOut(id), handler.ghostPaidIn(id));
            } else {
                assertEq(handler.ghostPaidOut(id), 0);
            }
        }
    }

    /// @notice No job is paid twice, or paid and refunded: it ends at most once and its terminal state never changes.
    function invariant_jobsEndExactlyOnce() public view {
        uint256 n = handler.jobCount();
        for (uint256 i; i < n; ++i) {
            JobId id = escrow.jobId(handler.jobAt(i));
            IJobEscrow.JobStatus status = escrow.getJob(id).status;
            uint256 endings = handler.ghostEndings(id);
            assertLe(endings, 1);
            assertEq(endings == 1, !_isOpen(status));
            if (endings == 1) assertEq(uint8(handler.ghostTerminal(id)), uint8(status));
        }
    }

    /// @notice Staking's reservations are exactly the collateral of the running accepted jobs of each pool plus the
    ///         pool's pending collateral (ended jobs' collateral not yet released): never below what running jobs need.
    function invariant_collateralMatchesRunningJobsPlusPending() public view {
        uint256[4] memory expected;
        uint256 n = handler.jobCount();
        for (uint256 i; i < n; ++i) {
            IJobEscrow.JobTerms memory terms = handler.jobAt(i);
            IJobEscrow.Job memory job = escrow.getJob(escrow.jobId(terms));
            if (_isOpen(job.status) && job.status != IJobEscrow.JobStatus.Open) {
                expected[job.poolId] += (uint256(terms.price) * job.collateralBps + 9_999) / 10_000;
            }
        }
        for (uint256 p = 1; p <= 3; ++p) {
            (, uint256 reserved,) = staking.pools(p);
            assertEq(reserved, expected[p] + escrow.pendingSettlement(p).collateral);
        }
    }

    /// @notice The handler itself works: a scripted sequence through it reaches every ending with the ghosts agreeing.
    function test_handler_reachesEveryEnding() public {
        for (uint256 i; i < 6; ++i) {
            handler.create(i, 50 ether + i, 1 days, i, false);
            handler.accept(i, i, i % 2 == 0);
        }
        assertEq(handler.calls("accept"), 6);
        handler.deliver(0, RESULT, false);
        handler.deliver(1, RESULT, false);
        handler.deliver(2, RESULT, false);
        handler.deliver(3, RESULT, true); // wrong key: refused
        assertEq(handler.calls("deliver"), 3);
        handler.dispute(2);
        handler.warp(1 hours);
        handler.release(0);
        handler.releaseBatch(1, 10);
        handler.setAttested(4, false);
        handler.refund(4, 0, true); // worker 4 (index 1) no longer attested
        handler.resolve(2, true);
        handler.warp(1 days);
        handler.refund(3, 0, false); // timeout, by anyone
        handler.refund(5, 0, false);
        assertEq(handler.ghostEnded(), 6);
        assertEq(handler.calls("release") + handler.calls("releaseBatch"), 2);
        assertEq(handler.calls("refund"), 3);
        assertEq(handler.calls("resolve"), 1);
        invariant_balanceEqualsOpenDepositsPlusBondsPlusBooked();
        invariant_endedJobsPayOutDepositPlusBond();
        invariant_jobsEndExactlyOnce();
        invariant_collateralMatchesRunningJobsPlusPending();
        // The pulls empty the escrow: every pool settled, every credit withdrawn, every fee swept.
        for (uint256 i; i < 3; ++i) {
            puller.withdraw(i, i, false);
            puller.settlePool(i + 1);
        }
        puller.sweepFees(7);
        assertGt(puller.calls("withdraw"), 0);
        assertGt(puller.calls("settlePool"), 0);
        assertEq(puller.calls("sweepFees"), 1);
        invariant_balanceEqualsOpenDepositsPlusBondsPlusBooked();
        invariant_endedJobsPayOutDepositPlusBond();
        invariant_collateralMatchesRunningJobsPlusPending();
        assertEq(pha.balanceOf(address(escrow)), 0);
        for (uint256 p = 1; p <= 3; ++p) {
            (, uint256 reserved,) = staking.pools(p);
            assertEq(reserved, 0);
        }
    }
}
