// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {PHA} from "../../../contracts/token/PHA.sol";
import {JobEscrow} from "../../../contracts/escrow/JobEscrow.sol";
import {IJobEscrow} from "../../../contracts/interfaces/IJobEscrow.sol";
import {JobId} from "../../../contracts/types/JobId.sol";
import {TestWorkerRegistry} from "./TestWorkerRegistry.sol";
import {TestStaking} from "./TestStaking.sol";

/// @notice Deploys PHA, an AccessManager (this test is its admin, standing for the timelock), the test registry and
///         staking, and the escrow behind an ERC1967 proxy as in production; helpers drive jobs through the lifecycle.
abstract contract EscrowFixture is Test {
    address internal constant BRIDGE = 0x4200000000000000000000000000000000000010;
    address internal constant L1_PHA = 0x6c5bA91642F10282b576d91922Ae6448C9d52f4E;
    bytes32 internal constant WORKLOAD = keccak256("phala/workload/llm-inference");
    bytes32 internal constant INPUT = keccak256("encrypted input");
    bytes32 internal constant RESULT = keccak256("result");
    uint256 internal constant POOL = 7;
    uint96 internal constant PRICE = 100 ether;

    PHA internal pha;
    AccessManager internal manager;
    TestWorkerRegistry internal registry;
    TestStaking internal staking;
    JobEscrow internal escrow;

    address internal treasury = makeAddr("treasury");
    address internal arbiter = makeAddr("arbiter");
    address internal operator = makeAddr("operator");
    address internal stranger = makeAddr("stranger");
    uint256 internal payerPk = 0xBA1E;
    address internal payer = vm.addr(payerPk);
    uint256 internal workerPk = 0xE0C1A7E;
    address internal worker = vm.addr(workerPk);
    uint256 internal salt;

    function setUp() public virtual {
        pha = new PHA(L1_PHA, BRIDGE);
        manager = new AccessManager(address(this));
        registry = new TestWorkerRegistry();
        staking = new TestStaking(IERC20(address(pha)));
        escrow = _deployEscrow(address(pha), address(registry), address(staking));
        staking.setAuthorized(address(escrow), true);

        registry.registerSecp256k1(worker, operator, WORKLOAD);
        staking.assign(worker, POOL, operator);
        _stake(POOL, 1_000_000 ether);
        _mint(payer, 1_000_000 ether);
        vm.prank(payer);
        pha.approve(address(escrow), type(uint256).max);
    }

    function _defaultParameters() internal view returns (IJobEscrow.Parameters memory) {
        return IJobEscrow.Parameters({
            treasury: treasury,
            protocolFeeBps: 100,
            stakingShareBps: 1_000,
            challengeWindow: 1 hours,
            collateralBps: 15_000,
            timeoutPenaltyBps: 1_000,
            arbiter: arbiter,
            disputeBondBps: 1_000,
            disputeSlashBps: 5_000,
            arbitrationPeriod: 3 days,
            maxJobDuration: 7 days
        });
    }

    function _deployEscrow(address token, address registry_, address staking_) internal returns (JobEscrow) {
        JobEscrow implementation = new JobEscrow(token, registry_, staking_);
        bytes memory init = abi.encodeCall(JobEscrow.initialize, (address(manager), _defaultParameters()));
        return JobEscrow(address(new ERC1967Proxy(address(implementation), init)));
    }

    function _mint(address to, uint256 amount) internal {
        vm.prank(BRIDGE);
        pha.mint(to, amount);
    }

    function _stake(uint256 poolId, uint256 amount) internal {
        _mint(address(this), amount);
        pha.approve(address(staking), amount);
        staking.addStake(poolId, amount);
    }

    function _terms(uint96 price, address namedWorker) internal returns (IJobEscrow.JobTerms memory) {
        return IJobEscrow.JobTerms({
            payer: payer,
            worker: namedWorker,
            price: price,
            deadline: uint40(block.timestamp + 1 days),
            workloadId: WORKLOAD,
            inputHash: INPUT,
            salt: bytes32(++salt)
        });
    }

    function _open() internal returns (IJobEscrow.JobTerms memory terms, JobId id) {
        terms = _terms(PRICE, address(0));
        vm.prank(payer);
        id = escrow.create(terms);
    }

    function _accepted() internal returns (IJobEscrow.JobTerms memory terms, JobId id) {
        (terms, id) = _open();
        vm.prank(worker);
        escrow.accept(terms, worker);
    }

    function _delivered() internal returns (IJobEscrow.JobTerms memory terms, JobId id) {
        (terms, id) = _accepted();
        escrow.deliver(terms, RESULT, _sign(workerPk, terms, RESULT));
    }

    function _disputed() internal returns (IJobEscrow.JobTerms memory terms, JobId id) {
        (terms, id) = _delivered();
        vm.prank(payer);
        escrow.dispute(terms);
    }

    function _sign(uint256 pk, IJobEscrow.JobTerms memory terms, bytes32 resultHash) internal view returns (bytes memory) {
        return _signDigest(pk, escrow.resultDigest(terms, resultHash));
    }

    function _signDigest(uint256 pk, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev The EIP-712 digest computed independently of the escrow, for any chain id and verifying contract.
    function _digest(uint256 chainId, address verifyingContract, JobId id, IJobEscrow.JobTerms memory terms, bytes32 resultHash)
        internal
        pure
        returns (bytes32)
    {
        bytes32 domainSeparator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("PhalaJobEscrow"),
                keccak256("1"),
                chainId,
                verifyingContract
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("JobResult(bytes32 jobId,bytes32 workloadId,bytes32 inputHash,bytes32 resultHash,uint40 deadline)"),
                JobId.unwrap(id),
                terms.workloadId,
                terms.inputHash,
                resultHash,
                terms.deadline
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }

    /// @dev Pulls everything ended jobs booked for `op` and `poolId`: settles the pool, withdraws the operator's credit
    ///      to itself, sweeps the fees booked with it (each only if there is something to pull).
    function _pullAll(address op, uint256 poolId) internal {
        IJobEscrow.PendingSettlement memory pending = escrow.pendingSettlement(poolId);
        if (pending.reward != 0 || pending.collateral != 0) escrow.settlePool(poolId);
        if (escrow.creditOf(op).amount != 0) {
            vm.prank(op);
            escrow.withdraw(op);
        }
        address[] memory ops = new address[](1);
        ops[0] = op;
        if (escrow.unsweptFees() != 0 || escrow.creditOf(op).fees != 0) escrow.sweepFees(ops);
    }

    function _collateral(uint256 price) internal view returns (uint256) {
        return (price * escrow.parameters().collateralBps + 9_999) / 10_000;
    }
}
