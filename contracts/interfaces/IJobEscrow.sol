// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {JobId} from "../types/JobId.sol";

/// @title IJobEscrow
/// @notice Compute-payment escrow: a payer (typically a dApp) deposits PHA for a job, an attested worker (a TEE enclave
///         registered in the attestation registry) accepts it against collateral reserved on its staking pool,
///         delivers a result commitment signed by its enclave key, and the payment is released after a challenge
///         window, refunded, or disputed and resolved by an arbiter appointed by governance.
/// @dev A job is identified by the hash of its immutable {JobTerms} (see {JobId}); only its mutable progress
///      ({Job}, two storage slots) is stored. Every function acting on a job takes the terms and re-derives the id.
///
///      State machine (each job ends in exactly one terminal state: Released or Refunded):
///
///      ```
///                 create (deposit price)
///                        │
///                        ▼
///                   ┌────────┐  refund: payer at any time, or anyone after the deadline   ┌──────────┐
///                   │  Open  │ ─────────────────────────────────────────────────────────▶│          │
///                   └────────┘                                                           │          │
///                        │ accept (attested, not jailed, collateral covered: first from  │          │
///                        │ the pool's pending release, the rest reserved in Staking)     │          │
///                        ▼                                                               │          │
///                   ┌──────────┐  refund: anyone after the deadline (pool slashed the     │          │
///                   │ Accepted │  timeout penalty, to the treasury), or the payer at     │ Refunded │
///                   └──────────┘  once if the worker is no longer attested (no slash) ──▶│ (price   │
///                        │ deliver (enclave-signed result, by the deadline)              │ paid to  │
///                        ▼                                                               │ the      │
///                   ┌───────────┐  dispute (payer, inside the challenge window,         │ payer)   │
///                   │ Delivered │  posting the bond)                                     │          │
///                   └───────────┘ ───────────────────────┐                               │          │
///                        │                               ▼                               │          │
///                        │                         ┌──────────┐ resolve(workerAtFault):  │          │
///                        │                         │ Disputed │ price + bond to payer,   │          │
///                        │                         └──────────┘ pool slashed (treasury)─▶└──────────┘
///                        │                           │      │
///                        │ release (anyone, once     │      │ resolveByDefault (anyone, once the arbitration
///                        │ the window has passed)    │      │ period passed without a decision): price
///                        │                           │      │ released, bond back to the payer, no slash
///                        │       resolve(!workerAtFault): price released, bond to the pool's pending reward
///                        ▼                           ▼      ▼
///                   ┌──────────────────────────────────────────────────┐
///                   │ Released: staking share to the pool's pending    │
///                   │ reward, the rest and the protocol fee (the       │
///                   │ treasury's) to the operator's credit             │
///                   └──────────────────────────────────────────────────┘
///
///      Money that left a job but not yet the escrow (pull payments; none of it belongs to a running job):
///        operator credit: amount ──withdraw (the operator)──────────────────▶ operator
///        operator credit: fees ────withdraw moves them to unswept fees ─┐
///                                  sweepFees(operators) (anyone) ───────┴─▶ treasury
///        pool pending reward ─────┐
///        pool pending release ────┴─settlePool (anyone)─▶ Staking.notifyReward / Staking.releaseCollateral
///      ```
///      Leaving Accepted, Delivered or Disputed adds the job's collateral to its pool's pending release (before any
///      slash, which the escrow asks of Staking directly). A pool's reservation in Staking is therefore stale-high by
///      its pending release until someone calls {settlePool}: conservative for payers (more stake stays locked, never
///      less), and the next job the pool accepts takes its collateral from the pending release first. Readers of
///      Staking's free stake (e.g. before an undelegation) add {pendingSettlement}'s collateral, or settle first.
interface IJobEscrow {
    /// @notice Progress of a job. `None` means unknown. `Released` and `Refunded` are terminal.
    enum JobStatus {
        None,
        Open,
        Accepted,
        Delivered,
        Disputed,
        Released,
        Refunded
    }

    /// @notice Why a job was refunded.
    enum RefundReason {
        /// The payer withdrew a job no worker had accepted.
        Cancelled,
        /// No delivery by the deadline; an accepting worker's pool was slashed the timeout penalty.
        Timeout,
        /// The accepted worker lost its attestation for the workload before delivering.
        WorkerNotAttested,
        /// The arbiter found the worker at fault; its pool was slashed the dispute penalty.
        WorkerAtFault
    }

