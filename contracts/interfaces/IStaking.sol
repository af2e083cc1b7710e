// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IStakingHooks} from "./IStakingHooks.sol";

/// @title IStaking
/// @notice Operator pools backing attested TEE workers with PHA: delegation, rewards, unbonding, slashing, collateral.
///
/// Model (every operation is O(1) in the number of delegators, pools and workers):
/// - An operator opens a pool with a self-stake (>= `minSelfStake`), a commission (<= `maxCommissionBps`; a raise
///   takes effect `commissionRaiseDelay` after it is announced, a cut at once) and a capacity (cap on active + bonding
///   stake). The operator assigns workers; a worker *counts* while the registry says it is attested, its registry
///   operator is the pool's operator and it is not jailed.
/// - Delegating (the operator's self-stake included) puts PHA into a *bonding* position that becomes active shares
///   `bondingPeriod` after the end of the epoch (`EPOCH` seconds) it entered in. Bonding stake earns nothing, is
///   not effective, is not free stake for collateral and is never slashed. This warm-up is what lets a slash honour
///   `faultTime` exactly and in O(1) (see `slash`). A later delegation by the account itself moves its pending
///   position to the new epoch; one paid by another address (`delegateFor`), or the operator's own, may not
///   (`StakingBondingPending`). Once active, the operator keeps at least `minSelfStake` active or leaves entirely
///   (the pool then closes: no effective stake, no free stake, no new delegations).
/// - Effective stake of a pool = min(active stake, counted workers x `maxStakePerWorker`) (zero once closed).
///   Emission (`emissionRate` PHA/s, paid out of the funded `emissionReserve`; nothing is minted) is shared between
///   pools pro rata to effective stake through one global index; fee rewards come through `notifyReward`. Inside a
///   pool the commission goes to the operator (`claimCommission`), the rest to active shares (reward per share).
/// - Attestation expiry happens without a transaction, so each worker's status is a checkpoint, re-read whenever the
///   operator touches the worker and by anyone through `syncWorker`. See `syncWorker` for why that cannot be gamed.
/// - Undelegating turns shares into an unbonding position withdrawable after `unbondingPeriod`; it stays slashable,
///   for faults before its request, until withdrawn.
interface IStaking is IStakingHooks {
    // ---------------------------------------------------------------------------------------------------------------
    // Types
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Governed parameters.
    /// @param minSelfStake Minimum operator stake of an open pool, in PHA wei: its self-stake at opening, and its active
    ///        (slashable) stake once it undelegates (an operator leaving every active share closes the pool).
    /// @param minDelegation Minimum amount of one delegation, in PHA wei.
    /// @param maxStakePerWorker Active stake that one counted worker makes effective, in PHA wei.
    /// @param maxCommissionBps Cap on a pool's commission, in basis points.
    /// @param maxSlashBps Cap on one slash, in basis points of the stake slashable for the fault (1 to 5,000: one
    ///        incident never takes more than half, so a pool's share price never reaches zero).
    /// @param unbondingPeriod Delay between undelegating and withdrawing, in seconds.
    /// @param bondingPeriod Delay between the end of a delegation's epoch and its activation, in seconds; also the
    ///        time within which faults must be reported to reach active stake.
    /// @param commissionRaiseDelay Delay before a commission raise takes effect, in seconds.
    /// @param jailPeriod Minimum time a slashed worker stays jailed, in seconds.
    struct Parameters {
        uint128 minSelfStake;
        uint128 minDelegation;
        uint128 maxStakePerWorker;
        uint16 maxCommissionBps;
        uint16 maxSlashBps;
        uint32 unbondingPeriod;
        uint32 bondingPeriod;
        uint32 commissionRaiseDelay;
        uint32 jailPeriod;
    }

