// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ManagedUpgradeable} from "../access/ManagedUpgradeable.sol";
import {IAttestationRegistry} from "../interfaces/IAttestationRegistry.sol";
import {ITeeVerifier} from "../interfaces/ITeeVerifier.sol";
import {IWorkerRegistry} from "../interfaces/IWorkerRegistry.sol";
import {EnclaveKeys} from "./libraries/EnclaveKeys.sol";
import {WorkloadIds} from "./libraries/WorkloadIds.sol";

/// @title AttestationRegistry
/// @notice Registry of TEE-attested workers. See {IAttestationRegistry} for the report-data binding, the workload ids
///         and re-verification.
/// @dev Staking and escrow pull `isAttested` / `isAttestedAny`; the registry pushes nothing to them (IStakingHooks has
///      no de-attestation hook, and a revocation must not depend on another contract accepting it). Staking can treat
///      `!isAttestedAny(worker)` as jailed. `_markExpired` and `_revoke` are the only places a status leaves Active:
///      a push hook, if ever wanted, goes there.
/// @custom:semver 1.0.0
contract AttestationRegistry is ManagedUpgradeable, IAttestationRegistry {
    /// @inheritdoc IAttestationRegistry
    uint64 public constant MAX_ATTESTATION_AGE_LIMIT = 365 days;

    /// @inheritdoc IAttestationRegistry
    uint256 public constant MAX_WORKLOADS = 1024;

    /// @dev Number of TcbStatus values (bits of the accepted mask).
    uint8 private constant _TCB_STATUS_COUNT = uint8(type(ITeeVerifier.TcbStatus).max) + 1;

    /// @dev A failed verification that leaves the registry with less than 1/8 of the gas it had before the call may
    ///      have been starved (63/64 rule, nested calls): it proves nothing and revokes nothing.
    uint256 private constant _STARVATION_DIVISOR = 8;

    /// @dev Selector of Solidity's Panic(uint256): a verifier bug, not a verdict on the evidence.
    bytes4 private constant _PANIC_SELECTOR = 0x4e487b71;

    /// @dev A worker's current attestation, packed by access: slot 0 is all of the worker that the validity check
    ///      reads (with its workload's slot, two cold reads: the escrow's and Staking's hot path), slot 1 operator and
    ///      nonce, slot 2 workload id, slot 3 evidence hash, slots 4-5 key, slot 6 advisories. `workloadIndex` is the
    ///      index of `workloadId` (see {Workload}): checking a worker against a given workload id compares indexes,
    ///      without reading the id.
    struct Worker {
        // slot 0
        WorkerStatus status;
        ITeeVerifier.TcbStatus tcbStatus;
        ITeeVerifier.TeeType teeType;
        KeyType keyType;
        uint16 isvSvn;
        uint32 workloadIndex;
        uint64 attestedAt;
        uint64 expiresAt;
        bytes6 fmspc;
        // slot 1
        address operator;
        uint64 nonce;
        // slots 2-6
        bytes32 workloadId;
        bytes32 evidenceHash;
        bytes32 keyX;
        bytes32 keyY;
        uint16[] advisoryIds;
    }

    /// @dev A workload id's governance config ({WorkloadConfig}), its index and a copy of the global policy, all in one
    ///      slot (the validity check reads it whole).
    ///      `index`: a number given to the id the first time governance configures it (1, 2, ...; 0 means never
    ///      configured), never changed or reused, so equal indexes mean equal ids. A worker only attests for an
    ///      allowed, hence configured, workload: its index is never 0.
    ///      `acceptedTcbMask`, `maxAge`: the global policy ({RegistryStorage}, the source of truth), copied into every
    ///      configured workload when it is configured and by each governance write of either (see {_syncPolicy}), so
    ///      that the hot validity check does not read the policy slot too: always equal to the global policy.
    struct Workload {
        bool allowed;
        ITeeVerifier.TeeType teeType;
        uint16 minIsvSvn;
        uint32 index;
        uint8 acceptedTcbMask;
        uint64 maxAge;
    }

    /// @custom:storage-location erc7201:phala.storage.AttestationRegistry
    struct RegistryStorage {
        mapping(ITeeVerifier.TeeType => ITeeVerifier) verifiers;
        mapping(bytes32 => Workload) workloads;
        uint8 acceptedTcbMask;
        uint64 maxAge;
        mapping(address => Worker) workers;
        mapping(address => HistoryEntry[]) history;
        mapping(bytes4 => bool) inconclusiveErrors;
        // Every configured workload id, in the order of their indexes (index = position + 1).
        bytes32[] workloadIds;
    }

    // keccak256(abi.encode(uint256(keccak256("phala.storage.AttestationRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _STORAGE_SLOT = 0x77e20c4fe93588367de5914de6b35d17ee3d24deeb9fa8a592c6a593d60ec900;

    /// @dev What a verified verdict contributes to a worker record.
    struct Accepted {
        bytes32 workloadId;
        uint32 workloadIndex;
        uint16 isvSvn;
    }

    function _s() private pure returns (RegistryStorage storage $) {
        assembly ("memory-safe") {
            $.slot := _STORAGE_SLOT
        }
    }

    /// @notice Initializes the proxy: TCB policy UpToDate only, no verifier, no workload.
    /// @param authority The system AccessManager.
    /// @param maxAge Maximum age of an attestation in seconds (0 < maxAge <= MAX_ATTESTATION_AGE_LIMIT).
    /// @param inconclusiveErrors Verifier error selectors `reverify` treats as inconclusive (see setInconclusiveErrors).
    function initialize(address authority, uint64 maxAge, bytes4[] calldata inconclusiveErrors) external initializer {
        __ManagedUpgradeable_init(authority);
        _setAcceptedTcbStatuses(uint8(1) << uint8(ITeeVerifier.TcbStatus.UpToDate));
        _setMaxAttestationAge(maxAge);
        _setInconclusiveErrors(inconclusiveErrors, true);
    }

    // ------------------------------------------------------------------------------------------------ workers

    /// @inheritdoc IAttestationRegistry
    function register(ITeeVerifier.TeeType teeType, bytes calldata evidence, KeyType keyType, bytes calldata publicKey)
        external
        whenNotPaused
        returns (address worker)
    {
        if (keyType != KeyType.Secp256k1 && keyType != KeyType.P256) revert RegistryUnsupportedKeyType(keyType);
        if (!EnclaveKeys.isValid(keyType, publicKey)) revert RegistryInvalidPublicKey(keyType, publicKey);
        RegistryStorage storage $ = _s();
        worker = EnclaveKeys.workerId(publicKey);
        Worker storage w = $.workers[worker];
        (ITeeVerifier.Verdict memory verdict, Accepted memory acc) =
            _verifyNew($, teeType, evidence, keyType, publicKey, w.nonce);

        // Effects. A still-valid attestation is renewed; one that aged out unnoticed is first logged as expired.
        bool renewal;
        if (w.status == WorkerStatus.Active) {
            if (block.timestamp < _effectiveExpiry($, w)) renewal = true;
            else _markExpired($, worker, w);
        }
        w.keyType = keyType;
        (w.keyX, w.keyY) = _split(publicKey);
        _write($, w, verdict, acc, keccak256(evidence));
        _log($, worker, w, renewal ? HistoryKind.Renewed : HistoryKind.Attested, RevocationReason.None);
        _emitAttested(worker, w, verdict.advisoryIds, renewal);
        emit EvidenceSubmitted(worker, w.evidenceHash, evidence);
    }

    /// @inheritdoc IAttestationRegistry
    function reverify(address worker, bytes calldata evidence) external whenNotPaused returns (WorkerStatus) {
        RegistryStorage storage $ = _s();
        Worker storage w = _activeWorker($, worker);

        if (block.timestamp >= _effectiveExpiry($, w)) {
            _markExpired($, worker, w);
            return WorkerStatus.Expired;
        }
        if (!_workloadAllows(w, $.workloads[w.workloadId])) {
            return _revoke($, worker, w, RevocationReason.WorkloadNotAllowed, bytes4(0));
        }
        if (!_tcbAccepted($.acceptedTcbMask, w.tcbStatus)) {
            return _revoke($, worker, w, RevocationReason.TcbStatusNotAccepted, bytes4(0));
        }

        bytes32 evidenceHash = keccak256(evidence);
        if (evidenceHash != w.evidenceHash) revert RegistryEvidenceMismatch(worker, w.evidenceHash, evidenceHash);
        ITeeVerifier verifier = $.verifiers[w.teeType];
        if (address(verifier) == address(0)) revert RegistryVerifierNotSet(w.teeType);

        uint256 gasBefore = gasleft();
        try verifier.verify(evidence) returns (ITeeVerifier.Verdict memory verdict) {
            // The binding, debug flag and workload were fixed by the evidence and checked at registration; what the
            // current collateral can change is the TCB status.
            if (!_tcbAccepted($.acceptedTcbMask, verdict.tcbStatus)) {
                return _revoke($, worker, w, RevocationReason.TcbStatusNotAccepted, bytes4(0));
            }
            revert RegistryWorkerStillValid(worker);
        } catch (bytes memory revertData) {
            if (
                revertData.length < 4 || bytes4(revertData) == _PANIC_SELECTOR
                    || gasleft() <= gasBefore / _STARVATION_DIVISOR || $.inconclusiveErrors[bytes4(revertData)]
            ) revert RegistryReverificationInconclusive(worker, revertData);
            return _revoke($, worker, w, RevocationReason.EvidenceRejected, bytes4(revertData));
        }
    }

    // ------------------------------------------------------------------------------------------------ governance

    /// @inheritdoc IAttestationRegistry
    function revokeWorker(address worker) external restricted {
        RegistryStorage storage $ = _s();
        _revoke($, worker, _activeWorker($, worker), RevocationReason.Governance, bytes4(0));
    }

    /// @inheritdoc IAttestationRegistry
    function setVerifier(ITeeVerifier.TeeType teeType, ITeeVerifier verifier) external restricted {
        _s().verifiers[teeType] = verifier;
        emit VerifierSet(teeType, address(verifier));
    }

    /// @inheritdoc IAttestationRegistry
    function setWorkload(bytes32 workloadId, bool allowed, ITeeVerifier.TeeType teeType, uint16 minIsvSvn)
        external
        restricted
    {
        if (workloadId == bytes32(0) || (minIsvSvn != 0 && teeType != ITeeVerifier.TeeType.SGX)) {
            revert RegistryInvalidWorkloadConfig(workloadId, teeType, minIsvSvn);
        }
        RegistryStorage storage $ = _s();
        Workload storage cfg = $.workloads[workloadId];
        if (cfg.index == 0) {
            // The first config of an id numbers it; the copy of the policy is then kept by {_syncPolicy}, whose loop
            // this bound keeps within a block.
            uint256 count = $.workloadIds.length;
            if (count == MAX_WORKLOADS) revert RegistryTooManyWorkloads(MAX_WORKLOADS);
            $.workloadIds.push(workloadId);
            cfg.index = uint32(count + 1); // <= MAX_WORKLOADS
            (cfg.acceptedTcbMask, cfg.maxAge) = ($.acceptedTcbMask, $.maxAge);
        }
        (cfg.allowed, cfg.teeType, cfg.minIsvSvn) = (allowed, teeType, minIsvSvn);
        emit WorkloadSet(workloadId, allowed, teeType, minIsvSvn);
    }

    /// @inheritdoc IAttestationRegistry
    function setAcceptedTcbStatuses(uint8 mask) external restricted {
        _setAcceptedTcbStatuses(mask);
    }

    /// @inheritdoc IAttestationRegistry
    function setInconclusiveErrors(bytes4[] calldata selectors, bool inconclusive) external restricted {
        _setInconclusiveErrors(selectors, inconclusive);
    }

    /// @inheritdoc IAttestationRegistry
    function setMaxAttestationAge(uint64 maxAge) external restricted {
        _setMaxAttestationAge(maxAge);
    }

    // ------------------------------------------------------------------------------------------------ IWorkerRegistry

    /// @inheritdoc IWorkerRegistry
    function isAttested(address worker, bytes32 workloadId) external view returns (bool) {
        return _isAttested(_s(), worker, workloadId);
    }

    /// @inheritdoc IWorkerRegistry
    function attestedOperatorOf(address worker, bytes32 workloadId)
        external
        view
        returns (address operator, bool attested)
    {
        RegistryStorage storage $ = _s();
        return ($.workers[worker].operator, _isAttested($, worker, workloadId));
    }

    /// @inheritdoc IWorkerRegistry
    function isAttestedAny(address worker) external view returns (bool) {
        RegistryStorage storage $ = _s();
        Worker storage w = $.workers[worker];
        return _isValid(w, $.workloads[w.workloadId], false);
    }

    /// @inheritdoc IWorkerRegistry
    function operatorOf(address worker) external view returns (address) {
        return _s().workers[worker].operator;
    }

    /// @inheritdoc IWorkerRegistry
    function workloadOf(address worker) external view returns (bytes32) {
        return _s().workers[worker].workloadId;
    }

    /// @inheritdoc IWorkerRegistry
    function enclaveKeyOf(address worker) external view returns (KeyType keyType, bytes memory publicKey) {
        Worker storage w = _s().workers[worker];
        if (w.status == WorkerStatus.None) return (KeyType.None, "");
        return (w.keyType, abi.encodePacked(w.keyX, w.keyY));
    }

    // ------------------------------------------------------------------------------------------------ views

    /// @inheritdoc IAttestationRegistry
    function verifierOf(ITeeVerifier.TeeType teeType) external view returns (ITeeVerifier) {
        return _s().verifiers[teeType];
    }

    /// @inheritdoc IAttestationRegistry
    function workloadConfig(bytes32 workloadId) external view returns (WorkloadConfig memory) {
        Workload storage cfg = _s().workloads[workloadId];
        return WorkloadConfig({allowed: cfg.allowed, teeType: cfg.teeType, minIsvSvn: cfg.minIsvSvn});
    }

    /// @inheritdoc IAttestationRegistry
    function acceptedTcbStatuses() external view returns (uint8) {
        return _s().acceptedTcbMask;
    }

    /// @inheritdoc IAttestationRegistry
    function maxAttestationAge() external view returns (uint64) {
        return _s().maxAge;
    }

    /// @inheritdoc IAttestationRegistry
    function isInconclusiveError(bytes4 selector) external view returns (bool) {
        return _s().inconclusiveErrors[selector];
    }

    /// @inheritdoc IAttestationRegistry
    function reportDataFor(address operator, KeyType keyType, bytes calldata publicKey)
        external
        view
        returns (bytes memory)
    {
        uint64 nonce = _s().workers[EnclaveKeys.workerId(publicKey)].nonce;
        return abi.encodePacked(EnclaveKeys.binding(address(this), operator, keyType, publicKey, nonce), bytes32(0));
    }

    /// @inheritdoc IAttestationRegistry
    function attestationNonce(address worker) external view returns (uint64) {
        return _s().workers[worker].nonce;
    }

    /// @inheritdoc IAttestationRegistry
    function workerIdOf(bytes calldata publicKey) external pure returns (address) {
        return EnclaveKeys.workerId(publicKey);
    }

    /// @inheritdoc IAttestationRegistry
    function workerInfo(address worker) external view returns (WorkerInfo memory info) {
        Worker storage w = _s().workers[worker];
        info = WorkerInfo({
            status: w.status,
            operator: w.operator,
            keyType: w.keyType,
            publicKey: w.status == WorkerStatus.None ? bytes("") : abi.encodePacked(w.keyX, w.keyY),
            teeType: w.teeType,
            workloadId: w.workloadId,
            tcbStatus: w.tcbStatus,
            advisoryIds: w.advisoryIds,
            fmspc: w.fmspc,
            isvSvn: w.isvSvn,
            attestedAt: w.attestedAt,
            expiresAt: w.expiresAt,
            nonce: w.nonce,
            evidenceHash: w.evidenceHash
        });
    }

    /// @inheritdoc IAttestationRegistry
    function statusOf(address worker) external view returns (WorkerStatus) {
        RegistryStorage storage $ = _s();
        Worker storage w = $.workers[worker];
        if (w.status == WorkerStatus.Active && block.timestamp >= _effectiveExpiry($, w)) return WorkerStatus.Expired;
        return w.status;
    }

    /// @inheritdoc IAttestationRegistry
    function expiresAtOf(address worker) external view returns (uint64) {
        RegistryStorage storage $ = _s();
        Worker storage w = $.workers[worker];
        return w.status == WorkerStatus.None ? 0 : _effectiveExpiry($, w);
    }

    /// @inheritdoc IAttestationRegistry
    function historyLength(address worker) external view returns (uint256) {
        return _s().history[worker].length;
    }

    /// @inheritdoc IAttestationRegistry
    function history(address worker, uint256 offset, uint256 limit)
        external
        view
        returns (HistoryEntry[] memory entries)
    {
        HistoryEntry[] storage h = _s().history[worker];
        uint256 length = h.length;
        if (offset >= length) return new HistoryEntry[](0);
        uint256 n = length - offset;
        if (limit < n) n = limit;
        entries = new HistoryEntry[](n);
        for (uint256 i; i < n; ++i) {
            entries[i] = h[offset + i];
        }
    }

    /// @inheritdoc IAttestationRegistry
    function sgxEnclaveWorkloadId(bytes32 mrEnclave) external pure returns (bytes32) {
        return WorkloadIds.sgxEnclave(mrEnclave);
    }

    /// @inheritdoc IAttestationRegistry
    function sgxSignerWorkloadId(bytes32 mrSigner, uint16 isvProdId) external pure returns (bytes32) {
        return WorkloadIds.sgxSigner(mrSigner, isvProdId);
    }

    /// @inheritdoc IAttestationRegistry
    function tdxWorkloadId(ITeeVerifier.TdxMeasurements calldata m) external pure returns (bytes32) {
        return WorkloadIds.tdx(m);
    }

    /// @inheritdoc IAttestationRegistry
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    // ------------------------------------------------------------------------------------------------ internals

    /// @dev Verifies new evidence and applies the policy; reverts on any refusal.
    function _verifyNew(
        RegistryStorage storage $,
        ITeeVerifier.TeeType teeType,
        bytes calldata evidence,
        KeyType keyType,
        bytes calldata publicKey,
        uint64 nonce
    ) private view returns (ITeeVerifier.Verdict memory verdict, Accepted memory acc) {
        ITeeVerifier verifier = $.verifiers[teeType];
        if (address(verifier) == address(0)) revert RegistryVerifierNotSet(teeType);
        verdict = verifier.verify(evidence);
        if (verdict.teeType != teeType) revert RegistryTeeTypeMismatch(teeType, verdict.teeType);
        _checkBinding(verdict.reportData, keyType, publicKey, nonce);
        acc = _accept($, verdict);
    }

    function _checkBinding(bytes memory reportData, KeyType keyType, bytes calldata publicKey, uint64 nonce)
        private
        view
    {
        if (reportData.length != 64) revert RegistryReportDataLength(reportData.length);
        bytes32 expected = EnclaveKeys.binding(address(this), msg.sender, keyType, publicKey, nonce);
        bytes32 actual;
        assembly ("memory-safe") {
            actual := mload(add(reportData, 0x20))
        }
        if (actual != expected) revert RegistryReportDataMismatch(expected, actual);
    }

    /// @dev Applies the policy to a verdict: debug refused, TCB status accepted, workload derived and allowed.
    function _accept(RegistryStorage storage $, ITeeVerifier.Verdict memory verdict)
        private
        view
        returns (Accepted memory acc)
    {
        if (verdict.debug) revert RegistryDebugEnclave();
        uint8 mask = $.acceptedTcbMask;
        if (!_tcbAccepted(mask, verdict.tcbStatus)) revert RegistryTcbStatusNotAccepted(verdict.tcbStatus, mask);

        if (verdict.teeType == ITeeVerifier.TeeType.SGX) {
            ITeeVerifier.SgxMeasurements memory m = abi.decode(verdict.measurements, (ITeeVerifier.SgxMeasurements));
            bytes32 byEnclave = WorkloadIds.sgxEnclave(m.mrEnclave);
            Workload storage cfg = $.workloads[byEnclave];
            if (!(cfg.allowed && cfg.teeType == ITeeVerifier.TeeType.SGX)) {
                bytes32 bySigner = WorkloadIds.sgxSigner(m.mrSigner, m.isvProdId);
                cfg = $.workloads[bySigner];
                if (!(cfg.allowed && cfg.teeType == ITeeVerifier.TeeType.SGX)) {
                    revert RegistrySgxWorkloadNotAllowed(byEnclave, bySigner);
                }
                acc.workloadId = bySigner;
            } else {
                acc.workloadId = byEnclave;
            }
            if (m.isvSvn < cfg.minIsvSvn) revert RegistryIsvSvnTooLow(acc.workloadId, m.isvSvn, cfg.minIsvSvn);
            acc.isvSvn = m.isvSvn;
            acc.workloadIndex = cfg.index;
            return acc;
        }
        if (verdict.teeType == ITeeVerifier.TeeType.TDX) {
            ITeeVerifier.TdxMeasurements memory m = abi.decode(verdict.measurements, (ITeeVerifier.TdxMeasurements));
            if (!WorkloadIds.tdxWellFormed(m)) revert RegistryMalformedMeasurements(verdict.teeType);
            acc.workloadId = WorkloadIds.tdx(m);
        } else {
            acc.workloadId = WorkloadIds.generic(verdict.teeType, verdict.measurements);
        }
        Workload storage c = $.workloads[acc.workloadId];
        if (!(c.allowed && c.teeType == verdict.teeType)) revert RegistryWorkloadNotAllowed(acc.workloadId);
        acc.workloadIndex = c.index;
    }

    function _write(
        RegistryStorage storage $,
        Worker storage w,
        ITeeVerifier.Verdict memory verdict,
        Accepted memory acc,
        bytes32 evidenceHash
    ) private {
        w.operator = msg.sender;
        w.attestedAt = uint64(block.timestamp);
        w.teeType = verdict.teeType;
        w.tcbStatus = verdict.tcbStatus;
        w.status = WorkerStatus.Active;
        w.workloadId = acc.workloadId;
        w.workloadIndex = acc.workloadIndex;
        w.expiresAt = uint64(block.timestamp) + $.maxAge;
        // Cannot overflow: one increment per successful attestation, each a transaction.
        unchecked {
            w.nonce += 1;
        }
        w.fmspc = verdict.fmspc;
        w.isvSvn = acc.isvSvn;
        w.evidenceHash = evidenceHash;
        w.advisoryIds = verdict.advisoryIds;
    }

    function _emitAttested(address worker, Worker storage w, uint16[] memory advisoryIds, bool renewal) private {
        if (renewal) {
            emit WorkerRenewed(
                worker, w.operator, w.workloadId, w.teeType, w.tcbStatus, advisoryIds, w.expiresAt, w.evidenceHash
            );
        } else {
            emit WorkerAttested(
                worker, w.operator, w.workloadId, w.teeType, w.tcbStatus, advisoryIds, w.expiresAt, w.evidenceHash
            );
        }
    }

    function _activeWorker(RegistryStorage storage $, address worker) private view returns (Worker storage w) {
        w = $.workers[worker];
        if (w.status == WorkerStatus.None) revert RegistryUnknownWorker(worker);
        if (w.status != WorkerStatus.Active) revert RegistryWorkerNotActive(worker, w.status);
    }

    /// @dev `w.workloadId == workloadId && _isValid(...)`, by index: the worker's slot 0 and the workload's slot.
    function _isAttested(RegistryStorage storage $, address worker, bytes32 workloadId) private view returns (bool) {
        return _isValid($.workers[worker], $.workloads[workloadId], true);
    }

    /// @dev True if `w` is valid now under `cfg`, the config of its workload (if `matchIndex`, of a given workload,
    ///      which must then be `w`'s: an Active worker's index is never 0, so an id never configured matches none).
    ///      Every field is loaded before the first branch, so that each of the two slots (worker slot 0, workload) is
    ///      read once.
    function _isValid(Worker storage w, Workload storage cfg, bool matchIndex) private view returns (bool) {
        bool sameWorkload = w.workloadIndex == cfg.index;
        (WorkerStatus status, ITeeVerifier.TcbStatus tcbStatus, ITeeVerifier.TeeType teeType, uint16 isvSvn) =
            (w.status, w.tcbStatus, w.teeType, w.isvSvn);
        uint256 byPolicy;
        // unchecked: two uint64 values summed in 256 bits cannot overflow (and a checked sum would branch here).
        unchecked {
            byPolicy = uint256(w.attestedAt) + cfg.maxAge;
        }
        uint256 expiresAt = w.expiresAt;
        (bool allowed, ITeeVerifier.TeeType cfgTeeType, uint16 minIsvSvn) = (cfg.allowed, cfg.teeType, cfg.minIsvSvn);
        // The workload's copy of the policy: always equal to the global one (see {Workload}).
        uint8 mask = cfg.acceptedTcbMask;
        return (sameWorkload || !matchIndex) && status == WorkerStatus.Active
            && block.timestamp < (byPolicy < expiresAt ? byPolicy : expiresAt) && _tcbAccepted(mask, tcbStatus) && allowed
            && cfgTeeType == teeType && isvSvn >= minIsvSvn;
    }

    /// @dev `cfg` is the config of the worker's workload.
    function _workloadAllows(Worker storage w, Workload storage cfg) private view returns (bool) {
        return cfg.allowed && cfg.teeType == w.teeType && w.isvSvn >= cfg.minIsvSvn;
    }

    /// @dev The stored expiry, shortened if governance lowered the max age since ({_isValid} computes it inline).
    function _effectiveExpiry(RegistryStorage storage $, Worker storage w) private view returns (uint64) {
        uint64 byPolicy = w.attestedAt + $.maxAge;
        uint64 stored = w.expiresAt;
        return byPolicy < stored ? byPolicy : stored;
    }

    function _tcbAccepted(uint8 mask, ITeeVerifier.TcbStatus status) private pure returns (bool) {
        return mask & (uint8(1) << uint8(status)) != 0;
    }

    function _markExpired(RegistryStorage storage $, address worker, Worker storage w) private {
        w.status = WorkerStatus.Expired;
        _log($, worker, w, HistoryKind.Expired, RevocationReason.None);
        emit WorkerExpired(worker, w.workloadId, _effectiveExpiry($, w));
    }

    function _revoke(
        RegistryStorage storage $,
        address worker,
        Worker storage w,
        RevocationReason reason,
        bytes4 verifierError
    ) private returns (WorkerStatus) {
        w.status = WorkerStatus.Revoked;
        _log($, worker, w, HistoryKind.Revoked, reason);
        emit WorkerRevoked(worker, w.workloadId, reason, verifierError);
        return WorkerStatus.Revoked;
    }

    function _log(RegistryStorage storage $, address worker, Worker storage w, HistoryKind kind, RevocationReason reason)
        private
    {
        $.history[worker].push(
            HistoryEntry({
                kind: kind,
                reason: reason,
                teeType: w.teeType,
                tcbStatus: w.tcbStatus,
                at: uint64(block.timestamp),
                operator: w.operator,
                workloadId: w.workloadId,
                evidenceHash: w.evidenceHash
            })
        );
    }

    function _setAcceptedTcbStatuses(uint8 mask) private {
        if (mask == 0 || mask >> _TCB_STATUS_COUNT != 0) revert RegistryInvalidTcbStatusMask(mask);
        RegistryStorage storage $ = _s();
        $.acceptedTcbMask = mask;
        _syncPolicy($);
        emit AcceptedTcbStatusesSet(mask);
    }

    /// @dev Bounded by the governance-supplied array (not user data).
    function _setInconclusiveErrors(bytes4[] calldata selectors, bool inconclusive) private {
        RegistryStorage storage $ = _s();
        for (uint256 i; i < selectors.length; ++i) {
            $.inconclusiveErrors[selectors[i]] = inconclusive;
            emit InconclusiveErrorSet(selectors[i], inconclusive);
        }
    }

    function _setMaxAttestationAge(uint64 maxAge) private {
        if (maxAge == 0 || maxAge > MAX_ATTESTATION_AGE_LIMIT) revert RegistryInvalidMaxAge(maxAge);
        RegistryStorage storage $ = _s();
        $.maxAge = maxAge;
        _syncPolicy($);
        emit MaxAttestationAgeSet(maxAge);
    }

    /// @dev Copies the global policy into every configured workload (see {Workload}). Governance only, bounded by the
    ///      workload ids governance itself configured (~7k gas each).
    function _syncPolicy(RegistryStorage storage $) private {
        bytes32[] storage ids = $.workloadIds;
        (uint8 mask, uint64 maxAge) = ($.acceptedTcbMask, $.maxAge);
        for (uint256 i; i < ids.length; ++i) {
            Workload storage cfg = $.workloads[ids[i]];
            (cfg.acceptedTcbMask, cfg.maxAge) = (mask, maxAge);
        }
    }

    function _split(bytes calldata publicKey) private pure returns (bytes32 x, bytes32 y) {
        x = bytes32(publicKey[0:32]);
        y = bytes32(publicKey[32:64]);
    }
}
