// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {P256} from "@openzeppelin/contracts/utils/cryptography/P256.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ManagedUpgradeable} from "../access/ManagedUpgradeable.sol";
import {IJobEscrow} from "../interfaces/IJobEscrow.sol";
import {IStakingHooks} from "../interfaces/IStakingHooks.sol";
import {IWorkerRegistry} from "../interfaces/IWorkerRegistry.sol";
import {JobId} from "../types/JobId.sol";
import {JobLib} from "./libraries/JobLib.sol";

/// @title JobEscrow
/// @notice Compute-payment escrow of the Phala L2. The job lifecycle and its state machine diagram are documented in
///         {IJobEscrow}: Open → Accepted → Delivered → (Disputed →) Released, or → Refunded from Open, Accepted or
///         Disputed; Released and Refunded are terminal and each job reaches exactly one of them, once.
/// @dev Money rules: the escrow holds exactly the prices of unfinished jobs plus the bonds of undecided disputes; every
///      job pays out its price (and bond) exactly once, on its single transition to Released or Refunded. Slashes are
///      paid by Staking straight from the pool to the payer.
///
///      Trust: the PHA token, the attestation registry and Staking are system contracts under the same governance; the
///      escrow grants Staking an unlimited allowance (so `notifyReward` can pull rewards without an approval per job)
///      and does not guard against their failures: a reverting Staking blocks settlements until governance fixes it.
///      They are immutables of the implementation: changing them takes an upgrade.
///
///      Pausing stops `create` and `accept` only: deliveries, releases, refunds and disputes move or protect money
///      already committed and a pause must not make anyone miss a deadline or window.
/// @custom:semver 1.0.0
/// @custom:oz-upgrades-unsafe-allow constructor state-variable-immutable
contract JobEscrow is IJobEscrow, ManagedUpgradeable, ReentrancyGuardTransient, EIP712 {
    using SafeERC20 for IERC20;

    IERC20 private immutable _TOKEN;
    IWorkerRegistry private immutable _REGISTRY;
    IStakingHooks private immutable _STAKING;

    /// @custom:storage-location erc7201:phala.storage.JobEscrow
    struct JobEscrowStorage {
        Parameters params;
        mapping(JobId id => Job) jobs;
    }

    // keccak256(abi.encode(uint256(keccak256("phala.storage.JobEscrow")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_SLOT = 0xa57ca5405502e55fde9c087c79b627f5f2ca32f47b3fe9b6955568f9a40a8100;

    /// @dev Payouts of one or more released jobs of the same pool and operator, made in one go.
    struct Settlement {
        uint256 poolId;
        address operator;
        uint256 collateral;
        uint256 poolReward;
        uint256 operatorAmount;
        uint256 fee;
    }

    /// @param token_ The PHA token.
    /// @param registry_ The attestation registry.
    /// @param staking_ Staking.
    constructor(address token_, address registry_, address staking_) EIP712("PhalaJobEscrow", "1") {
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
        _setTreasury(params.treasury);
        _setArbiter(params.arbiter);
        _setParameter(Parameter.ProtocolFee, params.protocolFeeBps);
        _setParameter(Parameter.StakingShare, params.stakingShareBps);
        _setParameter(Parameter.CollateralRatio, params.collateralBps);
        _setParameter(Parameter.TimeoutPenalty, params.timeoutPenaltyBps);
        _setParameter(Parameter.DisputeBond, params.disputeBondBps);
        _setParameter(Parameter.DisputeSlash, params.disputeSlashBps);
        _setParameter(Parameter.ChallengeWindow, params.challengeWindow);
        _setParameter(Parameter.ArbitrationPeriod, params.arbitrationPeriod);
        _setParameter(Parameter.MaxJobDuration, params.maxJobDuration);
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
        (JobId id, Job storage job) = _load(terms);
        if (job.status != JobStatus.Open) revert EscrowWrongStatus(id, job.status);
        if (block.timestamp > terms.deadline) revert EscrowDeadlinePassed(id, terms.deadline);
        if (terms.worker != address(0) && terms.worker != worker) revert EscrowNotNamedWorker(id, terms.worker, worker);

        address operator = _REGISTRY.operatorOf(worker);
        if (msg.sender != worker && msg.sender != operator) {
            revert EscrowCallerNotWorkerOrOperator(msg.sender, worker, operator);
        }
        // An attested worker always has an operator: the payment must have somewhere to go.
        if (operator == address(0) || !_REGISTRY.isAttested(worker, terms.workloadId)) {
            revert EscrowWorkerNotAttested(worker, terms.workloadId);
        }
        if (_STAKING.isJailed(worker)) revert EscrowWorkerJailed(worker);
        uint256 poolId = _STAKING.poolOfWorker(worker);
        if (poolId == 0) revert EscrowWorkerWithoutPool(worker);
        if (poolId > type(uint96).max) revert EscrowPoolIdTooLarge(poolId);

        uint16 collateralBps = _storage().params.collateralBps;
        uint256 collateral = JobLib.bpsOfUp(terms.price, collateralBps);
        if (collateral != 0) {
            uint256 free = _STAKING.freeStake(poolId);
            if (free < collateral) revert EscrowInsufficientFreeStake(poolId, free, collateral);
        }

        _storage().jobs[id] = Job({
            status: JobStatus.Accepted,
            since: uint40(block.timestamp),
            collateralBps: collateralBps,
            bondBps: 0,
            operator: operator,
            worker: worker,
            // Checked above to fit.
            poolId: uint96(poolId)
        });
        emit JobAccepted(id, worker, operator, poolId, collateral);

        if (collateral != 0) _STAKING.reserveCollateral(poolId, collateral);
    }

    /// @inheritdoc IJobEscrow
    function deliver(JobTerms calldata terms, bytes32 resultHash, bytes calldata signature) external nonReentrant {
        (JobId id, Job storage job) = _load(terms);
        if (job.status != JobStatus.Accepted) revert EscrowWrongStatus(id, job.status);
        if (block.timestamp > terms.deadline) revert EscrowDeadlinePassed(id, terms.deadline);
        address worker = job.worker;
        if (!_REGISTRY.isAttested(worker, terms.workloadId)) revert EscrowWorkerNotAttested(worker, terms.workloadId);
        bytes32 digest = _hashTypedDataV4(JobLib.resultStructHash(id, terms, resultHash));
        if (!_isEnclaveSignature(worker, digest, signature)) revert EscrowInvalidSignature(id, worker);

        job.status = JobStatus.Delivered;
        job.since = uint40(block.timestamp);
        emit JobDelivered(id, worker, resultHash);
    }

    /// @inheritdoc IJobEscrow
    function release(JobTerms calldata terms) external nonReentrant {
        Parameters storage p = _storage().params;
        (uint32 window, uint16 feeBps, uint16 shareBps) = (p.challengeWindow, p.protocolFeeBps, p.stakingShareBps);
        _settle(_releaseChecked(terms, window, feeBps, shareBps));
    }

    /// @inheritdoc IJobEscrow
    function releaseBatch(JobTerms[] calldata terms) external nonReentrant {
        uint256 n = terms.length;
        if (n == 0) revert EscrowEmptyBatch();
        Parameters storage p = _storage().params;
        (uint32 window, uint16 feeBps, uint16 shareBps) = (p.challengeWindow, p.protocolFeeBps, p.stakingShareBps);
        Settlement memory s;
        for (uint256 i; i < n; ++i) {
            Settlement memory next = _releaseChecked(terms[i], window, feeBps, shareBps);
            if (i == 0) {
                s = next;
            } else if (next.poolId == s.poolId && next.operator == s.operator) {
                s.collateral += next.collateral;
                s.poolReward += next.poolReward;
                s.operatorAmount += next.operatorAmount;
                s.fee += next.fee;
            } else {
                // Every job of `s` is already marked Released: paying it out now keeps checks-effects-interactions.
                _settle(s);
                s = next;
            }
        }
        _settle(s);
    }

    /// @inheritdoc IJobEscrow
    function refund(JobTerms calldata terms) external nonReentrant {
        (JobId id, Job storage job) = _load(terms);
        JobStatus status = job.status;
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
            slashed = _unreserveAndSlash(job, terms, penaltyBps, terms.deadline);
        }
        emit JobRefunded(id, terms.payer, terms.price, slashed, reason);
        _TOKEN.safeTransfer(terms.payer, terms.price);
    }

    /// @inheritdoc IJobEscrow
    function dispute(JobTerms calldata terms) external nonReentrant {
        (JobId id, Job storage job) = _load(terms);
        if (job.status != JobStatus.Delivered) revert EscrowWrongStatus(id, job.status);
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
        (JobId id, Job storage job) = _load(terms);
        if (job.status != JobStatus.Disputed) revert EscrowWrongStatus(id, job.status);
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
            uint256 slashed = _unreserveAndSlash(job, terms, p.disputeSlashBps, deliveredAt);
            emit JobRefunded(id, terms.payer, terms.price, slashed, RefundReason.WorkerAtFault);
            _TOKEN.safeTransfer(terms.payer, terms.price + bond);
        } else {
            Settlement memory s = _markReleased(id, job, terms, p.protocolFeeBps, p.stakingShareBps);
            emit DisputeResolved(id, DisputeOutcome.PayerWrong, 0, bond);
            s.poolReward += bond;
            _settle(s);
        }
    }

    /// @inheritdoc IJobEscrow
    function resolveByDefault(JobTerms calldata terms) external nonReentrant {
        (JobId id, Job storage job) = _load(terms);
        if (job.status != JobStatus.Disputed) revert EscrowWrongStatus(id, job.status);
        Parameters storage p = _storage().params;
        uint256 arbitrationEnd = uint256(job.since) + p.challengeWindow + p.arbitrationPeriod;
        if (block.timestamp < arbitrationEnd) revert EscrowArbitrationOpen(id, arbitrationEnd);

        uint256 bond = JobLib.bpsOf(terms.price, job.bondBps);
        Settlement memory s = _markReleased(id, job, terms, p.protocolFeeBps, p.stakingShareBps);
        emit DisputeResolved(id, DisputeOutcome.ArbitrationExpired, bond, 0);
        _settle(s);
        if (bond != 0) _TOKEN.safeTransfer(terms.payer, bond);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Governance
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IJobEscrow
    function setTreasury(address treasury) external restricted {
        _setTreasury(treasury);
    }

    /// @inheritdoc IJobEscrow
    function setArbiter(address arbiter) external restricted {
        _setArbiter(arbiter);
    }

    /// @inheritdoc IJobEscrow
    function setParameter(Parameter parameter, uint256 value) external restricted {
        _setParameter(parameter, value);
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
        return _storage().jobs[id];
    }

    /// @inheritdoc IJobEscrow
    function resultDigest(JobTerms calldata terms, bytes32 resultHash) external view returns (bytes32) {
        return _hashTypedDataV4(JobLib.resultStructHash(JobLib.id(terms), terms, resultHash));
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

    /// @inheritdoc IJobEscrow
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    // ------------------------------------------------------------------------------------------------------------
    // Internals
    // ------------------------------------------------------------------------------------------------------------

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
        Job storage job = _storage().jobs[id];
        if (job.status != JobStatus.None) revert EscrowJobExists(id);
        job.status = JobStatus.Open;
        job.since = uint40(block.timestamp);
        emit JobCreated(
            id, msg.sender, terms.worker, terms.price, terms.deadline, terms.workloadId, terms.inputHash, terms.salt
        );
    }

    /// @dev The job of `terms`; reverts if it was never created.
    function _load(JobTerms calldata terms) private view returns (JobId id, Job storage job) {
        id = JobLib.id(terms);
        job = _storage().jobs[id];
        if (job.status == JobStatus.None) revert EscrowUnknownJob(id);
    }

    /// @dev Checks that the job of `terms` may be released now, marks it Released and returns its payouts.
    function _releaseChecked(JobTerms calldata terms, uint256 window, uint256 feeBps, uint256 shareBps)
        private
        returns (Settlement memory)
    {
        (JobId id, Job storage job) = _load(terms);
        if (job.status != JobStatus.Delivered) revert EscrowWrongStatus(id, job.status);
        uint256 windowEnd = uint256(job.since) + window;
        if (block.timestamp < windowEnd) revert EscrowChallengeWindowOpen(id, windowEnd);
        return _markReleased(id, job, terms, feeBps, shareBps);
    }

    /// @dev Marks a Delivered or Disputed job Released and returns what it pays out.
    function _markReleased(JobId id, Job storage job, JobTerms calldata terms, uint256 feeBps, uint256 shareBps)
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

    /// @dev Pays out released jobs: frees their collateral, credits the pool, pays the operator and the treasury.
    function _settle(Settlement memory s) private {
        if (s.collateral != 0) _STAKING.releaseCollateral(s.poolId, s.collateral);
        if (s.poolReward != 0) _STAKING.notifyReward(s.poolId, s.poolReward);
        if (s.operatorAmount != 0) _TOKEN.safeTransfer(s.operator, s.operatorAmount);
        if (s.fee != 0) _TOKEN.safeTransfer(_storage().params.treasury, s.fee);
    }

    /// @dev Frees the job's collateral, then slashes its pool `penaltyBps` of the price (capped by the collateral) to the
    ///      payer, jailing the worker. Returns the amount Staking actually slashed.
    function _unreserveAndSlash(Job storage job, JobTerms calldata terms, uint256 penaltyBps, uint256 faultTime)
        private
        returns (uint256 slashed)
    {
        uint256 poolId = job.poolId;
        uint256 collateral = JobLib.bpsOfUp(terms.price, job.collateralBps);
        if (collateral != 0) _STAKING.releaseCollateral(poolId, collateral);
        uint256 penalty = JobLib.bpsOf(terms.price, penaltyBps);
        if (penalty > collateral) penalty = collateral;
        if (penalty != 0) slashed = _STAKING.slash(poolId, job.worker, penalty, faultTime, terms.payer);
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
        if (signature.length != 64) return false;
        (IWorkerRegistry.KeyType keyType, bytes memory publicKey) = _REGISTRY.enclaveKeyOf(worker);
        if (keyType != IWorkerRegistry.KeyType.P256 || publicKey.length != 64) return false;
        bytes32 qx;
        bytes32 qy;
        assembly ("memory-safe") {
            qx := mload(add(publicKey, 0x20))
            qy := mload(add(publicKey, 0x40))
        }
        return P256.verifyNative(digest, bytes32(signature[0:32]), bytes32(signature[32:64]), qx, qy);
    }

    function _setTreasury(address treasury) private {
        if (treasury == address(0)) revert EscrowZeroAddress();
        _storage().params.treasury = treasury;
        emit TreasurySet(treasury);
    }

    function _setArbiter(address arbiter) private {
        if (arbiter == address(0)) revert EscrowZeroAddress();
        _storage().params.arbiter = arbiter;
        emit ArbiterSet(arbiter);
    }

    /// @dev Bound-checks and stores a numeric parameter. The bounds make every value fit its packed field.
    function _setParameter(Parameter parameter, uint256 value) private {
        Parameters storage p = _storage().params;
        if (parameter == Parameter.ProtocolFee) {
            _checkBounds(parameter, value, 0, JobLib.MAX_PROTOCOL_FEE_BPS);
            p.protocolFeeBps = uint16(value);
        } else if (parameter == Parameter.StakingShare) {
            _checkBounds(parameter, value, 0, JobLib.MAX_STAKING_SHARE_BPS);
            p.stakingShareBps = uint16(value);
        } else if (parameter == Parameter.CollateralRatio) {
            _checkBounds(parameter, value, 0, JobLib.MAX_COLLATERAL_BPS);
            p.collateralBps = uint16(value);
        } else if (parameter == Parameter.TimeoutPenalty) {
            _checkBounds(parameter, value, 0, JobLib.MAX_PENALTY_BPS);
            p.timeoutPenaltyBps = uint16(value);
        } else if (parameter == Parameter.DisputeBond) {
            _checkBounds(parameter, value, 0, JobLib.MAX_PENALTY_BPS);
            p.disputeBondBps = uint16(value);
        } else if (parameter == Parameter.DisputeSlash) {
            _checkBounds(parameter, value, 0, JobLib.MAX_PENALTY_BPS);
            p.disputeSlashBps = uint16(value);
        } else if (parameter == Parameter.ChallengeWindow) {
            _checkBounds(parameter, value, JobLib.MIN_CHALLENGE_WINDOW, JobLib.MAX_CHALLENGE_WINDOW);
            p.challengeWindow = uint32(value);
        } else if (parameter == Parameter.ArbitrationPeriod) {
            _checkBounds(parameter, value, JobLib.MIN_ARBITRATION_PERIOD, JobLib.MAX_ARBITRATION_PERIOD);
            p.arbitrationPeriod = uint32(value);
        } else {
            _checkBounds(parameter, value, JobLib.MIN_JOB_DURATION, JobLib.MAX_JOB_DURATION);
            p.maxJobDuration = uint32(value);
        }
        emit ParameterSet(parameter, value);
    }

    /// @dev Reverts unless `value` is within [`min`, `max`].
    function _checkBounds(Parameter parameter, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert EscrowParameterOutOfBounds(parameter, value, min, max);
    }
}