    /// @notice A pool as the SDK reads it.
    struct PoolInfo {
        address operator;
        uint16 commissionBps;
        uint16 pendingCommissionBps;
        uint40 pendingCommissionAt;
        bool closed;
        uint256 capacity;
        uint256 activeStake;
        uint256 bondingStake;
        uint256 unbondingStake;
        uint256 effectiveStake;
        uint256 reserved;
        uint256 totalShares;
        uint256 countedWorkers;
        uint256 workers;
        uint256 commissionClaimable;
        uint256 activeEntryHorizon;
    }

    /// @notice A delegator's position in one pool.
    struct DelegationInfo {
        uint256 shares;
        uint256 active;
        uint256 bonding;
        uint256 bondingActivatesAt;
        uint256 claimable;
    }

    /// @notice One unbonding position.
    struct UnbondingInfo {
        uint256 poolId;
        uint256 amount;
        uint256 requestedAt;
        uint256 maturity;
    }

    /// @notice A worker's record.
    struct WorkerInfo {
        uint256 poolId;
        bool counted;
        bool jailed;
        uint256 jailedAt;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Events
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Emitted when governance changed the parameters.
    event ParametersUpdated(Parameters parameters);
    /// @notice Emitted when governance changed the emission rate (PHA wei per second).
    event EmissionRateUpdated(uint256 ratePerSecond);
    /// @notice Emitted when governance changed the worker registry.
    event RegistryUpdated(address registry);
    /// @notice Emitted when `funder` added `amount` to the emission reserve.
    event EmissionFunded(address indexed funder, uint256 amount, uint256 reserve);
    /// @notice Emitted when `operator` opened pool `poolId`.
    event PoolOpened(uint256 indexed poolId, address indexed operator, uint256 commissionBps, uint256 capacity);
    /// @notice Emitted when the operator's full exit closed pool `poolId`.
    event PoolClosed(uint256 indexed poolId);
    /// @notice Emitted when pool `poolId`'s capacity changed.
    event CapacityUpdated(uint256 indexed poolId, uint256 capacity);
    /// @notice Emitted when a commission change was announced; it applies from `effectiveAt`.
    event CommissionUpdated(uint256 indexed poolId, uint256 commissionBps, uint256 effectiveAt);
    /// @notice Emitted when `worker` was assigned to pool `poolId`.
    event WorkerAdded(uint256 indexed poolId, address indexed worker);
    /// @notice Emitted when `worker` was removed from pool `poolId`.
    event WorkerRemoved(uint256 indexed poolId, address indexed worker);
    /// @notice Emitted when `worker` started or stopped counting towards its pool's effective stake.
    event WorkerSynced(uint256 indexed poolId, address indexed worker, bool counted);
    /// @notice Emitted when `worker` was jailed by a slash.
    event WorkerJailed(address indexed worker, uint256 jailedAt);
    /// @notice Emitted when `worker` left jail.
    event WorkerUnjailed(address indexed worker);
    /// @notice Emitted when pool `poolId`'s effective stake changed.
    event EffectiveStakeUpdated(uint256 indexed poolId, uint256 effectiveStake, uint256 totalEffectiveStake);
    /// @notice Emitted when `payer` delegated `amount` to `poolId` for `account`; it activates at `activatesAt`.
    event Delegated(
        uint256 indexed poolId, address indexed account, address payer, uint256 amount, uint256 activatesAt
    );
    /// @notice Emitted when bonding stake of `poolId` entered before `entryDeadline` became `shares` active shares.
    event BondingActivated(uint256 indexed poolId, uint256 epoch, uint256 amount, uint256 shares, uint256 entryDeadline);
    /// @notice Emitted when `account` turned `shares` (worth `amount`) into unbonding position `unbondingId`, which now
    ///         matures at `maturity` (a request merged into an existing position moves the whole position's maturity).
    event Undelegated(
        uint256 indexed poolId,
        address indexed account,
        uint256 indexed unbondingId,
        uint256 shares,
        uint256 amount,
        uint256 maturity
    );
    /// @notice Emitted when `account` withdrew unbonding position `unbondingId`.
    event Withdrawn(uint256 indexed poolId, address indexed account, uint256 indexed unbondingId, uint256 amount);
    /// @notice Emitted when `account` claimed `amount` of rewards from `poolId` (`restaked` if delegated again).
    event RewardsClaimed(uint256 indexed poolId, address indexed account, uint256 amount, bool restaked);
    /// @notice Emitted when the operator of `poolId` claimed `amount` of commission.
    event CommissionClaimed(uint256 indexed poolId, address indexed operator, uint256 amount);
    /// @notice Emitted when `amount` of fee rewards were added to `poolId`.
    event RewardNotified(uint256 indexed poolId, address indexed rewarder, uint256 amount);
    /// @notice Emitted when `poolId` was slashed.
    event Slashed(
        uint256 indexed poolId,
        address indexed worker,
        uint256 requested,
        uint256 slashed,
        uint256 faultTime,
        address recipient
    );
    /// @notice Emitted when collateral was reserved on `poolId`.
    event CollateralReserved(uint256 indexed poolId, uint256 amount, uint256 reserved);
    /// @notice Emitted when collateral was released on `poolId`.
    event CollateralReleased(uint256 indexed poolId, uint256 amount, uint256 reserved);

