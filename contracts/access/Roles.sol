// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title Roles
/// @notice AccessManager role ids of the Phala system. ADMIN_ROLE (0) is held by the TimelockController alone and is
///         the default role of every restricted function; the guardian may only call functions mapped to
///         GUARDIAN_ROLE (`pause`). Other roles name contracts that may call each other (e.g. a slasher).
library Roles {
    /// @notice OZ AccessManager's built-in admin role: the timelock.
    uint64 internal constant ADMIN = 0;
    /// @notice May pause system contracts, nothing else. Granted and revoked by governance.
    uint64 internal constant GUARDIAN = 1;
    /// @notice Contracts governance authorizes to slash staking pools (escrow, attestation registry).
    uint64 internal constant SLASHER = 2;
    /// @notice Contracts governance authorizes to credit fee rewards to staking pools (escrow).
    uint64 internal constant REWARDER = 3;
    /// @notice Contracts governance authorizes to reserve and release pool collateral (escrow).
    uint64 internal constant COLLATERAL_MANAGER = 4;
}
