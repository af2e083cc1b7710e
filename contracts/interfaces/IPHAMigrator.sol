// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title IPHAMigrator
/// @notice The one-time 1:1 swap of final Phala parachain PHA balances into PHA on the Phala L2.
///
///         The final parachain balances form a Merkle tree (OpenZeppelin `StandardMerkleTree`) whose leaves are
///         `abi.encode(uint256 index, bytes32 accountId, address boundEvmAddress, uint256 plancks)`:
///         `index` is the leaf's position in the snapshot (it selects the bit of the claims bitmap), `accountId` the
///         parachain AccountId32, `boundEvmAddress` the EVM address the holder bound on the parachain before the
///         sunset (zero if none) and `plancks` the balance in plancks (12 decimals). A claim pays exactly
///         `plancks * 10**6` PHA wei (18 decimals), once. Root, deadline, snapshot total, token, staking and
///         treasury are fixed at deployment.
///
///         Claim routes:
///         1. bound leaf (`boundEvmAddress != 0`): anyone may submit {claim}; tokens go only to `boundEvmAddress`.
///         2. ECDSA account (`boundEvmAddress == 0`): the caller shows the secp256k1 public key behind its own
///            address; the contract derives the AccountId32 the way Phala's EVM account mapping does
///            (BLAKE2b-256 of the 33-byte compressed key, or `address ++ "\x40evm_address"` for the transparent
///            mapping) and pays the caller ({claimWithPublicKey}).
///         3. sr25519/ed25519 accounts without a bound address have no on-chain route (see the contract's NatSpec).
///         {claimAndDelegate} / {claimWithPublicKeyAndDelegate} send the claim into a staking pool instead.
///         After the deadline, governance sweeps what is unclaimed to the treasury.
///
///         There is no pause and no claimed-total counter on purpose: the bound claim is the hot path of the swap
///         (paid once per holder) and each costs a cold slot on every claim. The emergency stop is {halt} (it moves the
///         balance to the fixed treasury, so no claim can be paid until governance funds the migrator again), and the
///         cap on what can ever be paid is the funding itself: exactly `snapshotTotalPlancks * 10**6`.
interface IPHAMigrator {
    /// @notice Emitted when the leaf of parachain account `accountId` (unique in the snapshot; the tree file maps it to
    ///         its index) is paid to `recipient`: `plancks * 10**6` PHA wei (the token's Transfer event has the wei).
    event Claimed(bytes32 indexed accountId, address indexed recipient, uint256 plancks);

    /// @notice Emitted when the leaf at `index` is claimed straight into staking pool `poolId`: `amount` PHA wei
    ///         delegated on behalf of `beneficiary`, who received `shares`.
    event ClaimedAndDelegated(
        uint256 indexed index,
        bytes32 indexed accountId,
        address indexed beneficiary,
        uint256 poolId,
        uint256 plancks,
        uint256 amount,
        uint256 shares
    );

    /// @notice Emitted when governance sweeps the `amount` left after the deadline to `treasury`.
    event Swept(address indexed treasury, uint256 amount);

    /// @notice Emitted when the guardian or governance halts the swap: `amount` moved to `treasury`.
    event Halted(address indexed treasury, uint256 amount);

    /// @notice Thrown when the leaf (index, accountId, boundEvmAddress, plancks) is not in the tree under the root.
    error PHAMigratorInvalidProof(uint256 index, bytes32 accountId, address boundEvmAddress, uint256 plancks);

    /// @notice Thrown when the leaf at `index` has already been claimed.
    error PHAMigratorAlreadyClaimed(uint256 index);

    /// @notice Thrown when a claim arrives at or after the deadline.
    error PHAMigratorClaimPeriodEnded(uint256 deadline, uint256 timestamp);

    /// @notice Thrown when a sweep is attempted before the deadline.
    error PHAMigratorClaimPeriodNotEnded(uint256 deadline, uint256 timestamp);

    /// @notice Thrown when {claim} or {claimAndDelegate} is used for a leaf without a bound EVM address.
    error PHAMigratorNotBound(bytes32 accountId);

    /// @notice Thrown when {claimAndDelegate} is called by anyone but the leaf's bound EVM address (only the owner
    ///         chooses a pool).
    error PHAMigratorCallerNotBoundAddress(address caller, address boundEvmAddress);

    /// @notice Thrown when a public key is neither 64 bytes (x ‖ y) nor empty.
    error PHAMigratorInvalidPublicKeyLength(uint256 length);

    /// @notice Thrown when the public key (x, y) is not a point of secp256k1.
    error PHAMigratorPublicKeyNotOnCurve(bytes32 x, bytes32 y);

    /// @notice Thrown when the public key shown does not belong to the caller (`derived` is its EVM address).
    error PHAMigratorPublicKeyNotCaller(address derived, address caller);

    /// @notice Thrown when staking did not pull exactly the delegated amount.
    error PHAMigratorStakingPullMismatch(uint256 expected, uint256 pulled);

    /// @notice Thrown when there is nothing left to sweep.
    error PHAMigratorNothingToSweep();

    /// @notice Thrown when deployed with a zero token, staking, treasury or authority address.
    error PHAMigratorZeroAddress();

    /// @notice Thrown when deployed with a zero Merkle root.
    error PHAMigratorZeroRoot();

    /// @notice Thrown when deployed with a deadline not in the future.
    error PHAMigratorInvalidDeadline(uint256 deadline, uint256 timestamp);

