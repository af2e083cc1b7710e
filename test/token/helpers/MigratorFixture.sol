// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {PHA} from "../../../contracts/token/PHA.sol";
import {PHAMigrator} from "../../../contracts/token/PHAMigrator.sol";
import {Roles} from "../../../contracts/access/Roles.sol";
import {IStakingHooks} from "../../../contracts/interfaces/IStakingHooks.sol";
import {StakingHooksDouble} from "./StakingHooksDouble.t.sol";
import {MerkleBuilder} from "./MerkleBuilder.sol";
import {Secp256k1} from "./Secp256k1.sol";

/// @notice Shared deployment for the migrator tests: real PHA (minted by pranking the bridge), a real AccessManager
///         whose admin is this test (standing in for the timelock), the staking double, and a tree built in Solidity.
abstract contract MigratorFixture is Test {
    address internal constant BRIDGE = 0x4200000000000000000000000000000000000010;
    address internal constant L1_PHA = 0x6c5bA91642F10282b576d91922Ae6448C9d52f4E;
    uint256 internal constant SCALE = 1e6;

    /// @dev Private key of the EVM-account-mapping test vector (phala-blockchain frontend/packages/sdk tests): its
    ///      compressed key 0x027cf2fa…2c00f1 maps to 5DT96geTS2iLpkH8fAhYAAphNpxddKCV36s5ShVFavf1xQiF.
    uint256 internal constant VECTOR_KEY = 0x415ac5b1b9c3742f85f2536b1eb60a03bf64a590ea896b087182f9c92f41ea12;
    bytes32 internal constant VECTOR_ACCOUNT_ID = 0x3d589a72aacea3f5f98494fdb5a7c3c70296b2410fa7552444d0206f61aa8e91;

    AccessManager internal manager;
    PHA internal pha;
    StakingHooksDouble internal staking;
    PHAMigrator internal migrator;

    address internal treasury = makeAddr("treasury");
    address internal guardian = makeAddr("guardian");
    uint256 internal deadline;

    struct Leaf {
        uint256 index;
        bytes32 accountId;
        address bound;
        uint256 plancks;
    }

    Leaf[] internal leaves;
    bytes32[] internal hashes;
    uint256 internal total;

    function _addLeaf(bytes32 accountId, address bound, uint256 plancks) internal returns (uint256 index) {
        index = leaves.length;
        leaves.push(Leaf(index, accountId, bound, plancks));
        hashes.push(MerkleBuilder.leaf(index, accountId, bound, plancks));
        total += plancks;
    }

    function _proof(uint256 index) internal view returns (bytes32[] memory) {
        return MerkleBuilder.proof(hashes, index);
    }

    function _root() internal view returns (bytes32) {
        return MerkleBuilder.root(hashes);
    }

    /// @dev Deploys everything for the leaves added so far; funds the migrator with `funding` PHA wei.
    function _deploy(uint256 snapshotTotal, uint256 funding) internal {
        _deployWith(address(0), snapshotTotal, funding);
    }

    function _deployWith(address stakingOverride, uint256 snapshotTotal, uint256 funding) internal {
        manager = new AccessManager(address(this));
        pha = new PHA(L1_PHA, BRIDGE);
        staking = new StakingHooksDouble(pha, 3);
        deadline = block.timestamp + 365 days;
        address stakingAddr = stakingOverride == address(0) ? address(staking) : stakingOverride;
        migrator =
            new PHAMigrator(address(manager), address(pha), stakingAddr, treasury, _root(), deadline, snapshotTotal);
        bytes4[] memory sel = new bytes4[](1);
        sel[0] = PHAMigrator.halt.selector;
        manager.setTargetFunctionRole(address(migrator), sel, Roles.GUARDIAN);
        manager.grantRole(Roles.GUARDIAN, guardian, 0);
        if (funding != 0) {
            vm.prank(BRIDGE);
            pha.mint(address(migrator), funding);
        }
    }

    function _pubKey(uint256 privateKey) internal view returns (address addr, bytes memory publicKey) {
        (bytes32 x, bytes32 y) = Secp256k1.publicKey(privateKey);
        addr = vm.addr(privateKey);
        assertEq(address(uint160(uint256(keccak256(abi.encodePacked(x, y))))), addr, "pubkey derivation");
        publicKey = abi.encodePacked(x, y);
    }

    /// @dev `EvmTransparentConverter` account of `addr` computed independently of the library.
    function _transparent(address addr) internal pure returns (bytes32) {
        return bytes32(abi.encodePacked(addr, "@evm_address"));
    }
}
