// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Hook interface of {HostileToken}'s callbacks (ERC-777 style).
interface ITokenHooks {
    /// @notice Called on `from` before its tokens move.
    function tokensToSend(address from, address to, uint256 amount) external;

    /// @notice Called on `to` after it received tokens.
    function tokensReceived(address from, address to, uint256 amount) external;
}

/// @notice Hostile ERC-20: calls the sender before and the recipient after every transfer (ERC-777-like hooks), handing
///         control to contracts mid-transfer so tests can attempt reentrancy. PHA has no hooks; the escrow must be safe
///         anyway. Calls to accounts without the hooks are ignored.
contract HostileToken is ERC20 {
    constructor() ERC20("Hostile", "HOST") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from.code.length != 0) {
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok,) = from.call(abi.encodeCall(ITokenHooks.tokensToSend, (from, to, value)));
            ok;
        }
        super._update(from, to, value);
        if (to.code.length != 0) {
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok,) = to.call(abi.encodeCall(ITokenHooks.tokensReceived, (from, to, value)));
            ok;
        }
    }
}