    /// @notice Thrown when deployed with a snapshot total of zero or one whose wei amount overflows.
    error PHAMigratorInvalidSnapshotTotal(uint256 snapshotTotalPlancks);

    /// @notice Route 1: pays the leaf's `plancks * 10**6` to its bound EVM address. Anyone may submit.
    /// @param index The leaf's index in the snapshot tree.
    /// @param accountId The parachain AccountId32.
    /// @param boundEvmAddress The EVM address bound on the parachain (the recipient; must be non-zero).
    /// @param plancks The final parachain balance in plancks.
    /// @param proof The Merkle proof of the leaf.
    /// @return amount The PHA wei paid.
    function claim(
        uint256 index,
        bytes32 accountId,
        address boundEvmAddress,
        uint256 plancks,
        bytes32[] calldata proof
    ) external returns (uint256 amount);

    /// @notice Route 1 into staking: delegates the leaf's `plancks * 10**6` to `poolId` on behalf of the bound EVM
    ///         address. Only the bound address may call (the pool is its choice).
    /// @param index The leaf's index in the snapshot tree.
    /// @param accountId The parachain AccountId32.
    /// @param boundEvmAddress The EVM address bound on the parachain (must be the caller).
    /// @param plancks The final parachain balance in plancks.
    /// @param proof The Merkle proof of the leaf.
    /// @param poolId The staking pool to delegate to.
    /// @return amount The PHA wei delegated.
    /// @return shares The pool shares minted to the bound address.
    function claimAndDelegate(
        uint256 index,
        bytes32 accountId,
        address boundEvmAddress,
        uint256 plancks,
        bytes32[] calldata proof,
        uint256 poolId
    ) external returns (uint256 amount, uint256 shares);

    /// @notice Route 2: the caller proves it controls the ECDSA parachain account and is paid. With a 64-byte
    ///         `publicKey` (x ‖ y, uncompressed without the 0x04 prefix) whose address is the caller, the account is
    ///         BLAKE2b-256(compressed key) (Phala EVM account mapping, `SubstrateAddressConverter`); with an empty
    ///         `publicKey` it is `caller ‖ "\x40evm_address"` (`EvmTransparentConverter`). The leaf must be unbound.
    /// @param index The leaf's index in the snapshot tree.
    /// @param publicKey The caller's uncompressed secp256k1 public key (64 bytes), or empty.
    /// @param plancks The final parachain balance in plancks.
    /// @param proof The Merkle proof of the leaf (index, derived accountId, address(0), plancks).
    /// @return amount The PHA wei paid.
    function claimWithPublicKey(uint256 index, bytes calldata publicKey, uint256 plancks, bytes32[] calldata proof)
        external
        returns (uint256 amount);

    /// @notice Route 2 into staking: as {claimWithPublicKey}, but delegates to `poolId` on the caller's behalf.
    /// @param index The leaf's index in the snapshot tree.
    /// @param publicKey The caller's uncompressed secp256k1 public key (64 bytes), or empty.
    /// @param plancks The final parachain balance in plancks.
    /// @param proof The Merkle proof of the leaf (index, derived accountId, address(0), plancks).
    /// @param poolId The staking pool to delegate to.
    /// @return amount The PHA wei delegated.
    /// @return shares The pool shares minted to the caller.
    function claimWithPublicKeyAndDelegate(
        uint256 index,
        bytes calldata publicKey,
        uint256 plancks,
        bytes32[] calldata proof,
        uint256 poolId
    ) external returns (uint256 amount, uint256 shares);

    /// @notice Sends the whole remaining PHA balance to the treasury once the claim period has ended.
    /// @dev Restricted (AccessManager; governance).
    /// @return amount The PHA wei swept.
    function sweep() external returns (uint256 amount);

    /// @notice Emergency stop at any time: sends the whole remaining PHA balance to the fixed treasury, so every
    ///         claim fails (the token's `ERC20InsufficientBalance`) until governance funds the migrator again. The
    ///         claims bitmap is untouched: a refunded migrator resumes exactly where it stopped.
    /// @dev Restricted (AccessManager; mapped to the guardian role, and governance). Nobody can send the funds
    ///      anywhere but the treasury.
    /// @return amount The PHA wei moved to the treasury.
    function halt() external returns (uint256 amount);

    /// @notice True if the leaf at `index` has been claimed.
    function isClaimed(uint256 index) external view returns (bool);

    /// @notice The AccountId32 an ECDSA public key (x ‖ y, 64 bytes) maps to under Phala's EVM account mapping
    ///         (BLAKE2b-256 of the compressed key); for an empty key, the transparent mapping of `evmAddress`.
    function accountIdOf(bytes calldata publicKey, address evmAddress) external view returns (bytes32);

    /// @notice The Merkle root of the snapshot.
    function merkleRoot() external view returns (bytes32);

    /// @notice Claims are accepted while `block.timestamp < claimDeadline()`; sweeps from then on.
    function claimDeadline() external view returns (uint256);

    /// @notice Sum of the snapshot's balances, in plancks.
    function snapshotTotalPlancks() external view returns (uint256);

    /// @notice The PHA token paid out.
    function token() external view returns (address);

    /// @notice The staking contract claims are delegated into.
    function staking() external view returns (address);

    /// @notice Where the unclaimed remainder goes after the deadline.
    function treasury() external view returns (address);

    /// @notice Semantic version of this contract.
    function version() external view returns (string memory);
}