    // ---------------------------------------------------------------------------------------------------------------
    // Errors
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Thrown when an amount (or share count) is zero.
    error StakingZeroAmount();
    /// @notice Thrown when an address argument is zero.
    error StakingZeroAddress();
    /// @notice Thrown when `poolId` does not exist.
    error StakingUnknownPool(uint256 poolId);
    /// @notice Thrown when delegating to, or assigning a worker to, a closed pool.
    error StakingPoolClosed(uint256 poolId);
    /// @notice Thrown when `caller` is not the operator of `poolId`.
    error StakingNotPoolOperator(uint256 poolId, address caller);
    /// @notice Thrown when a delegation of `amount` is below `minimum`.
    error StakingDelegationBelowMinimum(uint256 amount, uint256 minimum);
    /// @notice Thrown when the operator's stake would be `stake`, below `minimum` (and not zero).
    error StakingSelfStakeBelowMinimum(uint256 stake, uint256 minimum);
    /// @notice Thrown when a commission of `commissionBps` exceeds the cap `maxBps`.
    error StakingCommissionAboveCap(uint256 commissionBps, uint256 maxBps);
    /// @notice Thrown when the pool's stake would be `stakeAfter`, above its `capacity`.
    error StakingCapacityExceeded(uint256 poolId, uint256 stakeAfter, uint256 capacity);
    /// @notice Thrown when `worker` is already assigned to `poolId`.
    error StakingWorkerAlreadyAssigned(address worker, uint256 poolId);
    /// @notice Thrown when the registry names `registryOperator`, not the pool's `poolOperator`, as `worker`'s operator.
    error StakingWorkerOperatorMismatch(address worker, address registryOperator, address poolOperator);
    /// @notice Thrown when `worker` is not assigned to `poolId`.
    error StakingWorkerNotInPool(address worker, uint256 poolId);
    /// @notice Thrown when `worker` is not assigned to any pool.
    error StakingWorkerUnassigned(address worker);
    /// @notice Thrown when unjailing a worker that is not jailed.
    error StakingWorkerNotJailed(address worker);
    /// @notice Thrown when unjailing `worker` before `until`.
    error StakingJailPeriodNotOver(address worker, uint256 until);
    /// @notice Thrown when `worker` is not attested now.
    error StakingWorkerNotAttested(address worker);
    /// @notice Thrown when a delegation would postpone a pending bonding position to a later epoch: paid by another
    ///         address (`delegateFor`), or to the pool's own operator (whose self-stake must activate on schedule).
    ///         Another account may move its own bonding stake along.
    error StakingBondingPending();
    /// @notice Thrown when undelegating `requested` shares while holding `held`.
    error StakingInsufficientShares(uint256 requested, uint256 held);
    /// @notice Thrown when undelegating would leave `activeAfter` active stake, below the `reserved` collateral.
    error StakingStakeReserved(uint256 poolId, uint256 activeAfter, uint256 reserved);
    /// @notice Thrown when `account` has no unbonding position `unbondingId`.
    error StakingUnknownUnbonding(address account, uint256 unbondingId);
    /// @notice Thrown when withdrawing unbonding position `unbondingId` before `maturity`.
    error StakingUnbondingNotMature(uint256 unbondingId, uint256 maturity);
    /// @notice Thrown when `account` has no rewards to claim in `poolId`.
    error StakingNothingToClaim(uint256 poolId, address account);
    /// @notice Thrown when a permit failed and the allowance `allowance` does not cover `amount`.
    error StakingPermitFailed(uint256 allowance, uint256 amount);
    /// @notice Thrown when a slash names a `faultTime` after the current time `nowTime`.
    error StakingFaultInFuture(uint256 faultTime, uint256 nowTime);
    /// @notice Thrown when a slash of `amount` on `poolId` exceeds `cap`, the governed fraction of the stake the fault
    ///         may reach (see {IStakingHooks-slashableStake}).
    error StakingSlashAboveCap(uint256 poolId, uint256 amount, uint256 cap);
    /// @notice Thrown when reserving `amount` on `poolId` with only `free` free stake.
    error StakingInsufficientFreeStake(uint256 poolId, uint256 amount, uint256 free);
    /// @notice Thrown when releasing `amount` on `poolId` with only `reserved` reserved.
    error StakingReleaseExceedsReserved(uint256 poolId, uint256 amount, uint256 reserved);
    /// @notice Thrown when a governed parameter `name` is out of its allowed range.
    error StakingInvalidParameter(string name);

