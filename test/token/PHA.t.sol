// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {PHA} from "../../contracts/token/PHA.sol";
import {IPHA} from "../../contracts/interfaces/IPHA.sol";

contract PHATest is Test {
    address internal constant BRIDGE = 0x4200000000000000000000000000000000000010;
    address internal constant L1_PHA = 0x6c5bA91642F10282b576d91922Ae6448C9d52f4E;
    PHA internal pha;

    function setUp() public {
        pha = new PHA(L1_PHA, BRIDGE);
    }

    function test_mint_revertsWhenCallerNotBridge() public {
        vm.expectRevert(abi.encodeWithSelector(IPHA.PHACallerNotBridge.selector, address(this)));
        pha.mint(address(this), 1);
    }

    function testFuzz_mint_onlyBridge(address caller, uint96 amount) public {
        vm.assume(caller != BRIDGE);
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(IPHA.PHACallerNotBridge.selector, caller));
        pha.mint(caller, amount);
    }
}
