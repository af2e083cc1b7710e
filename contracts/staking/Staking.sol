// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ManagedUpgradeable} from "../access/ManagedUpgradeable.sol";
import {IStaking} from "../interfaces/IStaking.sol";
import {IStakingHooks} from "../interfaces/IStakingHooks.sol";
import {StakingStorage} from "./libraries/StakingStorage.sol";
import {PoolAccounting} from "./libraries/PoolAccounting.sol";
import {SlashingLogic} from "./libraries/SlashingLogic.sol";
import {WorkerLogic} from "./libraries/WorkerLogic.sol";
import {StakingLens} from "./libraries/StakingLens.sol";
import {ParametersLogic} from "./libraries/ParametersLogic.sol";
import {PoolLogic} from "./libraries/PoolLogic.sol";
import {DelegationLogic} from "./libraries/DelegationLogic.sol";
import {SharesMath} from "./libraries/SharesMath.sol";

/// @title Staking
/// @notice Operator pools, delegation, emission and fee rewards, unbonding, slashing and job collateral. See {IStaking}.
/// @dev Everything is O(1) in delegators, pools and workers. The only loops run over a pool's due bonding epochs (each
///      activated exactly once; at most `bondingPeriod / EPOCH + 2` are pending at any time) and, in `slash`, over the
///      unbonding epochs of the last `unbondingPeriod`. The hot paths (delegate, claim, undelegate) are compiled in;
///      worker management, withdrawal, slashing, views and parameter validation are external libraries (size limit).
///      The slashing rule is documented in {SlashingLogic}.
/// @custom:semver 1.0.0
contract Staking is ManagedUpgradeable, ReentrancyGuardTransient, IStaking {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @inheritdoc IStaking
    uint256 public constant EPOCH = PoolAccounting.EPOCH;

    /// @dev The PHA token (an implementation immutable: every implementation is deployed with the same token).
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    IERC20 private immutable _PHA;

    /// @param pha The PHA token.
    constructor(address pha) {
        if (pha == address(0)) revert StakingZeroAddress();
        _PHA = IERC20(pha);
    }

    /// @notice Initializes the proxy.
    /// @param authority The system AccessManager.
    /// @param registry_ The worker (attestation) registry.
    /// @param parameters_ Initial governed parameters.
    function initialize(address authority, address registry_, Parameters calldata parameters_) external initializer {
        __ManagedUpgradeable_init(authority);
        ParametersLogic.initialize(registry_, parameters_);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Governance
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IStaking
    function setParameters(Parameters calldata parameters_) external restricted {
        ParametersLogic.setParameters(parameters_);
    }

    /// @inheritdoc IStaking
    function setEmissionRate(uint256 ratePerSecond) external restricted {
        PoolLogic.setEmissionRate(ratePerSecond);
    }

    /// @inheritdoc IStaking
    function setRegistry(address registry_) external restricted {
        ParametersLogic.setRegistry(registry_);
    }

    /// @inheritdoc IStaking
    function fundEmission(uint256 amount) external nonReentrant {
        PoolLogic.fundEmission(amount);
        _PHA.safeTransferFrom(msg.sender, address(this), amount);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Operators
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IStaking
    function openPool(uint256 selfStake, uint16 commissionBps, uint256 capacity)
        external
        whenNotPaused
        nonReentrant
        returns (uint256 poolId)
    {
        poolId = PoolLogic.openPool(selfStake, commissionBps, capacity);
        _PHA.safeTransferFrom(msg.sender, address(this), selfStake);
    }

    /// @inheritdoc IStaking
    function setCommission(uint256 poolId, uint16 commissionBps) external whenNotPaused {
        PoolLogic.setCommission(poolId, commissionBps);
    }

    /// @inheritdoc IStaking
    function setCapacity(uint256 poolId, uint256 capacity) external whenNotPaused {
        PoolLogic.setCapacity(poolId, capacity);
    }

    /// @inheritdoc IStaking
    function addWorker(uint256 poolId, address worker) external whenNotPaused {
        WorkerLogic.addWorker(poolId, worker);
    }

    /// @inheritdoc IStaking
    function removeWorker(uint256 poolId, address worker) external {
        WorkerLogic.removeWorker(poolId, worker);
    }

    /// @inheritdoc IStaking
    function unjail(address worker) external {
        WorkerLogic.unjail(worker);
    }

    /// @inheritdoc IStaking
    function claimCommission(uint256 poolId) external nonReentrant returns (uint256 amount) {
        amount = PoolLogic.takeCommission(poolId);
        _PHA.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Anyone
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IStaking
    function syncWorker(address worker) external {
        WorkerLogic.syncWorker(worker);
    }

    /// @inheritdoc IStaking
    function poke(uint256 poolId) external {
        PoolLogic.poke(poolId);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Delegators
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IStaking
    function delegate(uint256 poolId, uint256 amount) external whenNotPaused nonReentrant {
        _delegate(poolId, msg.sender, amount);
    }

    /// @inheritdoc IStaking
    function delegateWithPermit(uint256 poolId, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        whenNotPaused
        nonReentrant
    {
        // In PoolLogic (an external library) to keep Staking under the size limit.
        PoolLogic.permit(address(_PHA), amount, deadline, v, r, s);
        _delegate(poolId, msg.sender, amount);
    }

    /// @inheritdoc IStakingHooks
    /// @dev Delegations bond before they become shares (see {IStaking}): the shares are minted when the delegation's
    ///      epoch activates, at the pool's exchange rate of that moment. This returns the shares `amount` is worth at the
    ///      pool's exchange rate now (rounded down), which is what activation mints unless the pool is slashed before
    ///      (a slash lowers the price of a share, so activation then mints more). The beneficiary's position
    ///      (`delegation`) shows the bonding amount and when it activates.
    function delegateFor(uint256 poolId, address beneficiary, uint256 amount)
        external
        whenNotPaused
        nonReentrant
        returns (uint256 shares)
    {
        if (beneficiary == address(0)) revert StakingZeroAddress();
        StakingStorage.Pool storage p = _delegate(poolId, beneficiary, amount);
        shares = SharesMath.toSharesDown(amount, p.totalActive, p.totalShares);
    }

    /// @inheritdoc IStaking
    /// @dev Paused with the contract (an emergency stop of share maths); `withdraw` and `claim` never are. A request
    ///      in an epoch where the caller already has a position in the pool writes that position's slot (see
    ///      {StakingStorage-Unbonding}); only an account's first request of an epoch creates a slot.
    function undelegate(uint256 poolId, uint256 shares) external whenNotPaused returns (uint256 unbondingId) {
        // Internal library code: compiled in, no library call on this hot path.
        unbondingId = DelegationLogic.undelegate(poolId, shares);
    }

    /// @inheritdoc IStaking
    function withdraw(uint256 unbondingId) external nonReentrant returns (uint256 amount) {
        amount = PoolLogic.withdraw(unbondingId);
        _PHA.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IStaking
    /// @dev Reads the pool without writing it and does not activate due bonding epochs (activation never changes what
    ///      existing shares have earned; see {PoolAccounting-takeRewards}).
    function claim(uint256 poolId) external nonReentrant returns (uint256 amount) {
        amount = PoolAccounting.takeRewards(poolId);
        emit RewardsClaimed(poolId, msg.sender, amount, false);
        _PHA.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IStaking
    function restake(uint256 poolId) external whenNotPaused nonReentrant returns (uint256 amount) {
        amount = PoolLogic.restake(poolId);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Hooks (other system contracts)
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IStakingHooks
    function reserveCollateral(uint256 poolId, uint256 amount) external restricted {
        PoolLogic.reserveCollateral(poolId, amount);
    }

    /// @inheritdoc IStakingHooks
    function releaseCollateral(uint256 poolId, uint256 amount) external restricted {
        PoolLogic.releaseCollateral(poolId, amount);
    }

    /// @inheritdoc IStakingHooks
    function notifyReward(uint256 poolId, uint256 amount) external restricted nonReentrant {
        PoolLogic.notifyReward(poolId, amount);
        _PHA.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IStakingHooks
    /// @dev What the rule in {SlashingLogic} does not reach is not slashed: an old fault has a small (possibly zero)
    ///      cap, and an amount above it reverts with {StakingSlashAboveCap}.
    function slash(uint256 poolId, address worker, uint256 amount, uint256 faultTime, address recipient)
        external
        restricted
        nonReentrant
        returns (uint256 slashed)
    {
        slashed = SlashingLogic.slash(poolId, worker, amount, faultTime, recipient);
        // Unconditional (contract size): a jail-only slash pays 0, a valid EIP-20 transfer.
        _PHA.safeTransfer(recipient, slashed);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IStakingHooks
    function poolOfWorker(address worker) external view returns (uint256) {
        return StakingStorage.layout().workers[worker].poolId;
    }

    /// @inheritdoc IStakingHooks
    /// @dev A slashed worker stays jailed until unjailed; a de-attested one reads jailed live, until re-attested.
    function isJailed(address worker) external view returns (bool) {
        return StakingLens.isJailed(worker);
    }

    /// @inheritdoc IStakingHooks
    /// @dev Compiled in (no library call): the escrow's accept reads it.
    function workerPoolState(address worker)
        external
        view
        returns (uint256 poolId, bool jailed, uint256 free, address operator)
    {
        StakingStorage.Layout storage $ = StakingStorage.layout();
        StakingStorage.Worker storage w = $.workers[worker];
        (poolId, jailed) = (w.poolId, w.jailed);
        StakingStorage.Pool storage p = $.pools[poolId];
        // Two slots: `totalActive`, and the one of operator, reservations and closed flag.
        free = PoolAccounting.freeStake(p);
        if (!p.closed) operator = p.operator;
    }

    /// @inheritdoc IStakingHooks
    /// @dev Public: {workerPoolState} shares its code (contract size).
    function freeStake(uint256 poolId) public view returns (uint256) {
        return PoolAccounting.freeStake(StakingStorage.layout().pools[poolId]);
    }

    /// @inheritdoc IStakingHooks
    function slashableStake(uint256 poolId, uint256 faultTime) external view returns (uint256 stake, uint256 cap) {
        return SlashingLogic.slashableStake(poolId, faultTime);
    }

    /// @inheritdoc IStaking
    function token() external view returns (address) {
        return address(_PHA);
    }

    /// @inheritdoc IStaking
    function registry() external view returns (address) {
        return address(StakingStorage.layout().registry);
    }

    /// @inheritdoc IStaking
    function parameters() external view returns (Parameters memory) {
        // Read in place: smaller than decoding a library call's return (contract size).
        return StakingStorage.layout().params;
    }

    /// @inheritdoc IStaking
    function poolCount() external view returns (uint256) {
        return StakingStorage.layout().poolCount;
    }

    /// @inheritdoc IStaking
    function pool(uint256 poolId) external view returns (PoolInfo memory) {
        return StakingLens.poolInfo(poolId);
    }

    /// @inheritdoc IStaking
    function delegation(uint256 poolId, address account) external view returns (DelegationInfo memory) {
        return StakingLens.delegationInfo(poolId, account);
    }

    /// @inheritdoc IStaking
    function unbonding(address account, uint256 unbondingId) external view returns (UnbondingInfo memory) {
        return StakingLens.unbondingInfo(account, unbondingId);
    }

    /// @inheritdoc IStaking
    function workerInfo(address worker) external view returns (WorkerInfo memory) {
        // Read in place: smaller than decoding a library call's return (Staking sits at the size limit).
        StakingStorage.Worker storage w = StakingStorage.layout().workers[worker];
        return WorkerInfo({poolId: w.poolId, counted: w.counted, jailed: w.jailed, jailedAt: w.jailedAt});
    }

    /// @inheritdoc IStaking
    function emission() external view returns (uint256 ratePerSecond, uint256 reserve, uint256 totalEffective) {
        return StakingLens.emissionInfo();
    }

    /// @inheritdoc IStaking
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------------------

    function _delegate(uint256 poolId, address account, uint256 amount) private returns (StakingStorage.Pool storage p) {
        if (amount == 0) revert StakingZeroAmount();
        StakingStorage.Layout storage $ = StakingStorage.layout();
        uint256 minimum = $.params.minDelegation;
        if (amount < minimum) revert StakingDelegationBelowMinimum(amount, minimum);
        p = PoolAccounting.pool($, poolId);
        if (p.closed) revert StakingPoolClosed(poolId);
        PoolAccounting.activateDue($, poolId, p);
        StakingStorage.Delegator storage d = $.delegators[poolId][account];
        uint256 e = d.bondEpoch;
        // An activated older position becomes shares first (a due one was just activated).
        if (e != 0 && e <= p.horizon) {
            uint256 rps = PoolAccounting.rewardPerShareNow(p, PoolAccounting.emissionIndexNow($));
            PoolAccounting.syncDelegator($, poolId, p, d, rps);
        }
        PoolAccounting.bond($, poolId, p, d, account, amount);
        _PHA.safeTransferFrom(msg.sender, address(this), amount);
    }
}