    // ---------------------------------------------------------------------------------------------------------------
    // Governance
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Sets every governed parameter. Restricted (governance).
    function setParameters(Parameters calldata parameters) external;

    /// @notice Sets the emission rate in PHA wei per second (accrual so far is settled first). Restricted (governance).
    function setEmissionRate(uint256 ratePerSecond) external;

    /// @notice Sets the worker registry. Restricted (governance). Counted workers keep their checkpoint until synced.
    function setRegistry(address registry) external;

    /// @notice Adds `amount` PHA, pulled from the caller, to the emission reserve (anyone may fund it).
    function fundEmission(uint256 amount) external;

    // ---------------------------------------------------------------------------------------------------------------
    // Operators
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Opens a pool operated by the caller with a self-stake of `selfStake` PHA (pulled from the caller).
    /// @return poolId The new pool's id (ids start at 1).
    function openPool(uint256 selfStake, uint16 commissionBps, uint256 capacity) external returns (uint256 poolId);

    /// @notice Sets the commission of `poolId`: a cut applies at once, a raise after `commissionRaiseDelay`.
    function setCommission(uint256 poolId, uint16 commissionBps) external;

    /// @notice Sets the capacity (cap on active + bonding stake) of `poolId`; it only gates new delegations.
    function setCapacity(uint256 poolId, uint256 capacity) external;

    /// @notice Assigns `worker` (registered to the caller in the registry) to the caller's pool `poolId`.
    function addWorker(uint256 poolId, address worker) external;

    /// @notice Removes `worker` from the caller's pool `poolId`. A jailed worker stays jailed.
    function removeWorker(uint256 poolId, address worker) external;

    /// @notice Releases a jailed worker once `jailPeriod` has passed and the registry attests it again. Pool operator.
    function unjail(address worker) external;

    /// @notice Claims the operator's accrued commission of `poolId` to the operator.
    function claimCommission(uint256 poolId) external returns (uint256 amount);