    /// @notice How a dispute ended.
    enum DisputeOutcome {
        /// Arbiter: the worker was at fault. Price and bond to the payer, pool slashed to the treasury.
        WorkerAtFault,
        /// Arbiter: the payer was wrong. Price released, bond to the worker's pool as rewards.
        PayerWrong,
        /// No decision within the arbitration period. Price released (the enclave-signed delivery stands), bond back
        /// to the payer, nobody slashed.
        ArbitrationExpired
    }

    /// @notice Governed parameter, named in {EscrowParameterOutOfBounds}.
    enum Parameter {
        ProtocolFee,
        StakingShare,
        CollateralRatio,
        TimeoutPenalty,
        DisputeBond,
        DisputeSlash,
        ChallengeWindow,
        ArbitrationPeriod,
        MaxJobDuration
    }

    /// @notice The immutable terms of a job; their keccak256 (ABI-encoded) is the job's {JobId}.
    /// @param payer Who deposits the price and receives refunds; must be the creator.
    /// @param worker The named worker (its enclave key address), or zero for any eligible worker.
    /// @param price Payment in PHA wei, deposited at creation.
    /// @param deadline Last second (unix time) at which a delivery is accepted.
    /// @param workloadId The registry workload id the worker must be attested for.
    /// @param inputHash Commitment to the job input (the input travels off-chain, encrypted to the enclave).
    /// @param salt Chosen by the payer to tell apart jobs with otherwise identical terms.
    struct JobTerms {
        address payer;
        address worker;
        uint96 price;
        uint40 deadline;
        bytes32 workloadId;
        bytes32 inputHash;
        bytes32 salt;
    }

    /// @notice The mutable progress of a job, as {getJob} returns it (stored packed in two slots).
    /// @param status Current status.
    /// @param since Time of the last transition; while Delivered or Disputed, the delivery time (it dates a fault and
    ///        starts both the challenge window and, after it, the arbitration period).
    /// @param collateralBps Collateral ratio (of the price, in basis points) reserved at acceptance.
    /// @param bondBps Dispute bond ratio (of the price, in basis points) posted at dispute.
    /// @param operator The worker's operator at acceptance: receives the payment.
    /// @param worker The accepting worker.
    /// @param poolId The worker's staking pool at acceptance: holds the collateral, receives the staking share.
    struct Job {
        JobStatus status;
        uint40 since;
        uint16 collateralBps;
        uint16 bondBps;
        address operator;
        address worker;
        uint96 poolId;
    }

    /// @notice What the escrow owes a staking pool and has not yet passed to Staking (one slot).
    /// @param reward Staking shares (and dispute bonds) of released jobs, for {IStakingHooks-notifyReward}.
    /// @param collateral Collateral of ended jobs, still reserved in Staking, for {IStakingHooks-releaseCollateral}.
    struct PendingSettlement {
        uint128 reward;
        uint128 collateral;
    }

    /// @notice What the escrow holds for an operator from released jobs (one slot).
    /// @param amount The operator's payments, withdrawable with {withdraw}.
    /// @param fees The protocol fees booked with those payments: the treasury's, swept by {sweepFees} (or moved to
    ///        {unsweptFees} when the operator withdraws).
    struct Credit {
        uint128 amount;
        uint128 fees;
    }

