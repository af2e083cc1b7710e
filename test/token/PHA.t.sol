// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {PHA} from "../../contracts/token/PHA.sol";
import {IPHA} from "../../contracts/interfaces/IPHA.sol";
import {IOptimismMintableERC20, ILegacyMintableERC20} from "../../contracts/interfaces/bridge/IOptimismMintableERC20.sol";

contract PHATest is Test {
    address internal constant BRIDGE = 0x4200000000000000000000000000000000000010;
    address internal constant L1_PHA = 0x6c5bA91642F10282b576d91922Ae6448C9d52f4E;
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    PHA internal pha;
    uint256 internal ownerKey = 0xA11CE;
    address internal owner;

    function setUp() public {
        pha = new PHA(L1_PHA, BRIDGE);
        owner = vm.addr(ownerKey);
        vm.prank(BRIDGE);
        pha.mint(owner, 1_000e18);
    }

    function test_metadata() public view {
        assertEq(pha.name(), "Phala Token");
        assertEq(pha.symbol(), "PHA");
        assertEq(pha.decimals(), 18);
        assertEq(pha.REMOTE_TOKEN(), L1_PHA);
        assertEq(pha.BRIDGE(), BRIDGE);
        assertEq(pha.l2Bridge(), BRIDGE);
        assertEq(pha.version(), "1.0.0");
    }

    function test_supportsInterface_bridgeInterfaces() public view {
        assertTrue(pha.supportsInterface(type(IERC165).interfaceId));
        assertTrue(pha.supportsInterface(type(IOptimismMintableERC20).interfaceId));
        assertTrue(pha.supportsInterface(type(ILegacyMintableERC20).interfaceId));
        // Values the OP StandardBridge probes for (Optimism's published ids).
        assertEq(type(IOptimismMintableERC20).interfaceId, bytes4(0xec4fc8e3));
        assertEq(type(ILegacyMintableERC20).interfaceId, bytes4(0x1d1d8b63));
        assertFalse(pha.supportsInterface(0xffffffff));
    }

    function test_constructor_revertsOnZeroAddress() public {
        vm.expectRevert(IPHA.PHAZeroAddress.selector);
        new PHA(address(0), BRIDGE);
        vm.expectRevert(IPHA.PHAZeroAddress.selector);
        new PHA(L1_PHA, address(0));
    }

    function test_mint_emitsMint() public {
        vm.expectEmit(address(pha));
        emit IPHA.Mint(address(this), 5);
        vm.prank(BRIDGE);
        pha.mint(address(this), 5);
        assertEq(pha.balanceOf(address(this)), 5);
    }

    function test_mint_revertsOnZeroAmount() public {
        vm.prank(BRIDGE);
        vm.expectRevert(IPHA.PHAZeroAmount.selector);
        pha.mint(owner, 0);
    }

    function testFuzz_mint_revertsWhenCallerNotBridge(address caller, uint96 amount) public {
        vm.assume(caller != BRIDGE);
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(IPHA.PHACallerNotBridge.selector, caller));
        pha.mint(caller, amount);
    }

    function testFuzz_burn_revertsWhenCallerNotBridge(address caller) public {
        vm.assume(caller != BRIDGE);
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(IPHA.PHACallerNotBridge.selector, caller));
        pha.burn(owner, 1);
        assertEq(pha.balanceOf(owner), 1_000e18);
    }

    function test_burn_bridgeBurnsWithoutAllowance() public {
        vm.expectEmit(address(pha));
        emit IPHA.Burn(owner, 400e18);
        vm.prank(BRIDGE);
        pha.burn(owner, 400e18);
        assertEq(pha.balanceOf(owner), 600e18);
        assertEq(pha.totalSupply(), 600e18);
    }

    function test_burn_revertsAboveBalance() public {
        vm.prank(BRIDGE);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, owner, 1_000e18, 1_001e18));
        pha.burn(owner, 1_001e18);
    }

    function _permitDigest(address spender, uint256 value, uint256 nonce, uint256 deadline, bytes32 domain)
        internal
        view
        returns (bytes32)
    {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline));
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    function test_permit_setsAllowance() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ownerKey, _permitDigest(address(this), 7e18, 0, deadline, pha.DOMAIN_SEPARATOR()));
        pha.permit(owner, address(this), 7e18, deadline, v, r, s);
        assertEq(pha.allowance(owner, address(this)), 7e18);
        assertEq(pha.nonces(owner), 1);
    }

    function test_permit_revertsWhenExpired() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ownerKey, _permitDigest(address(this), 7e18, 0, deadline, pha.DOMAIN_SEPARATOR()));
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        pha.permit(owner, address(this), 7e18, deadline, v, r, s);
        assertEq(pha.allowance(owner, address(this)), 0);
    }

    function test_permit_revertsWhenReplayed() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ownerKey, _permitDigest(address(this), 7e18, 0, deadline, pha.DOMAIN_SEPARATOR()));
        pha.permit(owner, address(this), 7e18, deadline, v, r, s);
        vm.expectPartialRevert(ERC20Permit.ERC2612InvalidSigner.selector);
        pha.permit(owner, address(this), 7e18, deadline, v, r, s);
        assertEq(pha.nonces(owner), 1);
    }

    function test_permit_revertsForAnotherChain() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 foreignDomain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Phala Token"),
                keccak256("1"),
                uint256(1), // Ethereum mainnet
                address(pha)
            )
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ownerKey, _permitDigest(address(this), 7e18, 0, deadline, foreignDomain));
        vm.expectPartialRevert(ERC20Permit.ERC2612InvalidSigner.selector);
        pha.permit(owner, address(this), 7e18, deadline, v, r, s);
        assertEq(pha.allowance(owner, address(this)), 0);
    }

    function test_votes_timestampClock() public {
        assertEq(pha.CLOCK_MODE(), "mode=timestamp");
        vm.warp(1_000_000);
        assertEq(pha.clock(), 1_000_000);
        vm.prank(owner);
        pha.delegate(owner);
        vm.warp(1_000_010);
        assertEq(pha.getVotes(owner), 1_000e18);
        assertEq(pha.getPastVotes(owner, 1_000_000), 1_000e18);
        assertEq(pha.getPastVotes(owner, 999_999), 0);
    }

    function testFuzz_transfer_movesVotes(address to, uint96 amount) public {
        vm.assume(to != address(0) && to != owner);
        amount = uint96(bound(amount, 0, 1_000e18));
        vm.prank(owner);
        pha.delegate(owner);
        vm.prank(to);
        pha.delegate(to);
        vm.prank(owner);
        pha.transfer(to, amount);
        assertEq(pha.getVotes(owner), 1_000e18 - amount);
        assertEq(pha.getVotes(to), amount);
    }
}
