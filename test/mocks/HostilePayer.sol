// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IJobEscrow} from "../../contracts/interfaces/IJobEscrow.sol";
import {ITokenHooks} from "./HostileToken.sol";

/// @notice A payer (or operator) contract that, when a {HostileToken} hook hands it control, calls back into the escrow
///         with a prepared call and records how that call ended. Used to show every reentry is refused.
contract HostilePayer is ITokenHooks {
    IJobEscrow public immutable escrow;
    IERC20 public immutable token;

    /// @notice Which hook re-enters: 0 none, 1 on send, 2 on receive.
    uint8 public trigger;
    bytes public reentryCall;
    /// @notice Number of reentry attempts, and the revert data of the last one (empty if it succeeded).
    uint256 public attempts;
    bool public lastSucceeded;
    bytes public lastRevert;

    constructor(IJobEscrow escrow_, IERC20 token_) {
        escrow = escrow_;
        token = token_;
        token_.approve(address(escrow_), type(uint256).max);
    }

    /// @notice Arms a reentry: on the next hook of kind `trigger_`, call the escrow with `data` (once).
    function arm(uint8 trigger_, bytes calldata data) external {
        trigger = trigger_;
        reentryCall = data;
    }

    /// @notice Any call to the escrow as this contract (create, refund, dispute...).
    function call(bytes calldata data) external returns (bytes memory) {
        (bool ok, bytes memory ret) = address(escrow).call(data);
        if (!ok) {
            assembly {
                revert(add(ret, 0x20), mload(ret))
            }
        }
        return ret;
    }

    function tokensToSend(address, address, uint256) external {
        if (trigger == 1) _reenter();
    }

    function tokensReceived(address, address, uint256) external {
        if (trigger == 2) _reenter();
    }

    function _reenter() private {
        trigger = 0;
        ++attempts;
        (bool ok, bytes memory ret) = address(escrow).call(reentryCall);
        lastSucceeded = ok;
        lastRevert = ret;
    }
}
