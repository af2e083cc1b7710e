// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {PHA} from "../../../contracts/token/PHA.sol";
import {Roles} from "../../../contracts/access/Roles.sol";
import {Staking} from "../../../contracts/staking/Staking.sol";
import {IStaking} from "../../../contracts/interfaces/IStaking.sol";
import {IStakingHooks} from "../../../contracts/interfaces/IStakingHooks.sol";
import {MockWorkerRegistry} from "./MockWorkerRegistry.sol";

/// @notice Deploys PHA, a real OZ AccessManager (this test contract plays the timelock), a test registry and Staking
///         behind an ERC1967 proxy, and wires the roles as production does.
abstract contract StakingTestBase is Test {
    address internal constant BRIDGE = 0x4200000000000000000000000000000000000010;
    address internal constant L1_PHA = 0x6c5bA91642F10282b576d91922Ae6448C9d52f4E;
    uint256 internal constant START = 1_700_000_000;

    PHA internal pha;
    AccessManager internal manager;
    MockWorkerRegistry internal registry;
    Staking internal staking;

    address internal slasher = makeAddr("slasher");
    address internal rewarder = makeAddr("rewarder");
    address internal collateralManager = makeAddr("collateralManager");
    address internal guardian = makeAddr("guardian");
    address internal operator = makeAddr("operator");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal treasury = makeAddr("treasury");
    address internal victim = makeAddr("victim");
    address internal worker1 = makeAddr("worker1");
    address internal worker2 = makeAddr("worker2");

    uint256 internal epoch;

    function setUp() public virtual {
        vm.warp(START);
        pha = new PHA(L1_PHA, BRIDGE);
        manager = new AccessManager(address(this));
        registry = new MockWorkerRegistry();
        Staking impl = new Staking(address(pha));
        staking = Staking(
            address(
                new ERC1967Proxy(
                    address(impl),
                    abi.encodeCall(Staking.initialize, (address(manager), address(registry), defaultParams()))
                )
            )
        );
        epoch = staking.EPOCH();
        _wireRoles();
        address[7] memory users = [operator, alice, bob, treasury, rewarder, slasher, makeAddr("carol")];
        for (uint256 i; i < users.length; ++i) {
            _mint(users[i], 10_000_000e18);
            vm.prank(users[i]);
            pha.approve(address(staking), type(uint256).max);
        }
    }

    function defaultParams() internal pure returns (IStaking.Parameters memory) {
        return IStaking.Parameters({
            minSelfStake: 1_000e18,
            minDelegation: 1e18,
            maxStakePerWorker: 100_000e18,
            maxCommissionBps: 5_000,
            maxSlashBps: 1_000,
            unbondingPeriod: 7 days,
            bondingPeriod: 1 days,
            commissionRaiseDelay: 7 days,
            jailPeriod: 1 days
        });
    }

    function _wireRoles() internal {
        bytes4[] memory sel = new bytes4[](1);
        sel[0] = IStakingHooks.slash.selector;
        manager.setTargetFunctionRole(address(staking), sel, Roles.SLASHER);
        sel[0] = IStakingHooks.notifyReward.selector;
        manager.setTargetFunctionRole(address(staking), sel, Roles.REWARDER);
        bytes4[] memory col = new bytes4[](2);
        col[0] = IStakingHooks.reserveCollateral.selector;
        col[1] = IStakingHooks.releaseCollateral.selector;
        manager.setTargetFunctionRole(address(staking), col, Roles.COLLATERAL_MANAGER);
        sel[0] = staking.pause.selector;
        manager.setTargetFunctionRole(address(staking), sel, Roles.GUARDIAN);
        manager.grantRole(Roles.SLASHER, slasher, 0);
        manager.grantRole(Roles.REWARDER, rewarder, 0);
        manager.grantRole(Roles.COLLATERAL_MANAGER, collateralManager, 0);
        manager.grantRole(Roles.GUARDIAN, guardian, 0);
    }

    function _mint(address to, uint256 amount) internal {
        vm.prank(BRIDGE);
        pha.mint(to, amount);
    }

    function _openPool(uint256 selfStake) internal returns (uint256 poolId) {
        vm.prank(operator);
        poolId = staking.openPool(selfStake, 1_000, 10_000_000e18);
    }

    /// @dev Opens a pool with one attested worker and activates the self-stake.
    function _openActivePool(uint256 selfStake) internal returns (uint256 poolId) {
        poolId = _openPool(selfStake);
        registry.set(worker1, operator, true);
        vm.prank(operator);
        staking.addWorker(poolId, worker1);
        _skipBonding();
        staking.poke(poolId);
    }

    function _delegate(address who, uint256 poolId, uint256 amount) internal {
        vm.prank(who);
        staking.delegate(poolId, amount);
    }

    /// @dev Moves past the activation of anything delegated now.
    function _skipBonding() internal {
        vm.warp(block.timestamp + epoch + staking.parameters().bondingPeriod);
    }

    function _fundEmission(uint256 amount, uint256 rate) internal {
        vm.prank(treasury);
        staking.fundEmission(amount);
        staking.setEmissionRate(rate);
    }
}
