// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {PHA} from "../../../contracts/token/PHA.sol";

/// @notice Drives PHA through bridge mints and burns, transfers and delegations with bounded inputs.
contract PHAHandler is Test {
    PHA public immutable pha;
    address public immutable bridge;
    address[] public actors;
    uint256 public minted;
    uint256 public burned;

    constructor(PHA pha_, address bridge_) {
        pha = pha_;
        bridge = bridge_;
        for (uint256 i = 1; i <= 5; ++i) actors.push(address(uint160(0xA000 + i)));
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    function deposit(uint256 seed, uint256 amount) external {
        amount = bound(amount, 1, 1e27);
        vm.prank(bridge);
        pha.mint(_actor(seed), amount);
        minted += amount;
    }

    function withdraw(uint256 seed, uint256 amount) external {
        address from = _actor(seed);
        uint256 balance = pha.balanceOf(from);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        vm.prank(bridge);
        pha.burn(from, amount);
        burned += amount;
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        amount = bound(amount, 0, pha.balanceOf(from));
        vm.prank(from);
        pha.transfer(_actor(toSeed), amount);
    }

    function delegate(uint256 fromSeed, uint256 toSeed) external {
        vm.prank(_actor(fromSeed));
        pha.delegate(_actor(toSeed));
    }

    function warp(uint256 secs) external {
        vm.warp(block.timestamp + bound(secs, 1, 30 days));
    }
}