    /// @notice Governed parameters. Ratios are in basis points of the job price; durations in seconds.
    /// @param treasury Receives protocol fees.
    /// @param protocolFeeBps Fee taken on release, to the treasury.
    /// @param stakingShareBps Share of the price credited to the worker's pool on release.
    /// @param challengeWindow Time after delivery during which the payer may dispute and nobody may release.
    /// @param collateralBps Free stake the worker's pool must have, reserved while the job runs.
    /// @param timeoutPenaltyBps Slashed from the pool (capped by the collateral) when an accepted job times out.
    /// @param arbiter Decides disputes.
    /// @param disputeBondBps Bond the payer posts to dispute.
    /// @param disputeSlashBps Slashed from the pool (capped by the collateral) when the worker is found at fault.
    /// @param arbitrationPeriod Time the arbiter has, after the challenge window ends, before the default outcome
    ///        applies: a dispute is decided by `deliveredAt + challengeWindow + arbitrationPeriod`.
    /// @param maxJobDuration Longest allowed time between creation and deadline.
    struct Parameters {
        address treasury;
        uint16 protocolFeeBps;
        uint16 stakingShareBps;
        uint32 challengeWindow;
        uint16 collateralBps;
        uint16 timeoutPenaltyBps;
        address arbiter;
        uint16 disputeBondBps;
        uint16 disputeSlashBps;
        uint32 arbitrationPeriod;
        uint32 maxJobDuration;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Events
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Emitted when `payer` opens job `id` and deposits `price`. Carries every term so the job can be rebuilt
    ///         from logs.
    event JobCreated(
        JobId indexed id,
        address indexed payer,
        address indexed worker,
        uint96 price,
        uint40 deadline,
        bytes32 workloadId,
        bytes32 inputHash,
        bytes32 salt
    );

    /// @notice Emitted when `worker` (of `operator`, in `poolId`) accepts job `id`, reserving `collateral`.
    event JobAccepted(
        JobId indexed id, address indexed worker, address indexed operator, uint256 poolId, uint256 collateral
    );

    /// @notice Emitted when the worker of job `id` delivers `resultHash`, signed by its enclave key.
    event JobDelivered(JobId indexed id, address indexed worker, bytes32 resultHash);

    /// @notice Emitted when the payer of job `id` disputes the delivery, posting `bond`.
    event JobDisputed(JobId indexed id, address indexed payer, uint256 bond);

    /// @notice Emitted when the dispute on job `id` ends with `outcome`; `bondToPayer` and `bondToPool` say where the
    ///         bond went.
    event DisputeResolved(JobId indexed id, DisputeOutcome outcome, uint256 bondToPayer, uint256 bondToPool);

    /// @notice Emitted when job `id`'s price is paid out, in the escrow's books: `operatorAmount` and the treasury's
    ///         `protocolFee` to `operator`'s credit, `poolReward` to `poolId`'s pending reward.
    event JobReleased(
        JobId indexed id,
        address indexed operator,
        uint256 indexed poolId,
        uint256 operatorAmount,
        uint256 poolReward,
        uint256 protocolFee
    );

    /// @notice Emitted when job `id`'s price `amount` is returned to `payer`; `slashed` was taken from the worker's
    ///         pool and paid to the treasury (never to the payer, who could be the operator: see {refund}).
    event JobRefunded(JobId indexed id, address indexed payer, uint256 amount, uint256 slashed, RefundReason reason);

    /// @notice Emitted when `account` withdraws its whole credit `amount` to `to`.
    event CreditWithdrawn(address indexed account, address indexed to, uint256 amount);

    /// @notice Emitted when pool `poolId`'s pending `reward` and `collateral` are passed to Staking.
    event PoolSettled(uint256 indexed poolId, uint256 reward, uint256 collateral);

    /// @notice Emitted when the protocol fees `amount` are swept to `treasury`.
    event FeesSwept(address indexed treasury, uint256 amount);

    /// @notice Emitted when governance sets the treasury.
    event TreasurySet(address treasury);

    /// @notice Emitted when governance sets the arbiter.
    event ArbiterSet(address arbiter);

    /// @notice Emitted when governance sets a numeric parameter.
    event ParameterSet(Parameter indexed parameter, uint256 value);

    // ------------------------------------------------------------------------------------------------------------
    // Errors
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Thrown when a required address (token, registry, staking, treasury, arbiter) is zero.
    error EscrowZeroAddress();

    /// @notice Thrown when governance sets `parameter` to `value` outside [`min`, `max`].
    error EscrowParameterOutOfBounds(Parameter parameter, uint256 value, uint256 min, uint256 max);

    /// @notice Thrown when a job is created with a zero price.
    error EscrowZeroPrice();

    /// @notice Thrown when a job's `deadline` is not within (`now`, `latest`].
    error EscrowDeadlineOutOfRange(uint256 deadline, uint256 latest);

    /// @notice Thrown when a job with the same terms (hence `id`) already exists.
    error EscrowJobExists(JobId id);

