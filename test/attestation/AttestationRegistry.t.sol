// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test, Vm} from "forge-std/Test.sol";
import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {AttestationRegistry} from "../../contracts/attestation/AttestationRegistry.sol";
import {IAttestationRegistry} from "../../contracts/interfaces/IAttestationRegistry.sol";
import {ITeeVerifier} from "../../contracts/interfaces/ITeeVerifier.sol";
import {IWorkerRegistry} from "../../contracts/interfaces/IWorkerRegistry.sol";
import {Roles} from "../../contracts/access/Roles.sol";
import {VerdictTeeVerifier} from "./helpers/VerdictTeeVerifier.sol";

/// @dev Shared fixture: AccessManager whose admin is this contract (standing in for the timelock), the registry behind
///      an ERC1967 proxy, and a verdict-programmable verifier for SGX and TDX.
abstract contract RegistryFixture is Test {
    uint64 internal constant MAX_AGE = 7 days;
    bytes32 internal constant MRENCLAVE = keccak256("mrenclave");
    bytes32 internal constant MRSIGNER = keccak256("mrsigner");
    uint16 internal constant PROD_ID = 7;

    AccessManager internal manager;
    AttestationRegistry internal registry;
    VerdictTeeVerifier internal verifier;

    address internal operator = makeAddr("operator");
    address internal stranger = makeAddr("stranger");
    address internal guardian = makeAddr("guardian");
    Vm.Wallet internal enclaveWallet;
    bytes internal enclaveKey;
    uint256 internal evidenceCounter;

    function setUp() public virtual {
        vm.warp(1_750_000_000);
        manager = new AccessManager(address(this));
        AttestationRegistry impl = new AttestationRegistry();
        registry = AttestationRegistry(
            address(
                new ERC1967Proxy(address(impl), abi.encodeCall(AttestationRegistry.initialize, (address(manager), MAX_AGE, new bytes4[](0))))
            )
        );
        bytes4[] memory pauseSel = new bytes4[](1);
        pauseSel[0] = registry.pause.selector;
        manager.setTargetFunctionRole(address(registry), pauseSel, Roles.GUARDIAN);
        manager.grantRole(Roles.GUARDIAN, guardian, 0);

        verifier = new VerdictTeeVerifier();
        registry.setVerifier(ITeeVerifier.TeeType.SGX, verifier);
        registry.setVerifier(ITeeVerifier.TeeType.TDX, verifier);
        registry.setWorkload(registry.sgxEnclaveWorkloadId(MRENCLAVE), true, ITeeVerifier.TeeType.SGX, 0);

        // secp256k1 key 1: its public key is the generator G (Hardhat lacks vm.createWallet).
        enclaveWallet.privateKey = 1;
        enclaveWallet.publicKeyX = 0x79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798;
        enclaveWallet.publicKeyY = 0x483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8;
        enclaveWallet.addr = vm.addr(1);
        enclaveKey = abi.encodePacked(bytes32(enclaveWallet.publicKeyX), bytes32(enclaveWallet.publicKeyY));
    }

    // ------------------------------------------------------------ helpers

    /// @dev Independent restatement of the documented binding.
    function _binding(address op, IWorkerRegistry.KeyType keyType, bytes memory pub, uint64 nonce)
        internal
        view
        returns (bytes32)
    {
        return keccak256(
            abi.encode(
                keccak256("phala.attestation.registry.binding.v1"),
                block.chainid,
                address(registry),
                op,
                uint8(keyType),
                pub,
                nonce
            )
        );
    }

    function _reportData(address op, bytes memory pub, uint64 nonce) internal view returns (bytes memory) {
        return abi.encodePacked(_binding(op, IWorkerRegistry.KeyType.Secp256k1, pub, nonce), keccak256("app data"));
    }

    function _freshEvidence() internal returns (bytes memory) {
        return abi.encodePacked("evidence-", ++evidenceCounter);
    }

    function _sgxVerdict(bytes memory reportData, ITeeVerifier.TcbStatus status, bytes32 mrEnclave, uint16 isvSvn)
        internal
        pure
        returns (ITeeVerifier.Verdict memory v)
    {
        uint16[] memory adv = new uint16[](2);
        adv[0] = 615;
        adv[1] = 289;
        v = ITeeVerifier.Verdict({
            teeType: ITeeVerifier.TeeType.SGX,
            tcbStatus: status,
            advisoryIds: adv,
            fmspc: bytes6(0x00606a000000),
            debug: false,
            reportData: reportData,
            measurements: abi.encode(
                ITeeVerifier.SgxMeasurements({
                    mrEnclave: mrEnclave,
                    mrSigner: MRSIGNER,
                    isvProdId: PROD_ID,
                    isvSvn: isvSvn,
                    attributes: bytes16(0),
                    miscSelect: 0
                })
            ),
            evidenceHash: bytes32(0)
        });
    }

    function _tdxMeasurements() internal pure returns (ITeeVerifier.TdxMeasurements memory m) {
        m = ITeeVerifier.TdxMeasurements({
            mrTd: _reg(1),
            mrConfigId: _reg(2),
            rtmr0: _reg(3),
            rtmr1: _reg(4),
            rtmr2: _reg(5),
            rtmr3: _reg(6),
            tdAttributes: bytes8(0x0000000010000000),
            xfam: bytes8(0xe702060000000000)
        });
    }

    function _reg(uint8 seed) internal pure returns (bytes memory r) {
        r = new bytes(48);
        for (uint256 i; i < 48; ++i) {
            r[i] = bytes1(uint8(seed + i));
        }
    }

    function _tdxVerdict(bytes memory reportData, ITeeVerifier.TdxMeasurements memory m)
        internal
        pure
        returns (ITeeVerifier.Verdict memory v)
    {
        v = ITeeVerifier.Verdict({
            teeType: ITeeVerifier.TeeType.TDX,
            tcbStatus: ITeeVerifier.TcbStatus.UpToDate,
            advisoryIds: new uint16[](0),
            fmspc: bytes6(0xb0c06f000000),
            debug: false,
            reportData: reportData,
            measurements: abi.encode(m),
            evidenceHash: bytes32(0)
        });
    }

    /// @dev Programs fresh SGX evidence binding `operator`'s current nonce and registers it.
    function _registerSgx() internal returns (bytes memory evidence) {
        return _registerSgx(ITeeVerifier.TcbStatus.UpToDate);
    }

    /// @dev As {_registerSgx}, with the verdict rating the platform `status`.
    function _registerSgx(ITeeVerifier.TcbStatus status) internal returns (bytes memory evidence) {
        evidence = _freshEvidence();
        uint64 nonce = registry.attestationNonce(enclaveWallet.addr);
        verifier.setVerdict(evidence, _sgxVerdict(_reportData(operator, enclaveKey, nonce), status, MRENCLAVE, 3));
        vm.prank(operator);
        registry.register(ITeeVerifier.TeeType.SGX, evidence, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
    }
}

contract AttestationRegistryTest is RegistryFixture {
    // ------------------------------------------------------------ initialize / version

    function test_initialize_setsDefaults() public view {
        assertEq(registry.acceptedTcbStatuses(), 1, "UpToDate only");
        assertEq(registry.maxAttestationAge(), MAX_AGE);
        assertEq(registry.version(), "1.0.0");
        assertEq(registry.authority(), address(manager));
    }

    function test_initialize_revertsTwice() public {
        vm.expectRevert();
        registry.initialize(address(manager), MAX_AGE, new bytes4[](0));
    }

    // ------------------------------------------------------------ register: success paths

    function test_register_attestsSgxByEnclaveAndRecordsEverything() public {
        bytes memory evidence = _freshEvidence();
        verifier.setVerdict(
            evidence, _sgxVerdict(_reportData(operator, enclaveKey, 0), ITeeVerifier.TcbStatus.UpToDate, MRENCLAVE, 3)
        );
        bytes32 workload = registry.sgxEnclaveWorkloadId(MRENCLAVE);
        uint16[] memory adv = new uint16[](2);
        adv[0] = 615;
        adv[1] = 289;

        vm.expectEmit(address(registry));
        emit IAttestationRegistry.WorkerAttested(
            enclaveWallet.addr,
            operator,
            workload,
            ITeeVerifier.TeeType.SGX,
            ITeeVerifier.TcbStatus.UpToDate,
            adv,
            uint64(block.timestamp) + MAX_AGE,
            keccak256(evidence)
        );
        vm.expectEmit(address(registry));
        emit IAttestationRegistry.EvidenceSubmitted(enclaveWallet.addr, keccak256(evidence), evidence);
        vm.prank(operator);
        address worker =
            registry.register(ITeeVerifier.TeeType.SGX, evidence, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);

        assertEq(worker, enclaveWallet.addr, "worker id = Ethereum address of the secp256k1 key");
        assertTrue(registry.isAttested(worker, workload));
        assertTrue(registry.isAttestedAny(worker));
        assertFalse(registry.isAttested(worker, bytes32(uint256(1))));
        assertEq(registry.operatorOf(worker), operator);
        assertEq(registry.workloadOf(worker), workload);
        (IWorkerRegistry.KeyType kt, bytes memory pub) = registry.enclaveKeyOf(worker);
        assertEq(uint8(kt), uint8(IWorkerRegistry.KeyType.Secp256k1));
        assertEq(pub, enclaveKey);

        IAttestationRegistry.WorkerInfo memory info = registry.workerInfo(worker);
        assertEq(uint8(info.status), uint8(IAttestationRegistry.WorkerStatus.Active));
        assertEq(uint8(info.tcbStatus), uint8(ITeeVerifier.TcbStatus.UpToDate));
        assertEq(info.advisoryIds.length, 2);
        assertEq(info.advisoryIds[0], 615);
        assertEq(info.fmspc, bytes6(0x00606a000000));
        assertEq(info.isvSvn, 3);
        assertEq(info.attestedAt, block.timestamp);
        assertEq(info.expiresAt, block.timestamp + MAX_AGE);
        assertEq(info.nonce, 1);
        assertEq(info.evidenceHash, keccak256(evidence));
        assertEq(registry.expiresAtOf(worker), block.timestamp + MAX_AGE);

        assertEq(registry.historyLength(worker), 1);
        IAttestationRegistry.HistoryEntry[] memory h = registry.history(worker, 0, 10);
        assertEq(h.length, 1);
        assertEq(uint8(h[0].kind), uint8(IAttestationRegistry.HistoryKind.Attested));
        assertEq(h[0].operator, operator);
        assertEq(h[0].workloadId, workload);
        assertEq(h[0].evidenceHash, keccak256(evidence));
        assertEq(h[0].at, block.timestamp);
    }

    function test_register_attestsSgxBySignerAboveMinIsvSvn() public {
        bytes32 bySigner = registry.sgxSignerWorkloadId(MRSIGNER, PROD_ID);
        registry.setWorkload(bySigner, true, ITeeVerifier.TeeType.SGX, 3);
        bytes memory evidence = _freshEvidence();
        verifier.setVerdict(
            evidence,
            _sgxVerdict(_reportData(operator, enclaveKey, 0), ITeeVerifier.TcbStatus.UpToDate, keccak256("other"), 3)
        );
        vm.prank(operator);
        address worker =
            registry.register(ITeeVerifier.TeeType.SGX, evidence, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
        assertEq(registry.workloadOf(worker), bySigner);
        assertTrue(registry.isAttested(worker, bySigner));

        // Raising the minimum ISVSVN above the worker's invalidates it at once.
        registry.setWorkload(bySigner, true, ITeeVerifier.TeeType.SGX, 4);
        assertFalse(registry.isAttestedAny(worker));
    }

    function test_register_revertsWhenIsvSvnBelowMinimum() public {
        bytes32 bySigner = registry.sgxSignerWorkloadId(MRSIGNER, PROD_ID);
        registry.setWorkload(bySigner, true, ITeeVerifier.TeeType.SGX, 5);
        bytes memory evidence = _freshEvidence();
        verifier.setVerdict(
            evidence,
            _sgxVerdict(_reportData(operator, enclaveKey, 0), ITeeVerifier.TcbStatus.UpToDate, keccak256("other"), 4)
        );
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.RegistryIsvSvnTooLow.selector, bySigner, 4, 5));
        vm.prank(operator);
        registry.register(ITeeVerifier.TeeType.SGX, evidence, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
    }

    function test_register_prefersEnclaveWorkloadOverSigner() public {
        registry.setWorkload(registry.sgxSignerWorkloadId(MRSIGNER, PROD_ID), true, ITeeVerifier.TeeType.SGX, 0);
        _registerSgx();
        assertEq(registry.workloadOf(enclaveWallet.addr), registry.sgxEnclaveWorkloadId(MRENCLAVE));
    }

    function test_register_attestsTdxWithDerivedWorkload() public {
        ITeeVerifier.TdxMeasurements memory m = _tdxMeasurements();
        bytes32 expected = keccak256(
            abi.encode(
                keccak256("phala.attestation.workload.tdx.v1"),
                m.mrTd,
                m.mrConfigId,
                m.rtmr0,
                m.rtmr1,
                m.rtmr2,
                m.rtmr3,
                m.tdAttributes,
                m.xfam
            )
        );
        assertEq(registry.tdxWorkloadId(m), expected);
        registry.setWorkload(expected, true, ITeeVerifier.TeeType.TDX, 0);
        bytes memory evidence = _freshEvidence();
        verifier.setVerdict(evidence, _tdxVerdict(_reportData(operator, enclaveKey, 0), m));
        vm.prank(operator);
        address worker =
            registry.register(ITeeVerifier.TeeType.TDX, evidence, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
        assertTrue(registry.isAttested(worker, expected));
        assertEq(uint8(registry.workerInfo(worker).teeType), uint8(ITeeVerifier.TeeType.TDX));
    }

    function test_register_attestsP256Key() public {
        (uint256 x, uint256 y) = vm.publicKeyP256(0xC0FFEE);
        bytes memory pub = abi.encodePacked(bytes32(x), bytes32(y));
        bytes memory evidence = _freshEvidence();
        bytes memory rd = abi.encodePacked(_binding(operator, IWorkerRegistry.KeyType.P256, pub, 0), bytes32(0));
        verifier.setVerdict(evidence, _sgxVerdict(rd, ITeeVerifier.TcbStatus.UpToDate, MRENCLAVE, 1));
        vm.prank(operator);
        address worker = registry.register(ITeeVerifier.TeeType.SGX, evidence, IWorkerRegistry.KeyType.P256, pub);
        assertEq(worker, address(uint160(uint256(keccak256(pub)))));
        (IWorkerRegistry.KeyType kt, bytes memory stored) = registry.enclaveKeyOf(worker);
        assertEq(uint8(kt), uint8(IWorkerRegistry.KeyType.P256));
        assertEq(stored, pub);
    }

    function test_register_acceptsSwHardeningNeededOnlyWhenOptedIn() public {
        bytes memory evidence = _freshEvidence();
        verifier.setVerdict(
            evidence,
            _sgxVerdict(_reportData(operator, enclaveKey, 0), ITeeVerifier.TcbStatus.SWHardeningNeeded, MRENCLAVE, 1)
        );
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttestationRegistry.RegistryTcbStatusNotAccepted.selector, ITeeVerifier.TcbStatus.SWHardeningNeeded, 1
            )
        );
        vm.prank(operator);
        registry.register(ITeeVerifier.TeeType.SGX, evidence, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);

        registry.setAcceptedTcbStatuses(0x03);
        vm.prank(operator);
        registry.register(ITeeVerifier.TeeType.SGX, evidence, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
        assertTrue(registry.isAttestedAny(enclaveWallet.addr));

        // Withdrawing the opt-in invalidates the worker in the views at once.
        registry.setAcceptedTcbStatuses(0x01);
        assertFalse(registry.isAttestedAny(enclaveWallet.addr));
    }

    function test_register_renewsWhileValidAndBumpsNonce() public {
        bytes memory first = _registerSgx();
        vm.warp(block.timestamp + 1 days);
        bytes memory second = _freshEvidence();
        verifier.setVerdict(
            second, _sgxVerdict(_reportData(operator, enclaveKey, 1), ITeeVerifier.TcbStatus.UpToDate, MRENCLAVE, 3)
        );
        uint16[] memory adv = new uint16[](2);
        adv[0] = 615;
        adv[1] = 289;
        vm.expectEmit(address(registry));
        emit IAttestationRegistry.WorkerRenewed(
            enclaveWallet.addr,
            operator,
            registry.sgxEnclaveWorkloadId(MRENCLAVE),
            ITeeVerifier.TeeType.SGX,
            ITeeVerifier.TcbStatus.UpToDate,
            adv,
            uint64(block.timestamp) + MAX_AGE,
            keccak256(second)
        );
        vm.prank(operator);
        registry.register(ITeeVerifier.TeeType.SGX, second, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
        assertEq(registry.attestationNonce(enclaveWallet.addr), 2);
        assertEq(registry.workerInfo(enclaveWallet.addr).evidenceHash, keccak256(second));
        assertEq(registry.historyLength(enclaveWallet.addr), 2);
        assertEq(uint8(registry.history(enclaveWallet.addr, 1, 1)[0].kind), uint8(IAttestationRegistry.HistoryKind.Renewed));
        assertTrue(keccak256(first) != keccak256(second));
    }

    function test_register_revertsWhenOldEvidenceReplayedForRenewal() public {
        bytes memory first = _registerSgx();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttestationRegistry.RegistryReportDataMismatch.selector,
                _binding(operator, IWorkerRegistry.KeyType.Secp256k1, enclaveKey, 1),
                _binding(operator, IWorkerRegistry.KeyType.Secp256k1, enclaveKey, 0)
            )
        );
        vm.prank(operator);
        registry.register(ITeeVerifier.TeeType.SGX, first, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
    }

    function test_register_afterExpiryLogsExpiredThenAttested() public {
        _registerSgx();
        vm.warp(block.timestamp + MAX_AGE);
        assertFalse(registry.isAttestedAny(enclaveWallet.addr), "expires exactly at expiresAt");
        assertEq(uint8(registry.statusOf(enclaveWallet.addr)), uint8(IAttestationRegistry.WorkerStatus.Expired));
        _registerSgx();
        IAttestationRegistry.HistoryEntry[] memory h = registry.history(enclaveWallet.addr, 0, 10);
        assertEq(h.length, 3);
        assertEq(uint8(h[1].kind), uint8(IAttestationRegistry.HistoryKind.Expired));
        assertEq(uint8(h[2].kind), uint8(IAttestationRegistry.HistoryKind.Attested));
        assertTrue(registry.isAttestedAny(enclaveWallet.addr));
    }

    // ------------------------------------------------------------ register: replay / binding

    function test_register_revertsWhenCalledByAnotherOperator() public {
        bytes memory evidence = _freshEvidence();
        verifier.setVerdict(
            evidence, _sgxVerdict(_reportData(operator, enclaveKey, 0), ITeeVerifier.TcbStatus.UpToDate, MRENCLAVE, 3)
        );
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttestationRegistry.RegistryReportDataMismatch.selector,
                _binding(stranger, IWorkerRegistry.KeyType.Secp256k1, enclaveKey, 0),
                _binding(operator, IWorkerRegistry.KeyType.Secp256k1, enclaveKey, 0)
            )
        );
        vm.prank(stranger);
        registry.register(ITeeVerifier.TeeType.SGX, evidence, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
    }

    function test_register_revertsOnAnotherChain() public {
        bytes memory evidence = _freshEvidence();
        verifier.setVerdict(
            evidence, _sgxVerdict(_reportData(operator, enclaveKey, 0), ITeeVerifier.TcbStatus.UpToDate, MRENCLAVE, 3)
        );
        vm.chainId(2035);
        vm.expectPartialRevert(IAttestationRegistry.RegistryReportDataMismatch.selector);
        vm.prank(operator);
        registry.register(ITeeVerifier.TeeType.SGX, evidence, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
    }

    function test_register_revertsOnAnotherRegistry() public {
        AttestationRegistry other = AttestationRegistry(
            address(
                new ERC1967Proxy(
                    address(new AttestationRegistry()),
                    abi.encodeCall(AttestationRegistry.initialize, (address(manager), MAX_AGE, new bytes4[](0)))
                )
            )
        );
        other.setVerifier(ITeeVerifier.TeeType.SGX, verifier);
        other.setWorkload(registry.sgxEnclaveWorkloadId(MRENCLAVE), true, ITeeVerifier.TeeType.SGX, 0);
        bytes memory evidence = _freshEvidence();
        verifier.setVerdict(
            evidence, _sgxVerdict(_reportData(operator, enclaveKey, 0), ITeeVerifier.TcbStatus.UpToDate, MRENCLAVE, 3)
        );
        vm.expectPartialRevert(IAttestationRegistry.RegistryReportDataMismatch.selector);
        vm.prank(operator);
        other.register(ITeeVerifier.TeeType.SGX, evidence, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
    }

    function test_register_revertsForAnotherKey() public {
        // secp256k1 key 2 (2G).
        bytes memory otherKey = abi.encodePacked(
            bytes32(0xC6047F9441ED7D6D3045406E95C07CD85C778E4B8CEF3CA7ABAC09B95C709EE5),
            bytes32(0x1AE168FEA63DC339A3C58419466CEAEEF7F632653266D0E1236431A950CFE52A)
        );
        assertEq(registry.workerIdOf(otherKey), vm.addr(2));
        bytes memory evidence = _freshEvidence();
        verifier.setVerdict(
            evidence, _sgxVerdict(_reportData(operator, enclaveKey, 0), ITeeVerifier.TcbStatus.UpToDate, MRENCLAVE, 3)
        );
        vm.expectPartialRevert(IAttestationRegistry.RegistryReportDataMismatch.selector);
        vm.prank(operator);
        registry.register(ITeeVerifier.TeeType.SGX, evidence, IWorkerRegistry.KeyType.Secp256k1, otherKey);
    }

    function test_reportDataFor_matchesDocumentedBinding() public {
        bytes memory rd = registry.reportDataFor(operator, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
        assertEq(rd, abi.encodePacked(_binding(operator, IWorkerRegistry.KeyType.Secp256k1, enclaveKey, 0), bytes32(0)));
        _registerSgx();
        rd = registry.reportDataFor(operator, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
        assertEq(rd, abi.encodePacked(_binding(operator, IWorkerRegistry.KeyType.Secp256k1, enclaveKey, 1), bytes32(0)));
        assertEq(registry.workerIdOf(enclaveKey), enclaveWallet.addr);
    }

    // ------------------------------------------------------------ register: refusals

    function test_register_revertsWhenDebug() public {
        bytes memory evidence = _freshEvidence();
        ITeeVerifier.Verdict memory v =
            _sgxVerdict(_reportData(operator, enclaveKey, 0), ITeeVerifier.TcbStatus.UpToDate, MRENCLAVE, 3);
        v.debug = true;
        verifier.setVerdict(evidence, v);
        vm.expectRevert(IAttestationRegistry.RegistryDebugEnclave.selector);
        vm.prank(operator);
        registry.register(ITeeVerifier.TeeType.SGX, evidence, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
    }

    function test_register_revertsWhenWorkloadNotAllowed() public {
        bytes memory evidence = _freshEvidence();
        bytes32 other = keccak256("not allowed");
        verifier.setVerdict(
            evidence, _sgxVerdict(_reportData(operator, enclaveKey, 0), ITeeVerifier.TcbStatus.UpToDate, other, 3)
        );
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttestationRegistry.RegistrySgxWorkloadNotAllowed.selector,
                registry.sgxEnclaveWorkloadId(other),
                registry.sgxSignerWorkloadId(MRSIGNER, PROD_ID)
            )
        );
        vm.prank(operator);
        registry.register(ITeeVerifier.TeeType.SGX, evidence, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
    }

    function test_register_revertsWhenTdxWorkloadNotAllowedOrAllowedForAnotherTee() public {
        ITeeVerifier.TdxMeasurements memory m = _tdxMeasurements();
        bytes32 id = registry.tdxWorkloadId(m);
        registry.setWorkload(id, true, ITeeVerifier.TeeType.SEV_SNP, 0);
        bytes memory evidence = _freshEvidence();
        verifier.setVerdict(evidence, _tdxVerdict(_reportData(operator, enclaveKey, 0), m));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.RegistryWorkloadNotAllowed.selector, id));
        vm.prank(operator);
        registry.register(ITeeVerifier.TeeType.TDX, evidence, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
    }

    function test_register_revertsWhenTdxMeasurementsMalformed() public {
        ITeeVerifier.TdxMeasurements memory m = _tdxMeasurements();
        m.rtmr2 = new bytes(47);
        bytes memory evidence = _freshEvidence();
        verifier.setVerdict(evidence, _tdxVerdict(_reportData(operator, enclaveKey, 0), m));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttestationRegistry.RegistryMalformedMeasurements.selector, ITeeVerifier.TeeType.TDX
            )
        );
        vm.prank(operator);
        registry.register(ITeeVerifier.TeeType.TDX, evidence, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
    }

    function test_register_revertsWhenVerifierNotSet() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttestationRegistry.RegistryVerifierNotSet.selector, ITeeVerifier.TeeType.SEV_SNP
            )
        );
        vm.prank(operator);
        registry.register(ITeeVerifier.TeeType.SEV_SNP, hex"00", IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
    }

    function test_register_revertsWhenVerdictIsForAnotherTee() public {
        bytes memory evidence = _freshEvidence();
        verifier.setVerdict(
            evidence, _sgxVerdict(_reportData(operator, enclaveKey, 0), ITeeVerifier.TcbStatus.UpToDate, MRENCLAVE, 3)
        );
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttestationRegistry.RegistryTeeTypeMismatch.selector, ITeeVerifier.TeeType.TDX, ITeeVerifier.TeeType.SGX
            )
        );
        vm.prank(operator);
        registry.register(ITeeVerifier.TeeType.TDX, evidence, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
    }

    function test_register_revertsWhenReportDataNot64Bytes() public {
        bytes memory evidence = _freshEvidence();
        verifier.setVerdict(evidence, _sgxVerdict(new bytes(32), ITeeVerifier.TcbStatus.UpToDate, MRENCLAVE, 3));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.RegistryReportDataLength.selector, 32));
        vm.prank(operator);
        registry.register(ITeeVerifier.TeeType.SGX, evidence, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
    }

    function test_register_revertsOnUnsupportedKeyType() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttestationRegistry.RegistryUnsupportedKeyType.selector, IWorkerRegistry.KeyType.None
            )
        );
        registry.register(ITeeVerifier.TeeType.SGX, hex"00", IWorkerRegistry.KeyType.None, enclaveKey);
    }

    function test_register_revertsOnKeyOffCurve() public {
        bytes memory bad = abi.encodePacked(bytes32(enclaveWallet.publicKeyX), bytes32(enclaveWallet.publicKeyY + 1));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttestationRegistry.RegistryInvalidPublicKey.selector, IWorkerRegistry.KeyType.Secp256k1, bad
            )
        );
        registry.register(ITeeVerifier.TeeType.SGX, hex"00", IWorkerRegistry.KeyType.Secp256k1, bad);
        // A valid secp256k1 point is not a P-256 point.
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttestationRegistry.RegistryInvalidPublicKey.selector, IWorkerRegistry.KeyType.P256, enclaveKey
            )
        );
        registry.register(ITeeVerifier.TeeType.SGX, hex"00", IWorkerRegistry.KeyType.P256, enclaveKey);
        bytes memory short = new bytes(63);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttestationRegistry.RegistryInvalidPublicKey.selector, IWorkerRegistry.KeyType.Secp256k1, short
            )
        );
        registry.register(ITeeVerifier.TeeType.SGX, hex"00", IWorkerRegistry.KeyType.Secp256k1, short);
    }

    function test_register_bubblesVerifierErrorAndStoresNothing() public {
        bytes memory evidence = _freshEvidence();
        verifier.setMode(evidence, VerdictTeeVerifier.Mode.Revert);
        vm.expectRevert(abi.encodeWithSelector(VerdictTeeVerifier.FakeEvidenceRejected.selector, keccak256(evidence)));
        vm.prank(operator);
        registry.register(ITeeVerifier.TeeType.SGX, evidence, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
        assertEq(uint8(registry.statusOf(enclaveWallet.addr)), uint8(IAttestationRegistry.WorkerStatus.None));
        assertEq(registry.historyLength(enclaveWallet.addr), 0);
        assertEq(registry.attestationNonce(enclaveWallet.addr), 0);
        assertEq(registry.operatorOf(enclaveWallet.addr), address(0));
    }

    function test_register_revertsWhenPaused() public {
        vm.prank(guardian);
        registry.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        registry.register(ITeeVerifier.TeeType.SGX, hex"00", IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
    }

    // ------------------------------------------------------------ views under policy changes

    function test_isAttested_falseWhenWorkloadDisallowed() public {
        _registerSgx();
        registry.setWorkload(registry.sgxEnclaveWorkloadId(MRENCLAVE), false, ITeeVerifier.TeeType.SGX, 0);
        assertFalse(registry.isAttestedAny(enclaveWallet.addr));
        assertFalse(registry.isAttested(enclaveWallet.addr, registry.sgxEnclaveWorkloadId(MRENCLAVE)));
    }

    function test_isAttested_followsShorterMaxAge() public {
        _registerSgx();
        vm.warp(block.timestamp + 2 days);
        registry.setMaxAttestationAge(1 days);
        assertFalse(registry.isAttestedAny(enclaveWallet.addr));
        assertEq(registry.expiresAtOf(enclaveWallet.addr), block.timestamp - 1 days);
        // A longer max age does not extend existing attestations.
        registry.setMaxAttestationAge(30 days);
        assertTrue(registry.isAttestedAny(enclaveWallet.addr));
        assertEq(registry.expiresAtOf(enclaveWallet.addr), block.timestamp - 2 days + MAX_AGE);
    }

    function test_isAttested_falseForUnknownWorker() public view {
        assertFalse(registry.isAttestedAny(stranger));
        assertFalse(registry.isAttested(stranger, bytes32(0)));
        (IWorkerRegistry.KeyType kt, bytes memory pub) = registry.enclaveKeyOf(stranger);
        assertEq(uint8(kt), 0);
        assertEq(pub.length, 0);
        assertEq(registry.expiresAtOf(stranger), 0);
    }

    function test_isAttested_onlyForTheWorkersOwnWorkload() public {
        _registerSgx();
        bytes32 own = registry.sgxEnclaveWorkloadId(MRENCLAVE);
        bytes32 other = registry.sgxSignerWorkloadId(MRSIGNER, PROD_ID);
        registry.setWorkload(other, true, ITeeVerifier.TeeType.SGX, 0);
        assertTrue(registry.isAttested(enclaveWallet.addr, own));
        assertFalse(registry.isAttested(enclaveWallet.addr, other), "configured and allowed, but not its workload");
        assertFalse(registry.isAttested(enclaveWallet.addr, keccak256("never configured")));
        assertFalse(registry.isAttested(enclaveWallet.addr, bytes32(0)));
        (address op, bool attested) = registry.attestedOperatorOf(enclaveWallet.addr, own);
        assertEq(op, operator);
        assertTrue(attested);
        (op, attested) = registry.attestedOperatorOf(enclaveWallet.addr, other);
        assertEq(op, operator, "the operator even when not attested for that workload");
        assertFalse(attested);
        (op, attested) = registry.attestedOperatorOf(stranger, own);
        assertEq(op, address(0));
        assertFalse(attested);
        // Reconfiguring its workload keeps the match (an id's index never changes).
        registry.setWorkload(own, false, ITeeVerifier.TeeType.SGX, 0);
        assertFalse(registry.isAttested(enclaveWallet.addr, own));
        registry.setWorkload(own, true, ITeeVerifier.TeeType.SGX, 0);
        assertTrue(registry.isAttested(enclaveWallet.addr, own));
        (, attested) = registry.attestedOperatorOf(enclaveWallet.addr, own);
        assertTrue(attested);
    }

    function test_isAttested_followsTcbPolicyChanges() public {
        uint8 upToDate = uint8(1) << uint8(ITeeVerifier.TcbStatus.UpToDate);
        uint8 swHardening = uint8(1) << uint8(ITeeVerifier.TcbStatus.SWHardeningNeeded);
        registry.setAcceptedTcbStatuses(upToDate | swHardening);
        _registerSgx(ITeeVerifier.TcbStatus.SWHardeningNeeded);
        bytes32 workload = registry.sgxEnclaveWorkloadId(MRENCLAVE);
        assertTrue(registry.isAttested(enclaveWallet.addr, workload));
        registry.setAcceptedTcbStatuses(upToDate);
        assertFalse(registry.isAttested(enclaveWallet.addr, workload));
        assertFalse(registry.isAttestedAny(enclaveWallet.addr));
        registry.setAcceptedTcbStatuses(upToDate | swHardening);
        assertTrue(registry.isAttestedAny(enclaveWallet.addr));
    }

    function test_isAttested_workloadConfiguredAfterPolicyChangesFollowsThePolicy() public {
        registry.setMaxAttestationAge(10 days);
        // The enclave workload is refused, so the worker attests by the signer workload, configured only now.
        registry.setWorkload(registry.sgxEnclaveWorkloadId(MRENCLAVE), false, ITeeVerifier.TeeType.SGX, 0);
        bytes32 bySigner = registry.sgxSignerWorkloadId(MRSIGNER, PROD_ID);
        registry.setWorkload(bySigner, true, ITeeVerifier.TeeType.SGX, 0);
        _registerSgx();
        assertTrue(registry.isAttested(enclaveWallet.addr, bySigner));
        assertEq(registry.expiresAtOf(enclaveWallet.addr), block.timestamp + 10 days);
        vm.warp(block.timestamp + 2 days);
        registry.setMaxAttestationAge(1 days);
        assertFalse(registry.isAttested(enclaveWallet.addr, bySigner));
        registry.setMaxAttestationAge(3 days);
        assertTrue(registry.isAttested(enclaveWallet.addr, bySigner));
        registry.setAcceptedTcbStatuses(uint8(1) << uint8(ITeeVerifier.TcbStatus.OutOfDate));
        assertFalse(registry.isAttestedAny(enclaveWallet.addr));
    }

    // ------------------------------------------------------------ reverify

    function test_reverify_marksExpired() public {
        _registerSgx();
        vm.warp(block.timestamp + MAX_AGE);
        vm.expectEmit(address(registry));
        emit IAttestationRegistry.WorkerExpired(
            enclaveWallet.addr, registry.sgxEnclaveWorkloadId(MRENCLAVE), uint64(block.timestamp)
        );
        vm.prank(stranger);
        IAttestationRegistry.WorkerStatus s = registry.reverify(enclaveWallet.addr, "");
        assertEq(uint8(s), uint8(IAttestationRegistry.WorkerStatus.Expired));
        assertEq(uint8(registry.workerInfo(enclaveWallet.addr).status), uint8(IAttestationRegistry.WorkerStatus.Expired));
        assertEq(uint8(registry.history(enclaveWallet.addr, 1, 1)[0].kind), uint8(IAttestationRegistry.HistoryKind.Expired));
    }

    function test_reverify_revokesWhenCollateralNowRejects() public {
        bytes memory evidence = _registerSgx();
        verifier.setMode(evidence, VerdictTeeVerifier.Mode.Revert);
        vm.expectEmit(address(registry));
        emit IAttestationRegistry.WorkerRevoked(
            enclaveWallet.addr,
            registry.sgxEnclaveWorkloadId(MRENCLAVE),
            IAttestationRegistry.RevocationReason.EvidenceRejected,
            VerdictTeeVerifier.FakeEvidenceRejected.selector
        );
        vm.prank(stranger);
        registry.reverify(enclaveWallet.addr, evidence);
        assertFalse(registry.isAttestedAny(enclaveWallet.addr));
        IAttestationRegistry.HistoryEntry memory e = registry.history(enclaveWallet.addr, 1, 1)[0];
        assertEq(uint8(e.kind), uint8(IAttestationRegistry.HistoryKind.Revoked));
        assertEq(uint8(e.reason), uint8(IAttestationRegistry.RevocationReason.EvidenceRejected));
    }

    function test_reverify_revokesWhenTcbStatusDowngraded() public {
        bytes memory evidence = _registerSgx();
        // Intel TCB recovery: the same evidence now evaluates OutOfDate.
        verifier.setVerdict(
            evidence, _sgxVerdict(_reportData(operator, enclaveKey, 0), ITeeVerifier.TcbStatus.OutOfDate, MRENCLAVE, 3)
        );
        vm.prank(stranger);
        registry.reverify(enclaveWallet.addr, evidence);
        assertEq(uint8(registry.statusOf(enclaveWallet.addr)), uint8(IAttestationRegistry.WorkerStatus.Revoked));
        assertEq(
            uint8(registry.history(enclaveWallet.addr, 1, 1)[0].reason),
            uint8(IAttestationRegistry.RevocationReason.TcbStatusNotAccepted)
        );
    }

    function test_reverify_revokesWhenWorkloadDisallowedWithoutEvidence() public {
        _registerSgx();
        registry.setWorkload(registry.sgxEnclaveWorkloadId(MRENCLAVE), false, ITeeVerifier.TeeType.SGX, 0);
        registry.reverify(enclaveWallet.addr, "");
        assertEq(
            uint8(registry.history(enclaveWallet.addr, 1, 1)[0].reason),
            uint8(IAttestationRegistry.RevocationReason.WorkloadNotAllowed)
        );
    }

    function test_reverify_revokesWhenPolicyNoLongerAcceptsStoredStatus() public {
        registry.setAcceptedTcbStatuses(0x03);
        _registerSgx(ITeeVerifier.TcbStatus.SWHardeningNeeded);
        registry.setAcceptedTcbStatuses(0x01);
        registry.reverify(enclaveWallet.addr, "");
        assertEq(
            uint8(registry.history(enclaveWallet.addr, 1, 1)[0].reason),
            uint8(IAttestationRegistry.RevocationReason.TcbStatusNotAccepted)
        );
    }

    function test_reverify_revertsWhenStillValid() public {
        bytes memory evidence = _registerSgx();
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.RegistryWorkerStillValid.selector, enclaveWallet.addr)
        );
        registry.reverify(enclaveWallet.addr, evidence);
    }

    function test_reverify_revertsOnOtherEvidence() public {
        bytes memory evidence = _registerSgx();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttestationRegistry.RegistryEvidenceMismatch.selector,
                enclaveWallet.addr,
                keccak256(evidence),
                keccak256("forged")
            )
        );
        registry.reverify(enclaveWallet.addr, "forged");
    }

    function test_reverify_inconclusiveOnPanicEmptyRevertOrStarvation() public {
        bytes memory evidence = _registerSgx();
        verifier.setMode(evidence, VerdictTeeVerifier.Mode.Panic);
        vm.expectPartialRevert(IAttestationRegistry.RegistryReverificationInconclusive.selector);
        registry.reverify(enclaveWallet.addr, evidence);

        verifier.setMode(evidence, VerdictTeeVerifier.Mode.EmptyRevert);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttestationRegistry.RegistryReverificationInconclusive.selector, enclaveWallet.addr, ""
            )
        );
        registry.reverify(enclaveWallet.addr, evidence);

        verifier.setMode(evidence, VerdictTeeVerifier.Mode.BurnGas);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttestationRegistry.RegistryReverificationInconclusive.selector, enclaveWallet.addr, ""
            )
        );
        registry.reverify{gas: 2_000_000}(enclaveWallet.addr, evidence);
        assertTrue(registry.isAttestedAny(enclaveWallet.addr), "nothing revoked");
    }

    function test_reverify_inconclusiveOnGovernanceMarkedError() public {
        bytes memory evidence = _registerSgx();
        verifier.setMode(evidence, VerdictTeeVerifier.Mode.Revert);
        bytes4[] memory selectors = new bytes4[](1);
        selectors[0] = VerdictTeeVerifier.FakeEvidenceRejected.selector;
        vm.expectEmit(address(registry));
        emit IAttestationRegistry.InconclusiveErrorSet(selectors[0], true);
        registry.setInconclusiveErrors(selectors, true);
        assertTrue(registry.isInconclusiveError(selectors[0]));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttestationRegistry.RegistryReverificationInconclusive.selector,
                enclaveWallet.addr,
                abi.encodeWithSelector(VerdictTeeVerifier.FakeEvidenceRejected.selector, keccak256(evidence))
            )
        );
        registry.reverify(enclaveWallet.addr, evidence);
        assertTrue(registry.isAttestedAny(enclaveWallet.addr), "nothing revoked");

        registry.setInconclusiveErrors(selectors, false);
        registry.reverify(enclaveWallet.addr, evidence);
        assertFalse(registry.isAttestedAny(enclaveWallet.addr));
    }

    function test_initialize_marksInconclusiveErrors() public {
        bytes4[] memory selectors = new bytes4[](2);
        selectors[0] = bytes4(0x11111111);
        selectors[1] = bytes4(0x22222222);
        AttestationRegistry fresh = AttestationRegistry(
            address(
                new ERC1967Proxy(
                    address(new AttestationRegistry()),
                    abi.encodeCall(AttestationRegistry.initialize, (address(manager), MAX_AGE, selectors))
                )
            )
        );
        assertTrue(fresh.isInconclusiveError(selectors[0]));
        assertTrue(fresh.isInconclusiveError(selectors[1]));
        assertFalse(fresh.isInconclusiveError(bytes4(0x33333333)));
    }

    function test_reverify_revertsForUnknownOrInactiveWorker() public {
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.RegistryUnknownWorker.selector, stranger));
        registry.reverify(stranger, "");
        _registerSgx();
        registry.revokeWorker(enclaveWallet.addr);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttestationRegistry.RegistryWorkerNotActive.selector,
                enclaveWallet.addr,
                IAttestationRegistry.WorkerStatus.Revoked
            )
        );
        registry.reverify(enclaveWallet.addr, "");
    }

    function test_reverify_revertsWhenPaused() public {
        bytes memory evidence = _registerSgx();
        vm.prank(guardian);
        registry.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        registry.reverify(enclaveWallet.addr, evidence);
    }

    // ------------------------------------------------------------ governance

    function test_revokeWorker_revokesAndAllowsReattestation() public {
        _registerSgx();
        vm.expectEmit(address(registry));
        emit IAttestationRegistry.WorkerRevoked(
            enclaveWallet.addr,
            registry.sgxEnclaveWorkloadId(MRENCLAVE),
            IAttestationRegistry.RevocationReason.Governance,
            bytes4(0)
        );
        registry.revokeWorker(enclaveWallet.addr);
        assertFalse(registry.isAttestedAny(enclaveWallet.addr));
        _registerSgx();
        assertTrue(registry.isAttestedAny(enclaveWallet.addr));
        assertEq(registry.historyLength(enclaveWallet.addr), 3);
    }

    function test_setters_restrictedToGovernance() public {
        vm.startPrank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        registry.setVerifier(ITeeVerifier.TeeType.SGX, verifier);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        registry.setWorkload(bytes32(uint256(1)), true, ITeeVerifier.TeeType.SGX, 0);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        registry.setAcceptedTcbStatuses(3);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        registry.setMaxAttestationAge(1 days);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        registry.revokeWorker(enclaveWallet.addr);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        registry.setInconclusiveErrors(new bytes4[](1), true);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        registry.upgradeToAndCall(address(1), "");
        vm.stopPrank();
    }

    function test_setAcceptedTcbStatuses_validatesMask() public {
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.RegistryInvalidTcbStatusMask.selector, 0));
        registry.setAcceptedTcbStatuses(0);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.RegistryInvalidTcbStatusMask.selector, 0x40));
        registry.setAcceptedTcbStatuses(0x40);
        vm.expectEmit(address(registry));
        emit IAttestationRegistry.AcceptedTcbStatusesSet(0x3f);
        registry.setAcceptedTcbStatuses(0x3f);
        assertEq(registry.acceptedTcbStatuses(), 0x3f);
    }

    function test_setMaxAttestationAge_validatesBounds() public {
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.RegistryInvalidMaxAge.selector, 0));
        registry.setMaxAttestationAge(0);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.RegistryInvalidMaxAge.selector, 365 days + 1));
        registry.setMaxAttestationAge(365 days + 1);
        registry.setMaxAttestationAge(365 days);
        assertEq(registry.maxAttestationAge(), 365 days);
    }

    function test_setWorkload_validatesConfig() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttestationRegistry.RegistryInvalidWorkloadConfig.selector, bytes32(0), ITeeVerifier.TeeType.SGX, 0
            )
        );
        registry.setWorkload(bytes32(0), true, ITeeVerifier.TeeType.SGX, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttestationRegistry.RegistryInvalidWorkloadConfig.selector, bytes32(uint256(1)), ITeeVerifier.TeeType.TDX, 2
            )
        );
        registry.setWorkload(bytes32(uint256(1)), true, ITeeVerifier.TeeType.TDX, 2);
        vm.expectEmit(address(registry));
        emit IAttestationRegistry.WorkloadSet(bytes32(uint256(1)), true, ITeeVerifier.TeeType.TDX, 0);
        registry.setWorkload(bytes32(uint256(1)), true, ITeeVerifier.TeeType.TDX, 0);
        IAttestationRegistry.WorkloadConfig memory c = registry.workloadConfig(bytes32(uint256(1)));
        assertTrue(c.allowed);
        assertEq(uint8(c.teeType), uint8(ITeeVerifier.TeeType.TDX));
    }

    function test_setWorkload_revertsBeyondMaxWorkloads() public {
        uint256 max = registry.MAX_WORKLOADS();
        // setUp configured some ids already; fill up to the bound with fresh ones.
        for (uint256 i = 1; i <= max; ++i) {
            bytes32 id = keccak256(abi.encode("workload", i));
            try registry.setWorkload(id, false, ITeeVerifier.TeeType.TDX, 0) {}
            catch (bytes memory reason) {
                assertEq(reason, abi.encodeWithSelector(IAttestationRegistry.RegistryTooManyWorkloads.selector, max));
                break;
            }
        }
        bytes32 extra = keccak256("one too many");
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.RegistryTooManyWorkloads.selector, max));
        registry.setWorkload(extra, true, ITeeVerifier.TeeType.TDX, 0);
        assertFalse(registry.workloadConfig(extra).allowed);
        // An id already configured can still be changed (retired or re-allowed) at the bound.
        bytes32 known = keccak256(abi.encode("workload", uint256(1)));
        registry.setWorkload(known, true, ITeeVerifier.TeeType.TDX, 0);
        assertTrue(registry.workloadConfig(known).allowed);
        // The TCB lever still works with the registry full.
        registry.setAcceptedTcbStatuses(1);
    }

    function test_setVerifier_setsAndClears() public {
        vm.expectEmit(address(registry));
        emit IAttestationRegistry.VerifierSet(ITeeVerifier.TeeType.NVIDIA_GPU, address(verifier));
        registry.setVerifier(ITeeVerifier.TeeType.NVIDIA_GPU, verifier);
        assertEq(address(registry.verifierOf(ITeeVerifier.TeeType.NVIDIA_GPU)), address(verifier));
        registry.setVerifier(ITeeVerifier.TeeType.NVIDIA_GPU, ITeeVerifier(address(0)));
        assertEq(address(registry.verifierOf(ITeeVerifier.TeeType.NVIDIA_GPU)), address(0));
    }

    // ------------------------------------------------------------ other TEE kinds (future verifiers)

    function test_register_genericTeeKindUsesGenericWorkloadId() public {
        registry.setVerifier(ITeeVerifier.TeeType.SEV_SNP, verifier);
        bytes memory measurements = abi.encode(bytes32("launch digest"));
        bytes32 id = keccak256(
            abi.encode(keccak256("phala.attestation.workload.generic.v1"), uint8(ITeeVerifier.TeeType.SEV_SNP), measurements)
        );
        registry.setWorkload(id, true, ITeeVerifier.TeeType.SEV_SNP, 0);
        bytes memory evidence = _freshEvidence();
        ITeeVerifier.Verdict memory v = _tdxVerdict(_reportData(operator, enclaveKey, 0), _tdxMeasurements());
        v.teeType = ITeeVerifier.TeeType.SEV_SNP;
        v.measurements = measurements;
        verifier.setVerdict(evidence, v);
        vm.prank(operator);
        registry.register(ITeeVerifier.TeeType.SEV_SNP, evidence, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
        assertTrue(registry.isAttested(enclaveWallet.addr, id));
    }

    // ------------------------------------------------------------ history pagination

    function test_history_paginates() public {
        for (uint256 i; i < 5; ++i) {
            _registerSgx();
            vm.warp(block.timestamp + 1 hours);
        }
        assertEq(registry.historyLength(enclaveWallet.addr), 5);
        IAttestationRegistry.HistoryEntry[] memory page = registry.history(enclaveWallet.addr, 1, 2);
        assertEq(page.length, 2);
        assertEq(uint8(page[0].kind), uint8(IAttestationRegistry.HistoryKind.Renewed));
        assertLt(page[0].at, page[1].at);
        assertEq(registry.history(enclaveWallet.addr, 3, 100).length, 2);
        assertEq(registry.history(enclaveWallet.addr, 5, 1).length, 0);
        assertEq(registry.history(enclaveWallet.addr, type(uint256).max, type(uint256).max).length, 0);
    }

    // ------------------------------------------------------------ upgrade

    function test_upgradeToAndCall_keepsWorkers() public {
        _registerSgx();
        registry.upgradeToAndCall(address(new AttestationRegistry()), "");
        assertTrue(registry.isAttestedAny(enclaveWallet.addr));
        assertEq(registry.historyLength(enclaveWallet.addr), 1);
    }
}
