// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title IStakingHooks
/// @notice What other system contracts (the escrow, the registry, the swap) call on Staking. Each mutating function is
///         restricted through the AccessManager to the contracts governance authorizes (Roles.SLASHER, REWARDER,
///         COLLATERAL_MANAGER); `delegateFor` is public.
/// @dev Implemented by Staking. Signatures here are frozen: escrow, registry and swap are built against them.
interface IStakingHooks {
    /// @notice The pool `worker` is currently assigned to (zero if none).
    function poolOfWorker(address worker) external view returns (uint256 poolId);

    /// @notice True if `worker` is jailed (slashed or de-attested, and not re-attested since): it takes no new jobs.
    function isJailed(address worker) external view returns (bool);

    /// @notice What a worker's acceptance of a job depends on, in one call: `worker`'s pool (zero if none), whether it is
    ///         jailed for a slash (and not unjailed since), that pool's {freeStake}, and its `operator`, zero if the
    ///         pool is closed (its operator left: it backs no new job). Unlike {isJailed} this does not re-check the
    ///         worker's attestation: for a caller that has just checked it, `jailed` equals {isJailed}. A worker backs a
    ///         job with its pool's stake only if `operator` is the worker's registry operator (the rule by which Staking
    ///         counts a worker; the registry lets another operator re-register a worker that stays in its old pool).
    function workerPoolState(address worker)
        external
        view
        returns (uint256 poolId, bool jailed, uint256 free, address operator);

    /// @notice Stake of `poolId` not reserved as job collateral (active stake minus reservations), in PHA wei.
    function freeStake(uint256 poolId) external view returns (uint256);

    /// @notice Reserves `amount` of `poolId`'s free stake as collateral for a job. Restricted (COLLATERAL_MANAGER).
    function reserveCollateral(uint256 poolId, uint256 amount) external;

    /// @notice Releases `amount` previously reserved on `poolId`. Restricted (COLLATERAL_MANAGER).
    function releaseCollateral(uint256 poolId, uint256 amount) external;

    /// @notice Slashes `amount` of `poolId` for a fault that happened at `faultTime`, pays the slashed PHA to
    ///         `recipient` and jails `worker` (if non-zero). Restricted (SLASHER). Reverts, changing nothing, if
    ///         `amount` exceeds the cap {slashableStake} reports for `faultTime` (the governed fraction per incident).
    ///         A zero `amount` only jails `worker` (then required). Returns the amount actually slashed: `amount`, or
    ///         less by rounding dust, or less once the pool's share price is at its floor (never more; see the rule
    ///         and the price floor in {SlashingLogic}).
    function slash(uint256 poolId, address worker, uint256 amount, uint256 faultTime, address recipient)
        external
        returns (uint256 slashed);

    /// @notice The stake of `poolId` a slash for a fault at `faultTime` could reach now (`stake`, see the slashing rule
    ///         in {SlashingLogic}) and the most one {slash} for that fault may take now (`cap`: the governed fraction
    ///         `maxSlashBps` of `stake`). Both may change with any stake movement: read them in the slashing
    ///         transaction.
    function slashableStake(uint256 poolId, uint256 faultTime) external view returns (uint256 stake, uint256 cap);

    /// @notice Adds `amount` PHA, pulled from the caller, to `poolId`'s rewards (commission then delegators).
    ///         Restricted (REWARDER).
    function notifyReward(uint256 poolId, uint256 amount) external;

    /// @notice Delegates `amount` PHA, pulled from the caller, to `poolId` on behalf of `beneficiary` (used by the
    ///         swap's claim-to-stake). Returns the shares minted to `beneficiary`.
    function delegateFor(uint256 poolId, address beneficiary, uint256 amount) external returns (uint256 shares);
}
