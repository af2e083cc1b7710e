// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {JobEscrow} from "../../../contracts/escrow/JobEscrow.sol";
import {IJobEscrow} from "../../../contracts/interfaces/IJobEscrow.sol";
import {JobId} from "../../../contracts/types/JobId.sol";
import {TestWorkerRegistry} from "../helpers/TestWorkerRegistry.sol";
import {TestStaking} from "../helpers/TestStaking.sol";

/// @notice Drives the escrow through random sequences of every action (by the right and the wrong actors) with time
///         jumps, attestation changes and governance changes, and keeps ghost accounting of every job's money.
contract JobEscrowHandler is Test {
    uint256 internal constant ACTORS = 3;
    bytes32 internal constant WORKLOAD = keccak256("phala/workload/llm-inference");

    JobEscrow internal immutable escrow;
    IERC20 internal immutable token;
    TestWorkerRegistry internal immutable registry;
    TestStaking internal immutable staking;
    address internal immutable treasury;
    address internal immutable arbiter;

    address[ACTORS] public payers;
    address[ACTORS] public operators;
    address[ACTORS] public workers;
    uint256[ACTORS] internal workerPks;

    IJobEscrow.JobTerms[] internal _jobs;
    /// @notice Ghost: deposit + bond paid into the escrow per job, and what left the escrow for it when it ended.
    mapping(JobId => uint256) public ghostPaidIn;
    mapping(JobId => uint256) public ghostPaidOut;
    /// @notice Ghost: how many times each job ended (must be 0 or 1), and as what.
    mapping(JobId => uint256) public ghostEndings;
    mapping(JobId => IJobEscrow.JobStatus) public ghostTerminal;
    /// @notice Ghost: calls whose recipients' receipts differed from the deposits + bonds of the jobs they ended.
    uint256 public ghostConservationBreaches;
    uint256 public ghostEnded;
    mapping(bytes32 => uint256) public calls;

    uint256 internal _salt;

    constructor(
        JobEscrow escrow_,
        IERC20 token_,
        TestWorkerRegistry registry_,
        TestStaking staking_,
        address[ACTORS] memory payers_,
        uint256[ACTORS] memory workerPks_,
        address[ACTORS] memory operators_
    ) {
        escrow = escrow_;
        token = token_;
        registry = registry_;
        staking = staking_;
        IJobEscrow.Parameters memory p = escrow_.parameters();
        treasury = p.treasury;
        arbiter = p.arbiter;
        payers = payers_;
        operators = operators_;
        workerPks = workerPks_;
        for (uint256 i; i < ACTORS; ++i) {
            workers[i] = vm.addr(workerPks_[i]);
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Views for the invariants
    // ----------------------------------------------------------------------------------------------------------------

    function jobCount() external view returns (uint256) {
        return _jobs.length;
    }

    function jobAt(uint256 i) external view returns (IJobEscrow.JobTerms memory) {
        return _jobs[i];
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Actions
    // ----------------------------------------------------------------------------------------------------------------

    function create(uint256 payerSeed, uint256 price, uint256 duration, uint256 workerSeed, bool named) external {
        address payer = payers[payerSeed % ACTORS];
        IJobEscrow.JobTerms memory terms = IJobEscrow.JobTerms({
            payer: payer,
            worker: named ? workers[workerSeed % ACTORS] : address(0),
            price: uint96(bound(price, 1, 1_000 ether)),
            deadline: uint40(block.timestamp + bound(duration, 1, 2 days)),
            workloadId: WORKLOAD,
            inputHash: keccak256(abi.encode("input", _salt)),
            salt: bytes32(++_salt)
        });
        vm.prank(payer);
        try escrow.create(terms) returns (JobId id) {
            _jobs.push(terms);
            ghostPaidIn[id] = terms.price;
            ++calls["create"];
        } catch {}
    }

    function accept(uint256 jobSeed, uint256 workerSeed, bool byOperator) external {
        (IJobEscrow.JobTerms memory terms,) = _pick(jobSeed);
        if (terms.payer == address(0)) return;
        uint256 w = workerSeed % ACTORS;
        vm.prank(byOperator ? operators[w] : workers[w]);
        try escrow.accept(terms, workers[w]) {
            ++calls["accept"];
        } catch {}
    }

    function deliver(uint256 jobSeed, bytes32 resultHash, bool wrongKey) external {
        (IJobEscrow.JobTerms memory terms, JobId id) = _pick(jobSeed);
        if (terms.payer == address(0)) return;
        address worker = escrow.getJob(id).worker;
        uint256 pk = 0xBAD;
        for (uint256 i; i < ACTORS; ++i) {
            if (workers[i] == worker && !wrongKey) pk = workerPks[i];
        }
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, escrow.resultDigest(terms, resultHash));
        try escrow.deliver(terms, resultHash, abi.encodePacked(r, s, v)) {
            ++calls["deliver"];
        } catch {}
    }

    function release(uint256 jobSeed) external {
        (IJobEscrow.JobTerms memory terms, JobId id) = _pick(jobSeed);
        if (terms.payer == address(0)) return;
        JobId[] memory ids = new JobId[](1);
        ids[0] = id;
        uint256 before = recipientsBalance();
        try escrow.release(terms) {
            _ended(ids, before);
            ++calls["release"];
        } catch {}
    }

    function releaseBatch(uint256 startSeed, uint256 count) external {
        uint256 n = _jobs.length;
        if (n == 0) return;
        count = bound(count, 1, 10);
        IJobEscrow.JobTerms[] memory batch = new IJobEscrow.JobTerms[](count);
        JobId[] memory ids = new JobId[](count);
        // Releasable jobs only, so batches do succeed: scan from a random start.
        uint256 found;
        for (uint256 k; k < n && found < count; ++k) {
            IJobEscrow.JobTerms memory terms = _jobs[(startSeed + k) % n];
            JobId id = escrow.jobId(terms);
            IJobEscrow.Job memory job = escrow.getJob(id);
            if (
                job.status == IJobEscrow.JobStatus.Delivered
                    && block.timestamp >= uint256(job.since) + escrow.parameters().challengeWindow
            ) {
                batch[found] = terms;
                ids[found++] = id;
            }
        }
        if (found == 0) return;
        assembly {
            mstore(batch, found)
            mstore(ids, found)
        }
        uint256 before = recipientsBalance();
        try escrow.releaseBatch(batch) {
            _ended(ids, before);
            ++calls["releaseBatch"];
        } catch {}
    }

    function refund(uint256 jobSeed, uint256 callerSeed, bool asPayer) external {
        (IJobEscrow.JobTerms memory terms, JobId id) = _pick(jobSeed);
        if (terms.payer == address(0)) return;
        JobId[] memory ids = new JobId[](1);
        ids[0] = id;
        uint256 before = recipientsBalance();
        vm.prank(asPayer ? terms.payer : payers[callerSeed % ACTORS]);
        try escrow.refund(terms) {
            _ended(ids, before);
            ++calls["refund"];
        } catch {}
    }

    function dispute(uint256 jobSeed) external {
        (IJobEscrow.JobTerms memory terms, JobId id) = _pick(jobSeed);
        if (terms.payer == address(0)) return;
        uint256 before = token.balanceOf(address(escrow));
        vm.prank(terms.payer);
        try escrow.dispute(terms) {
            ghostPaidIn[id] += token.balanceOf(address(escrow)) - before;
            ++calls["dispute"];
        } catch {}
    }

    function resolve(uint256 jobSeed, bool workerAtFault) external {
        (IJobEscrow.JobTerms memory terms, JobId id) = _pick(jobSeed);
        if (terms.payer == address(0)) return;
        JobId[] memory ids = new JobId[](1);
        ids[0] = id;
        uint256 before = recipientsBalance();
        vm.prank(arbiter);
        try escrow.resolve(terms, workerAtFault) {
            _ended(ids, before);
            ++calls["resolve"];
        } catch {}
    }

    function resolveByDefault(uint256 jobSeed) external {
        (IJobEscrow.JobTerms memory terms, JobId id) = _pick(jobSeed);
        if (terms.payer == address(0)) return;
        JobId[] memory ids = new JobId[](1);
        ids[0] = id;
        uint256 before = recipientsBalance();
        try escrow.resolveByDefault(terms) {
            _ended(ids, before);
            ++calls["resolveByDefault"];
        } catch {}
    }

    function warp(uint256 dt) external {
        vm.warp(block.timestamp + bound(dt, 1, 2 days));
        ++calls["warp"];
    }

    function setAttested(uint256 workerSeed, bool valid) external {
        registry.setValid(workers[workerSeed % ACTORS], valid);
        ++calls["setAttested"];
    }

    function setParameter(uint256 which, uint256 value) external {
        IJobEscrow.Parameter p = IJobEscrow.Parameter(which % 9);
        uint256[9] memory maxs = [uint256(1_000), 5_000, 50_000, 10_000, 10_000, 10_000, 1 days, 2 days, 3 days];
        uint256[9] memory mins = [uint256(0), 0, 0, 0, 0, 0, 1 minutes, 1 hours, 1 hours];
        uint256 i = uint256(p);
        try escrow.setParameter(p, bound(value, mins[i], maxs[i])) {
            ++calls["setParameter"];
        } catch {}
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Ghost bookkeeping
    // ----------------------------------------------------------------------------------------------------------------

    function _pick(uint256 seed) internal view returns (IJobEscrow.JobTerms memory terms, JobId id) {
        if (_jobs.length == 0) return (terms, id);
        terms = _jobs[seed % _jobs.length];
        id = escrow.jobId(terms);
    }

    /// @dev PHA held by, or booked in the escrow for, everyone money can go to when a job ends: payers, operators
    ///      (balances and credits), the treasury (balance, unswept fees and fees booked in operators' credits), staking
    ///      pools (Staking's balance and the pools' pending rewards). Slashes move from staking to the treasury and cancel out;
    ///      pulls (withdraw, settlePool, sweepFees) move money from a book to a balance and cancel out; what is left is
    ///      exactly what the escrow paid out or booked.
    function recipientsBalance() public view returns (uint256 sum) {
        for (uint256 i; i < ACTORS; ++i) {
            IJobEscrow.Credit memory credit = escrow.creditOf(operators[i]);
            sum += token.balanceOf(payers[i]) + token.balanceOf(operators[i]) + credit.amount + credit.fees;
            sum += escrow.pendingSettlement(i + 1).reward;
        }
        sum += token.balanceOf(address(staking)) + token.balanceOf(treasury) + escrow.unsweptFees();
    }

    function _ended(JobId[] memory ids, uint256 before) internal {
        uint256 received = recipientsBalance() - before;
        uint256 expected;
        for (uint256 i; i < ids.length; ++i) {
            JobId id = ids[i];
            expected += ghostPaidIn[id];
            ++ghostEndings[id];
            ghostTerminal[id] = escrow.getJob(id).status;
            ++ghostEnded;
        }
        if (received != expected) ++ghostConservationBreaches;
        // Per job: exact when the call ended one job; a batch is checked as a whole above.
        if (ids.length == 1) ghostPaidOut[ids[0]] += received;
        else for (uint256 i; i < ids.length; ++i) ghostPaidOut[ids[i]] += ghostPaidIn[ids[i]];
    }
}