    /// @notice Thrown when no job has id `id` (no job was created with these terms).
    error EscrowUnknownJob(JobId id);

    /// @notice Thrown when job `id` is in `status`, from which the requested transition is not allowed.
    error EscrowWrongStatus(JobId id, JobStatus status);

    /// @notice Thrown when `caller` acts as payer of job `id` whose payer is `payer`.
    error EscrowCallerNotPayer(JobId id, address caller, address payer);

    /// @notice Thrown when `worker` accepts job `id` that names `namedWorker`.
    error EscrowNotNamedWorker(JobId id, address namedWorker, address worker);

    /// @notice Thrown when `caller` accepts on behalf of `worker` but is neither it nor its `operator`.
    error EscrowCallerNotWorkerOrOperator(address caller, address worker, address operator);

    /// @notice Thrown when `worker` is not attested and valid at this block for `workloadId`.
    error EscrowWorkerNotAttested(address worker, bytes32 workloadId);

    /// @notice Thrown when `worker` is jailed by staking.
    error EscrowWorkerJailed(address worker);

    /// @notice Thrown when `worker` is not assigned to a staking pool.
    error EscrowWorkerWithoutPool(address worker);

    /// @notice Thrown when `worker`'s pool id does not fit the job record (above 2^32 - 1).
    error EscrowPoolIdTooLarge(uint256 poolId);

    /// @notice Thrown when the worker's staking pool `poolId` is closed (its operator left): it backs no new job.
    error EscrowPoolClosed(uint256 poolId);

    /// @notice Thrown when `worker`'s registry `operator` is not `poolOperator`, the operator of its staking pool (the
    ///         worker was re-registered by another operator): a job's collateral must be its paid operator's stake.
    error EscrowWorkerOperatorMismatch(address worker, address operator, address poolOperator);

    /// @notice Thrown when pool `poolId` has `freeStake` but the job needs `required` collateral.
    error EscrowInsufficientFreeStake(uint256 poolId, uint256 freeStake, uint256 required);

    /// @notice Thrown when job `id` is accepted or delivered after its `deadline`.
    error EscrowDeadlinePassed(JobId id, uint256 deadline);

    /// @notice Thrown when job `id` is refunded before its `deadline` by someone not entitled to an early refund.
    error EscrowDeadlineNotPassed(JobId id, uint256 deadline);

    /// @notice Thrown when a delivery signature for job `id` is not by `worker`'s enclave key over the typed result.
    error EscrowInvalidSignature(JobId id, address worker);

    /// @notice Thrown when job `id` is released while its challenge window runs until `endsAt`.
    error EscrowChallengeWindowOpen(JobId id, uint256 endsAt);

    /// @notice Thrown when job `id` is disputed after its challenge window ended at `endedAt`.
    error EscrowChallengeWindowClosed(JobId id, uint256 endedAt);

    /// @notice Thrown when `caller` resolves a dispute but is not the `arbiter`.
    error EscrowCallerNotArbiter(address caller, address arbiter);

    /// @notice Thrown when the default outcome of job `id`'s dispute is claimed while the arbiter may decide until
    ///         `endsAt`.
    error EscrowArbitrationOpen(JobId id, uint256 endsAt);

    /// @notice Thrown when the arbiter decides job `id`'s dispute after its period ended at `endedAt`.
    error EscrowArbitrationClosed(JobId id, uint256 endedAt);

    /// @notice Thrown when an escrow entry point is re-entered during a call (e.g. from a token or staking hook).
    error EscrowReentrantCall();

    /// @notice Thrown when a batch release is given no jobs.
    error EscrowEmptyBatch();

    /// @notice Thrown when `account` withdraws but has no credit.
    error EscrowNothingToWithdraw(address account);

    /// @notice Thrown when pool `poolId` is settled but the escrow owes it nothing.
    error EscrowNothingToSettle(uint256 poolId);

    /// @notice Thrown when fees are swept but none are unswept.
    error EscrowNoFeesToSweep();

