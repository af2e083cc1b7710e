// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {PHA} from "../../contracts/token/PHA.sol";
import {PHAHandler} from "./handlers/PHAHandler.sol";

contract PHAInvariantTest is Test {
    address internal constant BRIDGE = 0x4200000000000000000000000000000000000010;
    PHA internal pha;
    PHAHandler internal handler;

    function setUp() public {
        pha = new PHA(0x6c5bA91642F10282b576d91922Ae6448C9d52f4E, BRIDGE);
        handler = new PHAHandler(pha, BRIDGE);
        targetContract(address(handler));
    }

    /// Supply only moves through the bridge.
    function invariant_supplyEqualsMintedMinusBurned() public view {
        assertEq(pha.totalSupply(), handler.minted() - handler.burned());
    }

    /// Voting power is never created: the sum over every holder's delegate is at most the supply.
    function invariant_votesNeverExceedSupply() public view {
        uint256 votes;
        uint256 balances;
        for (uint256 i; i < handler.actorCount(); ++i) {
            votes += pha.getVotes(handler.actors(i));
            balances += pha.balanceOf(handler.actors(i));
        }
        assertLe(votes, pha.totalSupply());
        assertEq(balances, pha.totalSupply());
    }
}
