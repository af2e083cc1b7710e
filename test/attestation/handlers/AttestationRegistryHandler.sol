// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {AttestationRegistry} from "../../../contracts/attestation/AttestationRegistry.sol";
import {ITeeVerifier} from "../../../contracts/interfaces/ITeeVerifier.sol";
import {IWorkerRegistry} from "../../../contracts/interfaces/IWorkerRegistry.sol";
import {VerdictTeeVerifier} from "../helpers/VerdictTeeVerifier.sol";

/// @notice Drives the registry through registrations (valid or refused), renewals, re-verifications (verdict kept,
///         downgraded or rejected), governance revocations, policy changes and time, with bounded inputs.
contract AttestationRegistryHandler is Test {
    AttestationRegistry public immutable registry;
    VerdictTeeVerifier public immutable verifier;
    address public immutable governance;
    bytes32 public constant MRENCLAVE = keccak256("invariant enclave");

    bytes[] public keys;
    address[] public workers;
    address[] public operators;
    mapping(address => bytes) public lastEvidence;
    mapping(address => uint256) public maxHistorySeen;
    uint256 private _counter;

    constructor(AttestationRegistry registry_, VerdictTeeVerifier verifier_, address governance_) {
        registry = registry_;
        verifier = verifier_;
        governance = governance_;
        for (uint256 i = 1; i <= 3; ++i) {
            (uint256 x, uint256 y) = vm.publicKeyP256(0xBEEF + i);
            bytes memory pub = abi.encodePacked(bytes32(x), bytes32(y));
            keys.push(pub);
            workers.push(address(uint160(uint256(keccak256(pub)))));
            operators.push(address(uint160(0xC000 + i)));
        }
    }

    function workerCount() external view returns (uint256) {
        return workers.length;
    }

    function _verdict(bytes32 binding, ITeeVerifier.TcbStatus status, bool debug)
        internal
        pure
        returns (ITeeVerifier.Verdict memory v)
    {
        v.teeType = ITeeVerifier.TeeType.SGX;
        v.tcbStatus = status;
        v.advisoryIds = new uint16[](1);
        v.advisoryIds[0] = 615;
        v.debug = debug;
        v.reportData = abi.encodePacked(binding, bytes32(0));
        v.measurements = abi.encode(
            ITeeVerifier.SgxMeasurements({
                mrEnclave: MRENCLAVE,
                mrSigner: bytes32(0),
                isvProdId: 0,
                isvSvn: 1,
                attributes: bytes16(0),
                miscSelect: 0
            })
        );
    }

    function _binding(address op, bytes memory pub, uint64 nonce) internal view returns (bytes32) {
        return keccak256(
            abi.encode(
                keccak256("phala.attestation.registry.binding.v1"),
                block.chainid,
                address(registry),
                op,
                uint8(IWorkerRegistry.KeyType.P256),
                pub,
                nonce
            )
        );
    }

    function _track(uint256 i) internal {
        uint256 len = registry.historyLength(workers[i]);
        if (len > maxHistorySeen[workers[i]]) maxHistorySeen[workers[i]] = len;
    }

    function register(uint256 workerSeed, uint256 operatorSeed, uint256 statusSeed, bool debug, bool staleNonce) external {
        uint256 i = workerSeed % workers.length;
        address op = operators[operatorSeed % operators.length];
        uint64 nonce = registry.attestationNonce(workers[i]);
        if (staleNonce && nonce > 0) nonce -= 1;
        bytes memory evidence = abi.encodePacked("inv-evidence-", ++_counter);
        verifier.setVerdict(
            evidence, _verdict(_binding(op, keys[i], nonce), ITeeVerifier.TcbStatus(statusSeed % 6), debug)
        );
        vm.prank(op);
        try registry.register(ITeeVerifier.TeeType.SGX, evidence, IWorkerRegistry.KeyType.P256, keys[i]) {
            lastEvidence[workers[i]] = evidence;
        } catch {}
        _track(i);
    }

    function reverify(uint256 workerSeed, uint256 mode, address caller) external {
        uint256 i = workerSeed % workers.length;
        bytes memory evidence = lastEvidence[workers[i]];
        mode = mode % 3;
        if (evidence.length > 0 && mode == 1) verifier.setMode(evidence, VerdictTeeVerifier.Mode.Revert);
        if (evidence.length > 0 && mode == 2) {
            verifier.setVerdict(evidence, _verdict(bytes32(0), ITeeVerifier.TcbStatus.OutOfDate, false));
        }
        vm.prank(caller);
        try registry.reverify(workers[i], evidence) {} catch {}
        _track(i);
    }

    function revoke(uint256 workerSeed) external {
        uint256 i = workerSeed % workers.length;
        vm.prank(governance);
        try registry.revokeWorker(workers[i]) {} catch {}
        _track(i);
    }

    function setPolicy(uint8 mask, uint64 maxAge, bool allowed) external {
        vm.startPrank(governance);
        try registry.setAcceptedTcbStatuses(uint8(bound(mask, 1, 63))) {} catch {}
        try registry.setMaxAttestationAge(uint64(bound(maxAge, 1 hours, 30 days))) {} catch {}
        registry.setWorkload(registry.sgxEnclaveWorkloadId(MRENCLAVE), allowed, ITeeVerifier.TeeType.SGX, 0);
        vm.stopPrank();
    }

    function warp(uint256 dt) external {
        vm.warp(block.timestamp + bound(dt, 0, 3 days));
    }
}
