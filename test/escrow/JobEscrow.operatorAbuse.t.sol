// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {PHA} from "../../contracts/token/PHA.sol";
import {Roles} from "../../contracts/access/Roles.sol";
import {Staking} from "../../contracts/staking/Staking.sol";
import {IStaking} from "../../contracts/interfaces/IStaking.sol";
import {IStakingHooks} from "../../contracts/interfaces/IStakingHooks.sol";
import {JobEscrow} from "../../contracts/escrow/JobEscrow.sol";
import {IJobEscrow} from "../../contracts/interfaces/IJobEscrow.sol";
import {JobId} from "../../contracts/types/JobId.sol";
import {TestWorkerRegistry} from "./helpers/TestWorkerRegistry.sol";

/// @notice An operator (or a payer it controls) must not gain from jobs its own worker fails, and a worker must only
///         collateralize jobs with an open pool of its own operator. The escrow against the real Staking (behind its
///         proxy, hooks restricted by the AccessManager roles as deployed) with the parameters of
///         `deploy/parameters/phala.json` where they matter (150% collateral, 10% timeout penalty, 10% slash cap). The
///         registry is the test double (real attestations need quotes); it stands for re-registrations the real
///         registry allows.
contract JobEscrowOperatorAbuseTest is Test {
    address internal constant BRIDGE = 0x4200000000000000000000000000000000000010;
    bytes32 internal constant WORKLOAD = keccak256("phala/workload/llm-inference");
    bytes32 internal constant RESULT = keccak256("result");

    PHA internal pha;
    AccessManager internal manager;
    TestWorkerRegistry internal registry;
    Staking internal staking;
    JobEscrow internal escrow;
    uint256 internal poolId;

    address internal treasury = makeAddr("treasury");
    address internal arbiter = makeAddr("arbiter");
    address internal operator = makeAddr("operator");
    address internal payer = makeAddr("payer");
    address internal delegator = makeAddr("delegator");
    uint256 internal workerPk = 0xE0C1A7E;
    address internal worker = vm.addr(workerPk);
    uint256 internal salt;

    function setUp() public {
        vm.warp(1_700_000_000);
        pha = new PHA(0x6c5bA91642F10282b576d91922Ae6448C9d52f4E, BRIDGE);
        manager = new AccessManager(address(this));
        registry = new TestWorkerRegistry();
        IStaking.Parameters memory sp = IStaking.Parameters({
            minSelfStake: 10_000e18,
            minDelegation: 1e18,
            maxStakePerWorker: 1_000_000e18,
            maxCommissionBps: 5_000,
            maxSlashBps: 1_000,
            unbondingPeriod: 7 days,
            bondingPeriod: 8 days,
            commissionRaiseDelay: 7 days,
            jailPeriod: 1 days
        });
        staking = Staking(
            address(
                new ERC1967Proxy(
                    address(new Staking(address(pha))),
                    abi.encodeCall(Staking.initialize, (address(manager), address(registry), sp))
                )
            )
        );
        IJobEscrow.Parameters memory ep = IJobEscrow.Parameters({
            treasury: treasury,
            protocolFeeBps: 100,
            stakingShareBps: 1_000,
            challengeWindow: 1 days,
            collateralBps: 15_000,
            timeoutPenaltyBps: 1_000,
            arbiter: arbiter,
            disputeBondBps: 1_000,
            disputeSlashBps: 5_000,
            arbitrationPeriod: 7 days,
            maxJobDuration: 30 days
        });
        escrow = JobEscrow(
            address(
                new ERC1967Proxy(
                    address(new JobEscrow(address(pha), address(registry), address(staking))),
                    abi.encodeCall(JobEscrow.initialize, (address(manager), ep))
                )
            )
        );

        // Production wiring: Staking's hooks mapped to their roles, the escrow granted all three.
        bytes4[] memory sel = new bytes4[](1);
        sel[0] = IStakingHooks.slash.selector;
        manager.setTargetFunctionRole(address(staking), sel, Roles.SLASHER);
        sel[0] = IStakingHooks.notifyReward.selector;
        manager.setTargetFunctionRole(address(staking), sel, Roles.REWARDER);
        bytes4[] memory col = new bytes4[](2);
        col[0] = IStakingHooks.reserveCollateral.selector;
        col[1] = IStakingHooks.releaseCollateral.selector;
        manager.setTargetFunctionRole(address(staking), col, Roles.COLLATERAL_MANAGER);
        manager.grantRole(Roles.SLASHER, address(escrow), 0);
        manager.grantRole(Roles.REWARDER, address(escrow), 0);
        manager.grantRole(Roles.COLLATERAL_MANAGER, address(escrow), 0);

        // An operator opens a pool (10,000 PHA self-stake, the minimum) backing one attested worker; a delegator
        // brings 90,000 PHA. Both activate after the bonding period.
        registry.registerSecp256k1(worker, operator, WORKLOAD);
        _mint(operator, 10_000e18);
        vm.startPrank(operator);
        pha.approve(address(staking), type(uint256).max);
        pha.approve(address(escrow), type(uint256).max);
        poolId = staking.openPool(10_000e18, 1_000, 10_000_000e18);
        staking.addWorker(poolId, worker);
        vm.stopPrank();
        _mint(delegator, 90_000e18);
        vm.startPrank(delegator);
        pha.approve(address(staking), type(uint256).max);
        staking.delegate(poolId, 90_000e18);
        vm.stopPrank();
        vm.warp(block.timestamp + staking.EPOCH() + 8 days);
        staking.poke(poolId);
        assertEq(staking.pool(poolId).activeStake, 100_000e18);

        _mint(payer, 1_000_000e18);
        vm.prank(payer);
        pha.approve(address(escrow), type(uint256).max);
    }

    function _mint(address to, uint256 amount) internal {
        vm.prank(BRIDGE);
        pha.mint(to, amount);
    }

    function _terms(address payer_, uint96 price, uint256 duration) internal returns (IJobEscrow.JobTerms memory) {
        return IJobEscrow.JobTerms({
            payer: payer_,
            worker: address(0),
            price: price,
            deadline: uint40(block.timestamp + duration),
            workloadId: WORKLOAD,
            inputHash: keccak256("input"),
            salt: bytes32(++salt)
        });
    }

    function _create(address payer_, uint96 price, uint256 duration) internal returns (IJobEscrow.JobTerms memory t) {
        t = _terms(payer_, price, duration);
        vm.prank(payer_);
        escrow.create(t);
    }

    /// @dev PHA `account` holds plus what its stake in the pool is worth.
    function _wealth(address account) internal view returns (uint256) {
        return pha.balanceOf(account) + staking.delegation(poolId, account).active;
    }

    /// @notice The operator pays for three jobs itself (any address it controls works the same), accepts them with its
    ///         worker in one block, lets them time out and refunds them: it gets its prices back, the penalties go to
    ///         the treasury, so it loses its share of them and gains nothing from its delegator's stake.
    function test_operatorGainsNothingFromItsOwnTimeouts() public {
        uint96 price = 20_000e18; // 3 jobs x 30,000 collateral = 90,000 <= 100,000 free stake
        _mint(operator, 3 * uint256(price));
        uint256 operatorBefore = _wealth(operator);
        uint256 delegatorBefore = _wealth(delegator);
        uint256 treasuryBefore = pha.balanceOf(treasury);

        IJobEscrow.JobTerms[3] memory jobs;
        for (uint256 i; i < 3; ++i) {
            jobs[i] = _create(operator, price, 1 hours);
            vm.prank(operator);
            escrow.accept(jobs[i], worker);
        }
        vm.warp(block.timestamp + 1 hours + 1);
        for (uint256 i; i < 3; ++i) {
            vm.prank(operator);
            escrow.refund(jobs[i]);
        }

        // 3 x 2,000 PHA slashed pro rata (10% from the operator, 90% from the delegator), all to the treasury.
        assertEq(pha.balanceOf(treasury) - treasuryBefore, 6_000e18);
        assertApproxEqAbs(operatorBefore - _wealth(operator), 600e18, 1e6);
        assertApproxEqAbs(delegatorBefore - _wealth(delegator), 5_400e18, 1e6);
    }

    /// @notice A closed pool (its operator withdrew all its stake; Staking gives it no effective stake and no longer
    ///         counts its workers) backs no new job: the operator, with nothing at stake, must not take jobs
    ///         collateralized by its delegators alone.
    function test_accept_refusedWhenWorkersPoolIsClosed() public {
        uint256 shares = staking.delegation(poolId, operator).shares;
        vm.prank(operator);
        staking.undelegate(poolId, shares);
        assertTrue(staking.pool(poolId).closed, "pool closed");
        assertEq(staking.delegation(poolId, operator).active, 0, "operator has no stake left");

        IJobEscrow.JobTerms memory terms = _create(payer, 10_000e18, 1 days);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IJobEscrow.EscrowPoolClosed.selector, poolId));
        escrow.accept(terms, worker);
        assertEq(staking.freeStake(poolId), 0);
    }

    /// @notice A worker collateralizes jobs only with the stake of a pool of its own operator (the rule by which
    ///         Staking counts a worker). The registry lets a worker be re-registered by another operator while Staking
    ///         keeps it in its old pool: that operator must not take jobs on the old pool's stake.
    function test_accept_refusedWhenWorkerOperatorIsNotPoolOperator() public {
        address mallory = makeAddr("mallory");
        registry.registerSecp256k1(worker, mallory, WORKLOAD); // re-registered under mallory, still in `poolId`
        assertEq(staking.poolOfWorker(worker), poolId);
        _mint(mallory, 20_000e18);
        vm.prank(mallory);
        pha.approve(address(escrow), type(uint256).max);
        uint256 malloryBefore = pha.balanceOf(mallory);
        uint256 poolBefore = staking.pool(poolId).activeStake;

        IJobEscrow.JobTerms memory terms = _create(mallory, 20_000e18, 1 hours);
        vm.prank(mallory);
        vm.expectRevert(
            abi.encodeWithSelector(IJobEscrow.EscrowWorkerOperatorMismatch.selector, worker, mallory, operator)
        );
        escrow.accept(terms, worker);
        assertEq(pha.balanceOf(mallory), malloryBefore - 20_000e18); // the price, still in the open job
        assertEq(staking.pool(poolId).activeStake, poolBefore);
    }
}
