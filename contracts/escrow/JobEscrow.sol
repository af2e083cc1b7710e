// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {ManagedUpgradeable} from "../access/ManagedUpgradeable.sol";
import {IJobEscrow} from "../interfaces/IJobEscrow.sol";
import {IStakingHooks} from "../interfaces/IStakingHooks.sol";
import {IWorkerRegistry} from "../interfaces/IWorkerRegistry.sol";
import {JobId} from "../types/JobId.sol";
import {EscrowLogic} from "./libraries/EscrowLogic.sol";
import {JobLib} from "./libraries/JobLib.sol";

/// @title JobEscrow
/// @notice Compute-payment escrow of the Phala L2. The job lifecycle and its state machine diagram are documented in
///         {IJobEscrow}: Open → Accepted → Delivered → (Disputed →) Released, or → Refunded from Open, Accepted or
///         Disputed; Released and Refunded are terminal and each job reaches exactly one of them, once.
/// @dev Money rules: the escrow holds exactly the prices of unfinished jobs, plus the bonds of undecided disputes, plus
///      what ended jobs booked and nobody has pulled yet (operators' credits, pools' pending rewards, unswept fees);
///      every job pays out its price (and bond) exactly once, on its single transition to Released or Refunded:
///      refunds are transferred to the payer at once, releases are booked (pull payments: {withdraw}, {settlePool},
///      {sweepFees}). Slashes are paid by Staking straight from the pool to the treasury (never to the
///      payer, who could be the operator itself: see {EscrowLogic-freeCollateralAndSlash}).
///
///      Collateral: a job's collateral is reserved in Staking for as long as the job runs. When a job ends, its
///      collateral is not released in Staking at once but added to its pool's pending collateral, still reserved there;
///      the next job the pool accepts takes its collateral from that first and reserves only the excess in Staking, and
///      {settlePool} (anyone) releases the rest. Staking's reservation of a pool is thus its running jobs' collateral
///      plus the pending collateral: never less than the running jobs need (payers are never under-collateralized),
///      possibly more until settled (the pool's delegators may have to settle before undelegating).
///
///      Trust: the PHA token, the attestation registry and Staking are system contracts under the same governance; the
///      escrow grants Staking an unlimited allowance (so `notifyReward` can pull rewards without an approval per job)
///      and does not guard against their failures: a reverting Staking blocks settlements until governance fixes it.
///      They are immutables of the implementation: changing them takes an upgrade.
///
///      Pausing stops `create` and `accept` only: deliveries, releases, refunds and disputes move or protect money
///      already committed and a pause must not make anyone miss a deadline or window.
/// @custom:semver 1.1.0
/// @custom:oz-upgrades-unsafe-allow constructor state-variable-immutable
contract JobEscrow is IJobEscrow, IERC5267, ManagedUpgradeable {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @dev Reentrancy lock in transient storage (EIP-1153): cleared at the end of every transaction, never in the
    ///      proxy's persistent storage, so it needs no initialization and costs ~300 gas per call. A whole word (not a
    ///      bool): setting and clearing it are plain TSTOREs, without the read-modify-write of a packed value.
    uint256 private transient _locked;

    IERC20 private immutable _TOKEN;
    IWorkerRegistry private immutable _REGISTRY;
    IStakingHooks private immutable _STAKING;

    /// @dev A job's stored progress (see {Job}, which {getJob} returns), packed so that the hot paths read one slot:
    ///      slot 0 is everything create, accept and release touch, slot 1 the worker (deliver, refund, resolve) and the
    ///      dispute bond ratio. Pool ids are bounded to uint32 at acceptance ({EscrowPoolIdTooLarge}).
    struct JobRecord {
        JobStatus status;
        uint40 since;
        uint16 collateralBps;
        uint32 poolId;
        address operator;
        // slot 1
        address worker;
        uint16 bondBps;
    }

    /// @custom:storage-location erc7201:phala.storage.JobEscrow
    struct JobEscrowStorage {
        Parameters params;
        mapping(JobId id => JobRecord) jobs;
        mapping(uint256 poolId => PendingSettlement) pending;
        mapping(address account => Credit) credits;
        uint256 fees;
    }

    // keccak256(abi.encode(uint256(keccak256("phala.storage.JobEscrow")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_SLOT = 0xa57ca5405502e55fde9c087c79b627f5f2ca32f47b3fe9b6955568f9a40a8100;

    /// @dev Payouts of one or more released jobs of the same pool and operator, booked in one go.
    struct Settlement {
        uint256 poolId;
        address operator;
        uint256 collateral;
        uint256 poolReward;
        uint256 operatorAmount;
        uint256 fee;
    }

    /// @dev The guarantee of OZ ReentrancyGuardTransient, on a native `transient` variable (no inline `tstore`, whose
    ///      compiler warning the strict build treats as an error).
    modifier nonReentrant() {
        _lock();
        _;
        _locked = 0;
    }

    /// @param token_ The PHA token.
    /// @param registry_ The attestation registry.
    /// @param staking_ Staking.
    constructor(address token_, address registry_, address staking_) {
        if (token_ == address(0) || registry_ == address(0) || staking_ == address(0)) revert EscrowZeroAddress();
        _TOKEN = IERC20(token_);
        _REGISTRY = IWorkerRegistry(registry_);
        _STAKING = IStakingHooks(staking_);
    }

    /// @notice Initializes the proxy: governance `authority` and the initial parameters (each bound-checked).
    /// @param authority The system AccessManager.
    /// @param params Initial governed parameters.
    function initialize(address authority, Parameters calldata params) external initializer {
        __ManagedUpgradeable_init(authority);
        EscrowLogic.setAll(_storage().params, params);
        // Staking pulls rewards from the escrow (IStakingHooks.notifyReward); see the trust note above.
        _TOKEN.forceApprove(address(_STAKING), type(uint256).max);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Job lifecycle
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IJobEscrow
    function create(JobTerms calldata terms) external whenNotPaused nonReentrant returns (JobId id) {
        id = _open(terms);
        _TOKEN.safeTransferFrom(msg.sender, address(this), terms.price);
    }

    /// @inheritdoc IJobEscrow
    function createWithPermit(JobTerms calldata terms, uint256 permitDeadline, uint8 v, bytes32 r, bytes32 s)
        external
        whenNotPaused
        nonReentrant
        returns (JobId id)
    {
        // A front-run permit has already set the allowance; the transfer below is the real check.
        try IERC20Permit(address(_TOKEN)).permit(msg.sender, address(this), terms.price, permitDeadline, v, r, s) {}
            catch {}
        id = _open(terms);
        _TOKEN.safeTransferFrom(msg.sender, address(this), terms.price);
    }

    /// @inheritdoc IJobEscrow
    function accept(JobTerms calldata terms, address worker) external whenNotPaused nonReentrant {
        (JobId id,) = _loadIn(terms, JobStatus.Open);
        if (block.timestamp > terms.deadline) revert EscrowDeadlinePassed(id, terms.deadline);
        if (terms.worker != address(0) && terms.worker != worker) revert EscrowNotNamedWorker(id, terms.worker, worker);

        // One registry call and one Staking call.
        (address operator, bool attested) = _REGISTRY.attestedOperatorOf(worker, terms.workloadId);
        if (msg.sender != worker && msg.sender != operator) {
            revert EscrowCallerNotWorkerOrOperator(msg.sender, worker, operator);
        }
        // An attested worker always has an operator: the payment must have somewhere to go.
        if (operator == address(0) || !attested) revert EscrowWorkerNotAttested(worker, terms.workloadId);
        // The worker is attested: Staking's stored jail flag is then all of `isJailed` (its live attestation re-check
        // is the one just made).
        (uint256 poolId, bool jailed, uint256 free, address poolOperator) = _STAKING.workerPoolState(worker);
        if (jailed) revert EscrowWorkerJailed(worker);
        if (poolId == 0) revert EscrowWorkerWithoutPool(worker);
        if (poolId > type(uint32).max) revert EscrowPoolIdTooLarge(poolId);
        // The collateral and slashes must fall on the stake of the operator that is paid: an open pool of the worker's
        // registry operator (the registry lets another operator re-register a worker that stays in its old pool).
        if (poolOperator == address(0)) revert EscrowPoolClosed(poolId);
        if (poolOperator != operator) revert EscrowWorkerOperatorMismatch(worker, operator, poolOperator);

        JobEscrowStorage storage $ = _storage();
        uint16 collateralBps = $.params.collateralBps;
        uint256 collateral = JobLib.bpsOfUp(terms.price, collateralBps);
        uint256 excess = collateral;
        if (collateral != 0) excess = _coverCollateral($.pending[poolId], poolId, collateral, free);

        $.jobs[id] = JobRecord({
            status: JobStatus.Accepted,
            since: uint40(block.timestamp),
            collateralBps: collateralBps,
            // Checked above to fit.
            poolId: uint32(poolId),
            operator: operator,
            worker: worker,
            bondBps: 0
        });
        emit JobAccepted(id, worker, operator, poolId, collateral);

        if (excess != 0) _STAKING.reserveCollateral(poolId, excess);
    }

    /// @inheritdoc IJobEscrow
    function deliver(JobTerms calldata terms, bytes32 resultHash, bytes calldata signature) external nonReentrant {
        (JobId id, JobRecord storage job) = _loadIn(terms, JobStatus.Accepted);
        if (block.timestamp > terms.deadline) revert EscrowDeadlinePassed(id, terms.deadline);
        address worker = job.worker;
        if (!_REGISTRY.isAttested(worker, terms.workloadId)) revert EscrowWorkerNotAttested(worker, terms.workloadId);
        bytes32 digest = _hashTypedData(JobLib.resultStructHash(id, terms, resultHash));
        if (!_isEnclaveSignature(worker, digest, signature)) revert EscrowInvalidSignature(id, worker);

        job.status = JobStatus.Delivered;
        job.since = uint40(block.timestamp);
        emit JobDelivered(id, worker, resultHash);
    }

    /// @inheritdoc IJobEscrow
    function release(JobTerms calldata terms) external nonReentrant {
        Parameters storage p = _storage().params;
        (uint32 window, uint16 feeBps, uint16 shareBps) = (p.challengeWindow, p.protocolFeeBps, p.stakingShareBps);
        _book(_releaseChecked(terms, window, feeBps, shareBps));
    }

    /// @inheritdoc IJobEscrow
    function releaseBatch(JobTerms[] calldata terms) external nonReentrant {
        uint256 n = terms.length;
        if (n == 0) revert EscrowEmptyBatch();
        Parameters storage p = _storage().params;
        (uint32 window, uint16 feeBps, uint16 shareBps) = (p.challengeWindow, p.protocolFeeBps, p.stakingShareBps);
        // Booking is storage only: after the first job, the same pool's, operator's and fee slots are warm (~100 gas
        // a write), so there is nothing to gain from merging consecutive jobs first.
        for (uint256 i; i < n; ++i) {
            _book(_releaseChecked(terms[i], window, feeBps, shareBps));
        }
    }

    /// @inheritdoc IJobEscrow
    function withdraw(address to) external nonReentrant returns (uint256 amount) {
        if (to == address(0)) revert EscrowZeroAddress();
        JobEscrowStorage storage $ = _storage();
        Credit memory credit = $.credits[msg.sender];
        amount = credit.amount;
        if (amount == 0) revert EscrowNothingToWithdraw(msg.sender);
        delete $.credits[msg.sender];
        // The fees booked along with the caller's payments move to the unswept fees (they stay in the escrow).
        if (credit.fees != 0) $.fees += credit.fees;
        emit CreditWithdrawn(msg.sender, to, amount);
        _TOKEN.safeTransfer(to, amount);
    }

    /// @inheritdoc IJobEscrow
    function settlePool(uint256 poolId) external nonReentrant {
        JobEscrowStorage storage $ = _storage();
        PendingSettlement memory p = $.pending[poolId];
        if (p.reward == 0 && p.collateral == 0) revert EscrowNothingToSettle(poolId);
        delete $.pending[poolId];
        emit PoolSettled(poolId, p.reward, p.collateral);
        if (p.collateral != 0) _STAKING.releaseCollateral(poolId, p.collateral);
        if (p.reward != 0) _STAKING.notifyReward(poolId, p.reward);
    }

    /// @inheritdoc IJobEscrow
    function sweepFees(address[] calldata operators) external nonReentrant {
        JobEscrowStorage storage $ = _storage();
        uint256 amount = $.fees;
        for (uint256 i; i < operators.length; ++i) {
            Credit storage credit = $.credits[operators[i]];
            amount += credit.fees;
            credit.fees = 0;
        }
        if (amount == 0) revert EscrowNoFeesToSweep();
        $.fees = 0;
        address treasury = $.params.treasury;
        emit FeesSwept(treasury, amount);
        _TOKEN.safeTransfer(treasury, amount);
    }

    /// @inheritdoc IJobEscrow
    function refund(JobTerms calldata terms) external nonReentrant {
        (JobId id, JobRecord storage job, JobStatus status) = _load(terms);
        bool expired = block.timestamp > terms.deadline;
        RefundReason reason;
        if (status == JobStatus.Open) {
            if (!expired && msg.sender != terms.payer) revert EscrowDeadlineNotPassed(id, terms.deadline);
            reason = expired ? RefundReason.Timeout : RefundReason.Cancelled;
        } else if (status == JobStatus.Accepted) {
            if (expired) {
                reason = RefundReason.Timeout;
            } else if (msg.sender == terms.payer && !_REGISTRY.isAttested(job.worker, terms.workloadId)) {
                reason = RefundReason.WorkerNotAttested;
            } else {
                revert EscrowDeadlineNotPassed(id, terms.deadline);
            }
        } else {
            revert EscrowWrongStatus(id, status);
        }

        job.status = JobStatus.Refunded;
        job.since = uint40(block.timestamp);

        uint256 slashed;
        if (status == JobStatus.Accepted) {
            uint16 penaltyBps = reason == RefundReason.Timeout ? _storage().params.timeoutPenaltyBps : 0;
            slashed = _freeCollateralAndSlash(job, terms, penaltyBps, terms.deadline);
        }
        emit JobRefunded(id, terms.payer, terms.price, slashed, reason);
        _TOKEN.safeTransfer(terms.payer, terms.price);
    }

    /// @inheritdoc IJobEscrow
    function dispute(JobTerms calldata terms) external nonReentrant {
        (JobId id, JobRecord storage job) = _loadIn(terms, JobStatus.Delivered);
        if (msg.sender != terms.payer) revert EscrowCallerNotPayer(id, msg.sender, terms.payer);
        Parameters storage p = _storage().params;
        uint256 windowEnd = uint256(job.since) + p.challengeWindow;
        if (block.timestamp >= windowEnd) revert EscrowChallengeWindowClosed(id, windowEnd);

        uint16 bondBps = p.disputeBondBps;
        uint256 bond = JobLib.bpsOf(terms.price, bondBps);
        // `since` keeps the delivery time: it dates the fault and starts the arbitration clock.
        job.status = JobStatus.Disputed;
        job.bondBps = bondBps;
        emit JobDisputed(id, terms.payer, bond);

        if (bond != 0) _TOKEN.safeTransferFrom(msg.sender, address(this), bond);
    }

    /// @inheritdoc IJobEscrow
    function resolve(JobTerms calldata terms, bool workerAtFault) external nonReentrant {
        (JobId id, JobRecord storage job) = _loadIn(terms, JobStatus.Disputed);
        Parameters storage p = _storage().params;
        if (msg.sender != p.arbiter) revert EscrowCallerNotArbiter(msg.sender, p.arbiter);
        uint256 deliveredAt = job.since;
        uint256 arbitrationEnd = deliveredAt + p.challengeWindow + p.arbitrationPeriod;
        if (block.timestamp >= arbitrationEnd) revert EscrowArbitrationClosed(id, arbitrationEnd);

        uint256 bond = JobLib.bpsOf(terms.price, job.bondBps);
        if (workerAtFault) {
            job.status = JobStatus.Refunded;
            job.since = uint40(block.timestamp);
            emit DisputeResolved(id, DisputeOutcome.WorkerAtFault, bond, 0);
            uint256 slashed = _freeCollateralAndSlash(job, terms, p.disputeSlashBps, deliveredAt);
            emit JobRefunded(id, terms.payer, terms.price, slashed, RefundReason.WorkerAtFault);
            _TOKEN.safeTransfer(terms.payer, terms.price + bond);
        } else {
            Settlement memory s = _markReleased(id, job, terms, p.protocolFeeBps, p.stakingShareBps);
            emit DisputeResolved(id, DisputeOutcome.PayerWrong, 0, bond);
            s.poolReward += bond;
            _book(s);
        }
    }

    /// @inheritdoc IJobEscrow
    function resolveByDefault(JobTerms calldata terms) external nonReentrant {
        (JobId id, JobRecord storage job) = _loadIn(terms, JobStatus.Disputed);
        Parameters storage p = _storage().params;
        uint256 arbitrationEnd = uint256(job.since) + p.challengeWindow + p.arbitrationPeriod;
        if (block.timestamp < arbitrationEnd) revert EscrowArbitrationOpen(id, arbitrationEnd);

        uint256 bond = JobLib.bpsOf(terms.price, job.bondBps);
        Settlement memory s = _markReleased(id, job, terms, p.protocolFeeBps, p.stakingShareBps);
        emit DisputeResolved(id, DisputeOutcome.ArbitrationExpired, bond, 0);
        _book(s);
        if (bond != 0) _TOKEN.safeTransfer(terms.payer, bond);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Governance
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IJobEscrow
    function setTreasury(address treasury) external restricted {
        EscrowLogic.setTreasury(_storage().params, treasury);
    }

    /// @inheritdoc IJobEscrow
    function setArbiter(address arbiter) external restricted {
        EscrowLogic.setArbiter(_storage().params, arbiter);
    }

    /// @inheritdoc IJobEscrow
    function setParameter(Parameter parameter, uint256 value) external restricted {
        EscrowLogic.setParameter(_storage().params, parameter, value);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IJobEscrow
    function jobId(JobTerms calldata terms) external pure returns (JobId) {
        return JobLib.id(terms);
    }

    /// @inheritdoc IJobEscrow
    function getJob(JobId id) external view returns (Job memory) {
        JobRecord storage job = _storage().jobs[id];
        return Job({
            status: job.status,
            since: job.since,
            collateralBps: job.collateralBps,
            bondBps: job.bondBps,
            operator: job.operator,
            worker: job.worker,
            poolId: job.poolId
        });
    }

    /// @inheritdoc IJobEscrow
    function resultDigest(JobTerms calldata terms, bytes32 resultHash) external view returns (bytes32) {
        return _hashTypedData(JobLib.resultStructHash(JobLib.id(terms), terms, resultHash));
    }

    /// @inheritdoc IJobEscrow
    function pendingSettlement(uint256 poolId) external view returns (PendingSettlement memory) {
        return _storage().pending[poolId];
    }

    /// @inheritdoc IJobEscrow
    function creditOf(address account) external view returns (Credit memory) {
        return _storage().credits[account];
    }

    /// @inheritdoc IJobEscrow
    function unsweptFees() external view returns (uint256) {
        return _storage().fees;
    }

    /// @inheritdoc IJobEscrow
    function parameters() external view returns (Parameters memory) {
        return _storage().params;
    }

    /// @inheritdoc IJobEscrow
    function token() external view returns (address) {
        return address(_TOKEN);
    }

    /// @inheritdoc IJobEscrow
    function registry() external view returns (address) {
        return address(_REGISTRY);
    }

    /// @inheritdoc IJobEscrow
    function staking() external view returns (address) {
        return address(_STAKING);
    }

    /// @inheritdoc IERC5267
    /// @dev Constant name and version (no OZ EIP712 base: its string fallbacks do not fit the contract size limit).
    function eip712Domain()
        external
        view
        returns (
            bytes1 fields,
            string memory name,
            string memory version_,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        )
    {
        return (hex"0f", JobLib.EIP712_NAME, JobLib.EIP712_VERSION, block.chainid, address(this), 0, extensions);
    }

    /// @inheritdoc IJobEscrow
    function version() external pure returns (string memory) {
        return "1.1.0";
    }

    // ------------------------------------------------------------------------------------------------------------
    // Internals
    // ------------------------------------------------------------------------------------------------------------

    /// @dev Out of line so the modifier does not copy this code into every entry point (contract size).
    function _lock() private {
        if (_locked != 0) revert EscrowReentrantCall();
        _locked = 1;
    }

    /// @dev EIP-712 digest of `structHash` under this escrow's domain (the proxy's address and the current chain id,
    ///      recomputed each time: one keccak over five words).
    function _hashTypedData(bytes32 structHash) private view returns (bytes32) {
        bytes32 domainSeparator = keccak256(
            abi.encode(
                JobLib.EIP712_DOMAIN_TYPEHASH, JobLib.EIP712_NAME_HASH, JobLib.EIP712_VERSION_HASH, block.chainid, address(this)
            )
        );
        return MessageHashUtils.toTypedDataHash(domainSeparator, structHash);
    }

    function _storage() private pure returns (JobEscrowStorage storage $) {
        assembly {
            $.slot := STORAGE_SLOT
        }
    }

    /// @dev Checks the terms of a new job and records it as Open.
    function _open(JobTerms calldata terms) private returns (JobId id) {
        id = JobLib.id(terms);
        if (terms.payer != msg.sender) revert EscrowCallerNotPayer(id, msg.sender, terms.payer);
        if (terms.price == 0) revert EscrowZeroPrice();
        uint256 latest = block.timestamp + _storage().params.maxJobDuration;
        if (terms.deadline <= block.timestamp || terms.deadline > latest) {
            revert EscrowDeadlineOutOfRange(terms.deadline, latest);
        }
        JobRecord storage job = _storage().jobs[id];
        if (job.status != JobStatus.None) revert EscrowJobExists(id);
        job.status = JobStatus.Open;
        job.since = uint40(block.timestamp);
        emit JobCreated(
            id, msg.sender, terms.worker, terms.price, terms.deadline, terms.workloadId, terms.inputHash, terms.salt
        );
    }

    /// @dev The job of `terms` and its status; reverts if it was never created.
    function _load(JobTerms calldata terms) private view returns (JobId id, JobRecord storage job, JobStatus status) {
        id = JobLib.id(terms);
        job = _storage().jobs[id];
        status = job.status;
        if (status == JobStatus.None) revert EscrowUnknownJob(id);
    }

    /// @dev The job of `terms`, which must be in status `expected`; reverts if it was never created or is in another
    ///      (its status read once).
    function _loadIn(JobTerms calldata terms, JobStatus expected) private view returns (JobId id, JobRecord storage job) {
        JobStatus status;
        (id, job, status) = _load(terms);
        if (status != expected) revert EscrowWrongStatus(id, status);
    }

    /// @dev Checks that the job of `terms` may be released now, marks it Released and returns its payouts.
    function _releaseChecked(JobTerms calldata terms, uint256 window, uint256 feeBps, uint256 shareBps)
        private
        returns (Settlement memory)
    {
        (JobId id, JobRecord storage job) = _loadIn(terms, JobStatus.Delivered);
        uint256 windowEnd = uint256(job.since) + window;
        if (block.timestamp < windowEnd) revert EscrowChallengeWindowOpen(id, windowEnd);
        return _markReleased(id, job, terms, feeBps, shareBps);
    }

    /// @dev Marks a Delivered or Disputed job Released and returns what it pays out.
    function _markReleased(JobId id, JobRecord storage job, JobTerms calldata terms, uint256 feeBps, uint256 shareBps)
        private
        returns (Settlement memory s)
    {
        job.status = JobStatus.Released;
        job.since = uint40(block.timestamp);
        (s.fee, s.poolReward, s.operatorAmount) = JobLib.split(terms.price, feeBps, shareBps);
        s.poolId = job.poolId;
        s.operator = job.operator;
        s.collateral = JobLib.bpsOfUp(terms.price, job.collateralBps);
        emit JobReleased(id, s.operator, s.poolId, s.operatorAmount, s.poolReward, s.fee);
    }

    /// @dev Books released jobs (no token moves): their collateral and staking share to their pool's pending
    ///      settlement (one slot), the operator's rest and the fee to the operator's credit (one slot).
    function _book(Settlement memory s) private {
        JobEscrowStorage storage $ = _storage();
        if (s.collateral != 0 || s.poolReward != 0) {
            PendingSettlement storage pending = $.pending[s.poolId];
            // Read and written whole: one SLOAD, one SSTORE. Checked uint128 sums (a pool's pending amounts are bounded
            // by the PHA supply).
            (uint128 reward, uint128 collateral) = (pending.reward, pending.collateral);
            (pending.reward, pending.collateral) =
                (reward + s.poolReward.toUint128(), collateral + s.collateral.toUint128());
        }
        if (s.operatorAmount != 0 || s.fee != 0) {
            // One slot for the operator's payment and the fees booked with it (swept from there, or moved to the
            // unswept fees when the operator withdraws): one SLOAD, one SSTORE per release.
            Credit storage credit = $.credits[s.operator];
            (uint128 amount, uint128 fees) = (credit.amount, credit.fees);
            (credit.amount, credit.fees) = (amount + s.operatorAmount.toUint128(), fees + s.fee.toUint128());
        }
    }

    /// @dev Covers `collateral` for a job `poolId` accepts: first from the pool's pending collateral (ended jobs'
    ///      collateral, still reserved in Staking), the rest from Staking's free stake. Returns the rest, which the
    ///      caller reserves in Staking. The pool's real free stake is Staking's free stake plus the pending collateral,
    ///      except when Staking's reservations exceed its stake (after a slash; Staking then reports 0 and the pending
    ///      collateral may not be fully backed): the pending collateral is then released in Staking first and the job
    ///      is judged by Staking's figure alone, exactly as if nothing had been pending. `free` is Staking's free stake
    ///      of the pool, read earlier in this transaction (nothing in between changes it).
    function _coverCollateral(PendingSettlement storage pending, uint256 poolId, uint256 collateral, uint256 free)
        private
        returns (uint256 excess)
    {
        uint256 carried = pending.collateral;
        if (carried != 0 && free == 0) {
            free = EscrowLogic.settleCollateral(pending, address(_STAKING), poolId, carried);
            carried = 0;
        }
        if (free + carried < collateral) revert EscrowInsufficientFreeStake(poolId, free + carried, collateral);
        if (carried >= collateral) {
            // unchecked: carried >= collateral; the result fits the uint128 it came from.
            unchecked {
                pending.collateral = uint128(carried - collateral);
            }
            return 0;
        }
        if (carried != 0) pending.collateral = 0;
        // unchecked: carried < collateral.
        unchecked {
            excess = collateral - carried;
        }
    }

    /// @dev Frees the job's collateral (to its pool's pending collateral), then slashes its pool `penaltyBps` of the
    ///      price (capped by the collateral and by Staking's per-incident cap) to the treasury, jailing the worker (in
    ///      {EscrowLogic}: refunds and lost disputes are rare paths). Returns the amount Staking actually slashed.
    function _freeCollateralAndSlash(JobRecord storage job, JobTerms calldata terms, uint256 penaltyBps, uint256 faultTime)
        private
        returns (uint256)
    {
        uint256 poolId = job.poolId;
        return EscrowLogic.freeCollateralAndSlash(
            _storage().pending[poolId],
            address(_STAKING),
            poolId,
            job.worker,
            terms.price,
            job.collateralBps,
            penaltyBps,
            faultTime,
            _storage().params.treasury
        );
    }

    /// @dev True if `signature` is `worker`'s enclave signature of `digest`. 65 bytes: secp256k1, whose signer address
    ///      is the worker id itself (no registry lookup needed: a P-256 worker's id cannot be a secp256k1 address
    ///      without a 160-bit preimage). 64 bytes: P-256 (r ‖ s) against the public key the registry holds, through the
    ///      RIP-7212 precompile of the OP stack (no Solidity fallback: it would not fit the contract size limit).
    function _isEnclaveSignature(address worker, bytes32 digest, bytes calldata signature)
        private
        view
        returns (bool)
    {
        if (signature.length == 65) {
            (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signature);
            return err == ECDSA.RecoverError.NoError && signer == worker;
        }
        return EscrowLogic.isP256Signature(address(_REGISTRY), worker, digest, signature);
    }
}