    // ---------------------------------------------------------------------------------------------------------------
    // Anyone
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Re-reads `worker`'s status from the registry and updates its pool's effective stake.
    /// @dev The O(1) approximation: a worker's status is a checkpoint, so a worker whose attestation lapsed silently
    ///      keeps counting until someone syncs it. It cannot be gamed for profit: (1) stake only counts behind a worker
    ///      the registry attested at the last check, so nothing is gained without a real attestation; (2) anyone may
    ///      sync any worker for one O(1) call, and every other pool (whose share of the emission the stale worker
    ///      dilutes) and every keeper has a reason to; (3) the stale credit is bounded by `maxStakePerWorker` times the
    ///      time to the next sync, and the emission per second is fixed, so it never creates PHA, it only shifts a
    ///      share between pools; (4) a de-attested worker reads as jailed at once (`isJailed` asks the registry live),
    ///      so it never wins jobs, and the escrow can slash its pool for faults.
    function syncWorker(address worker) external;

    /// @notice Settles `poolId`'s rewards, activates due bonding stake and re-computes its effective stake.
    function poke(uint256 poolId) external;

    // ---------------------------------------------------------------------------------------------------------------
    // Delegators
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Delegates `amount` PHA (pulled from the caller, approved beforehand) to `poolId`.
    function delegate(uint256 poolId, uint256 amount) external;

    /// @notice Delegates with an EIP-2612 permit in the same transaction. If the permit fails (e.g. it was front-run)
    ///         but the allowance already covers `amount`, the delegation proceeds.
    function delegateWithPermit(uint256 poolId, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external;

    /// @notice Turns `shares` of the caller's active shares in `poolId` into an unbonding position.
    /// @return unbondingId The caller's position id: `poolId << 32 | requestedAt` (the pool and the request time).
    ///         An account's requests in one pool within one `EPOCH` (they share one unbond bucket) merge into one
    ///         position: a later one returns the same id (its first request's time) and the position's maturity moves
    ///         to the latest request's (the earlier part waits at most one `EPOCH` longer; nothing matures early).
    ///         Positions are listed from the `Undelegated` events (the account and the id are indexed).
    function undelegate(uint256 poolId, uint256 shares) external returns (uint256 unbondingId);

    /// @notice Withdraws the caller's matured unbonding position `unbondingId` (never paused: users' own funds).
    function withdraw(uint256 unbondingId) external returns (uint256 amount);

    /// @notice Claims the caller's rewards in `poolId` (never paused).
    function claim(uint256 poolId) external returns (uint256 amount);

    /// @notice Delegates the caller's rewards in `poolId` back into `poolId` (they bond like any delegation).
    function restake(uint256 poolId) external returns (uint256 amount);

    // ---------------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Length of an epoch, the granularity of bonding and of unbonding slashability, in seconds.
    function EPOCH() external view returns (uint256);

    /// @notice The PHA token.
    function token() external view returns (address);

    /// @notice The worker registry.
    function registry() external view returns (address);

    /// @notice Current governed parameters.
    function parameters() external view returns (Parameters memory);

    /// @notice Number of pools opened so far (ids are 1..poolCount).
    function poolCount() external view returns (uint256);

    /// @notice Pool `poolId` as stored (effective stake as last checkpointed).
    function pool(uint256 poolId) external view returns (PoolInfo memory);

    /// @notice `account`'s position in `poolId` (claimable includes rewards accrued up to now).
    function delegation(uint256 poolId, address account) external view returns (DelegationInfo memory);

    /// @notice `account`'s unbonding position `unbondingId` at its current (post-slash) value (all zero if none: never
    ///         opened, withdrawn, or not the position's own id; `requestedAt` is its first request's time).
    function unbonding(address account, uint256 unbondingId) external view returns (UnbondingInfo memory);

    /// @notice `worker`'s record.
    function workerInfo(address worker) external view returns (WorkerInfo memory);

    /// @notice APR inputs: emission rate (PHA wei/s), emission reserve, total effective stake of all pools.
    function emission() external view returns (uint256 ratePerSecond, uint256 reserve, uint256 totalEffective);

    /// @notice Semantic version of this contract.
    function version() external view returns (string memory);
}