    // ------------------------------------------------------------------------------------------------------------
    // Job lifecycle
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Opens a job and pulls its price from the caller (who must approve the escrow first).
    /// @dev Whenever not paused. `terms.payer` must be the caller; the deadline must be in the future and within
    ///      `maxJobDuration`. Emits {JobCreated}.
    /// @return id The job id, `keccak256(abi.encode(terms))`.
    function create(JobTerms calldata terms) external returns (JobId id);

    /// @notice As {create}, first approving the escrow with an EIP-2612 permit for `terms.price`.
    /// @dev A failing permit is ignored (it may have been front-run: the allowance is then already in place); the
    ///      transfer fails if the allowance is missing.
    function createWithPermit(JobTerms calldata terms, uint256 permitDeadline, uint8 v, bytes32 r, bytes32 s)
        external
        returns (JobId id);

    /// @notice `worker` takes an open job: it must be the named worker (if any), attested and valid now for the
    ///         workload, not jailed, in an open pool of its registry operator, and its pool's free stake must cover the
    ///         collateral, which is reserved until the job ends.
    /// @dev Whenever not paused. Called by the worker (its enclave key) or its operator. Emits {JobAccepted}.
    function accept(JobTerms calldata terms, address worker) external;

    /// @notice Records the result commitment of an accepted job. Anyone may submit: the `signature` must be by the
    ///         worker's enclave key over the EIP-712 `JobResult` (see {resultDigest}), by the deadline, with the worker
    ///         still attested for the workload at this block.
    /// @dev `signature` is 65 bytes (r ‖ s ‖ v) for a secp256k1 key, which must recover to the worker id itself (the id
    ///      is the key's address); or 64 bytes (r ‖ s) for a P-256 key, verified against the public key the registry
    ///      holds for the worker. High-s signatures are rejected. Not pausable: a pause must not make workers miss
    ///      deadlines. Emits {JobDelivered}.
    function deliver(JobTerms calldata terms, bytes32 resultHash, bytes calldata signature) external;

    /// @notice Pays out a delivered job once its challenge window has passed, in the escrow's books (pull payments, no
    ///         token moves): the staking share and the job's collateral to its pool's pending settlement
    ///         ({settlePool}), the rest to the operator's credit ({withdraw}) along with the protocol fee, which is the
    ///         treasury's ({sweepFees}). Anyone may call.
    /// @dev Emits {JobReleased}.
    function release(JobTerms calldata terms) external;

    /// @notice {release} of many jobs in one call; consecutive jobs of the same pool and operator are booked in one
    ///         write each. Reverts entirely if any job cannot be released. The caller bounds the list.
    function releaseBatch(JobTerms[] calldata terms) external;

    /// @notice Sends the caller's whole credit (operator payments of released jobs) to `to`; the fees booked with it
    ///         move to {unsweptFees}.
    /// @dev Not pausable (the caller's own money). Emits {CreditWithdrawn}; reverts with {EscrowNothingToWithdraw} or
    ///      {EscrowZeroAddress}.
    /// @return amount The amount sent.
    function withdraw(address to) external returns (uint256 amount);

    /// @notice Passes what the escrow owes pool `poolId` to Staking: its pending reward through
    ///         {IStakingHooks-notifyReward} (Staking pulls the PHA) and its pending collateral through
    ///         {IStakingHooks-releaseCollateral}. Anyone may call, e.g. a delegator before undelegating, or a keeper.
    /// @dev Not pausable. Emits {PoolSettled}; reverts with {EscrowNothingToSettle}.
    function settlePool(uint256 poolId) external;

    /// @notice Sends the protocol fees to the treasury: the unswept fees plus those booked with the payments of each of
    ///         `operators` (see {Credit}; find them in {JobReleased} events). Anyone may call; the caller bounds the list
    ///         (an empty list sweeps the unswept fees only).
    /// @dev Not pausable. Fees go to the treasury set at the time of the sweep. Emits {FeesSwept}; reverts with
    ///      {EscrowNoFeesToSweep} if there is nothing to send.
    function sweepFees(address[] calldata operators) external;

