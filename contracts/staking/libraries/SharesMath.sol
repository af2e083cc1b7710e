// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title SharesMath
/// @notice Conversions between assets and shares of a pool with virtual shares and assets, as morpho-blue's
///         SharesMathLib: the pool always behaves as if it held `VIRTUAL_ASSETS` more assets and `VIRTUAL_SHARES` more
///         shares than it does. That makes the first-depositor inflation attack unprofitable (a donation is shared with
///         the virtual shares nobody can redeem) and keeps every conversion defined when the pool is empty.
/// @dev Every rounding favours the pool: shares minted for assets and assets paid for shares round down, so the sum of
///      what holders can redeem never exceeds the pool's assets (`s * (A + 1) / (S + 1e6) < A + 1` for `s <= S`).
library SharesMath {
    /// @notice Virtual shares added to the share supply.
    uint256 internal constant VIRTUAL_SHARES = 1e6;
    /// @notice Virtual assets added to the asset total.
    uint256 internal constant VIRTUAL_ASSETS = 1;

    /// @notice Shares minted for `assets`, rounded down (favours the pool).
    function toSharesDown(uint256 assets, uint256 totalAssets, uint256 totalShares) internal pure returns (uint256) {
        return Math.mulDiv(assets, totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS);
    }

    /// @notice Assets paid for `shares`, rounded down (favours the pool).
    function toAssetsDown(uint256 shares, uint256 totalAssets, uint256 totalShares) internal pure returns (uint256) {
        return Math.mulDiv(shares, totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES);
    }

    /// @notice Shares to burn to pay out `assets`, rounded up (favours the pool).
    function toSharesUp(uint256 assets, uint256 totalAssets, uint256 totalShares) internal pure returns (uint256) {
        return Math.mulDiv(assets, totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS, Math.Rounding.Ceil);
    }
}
