// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {RegistryFixture} from "./AttestationRegistry.t.sol";
import {IAttestationRegistry} from "../../contracts/interfaces/IAttestationRegistry.sol";
import {ITeeVerifier} from "../../contracts/interfaces/ITeeVerifier.sol";
import {IWorkerRegistry} from "../../contracts/interfaces/IWorkerRegistry.sol";

contract AttestationRegistryFuzzTest is RegistryFixture {
    function testFuzz_register_revertsUnlessReportDataBinds(bytes32 first, bytes32 second) public {
        bytes32 expected = _binding(operator, IWorkerRegistry.KeyType.Secp256k1, enclaveKey, 0);
        vm.assume(first != expected);
        bytes memory evidence = _freshEvidence();
        verifier.setVerdict(
            evidence,
            _sgxVerdict(abi.encodePacked(first, second), ITeeVerifier.TcbStatus.UpToDate, MRENCLAVE, 1)
        );
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.RegistryReportDataMismatch.selector, expected, first)
        );
        vm.prank(operator);
        registry.register(ITeeVerifier.TeeType.SGX, evidence, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
    }

    function testFuzz_register_onlyTheBoundOperator(address caller) public {
        vm.assume(caller != operator);
        bytes memory evidence = _freshEvidence();
        verifier.setVerdict(
            evidence, _sgxVerdict(_reportData(operator, enclaveKey, 0), ITeeVerifier.TcbStatus.UpToDate, MRENCLAVE, 1)
        );
        vm.expectPartialRevert(IAttestationRegistry.RegistryReportDataMismatch.selector);
        vm.prank(caller);
        registry.register(ITeeVerifier.TeeType.SGX, evidence, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
    }

    function testFuzz_register_refusesEveryUnacceptedTcbStatus(uint8 rawStatus, uint8 rawMask) public {
        ITeeVerifier.TcbStatus status = ITeeVerifier.TcbStatus(bound(rawStatus, 0, 5));
        uint8 mask = uint8(bound(rawMask, 1, 63));
        registry.setAcceptedTcbStatuses(mask);
        bytes memory evidence = _freshEvidence();
        verifier.setVerdict(evidence, _sgxVerdict(_reportData(operator, enclaveKey, 0), status, MRENCLAVE, 1));
        bool accepted = mask & (uint8(1) << uint8(status)) != 0;
        if (!accepted) {
            vm.expectRevert(
                abi.encodeWithSelector(IAttestationRegistry.RegistryTcbStatusNotAccepted.selector, status, mask)
            );
        }
        vm.prank(operator);
        registry.register(ITeeVerifier.TeeType.SGX, evidence, IWorkerRegistry.KeyType.Secp256k1, enclaveKey);
        assertEq(registry.isAttestedAny(enclaveWallet.addr), accepted);
    }

    function testFuzz_isAttested_exactlyUntilExpiry(uint64 elapsed) public {
        _registerSgx();
        uint256 start = block.timestamp;
        elapsed = uint64(bound(elapsed, 0, 3 * MAX_AGE));
        vm.warp(start + elapsed);
        assertEq(registry.isAttestedAny(enclaveWallet.addr), elapsed < MAX_AGE);
        assertEq(
            uint8(registry.statusOf(enclaveWallet.addr)),
            uint8(elapsed < MAX_AGE ? IAttestationRegistry.WorkerStatus.Active : IAttestationRegistry.WorkerStatus.Expired)
        );
    }

    function testFuzz_register_rejectsOffCurveKeys(bytes32 x, bytes32 y) public {
        bytes memory pub = abi.encodePacked(x, y);
        // Random pairs are on neither curve except with negligible probability.
        vm.expectRevert(
            abi.encodeWithSelector(
                IAttestationRegistry.RegistryInvalidPublicKey.selector, IWorkerRegistry.KeyType.Secp256k1, pub
            )
        );
        registry.register(ITeeVerifier.TeeType.SGX, hex"00", IWorkerRegistry.KeyType.Secp256k1, pub);
    }

    function testFuzz_history_pageWithinBounds(uint8 count, uint256 offset, uint256 limit) public {
        count = uint8(bound(count, 0, 6));
        for (uint256 i; i < count; ++i) {
            _registerSgx();
        }
        IAttestationRegistry.HistoryEntry[] memory page = registry.history(enclaveWallet.addr, offset, limit);
        uint256 expected = offset >= count ? 0 : (count - offset < limit ? count - offset : limit);
        assertEq(page.length, expected);
    }
}
