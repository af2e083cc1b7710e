// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IPHAMigrator} from "../interfaces/IPHAMigrator.sol";
import {IStakingHooks} from "../interfaces/IStakingHooks.sol";
import {SubstrateAccount} from "./libraries/SubstrateAccount.sol";

/// @title PHAMigrator
/// @notice Pays final Phala parachain balances 1:1 in L2 PHA against a Merkle snapshot. See {IPHAMigrator}.
/// @dev Not upgradeable on purpose: the root, deadline, snapshot total, token, staking, treasury and the claim rules
///      are fixed at deployment, so nobody (governance included) can change who is owed what. Governance keeps only
///      `sweep` (after the deadline) and `halt` (any time; mapped to the guardian role too), both to the fixed
///      treasury, through the system AccessManager (`restricted`).
///
///      Gas: the bound claim is one cold bitmap word, the Merkle proof and the token transfer; nothing else is read or
///      written (no pause flag, no running total, no reentrancy lock: effects precede the only external call, the
///      immutable token's `transfer`). The routes that call staking keep the lock.
///
///      Route 3 (sr25519 / ed25519 signatures verified on-chain) is deliberately absent. sr25519 is Schnorr over
///      Ristretto255 with Merlin (STROBE/Keccak-f[1600]) transcripts: the EVM has neither Curve25519 arithmetic nor a
///      Keccak-f permutation precompile, and pure-Solidity implementations cost millions of gas per signature with no
///      audited implementation to rely on; ed25519 needs SHA-512 and Ed25519 point arithmetic (no precompile on OP
///      chains; Solidity implementations ~1M+ gas, unaudited). A claim route holding real money on such code is not
///      sound. Those holders are served by route 1: before the sunset they bind an EVM address on the parachain
///      (the binding is read into the snapshot's `boundEvmAddress`); after the deadline, governance holds any
///      unclaimed remainder in the treasury and can settle late or unbound holders case by case through a proposal.
/// @custom:semver 1.0.0
contract PHAMigrator is IPHAMigrator, AccessManaged, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice One planck (10^-12 PHA) in PHA wei (10^-18 PHA).
    uint256 public constant PLANCK_TO_WEI = 1e6;

    IERC20 private immutable _TOKEN;
    IStakingHooks private immutable _STAKING;
    address private immutable _TREASURY;
    bytes32 private immutable _ROOT;
    uint256 private immutable _DEADLINE;
    uint256 private immutable _SNAPSHOT_TOTAL_PLANCKS;

    /// @dev Claims bitmap: bit `index % 256` of word `index / 256` (read and written once per claim).
    mapping(uint256 wordIndex => uint256 word) private _claimedWords;

    /// @param authority_ The system AccessManager.
    /// @param token_ The L2 PHA token.
    /// @param staking_ The Staking contract (IStakingHooks) that receives claim-to-stake delegations.
    /// @param treasury_ Receiver of the unclaimed remainder after the deadline.
    /// @param root_ The snapshot tree's root (OpenZeppelin StandardMerkleTree, leaf encoding in {IPHAMigrator}).
    /// @param deadline_ Unix time at which claims stop and the sweep becomes possible.
    /// @param snapshotTotalPlancks_ Sum of the snapshot's balances, in plancks (the funding governance provides).
    constructor(
        address authority_,
        address token_,
        address staking_,
        address treasury_,
        bytes32 root_,
        uint256 deadline_,
        uint256 snapshotTotalPlancks_
    ) AccessManaged(authority_) {
        if (authority_ == address(0) || token_ == address(0) || staking_ == address(0) || treasury_ == address(0)) {
            revert PHAMigratorZeroAddress();
        }
        if (root_ == bytes32(0)) revert PHAMigratorZeroRoot();
        if (deadline_ <= block.timestamp) revert PHAMigratorInvalidDeadline(deadline_, block.timestamp);
        if (snapshotTotalPlancks_ == 0 || snapshotTotalPlancks_ > type(uint256).max / PLANCK_TO_WEI) {
            revert PHAMigratorInvalidSnapshotTotal(snapshotTotalPlancks_);
        }
        _TOKEN = IERC20(token_);
        _STAKING = IStakingHooks(staking_);
        _TREASURY = treasury_;
        _ROOT = root_;
        _DEADLINE = deadline_;
        _SNAPSHOT_TOTAL_PLANCKS = snapshotTotalPlancks_;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Claims
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IPHAMigrator
    function claim(
        uint256 index,
        bytes32 accountId,
        address boundEvmAddress,
        uint256 plancks,
        bytes32[] calldata proof
    ) external returns (uint256 amount) {
        if (boundEvmAddress == address(0)) revert PHAMigratorNotBound(accountId);
        amount = _consume(index, accountId, boundEvmAddress, plancks, proof);
        emit Claimed(accountId, boundEvmAddress, plancks);
        _TOKEN.safeTransfer(boundEvmAddress, amount);
    }

    /// @inheritdoc IPHAMigrator
    function claimAndDelegate(
        uint256 index,
        bytes32 accountId,
        address boundEvmAddress,
        uint256 plancks,
        bytes32[] calldata proof,
        uint256 poolId
    ) external nonReentrant returns (uint256 amount, uint256 shares) {
        if (boundEvmAddress == address(0)) revert PHAMigratorNotBound(accountId);
        // Anyone may pay a bound holder, but only the holder picks the pool its PHA is staked (and risked) in.
        if (msg.sender != boundEvmAddress) revert PHAMigratorCallerNotBoundAddress(msg.sender, boundEvmAddress);
        amount = _consume(index, accountId, boundEvmAddress, plancks, proof);
        shares = _delegate(poolId, boundEvmAddress, amount);
        emit ClaimedAndDelegated(index, accountId, boundEvmAddress, poolId, plancks, amount, shares);
    }

    /// @inheritdoc IPHAMigrator
    function claimWithPublicKey(uint256 index, bytes calldata publicKey, uint256 plancks, bytes32[] calldata proof)
        external
        returns (uint256 amount)
    {
        bytes32 accountId = _callerAccountId(publicKey);
        amount = _consume(index, accountId, address(0), plancks, proof);
        emit Claimed(accountId, msg.sender, plancks);
        _TOKEN.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IPHAMigrator
    function claimWithPublicKeyAndDelegate(
        uint256 index,
        bytes calldata publicKey,
        uint256 plancks,
        bytes32[] calldata proof,
        uint256 poolId
    ) external nonReentrant returns (uint256 amount, uint256 shares) {
        bytes32 accountId = _callerAccountId(publicKey);
        amount = _consume(index, accountId, address(0), plancks, proof);
        shares = _delegate(poolId, msg.sender, amount);
        emit ClaimedAndDelegated(index, accountId, msg.sender, poolId, plancks, amount, shares);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Governance
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IPHAMigrator
    function sweep() external restricted nonReentrant returns (uint256 amount) {
        if (block.timestamp < _DEADLINE) revert PHAMigratorClaimPeriodNotEnded(_DEADLINE, block.timestamp);
        amount = _TOKEN.balanceOf(address(this));
        if (amount == 0) revert PHAMigratorNothingToSweep();
        _TOKEN.safeTransfer(_TREASURY, amount);
        emit Swept(_TREASURY, amount);
    }

    /// @inheritdoc IPHAMigrator
    function halt() external restricted nonReentrant returns (uint256 amount) {
        amount = _TOKEN.balanceOf(address(this));
        if (amount == 0) revert PHAMigratorNothingToSweep();
        emit Halted(_TREASURY, amount);
        _TOKEN.safeTransfer(_TREASURY, amount);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IPHAMigrator
    function isClaimed(uint256 index) external view returns (bool) {
        return _claimedWords[index >> 8] & (1 << (index & 0xff)) != 0;
    }

    /// @inheritdoc IPHAMigrator
    function accountIdOf(bytes calldata publicKey, address evmAddress) external view returns (bytes32) {
        if (publicKey.length == 0) return SubstrateAccount.transparentAccountId(evmAddress);
        (bytes32 x, bytes32 y) = _point(publicKey);
        return SubstrateAccount.compressedKeyAccountId(x, y);
    }

    /// @inheritdoc IPHAMigrator
    function merkleRoot() external view returns (bytes32) {
        return _ROOT;
    }

    /// @inheritdoc IPHAMigrator
    function claimDeadline() external view returns (uint256) {
        return _DEADLINE;
    }

    /// @inheritdoc IPHAMigrator
    function snapshotTotalPlancks() external view returns (uint256) {
        return _SNAPSHOT_TOTAL_PLANCKS;
    }

    /// @inheritdoc IPHAMigrator
    function token() external view returns (address) {
        return address(_TOKEN);
    }

    /// @inheritdoc IPHAMigrator
    function staking() external view returns (address) {
        return address(_STAKING);
    }

    /// @inheritdoc IPHAMigrator
    function treasury() external view returns (address) {
        return _TREASURY;
    }

    /// @inheritdoc IPHAMigrator
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    // ------------------------------------------------------------------------------------------------------------
    // Internals
    // ------------------------------------------------------------------------------------------------------------

    /// @dev Checks the deadline, the bitmap and the proof, then records the claim (effects before any transfer).
    function _consume(
        uint256 index,
        bytes32 accountId,
        address boundEvmAddress,
        uint256 plancks,
        bytes32[] calldata proof
    ) private returns (uint256 amount) {
        if (block.timestamp >= _DEADLINE) revert PHAMigratorClaimPeriodEnded(_DEADLINE, block.timestamp);
        uint256 word = _claimedWords[index >> 8];
        uint256 bit = 1 << (index & 0xff);
        if (word & bit != 0) revert PHAMigratorAlreadyClaimed(index);
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(index, accountId, boundEvmAddress, plancks))));
        if (!MerkleProof.verifyCalldata(proof, _ROOT, leaf)) {
            revert PHAMigratorInvalidProof(index, accountId, boundEvmAddress, plancks);
        }
        _claimedWords[index >> 8] = word | bit;
        // Checked multiplication: a leaf is bounded only by the tree, and an overflow must revert, not wrap.
        amount = plancks * PLANCK_TO_WEI;
    }

    /// @dev Approves exactly `amount` to staking, delegates, and checks staking pulled exactly `amount`.
    function _delegate(uint256 poolId, address beneficiary, uint256 amount) private returns (uint256 shares) {
        uint256 balanceBefore = _TOKEN.balanceOf(address(this));
        _TOKEN.forceApprove(address(_STAKING), amount);
        shares = _STAKING.delegateFor(poolId, beneficiary, amount);
        uint256 pulled = balanceBefore - _TOKEN.balanceOf(address(this));
        if (pulled != amount) revert PHAMigratorStakingPullMismatch(amount, pulled);
    }

    /// @dev The AccountId32 the caller controls, from its shown public key (see {claimWithPublicKey}).
    function _callerAccountId(bytes calldata publicKey) private view returns (bytes32) {
        if (publicKey.length == 0) return SubstrateAccount.transparentAccountId(msg.sender);
        (bytes32 x, bytes32 y) = _point(publicKey);
        address derived = SubstrateAccount.evmAddress(x, y);
        if (derived != msg.sender) revert PHAMigratorPublicKeyNotCaller(derived, msg.sender);
        return SubstrateAccount.compressedKeyAccountId(x, y);
    }

    /// @dev Splits a 64-byte key into (x, y) and checks it is a curve point.
    function _point(bytes calldata publicKey) private pure returns (bytes32 x, bytes32 y) {
        if (publicKey.length != 64) revert PHAMigratorInvalidPublicKeyLength(publicKey.length);
        x = bytes32(publicKey[0:32]);
        y = bytes32(publicKey[32:64]);
        if (!SubstrateAccount.isOnCurve(x, y)) revert PHAMigratorPublicKeyNotOnCurve(x, y);
    }
}