    /// @notice Returns the price to the payer. Allowed: (a) anyone, once the deadline passed without delivery (an
    ///         accepted job's pool is slashed the timeout penalty, within Staking's per-incident cap, paid to the
    ///         treasury); (b) the payer, at once, if no worker accepted yet; (c) the payer, at once, if the accepted
    ///         worker is no longer attested for the workload (no slash: the registry handles revocations).
    ///         Slashes go to the treasury, not the payer: they are mostly delegators' stake, and an operator could be
    ///         the payer of its own worker's jobs and collect them by letting the jobs fail.
    /// @dev Emits {JobRefunded}.
    function refund(JobTerms calldata terms) external;

    /// @notice The payer contests a delivery inside the challenge window, posting the dispute bond (pulled, so approve
    ///         the escrow first).
    /// @dev Emits {JobDisputed}.
    function dispute(JobTerms calldata terms) external;

    /// @notice The arbiter decides a dispute within the arbitration period. Worker at fault: price and bond to the
    ///         payer, the pool slashed the dispute penalty (to the treasury). Otherwise: price released, bond to the
    ///         worker's pool as rewards.
    /// @dev Emits {DisputeResolved} then {JobRefunded} or {JobReleased}.
    function resolve(JobTerms calldata terms, bool workerAtFault) external;

    /// @notice Applies the default outcome to a dispute the arbiter left undecided past the arbitration period: the
    ///         enclave-signed delivery stands (price released) and the payer gets the bond back. Anyone may call.
    /// @dev Emits {DisputeResolved} then {JobReleased}.
    function resolveByDefault(JobTerms calldata terms) external;

    // ------------------------------------------------------------------------------------------------------------
    // Governance (restricted)
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Sets the treasury that receives protocol fees. Restricted (governance).
    function setTreasury(address treasury) external;

    /// @notice Sets the dispute arbiter. Restricted (governance).
    function setArbiter(address arbiter) external;

    /// @notice Sets a numeric parameter. Restricted (governance). Bounds (basis points of the price, or seconds):
    ///         ProtocolFee ≤ 1,000; StakingShare ≤ 5,000; CollateralRatio ≤ 50,000 (applies to jobs accepted
    ///         afterwards); TimeoutPenalty, DisputeBond (applies to disputes opened afterwards), DisputeSlash ≤ 10,000;
    ///         ChallengeWindow in [1 minute, 30 days]; ArbitrationPeriod in [1 hour, 60 days]; MaxJobDuration in
    ///         [1 hour, 365 days]. Window and period changes apply to running jobs too (governance is timelocked).
    /// @dev Emits {ParameterSet}; reverts with {EscrowParameterOutOfBounds}.
    function setParameter(Parameter parameter, uint256 value) external;

    // ------------------------------------------------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------------------------------------------------

    /// @notice The job id of `terms`: `keccak256(abi.encode(terms))`.
    function jobId(JobTerms calldata terms) external pure returns (JobId);

    /// @notice The stored progress of job `id` (all zero if unknown).
    function getJob(JobId id) external view returns (Job memory);

    /// @notice The EIP-712 digest the worker's enclave key signs to deliver `resultHash` for `terms`:
    ///         `JobResult(bytes32 jobId,bytes32 workloadId,bytes32 inputHash,bytes32 resultHash,uint40 deadline)` under
    ///         the domain {name: "PhalaJobEscrow", version: "1", chainId, verifyingContract: this escrow}.
    function resultDigest(JobTerms calldata terms, bytes32 resultHash) external view returns (bytes32);

    /// @notice What the escrow owes pool `poolId` and has not yet passed to Staking: Staking's `freeStake(poolId)`
    ///         understates the pool's real free stake by `collateral` until {settlePool}.
    function pendingSettlement(uint256 poolId) external view returns (PendingSettlement memory);

    /// @notice What the escrow holds for `account` from released jobs: its withdrawable payments and the treasury's fees
    ///         booked with them.
    function creditOf(address account) external view returns (Credit memory);

    /// @notice Protocol fees ready to sweep to the treasury, besides those still booked in operators' credits.
    function unsweptFees() external view returns (uint256);

    /// @notice The governed parameters.
    function parameters() external view returns (Parameters memory);

    /// @notice The PHA token.
    function token() external view returns (address);

    /// @notice The attestation registry consulted for workers.
    function registry() external view returns (address);

    /// @notice The staking contract holding pools, collateral and rewards.
    function staking() external view returns (address);

    /// @notice Semantic version of this contract.
    function version() external view returns (string memory);
}
