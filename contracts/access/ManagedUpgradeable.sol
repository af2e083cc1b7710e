// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessManagedUpgradeable} from
    "@openzeppelin/contracts-upgradeable/access/manager/AccessManagedUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";

/// @title ManagedUpgradeable
/// @notice Base of every upgradeable Phala system contract: UUPS upgrades, pause and every parameter are gated by the
///         system's AccessManager, whose admin is the governance timelock. `pause` is mapped to the guardian role;
///         `unpause` and `upgradeToAndCall` stay with the timelock.
/// @dev Storage is ERC-7201 namespaced (OZ upgradeable bases), so descendants must use namespaced storage too.
abstract contract ManagedUpgradeable is Initializable, UUPSUpgradeable, AccessManagedUpgradeable, PausableUpgradeable {
    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    // solhint-disable-next-line func-name-mixedcase
    function __ManagedUpgradeable_init(address authority) internal onlyInitializing {
        __AccessManaged_init(authority);
        __Pausable_init();
    }

    /// @notice Stops the contract's state-changing entry points that are `whenNotPaused`.
    /// @dev Restricted: guardian role (or governance).
    function pause() external restricted {
        _pause();
    }

    /// @notice Resumes a paused contract.
    /// @dev Restricted: governance only.
    function unpause() external restricted {
        _unpause();
    }

    /// @dev Upgrades are decided by governance (the AccessManager's admin role).
    function _authorizeUpgrade(address) internal override restricted {}
}
