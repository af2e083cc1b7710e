// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

/// @title IOptimismMintableERC20
/// @notice The token interface the OP-stack StandardBridge recognises through ERC-165. Declared here with the exact
///         function set of Optimism's `IOptimismMintableERC20` so that `type(...).interfaceId` matches the bridge's.
interface IOptimismMintableERC20 is IERC165 {
    /// @notice The token on the remote chain (L1) this token represents.
    function remoteToken() external view returns (address);

    /// @notice The bridge allowed to mint and burn.
    function bridge() external returns (address);

    /// @notice Mints `amount` to `to`. Only the bridge may call it.
    function mint(address to, uint256 amount) external;

    /// @notice Burns `amount` from `from`. Only the bridge may call it.
    function burn(address from, uint256 amount) external;
}

/// @title ILegacyMintableERC20
/// @notice The pre-Bedrock mintable token interface, still recognised by the StandardBridge.
interface ILegacyMintableERC20 is IERC165 {
    /// @notice The token on L1 this token represents.
    function l1Token() external view returns (address);

    /// @notice Mints `amount` to `to`. Only the bridge may call it.
    function mint(address to, uint256 amount) external;

    /// @notice Burns `amount` from `from`. Only the bridge may call it.
    function burn(address from, uint256 amount) external;
}
