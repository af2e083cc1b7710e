// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {PHAMigrator} from "../../contracts/token/PHAMigrator.sol";
import {IPHAMigrator} from "../../contracts/interfaces/IPHAMigrator.sol";
import {MigratorFixture} from "./helpers/MigratorFixture.sol";
import {NonPullingStaking} from "./helpers/StakingHooksDouble.t.sol";

contract PHAMigratorTest is MigratorFixture {
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal stranger = makeAddr("stranger");
    uint256 internal transparentKey = 0xA11CE;
    address internal transparentHolder;
    address internal vectorHolder;
    bytes internal vectorPubKey;

    uint256 internal constant I_BOUND = 0; // alice, bound
    uint256 internal constant I_ECDSA = 1; // vector key, compressed-key mapping
    uint256 internal constant I_TRANSPARENT = 2; // transparent mapping
    uint256 internal constant I_SR25519 = 3; // unbound sr25519: no on-chain route
    uint256 internal constant I_BOUND_BOB = 4; // bob, bound

    function setUp() public {
        (vectorHolder, vectorPubKey) = _pubKey(VECTOR_KEY);
        transparentHolder = vm.addr(transparentKey);
        _addLeaf(keccak256("alice-sr25519"), alice, 1_000e12 + 1);
        _addLeaf(VECTOR_ACCOUNT_ID, address(0), 5e12);
        _addLeaf(_transparent(transparentHolder), address(0), 42);
        _addLeaf(keccak256("carol-sr25519"), address(0), 7e12);
        _addLeaf(keccak256("bob-ed25519"), bob, 300e12);
        _deploy(total, total * SCALE);
    }

    function _claimLeaf(uint256 i) internal returns (uint256) {
        Leaf memory l = leaves[i];
        return migrator.claim(l.index, l.accountId, l.bound, l.plancks, _proof(i));
    }

    // --------------------------------------------------------------------------------------------------------
    // constructor
    // --------------------------------------------------------------------------------------------------------

    function test_constructor_setsImmutables() public view {
        assertEq(migrator.merkleRoot(), _root());
        assertEq(migrator.claimDeadline(), deadline);
        assertEq(migrator.snapshotTotalPlancks(), total);
        assertEq(migrator.token(), address(pha));
        assertEq(migrator.staking(), address(staking));
        assertEq(migrator.treasury(), treasury);
        assertEq(migrator.authority(), address(manager));
        assertEq(migrator.version(), "1.0.0");
        assertEq(migrator.PLANCK_TO_WEI(), 1e6);
    }

    function test_constructor_revertsOnZeroAddress() public {
        bytes32 r = _root();
        vm.expectRevert(IPHAMigrator.PHAMigratorZeroAddress.selector);
        new PHAMigrator(address(manager), address(0), address(staking), treasury, r, deadline, 1);
        vm.expectRevert(IPHAMigrator.PHAMigratorZeroAddress.selector);
        new PHAMigrator(address(manager), address(pha), address(0), treasury, r, deadline, 1);
        vm.expectRevert(IPHAMigrator.PHAMigratorZeroAddress.selector);
        new PHAMigrator(address(manager), address(pha), address(staking), address(0), r, deadline, 1);
        vm.expectRevert(IPHAMigrator.PHAMigratorZeroAddress.selector);
        new PHAMigrator(address(0), address(pha), address(staking), treasury, r, deadline, 1);
    }

    function test_constructor_revertsOnZeroRoot() public {
        vm.expectRevert(IPHAMigrator.PHAMigratorZeroRoot.selector);
        new PHAMigrator(address(manager), address(pha), address(staking), treasury, bytes32(0), deadline, 1);
    }

    function test_constructor_revertsOnPastDeadline() public {
        bytes32 r = _root();
        vm.expectRevert(
            abi.encodeWithSelector(IPHAMigrator.PHAMigratorInvalidDeadline.selector, block.timestamp, block.timestamp)
        );
        new PHAMigrator(address(manager), address(pha), address(staking), treasury, r, block.timestamp, 1);
    }

    function test_constructor_revertsOnBadSnapshotTotal() public {
        bytes32 r = _root();
        vm.expectRevert(abi.encodeWithSelector(IPHAMigrator.PHAMigratorInvalidSnapshotTotal.selector, 0));
        new PHAMigrator(address(manager), address(pha), address(staking), treasury, r, deadline, 0);
        uint256 tooBig = type(uint256).max / 1e6 + 1;
        vm.expectRevert(abi.encodeWithSelector(IPHAMigrator.PHAMigratorInvalidSnapshotTotal.selector, tooBig));
        new PHAMigrator(address(manager), address(pha), address(staking), treasury, r, deadline, tooBig);
    }

    // --------------------------------------------------------------------------------------------------------
    // claim (route 1)
    // --------------------------------------------------------------------------------------------------------

    function test_claim_paysBoundAddressExactly() public {
        Leaf memory l = leaves[I_BOUND];
        vm.expectEmit(address(migrator));
        emit IPHAMigrator.Claimed(l.accountId, alice, l.plancks);
        vm.prank(stranger);
        uint256 amount = _claimLeaf(I_BOUND);
        assertEq(amount, (1_000e12 + 1) * 1e6);
        assertEq(pha.balanceOf(alice), amount);
        assertEq(pha.balanceOf(stranger), 0);
        assertEq(pha.balanceOf(address(migrator)), total * SCALE - amount);
        assertTrue(migrator.isClaimed(I_BOUND));
        assertFalse(migrator.isClaimed(I_BOUND_BOB));
    }

    function test_claim_revertsWhenAlreadyClaimed() public {
        _claimLeaf(I_BOUND);
        vm.expectRevert(abi.encodeWithSelector(IPHAMigrator.PHAMigratorAlreadyClaimed.selector, I_BOUND));
        _claimLeaf(I_BOUND);
        assertEq(pha.balanceOf(alice), leaves[I_BOUND].plancks * SCALE);
    }

    function test_claim_revertsWhenLeafUnbound() public {
        Leaf memory l = leaves[I_SR25519];
        bytes32[] memory p = _proof(I_SR25519);
        vm.expectRevert(abi.encodeWithSelector(IPHAMigrator.PHAMigratorNotBound.selector, l.accountId));
        migrator.claim(l.index, l.accountId, address(0), l.plancks, p);
    }

    function test_claim_revertsOnRedirectedRecipient() public {
        Leaf memory l = leaves[I_BOUND];
        bytes32[] memory p = _proof(I_BOUND);
        vm.expectRevert(
            abi.encodeWithSelector(IPHAMigrator.PHAMigratorInvalidProof.selector, l.index, l.accountId, stranger, l.plancks)
        );
        vm.prank(stranger);
        migrator.claim(l.index, l.accountId, stranger, l.plancks, p);
        assertFalse(migrator.isClaimed(I_BOUND));
    }

    function test_claim_revertsOnInflatedAmount() public {
        Leaf memory l = leaves[I_BOUND];
        bytes32[] memory p = _proof(I_BOUND);
        vm.expectRevert(
            abi.encodeWithSelector(IPHAMigrator.PHAMigratorInvalidProof.selector, l.index, l.accountId, alice, l.plancks + 1)
        );
        migrator.claim(l.index, l.accountId, alice, l.plancks + 1, p);
        assertFalse(migrator.isClaimed(I_BOUND));
        assertEq(pha.balanceOf(address(migrator)), total * SCALE);
    }

    function test_claim_revertsOnWrongIndex() public {
        Leaf memory l = leaves[I_BOUND];
        bytes32[] memory p = _proof(I_BOUND);
        vm.expectRevert(
            abi.encodeWithSelector(IPHAMigrator.PHAMigratorInvalidProof.selector, 7, l.accountId, alice, l.plancks)
        );
        migrator.claim(7, l.accountId, alice, l.plancks, p);
    }

    function test_claim_revertsOnOtherLeafProof() public {
        Leaf memory l = leaves[I_BOUND];
        bytes32[] memory p = _proof(I_BOUND_BOB);
        vm.expectRevert(
            abi.encodeWithSelector(IPHAMigrator.PHAMigratorInvalidProof.selector, l.index, l.accountId, alice, l.plancks)
        );
        migrator.claim(l.index, l.accountId, alice, l.plancks, p);
    }

    function test_claim_revertsAtDeadline() public {
        vm.warp(deadline);
        bytes32[] memory p = _proof(I_BOUND);
        Leaf memory l = leaves[I_BOUND];
        vm.expectRevert(abi.encodeWithSelector(IPHAMigrator.PHAMigratorClaimPeriodEnded.selector, deadline, deadline));
        migrator.claim(l.index, l.accountId, l.bound, l.plancks, p);
    }

    function test_claim_succeedsJustBeforeDeadline() public {
        vm.warp(deadline - 1);
        _claimLeaf(I_BOUND);
        assertEq(pha.balanceOf(alice), leaves[I_BOUND].plancks * SCALE);
    }

    function test_claim_revertsAfterHaltUntilRefunded() public {
        vm.prank(guardian);
        assertEq(migrator.halt(), total * SCALE);
        assertEq(pha.balanceOf(treasury), total * SCALE);
        bytes32[] memory p = _proof(I_BOUND);
        Leaf memory l = leaves[I_BOUND];
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, address(migrator), 0, l.plancks * SCALE)
        );
        migrator.claim(l.index, l.accountId, l.bound, l.plancks, p);
        assertFalse(migrator.isClaimed(I_BOUND));
        // Governance funds it again: claims resume where they stopped.
        vm.prank(treasury);
        pha.transfer(address(migrator), total * SCALE);
        _claimLeaf(I_BOUND);
        assertTrue(migrator.isClaimed(I_BOUND));
        assertEq(pha.balanceOf(alice), l.plancks * SCALE);
    }

    function test_claim_revertsWhenUnderfunded() public {
        vm.prank(address(migrator));
        pha.transfer(treasury, total * SCALE - 1);
        bytes32[] memory p = _proof(I_BOUND);
        Leaf memory l = leaves[I_BOUND];
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientBalance.selector, address(migrator), 1, l.plancks * SCALE
            )
        );
        migrator.claim(l.index, l.accountId, l.bound, l.plancks, p);
        assertFalse(migrator.isClaimed(I_BOUND));
    }

    function test_claim_cannotPayBeyondFunding() public {
        // A tree whose leaves sum above the published total: the funding (exactly the total) stops the excess.
        uint256 capped = leaves[I_BOUND].plancks + leaves[I_BOUND_BOB].plancks - 1;
        _deploy(capped, capped * SCALE);
        _claimLeaf(I_BOUND);
        Leaf memory l = leaves[I_BOUND_BOB];
        bytes32[] memory p = _proof(I_BOUND_BOB);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientBalance.selector, address(migrator), (l.plancks - 1) * SCALE, l.plancks * SCALE
            )
        );
        migrator.claim(l.index, l.accountId, l.bound, l.plancks, p);
        assertFalse(migrator.isClaimed(I_BOUND_BOB));
    }

    // --------------------------------------------------------------------------------------------------------
    // claimWithPublicKey (route 2)
    // --------------------------------------------------------------------------------------------------------

    function test_accountIdOf_matchesPalletVector() public view {
        assertEq(migrator.accountIdOf(vectorPubKey, address(0)), VECTOR_ACCOUNT_ID);
        // EvmTransparentConverter vector (phala-blockchain sdk tests): key 0x049df1… → 0x77bb3d64… ‖ "@evm_address".
        bytes memory key = hex"9df1e69b8b7c2da2efe0069dc141c2cec0317bf3fd135abaeb69ee33801f597024dc8558dbe54a0328ceaa081387a5e1c5749247266fe53dde4ba7ddbf43eae6";
        address addr = 0x77bB3D64EA13E4f0BeaFDd5d92508d4643Bb09cb;
        assertEq(address(uint160(uint256(keccak256(key)))), addr);
        assertEq(
            migrator.accountIdOf("", addr), 0x77bb3d64ea13e4f0beafdd5d92508d4643bb09cb4065766d5f61646472657373
        );
    }

    function test_claimWithPublicKey_paysCompressedKeyAccount() public {
        Leaf memory l = leaves[I_ECDSA];
        bytes32[] memory p = _proof(I_ECDSA);
        vm.expectEmit(address(migrator));
        emit IPHAMigrator.Claimed(VECTOR_ACCOUNT_ID, vectorHolder, l.plancks);
        vm.prank(vectorHolder);
        migrator.claimWithPublicKey(l.index, vectorPubKey, l.plancks, p);
        assertEq(pha.balanceOf(vectorHolder), 5e12 * SCALE);
        assertTrue(migrator.isClaimed(I_ECDSA));
    }

    function test_claimWithPublicKey_paysTransparentAccount() public {
        Leaf memory l = leaves[I_TRANSPARENT];
        bytes32[] memory p = _proof(I_TRANSPARENT);
        vm.prank(transparentHolder);
        migrator.claimWithPublicKey(l.index, "", l.plancks, p);
        assertEq(pha.balanceOf(transparentHolder), 42 * SCALE);
    }

    function test_claimWithPublicKey_revertsWhenKeyNotCallers() public {
        Leaf memory l = leaves[I_ECDSA];
        bytes32[] memory p = _proof(I_ECDSA);
        vm.expectRevert(
            abi.encodeWithSelector(IPHAMigrator.PHAMigratorPublicKeyNotCaller.selector, vectorHolder, stranger)
        );
        vm.prank(stranger);
        migrator.claimWithPublicKey(l.index, vectorPubKey, l.plancks, p);
        assertFalse(migrator.isClaimed(I_ECDSA));
    }

    function test_claimWithPublicKey_revertsWhenTransparentCallerWrong() public {
        Leaf memory l = leaves[I_TRANSPARENT];
        bytes32[] memory p = _proof(I_TRANSPARENT);
        vm.expectRevert(
            abi.encodeWithSelector(
                IPHAMigrator.PHAMigratorInvalidProof.selector, l.index, _transparent(stranger), address(0), l.plancks
            )
        );
        vm.prank(stranger);
        migrator.claimWithPublicKey(l.index, "", l.plancks, p);
    }

    function test_claimWithPublicKey_revertsOffCurve() public {
        bytes32 x = _word(vectorPubKey, 0);
        bytes32 y = bytes32(uint256(_word(vectorPubKey, 32)) + 1);
        bytes32[] memory p = _proof(I_ECDSA);
        vm.expectRevert(abi.encodeWithSelector(IPHAMigrator.PHAMigratorPublicKeyNotOnCurve.selector, x, y));
        vm.prank(vectorHolder);
        migrator.claimWithPublicKey(I_ECDSA, abi.encodePacked(x, y), 5e12, p);
    }

    function test_accountIdOf_revertsOnCoordinateAboveField() public view {
        // (1, y) is on the curve; (1 + p, y) is the same point unreduced and must be refused.
        bytes32 y = 0x4218f20ae6c646b363db68605822fb14264ca8d2587fdd6fbc750d587e76a7ee;
        migrator.accountIdOf(abi.encodePacked(bytes32(uint256(1)), y), address(0));
        bytes32 xBig = bytes32(uint256(1) + 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F);
        try migrator.accountIdOf(abi.encodePacked(xBig, y), address(0)) {
            revert("accepted an unreduced coordinate");
        } catch (bytes memory err) {
            assertEq(err, abi.encodeWithSelector(IPHAMigrator.PHAMigratorPublicKeyNotOnCurve.selector, xBig, y));
        }
    }

    function test_claimWithPublicKey_revertsOnBadKeyLength() public {
        bytes memory key65 = abi.encodePacked(bytes1(0x04), vectorPubKey);
        bytes32[] memory p = _proof(I_ECDSA);
        vm.expectRevert(abi.encodeWithSelector(IPHAMigrator.PHAMigratorInvalidPublicKeyLength.selector, 65));
        vm.prank(vectorHolder);
        migrator.claimWithPublicKey(I_ECDSA, key65, 5e12, p);
    }

    function test_claimWithPublicKey_revertsForBoundLeaf() public {
        // A bound leaf is paid to its bound address only (route 1), even to the key holder.
        uint256 key = 0xB0B;
        (address holder, bytes memory pub) = _pubKey(key);
        delete hashes;
        delete leaves;
        total = 0;
        bytes32 id = migrator.accountIdOf(pub, address(0));
        _addLeaf(id, alice, 10);
        _addLeaf(keccak256("x"), alice, 1);
        _deploy(total, total * SCALE);
        bytes32[] memory p = _proof(0);
        vm.expectRevert(abi.encodeWithSelector(IPHAMigrator.PHAMigratorInvalidProof.selector, 0, id, address(0), 10));
        vm.prank(holder);
        migrator.claimWithPublicKey(0, pub, 10, p);
    }

    // --------------------------------------------------------------------------------------------------------
    // claimAndDelegate / claimWithPublicKeyAndDelegate
    // --------------------------------------------------------------------------------------------------------

    function test_claimAndDelegate_delegatesForBoundAddress() public {
        Leaf memory l = leaves[I_BOUND_BOB];
        bytes32[] memory p = _proof(I_BOUND_BOB);
        uint256 amount = l.plancks * SCALE;
        vm.expectEmit(address(migrator));
        emit IPHAMigrator.ClaimedAndDelegated(l.index, l.accountId, bob, 2, l.plancks, amount, amount);
        vm.prank(bob);
        (uint256 paid, uint256 shares) = migrator.claimAndDelegate(l.index, l.accountId, bob, l.plancks, p, 2);
        assertEq(paid, amount);
        assertEq(shares, amount);
        assertEq(staking.sharesOf(2, bob), amount);
        assertEq(pha.balanceOf(address(staking)), amount);
        assertEq(pha.balanceOf(bob), 0);
        assertEq(pha.allowance(address(migrator), address(staking)), 0);
        assertTrue(migrator.isClaimed(I_BOUND_BOB));
    }

    function test_claimAndDelegate_revertsWhenCallerNotBound() public {
        Leaf memory l = leaves[I_BOUND_BOB];
        bytes32[] memory p = _proof(I_BOUND_BOB);
        vm.expectRevert(abi.encodeWithSelector(IPHAMigrator.PHAMigratorCallerNotBoundAddress.selector, stranger, bob));
        vm.prank(stranger);
        migrator.claimAndDelegate(l.index, l.accountId, bob, l.plancks, p, 1);
    }

    function test_claimAndDelegate_revertsWhenLeafUnbound() public {
        Leaf memory l = leaves[I_SR25519];
        bytes32[] memory p = _proof(I_SR25519);
        vm.expectRevert(abi.encodeWithSelector(IPHAMigrator.PHAMigratorNotBound.selector, l.accountId));
        migrator.claimAndDelegate(l.index, l.accountId, address(0), l.plancks, p, 1);
    }

    function test_claimAndDelegate_revertsWhenStakingDoesNotPull() public {
        NonPullingStaking bad = new NonPullingStaking();
        _deployWith(address(bad), total, total * SCALE);
        Leaf memory l = leaves[I_BOUND_BOB];
        bytes32[] memory p = _proof(I_BOUND_BOB);
        vm.expectRevert(
            abi.encodeWithSelector(IPHAMigrator.PHAMigratorStakingPullMismatch.selector, l.plancks * SCALE, 0)
        );
        vm.prank(bob);
        migrator.claimAndDelegate(l.index, l.accountId, bob, l.plancks, p, 1);
        assertFalse(migrator.isClaimed(I_BOUND_BOB));
    }

    function test_claimWithPublicKeyAndDelegate_delegatesForCaller() public {
        Leaf memory l = leaves[I_ECDSA];
        bytes32[] memory p = _proof(I_ECDSA);
        vm.prank(vectorHolder);
        (uint256 paid, uint256 shares) = migrator.claimWithPublicKeyAndDelegate(l.index, vectorPubKey, l.plancks, p, 3);
        assertEq(paid, 5e12 * SCALE);
        assertEq(staking.sharesOf(3, vectorHolder), shares);
        assertEq(pha.balanceOf(vectorHolder), 0);
        assertTrue(migrator.isClaimed(I_ECDSA));
    }

    function test_claimWithPublicKeyAndDelegate_revertsOnUnknownPool() public {
        Leaf memory l = leaves[I_TRANSPARENT];
        bytes32[] memory p = _proof(I_TRANSPARENT);
        vm.prank(transparentHolder);
        vm.expectRevert();
        migrator.claimWithPublicKeyAndDelegate(l.index, "", l.plancks, p, 9);
        assertFalse(migrator.isClaimed(I_TRANSPARENT));
    }

    // --------------------------------------------------------------------------------------------------------
    // sweep, halt
    // --------------------------------------------------------------------------------------------------------

    function test_sweep_revertsBeforeDeadline() public {
        vm.warp(deadline - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IPHAMigrator.PHAMigratorClaimPeriodNotEnded.selector, deadline, deadline - 1)
        );
        migrator.sweep();
        assertEq(pha.balanceOf(treasury), 0);
    }

    function test_sweep_revertsForNonGovernance() public {
        vm.warp(deadline);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, guardian));
        vm.prank(guardian);
        migrator.sweep();
    }

    function test_sweep_sendsRemainderToTreasury() public {
        _claimLeaf(I_BOUND);
        vm.warp(deadline);
        uint256 rest = (total - leaves[I_BOUND].plancks) * SCALE;
        vm.expectEmit(address(migrator));
        emit IPHAMigrator.Swept(treasury, rest);
        assertEq(migrator.sweep(), rest);
        assertEq(pha.balanceOf(treasury), rest);
        assertEq(pha.balanceOf(address(migrator)), 0);
        vm.expectRevert(IPHAMigrator.PHAMigratorNothingToSweep.selector);
        migrator.sweep();
    }

    function test_halt_revertsForStranger() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        migrator.halt();
        assertEq(pha.balanceOf(address(migrator)), total * SCALE);
    }

    function test_halt_sendsEverythingToTreasuryOnly() public {
        _claimLeaf(I_BOUND);
        uint256 rest = (total - leaves[I_BOUND].plancks) * SCALE;
        vm.expectEmit(address(migrator));
        emit IPHAMigrator.Halted(treasury, rest);
        vm.prank(guardian);
        assertEq(migrator.halt(), rest);
        assertEq(pha.balanceOf(treasury), rest);
        assertEq(pha.balanceOf(guardian), 0);
        assertEq(pha.balanceOf(address(migrator)), 0);
        assertTrue(migrator.isClaimed(I_BOUND));
        vm.expectRevert(IPHAMigrator.PHAMigratorNothingToSweep.selector);
        vm.prank(guardian);
        migrator.halt();
    }

    function _word(bytes memory b, uint256 offset) internal pure returns (bytes32 w) {
        assembly {
            w := mload(add(add(b, 32), offset))
        }
    }
}
