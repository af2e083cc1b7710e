// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IStakingHooks} from "../../../contracts/interfaces/IStakingHooks.sol";
import {IStaking} from "../../../contracts/interfaces/IStaking.sol";

/// @notice Test-only staking: pools hold real PHA; reservations, slashes (within a cap per incident, paid to the
///         recipient, jailing the worker) and rewards (pulled from the caller) move or account PHA like Staking will.
///         Stands in for Staking until it lands; implements the frozen {IStakingHooks} as written. Only `authorized`
///         callers (the escrow) may use the restricted hooks, as the AccessManager roles will enforce.
contract TestStaking is IStakingHooks {
    using SafeERC20 for IERC20;

    error Unauthorized(address caller);
    error CollateralUnavailable(uint256 poolId, uint256 free, uint256 amount);
    error CollateralNotReserved(uint256 poolId, uint256 reserved, uint256 amount);

    struct Pool {
        uint256 stake;
        uint256 reserved;
        uint256 rewards;
    }

    IERC20 public pha;
    mapping(address caller => bool) public authorized;
    mapping(uint256 poolId => Pool) public pools;
    mapping(address worker => uint256) private _poolOf;
    /// @notice Each pool's operator (as Staking's pool record) and whether it is closed (its operator left).
    mapping(uint256 poolId => address) public poolOperator;
    mapping(uint256 poolId => bool) public poolClosed;
    mapping(address worker => bool) private _jailed;
    /// @notice Largest fraction of a pool's stake one slash may take, in basis points.
    uint256 public slashCapBps = 10_000;
    /// @notice Sum of every slash paid out, and of every reward received (for money invariants).
    uint256 public totalSlashed;
    uint256 public totalRewards;

    constructor(IERC20 pha_) {
        pha = pha_;
    }

    /// @notice Sets the token once, for deployments where staking must exist before the token (e2e with Ignition).
    function setToken(IERC20 pha_) external {
        if (address(pha) == address(0)) pha = pha_;
    }

    modifier onlyAuthorized() {
        if (!authorized[msg.sender]) revert Unauthorized(msg.sender);
        _;
    }

    function setAuthorized(address caller, bool ok) external {
        authorized[caller] = ok;
    }

    function setSlashCapBps(uint256 bps) external {
        slashCapBps = bps;
    }

    /// @notice Adds `amount` PHA (pulled from the caller) to `poolId`'s stake.
    function addStake(uint256 poolId, uint256 amount) external {
        pha.safeTransferFrom(msg.sender, address(this), amount);
        pools[poolId].stake += amount;
    }

    /// @notice Puts `worker` in `poolId`, whose operator is `operator` (as Staking's `addWorker` by that operator).
    function assign(address worker, uint256 poolId, address operator) external {
        _poolOf[worker] = poolId;
        poolOperator[poolId] = operator;
    }

    function setPoolClosed(uint256 poolId, bool closed) external {
        poolClosed[poolId] = closed;
    }

    function setJailed(address worker, bool jailed) external {
        _jailed[worker] = jailed;
    }

    function poolOfWorker(address worker) external view returns (uint256) {
        return _poolOf[worker];
    }

    function isJailed(address worker) external view returns (bool) {
        return _jailed[worker];
    }

    function workerPoolState(address worker)
        external
        view
        returns (uint256 poolId, bool jailed, uint256 free, address operator)
    {
        poolId = _poolOf[worker];
        return (poolId, _jailed[worker], freeStake(poolId), poolClosed[poolId] ? address(0) : poolOperator[poolId]);
    }

    function freeStake(uint256 poolId) public view returns (uint256) {
        Pool storage p = pools[poolId];
        return p.stake > p.reserved ? p.stake - p.reserved : 0;
    }

    function reserveCollateral(uint256 poolId, uint256 amount) external onlyAuthorized {
        uint256 free = freeStake(poolId);
        if (amount > free) revert CollateralUnavailable(poolId, free, amount);
        pools[poolId].reserved += amount;
    }

    function releaseCollateral(uint256 poolId, uint256 amount) external onlyAuthorized {
        Pool storage p = pools[poolId];
        if (amount > p.reserved) revert CollateralNotReserved(poolId, p.reserved, amount);
        p.reserved -= amount;
    }

    /// @notice As Staking: the whole stake is slashable (no fault-time rule here); the cap is `slashCapBps` of it.
    function slashableStake(uint256 poolId, uint256) public view returns (uint256 stake, uint256 cap) {
        stake = pools[poolId].stake;
        cap = stake * slashCapBps / 10_000;
    }

    function slash(uint256 poolId, address worker, uint256 amount, uint256 faultTime, address recipient)
        external
        onlyAuthorized
        returns (uint256 slashed)
    {
        // As Staking: above the cap reverts; a zero amount only jails.
        (, uint256 cap) = slashableStake(poolId, faultTime);
        if (amount > cap) revert IStaking.StakingSlashAboveCap(poolId, amount, cap);
        if (amount == 0 && worker == address(0)) revert IStaking.StakingZeroAmount();
        Pool storage p = pools[poolId];
        slashed = amount;
        // As the real Staking: a slash leaves the reservations alone (they may then exceed the stake).
        p.stake -= slashed;
        totalSlashed += slashed;
        if (worker != address(0)) _jailed[worker] = true;
        if (slashed != 0) pha.safeTransfer(recipient, slashed);
    }

    function notifyReward(uint256 poolId, uint256 amount) external onlyAuthorized {
        pha.safeTransferFrom(msg.sender, address(this), amount);
        pools[poolId].rewards += amount;
        totalRewards += amount;
    }

    function delegateFor(uint256 poolId, address, uint256 amount) external returns (uint256 shares) {
        pha.safeTransferFrom(msg.sender, address(this), amount);
        pools[poolId].stake += amount;
        return amount;
    }
}
