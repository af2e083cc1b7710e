// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title IPHA
/// @notice Phala Token on the Phala L2: the OP-standard-bridge representation of L1 PHA, with EIP-2612 permits and
///         ERC-5805 votes on a timestamp clock (ERC-6372). Supply exists only as bridged L1 PHA: the L2StandardBridge
///         predeploy mints on deposit and burns on withdrawal; nothing else can change the supply.
interface IPHA {
    /// @notice Emitted when the bridge mints `amount` to `account` (a finalized deposit).
    event Mint(address indexed account, uint256 amount);

    /// @notice Emitted when the bridge burns `amount` from `account` (an initiated withdrawal).
    event Burn(address indexed account, uint256 amount);

    /// @notice Thrown when anyone but the bridge calls `mint` or `burn`.
    error PHACallerNotBridge(address caller);

    /// @notice Thrown when the bridge asks to mint or burn zero tokens.
    error PHAZeroAmount();

    /// @notice Thrown when deployed with a zero remote token or bridge address.
    error PHAZeroAddress();

    /// @notice The L2 standard bridge allowed to mint and burn (the 0x4200..0010 predeploy).
    function BRIDGE() external view returns (address);

    /// @notice The L1 PHA token this token represents.
    function REMOTE_TOKEN() external view returns (address);

    /// @notice Same as `REMOTE_TOKEN` (IOptimismMintableERC20 and ILegacyMintableERC20 spell it differently).
    function l1Token() external view returns (address);

    /// @notice Same as `BRIDGE` (legacy spelling).
    function l2Bridge() external view returns (address);

    /// @notice Semantic version of this contract.
    function version() external view returns (string memory);
}
