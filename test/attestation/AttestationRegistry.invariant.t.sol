// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {AttestationRegistry} from "../../contracts/attestation/AttestationRegistry.sol";
import {IAttestationRegistry} from "../../contracts/interfaces/IAttestationRegistry.sol";
import {ITeeVerifier} from "../../contracts/interfaces/ITeeVerifier.sol";
import {VerdictTeeVerifier} from "./helpers/VerdictTeeVerifier.sol";
import {AttestationRegistryHandler} from "./handlers/AttestationRegistryHandler.sol";

contract AttestationRegistryInvariantTest is Test {
    AttestationRegistry internal registry;
    AttestationRegistryHandler internal handler;

    function setUp() public {
        vm.warp(1_750_000_000);
        AccessManager manager = new AccessManager(address(this));
        registry = AttestationRegistry(
            address(
                new ERC1967Proxy(
                    address(new AttestationRegistry()),
                    abi.encodeCall(AttestationRegistry.initialize, (address(manager), 7 days, new bytes4[](0)))
                )
            )
        );
        VerdictTeeVerifier verifier = new VerdictTeeVerifier();
        registry.setVerifier(ITeeVerifier.TeeType.SGX, verifier);
        handler = new AttestationRegistryHandler(registry, verifier, address(this));
        registry.setWorkload(registry.sgxEnclaveWorkloadId(handler.MRENCLAVE()), true, ITeeVerifier.TeeType.SGX, 0);
        manager.grantRole(0, address(handler), 0);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](5);
        selectors[0] = AttestationRegistryHandler.register.selector;
        selectors[1] = AttestationRegistryHandler.reverify.selector;
        selectors[2] = AttestationRegistryHandler.revoke.selector;
        selectors[3] = AttestationRegistryHandler.setPolicy.selector;
        selectors[4] = AttestationRegistryHandler.warp.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @dev A worker is attested only while Active, unexpired, with an accepted TCB status and an allowed workload.
    function invariant_attestedImpliesActiveUnexpiredAndWithinPolicy() public view {
        for (uint256 i; i < handler.workerCount(); ++i) {
            address w = handler.workers(i);
            if (!registry.isAttestedAny(w)) continue;
            IAttestationRegistry.WorkerInfo memory info = registry.workerInfo(w);
            assertEq(uint8(info.status), uint8(IAttestationRegistry.WorkerStatus.Active));
            assertEq(uint8(registry.statusOf(w)), uint8(IAttestationRegistry.WorkerStatus.Active));
            assertLt(block.timestamp, registry.expiresAtOf(w));
            assertTrue(registry.acceptedTcbStatuses() & (uint8(1) << uint8(info.tcbStatus)) != 0);
            assertTrue(registry.workloadConfig(info.workloadId).allowed);
            assertTrue(registry.isAttested(w, info.workloadId));
        }
    }

    /// @dev The converse, restated from the public views and the global policy: the validity check (which reads the
    ///      workload's copy of the policy) agrees with the policy exactly.
    function invariant_withinPolicyIffAttested() public view {
        for (uint256 i; i < handler.workerCount(); ++i) {
            address w = handler.workers(i);
            IAttestationRegistry.WorkerInfo memory info = registry.workerInfo(w);
            IAttestationRegistry.WorkloadConfig memory cfg = registry.workloadConfig(info.workloadId);
            bool within = info.status == IAttestationRegistry.WorkerStatus.Active
                && block.timestamp < registry.expiresAtOf(w)
                && registry.acceptedTcbStatuses() & (uint8(1) << uint8(info.tcbStatus)) != 0 && cfg.allowed
                && cfg.teeType == info.teeType && info.isvSvn >= cfg.minIsvSvn;
            assertEq(registry.isAttestedAny(w), within);
            assertEq(registry.isAttested(w, info.workloadId), within);
        }
    }

    /// @dev The nonce counts successful attestations; the history is append-only and its last attestation entry is
    ///      the current record.
    function invariant_nonceMatchesHistoryAndHistoryIsAppendOnly() public view {
        for (uint256 i; i < handler.workerCount(); ++i) {
            address w = handler.workers(i);
            uint256 len = registry.historyLength(w);
            assertGe(len, handler.maxHistorySeen(w), "history never shrinks");
            IAttestationRegistry.HistoryEntry[] memory h = registry.history(w, 0, len);
            uint256 attestations;
            uint256 last = type(uint256).max;
            for (uint256 j; j < h.length; ++j) {
                if (
                    h[j].kind == IAttestationRegistry.HistoryKind.Attested
                        || h[j].kind == IAttestationRegistry.HistoryKind.Renewed
                ) {
                    ++attestations;
                    last = j;
                }
                if (j > 0) assertGe(h[j].at, h[j - 1].at, "chronological");
            }
            assertEq(registry.attestationNonce(w), attestations);
            if (last != type(uint256).max) {
                IAttestationRegistry.WorkerInfo memory info = registry.workerInfo(w);
                assertEq(h[last].operator, info.operator);
                assertEq(h[last].evidenceHash, info.evidenceHash);
                assertEq(h[last].workloadId, info.workloadId);
            } else {
                assertEq(uint8(registry.workerInfo(w).status), uint8(IAttestationRegistry.WorkerStatus.None));
            }
        }
    }
}
