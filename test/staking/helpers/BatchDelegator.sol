// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IStakingHooks} from "../../../contracts/interfaces/IStakingHooks.sol";

/// @notice Test/bench helper: populates a pool with many distinct delegators through the public `delegateFor` path
///         (real delegations, one position per beneficiary `address(uint160(firstBeneficiary + i))`).
contract BatchDelegator {
    function delegateMany(
        IERC20 pha,
        IStakingHooks staking,
        uint256 poolId,
        uint160 firstBeneficiary,
        uint256 count,
        uint256 amountEach
    ) external {
        pha.transferFrom(msg.sender, address(this), count * amountEach);
        pha.approve(address(staking), count * amountEach);
        for (uint256 i; i < count; ++i) {
            staking.delegateFor(poolId, address(firstBeneficiary + uint160(i)), amountEach);
        }
    }
}
