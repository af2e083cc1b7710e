// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ITeeVerifier} from "./ITeeVerifier.sol";
import {IWorkerRegistry} from "./IWorkerRegistry.sol";

/// @title IAttestationRegistry
/// @notice Registry of workers that proved, with TEE evidence (Intel DCAP quotes now; other TEE kinds later), that they
///         run an allowed workload inside a genuine enclave. Other contracts ask the frozen {IWorkerRegistry} views.
///
///         Binding (what the enclave must put in its 64-byte report data so the evidence cannot be replayed on another
///         chain, registry, operator or key, nor reused for a second attestation):
///         ```
///         reportData[0:32]  = keccak256(abi.encode(
///                                 BINDING_TAG,          // keccak256("phala.attestation.registry.binding.v1")
///                                 block.chainid,        // uint256
///                                 registry,             // address (the proxy)
///                                 operator,             // address that submits the evidence (msg.sender)
///                                 keyType,              // uint8 (IWorkerRegistry.KeyType: 1 secp256k1, 2 P-256)
///                                 publicKey,            // bytes: uncompressed x ‖ y, 64 bytes
///                                 nonce))               // uint64: attestationNonce(worker) at submission
///         reportData[32:64] = free for the workload; not interpreted by the registry
///         ```
///         `reportDataFor` computes it. The nonce counts the worker's successful attestations, so a renewal needs a
///         quote the enclave produced after the previous attestation was recorded (an old quote cannot extend an
///         attestation). The worker id is `address(uint160(uint256(keccak256(publicKey))))` for both key types.
///
///         Workload ids (what governance allows; the registry derives them from the verified measurements):
///         - SGX by enclave: `keccak256(abi.encode(SGX_ENCLAVE_TAG, mrEnclave))`
///         - SGX by signer:  `keccak256(abi.encode(SGX_SIGNER_TAG, mrSigner, isvProdId))`, with a minimum ISVSVN
///           (the enclave id is preferred when both are allowed)
///         - TDX: `keccak256(abi.encode(TDX_TAG, mrTd, mrConfigId, rtmr0, rtmr1, rtmr2, rtmr3, tdAttributes, xfam))`
///           (the 48-byte registers as `bytes`; tdAttributes/xfam as bytes8)
///         - any other TEE kind: `keccak256(abi.encode(GENERIC_TAG, uint8(teeType), measurements))`
///         with the tags `keccak256("phala.attestation.workload.<sgx.enclave|sgx.signer|tdx|generic>.v1")`.
///
///         Re-verification: the registry stores the keccak256 of the evidence of each worker's current attestation and
///         emits the evidence itself in {EvidenceSubmitted}; anyone may resubmit it to `reverify`, which revokes the
///         worker if the verifier now rejects it (e.g. after an Intel TCB recovery) or its TCB status is no longer
///         accepted, marks it expired if its attestation aged out, and revokes it if its workload is no longer allowed.
///         A verifier failure that says nothing about the evidence (starved call, panic, or an error governance marks
///         inconclusive, such as expired or missing collateral) revokes nothing.
interface IAttestationRegistry is IWorkerRegistry {
    /// @notice Lifecycle state of a worker's current attestation.
    enum WorkerStatus {
        None,
        Active,
        Expired,
        Revoked
    }

    /// @notice Why an attestation was revoked.
    enum RevocationReason {
        None,
        EvidenceRejected,
        TcbStatusNotAccepted,
        WorkloadNotAllowed,
        Governance
    }

    /// @notice Kind of an entry of a worker's history.
    enum HistoryKind {
        Attested,
        Renewed,
        Expired,
        Revoked
    }

    /// @notice Governance settings of one workload id.
    /// @param allowed Whether workers may attest (and stay attested) for this workload.
    /// @param teeType The TEE kind the workload runs on (a workload id is only accepted from that kind of evidence).
    /// @param minIsvSvn Minimum SGX ISVSVN (signer-based SGX workloads); zero for every other kind.
    struct WorkloadConfig {
        bool allowed;
        ITeeVerifier.TeeType teeType;
        uint16 minIsvSvn;
    }

    /// @notice A worker's current attestation.
    struct WorkerInfo {
        WorkerStatus status;
        address operator;
        KeyType keyType;
        bytes publicKey;
        ITeeVerifier.TeeType teeType;
        bytes32 workloadId;
        ITeeVerifier.TcbStatus tcbStatus;
        uint16[] advisoryIds;
        bytes6 fmspc;
        uint16 isvSvn;
        uint64 attestedAt;
        uint64 expiresAt;
        uint64 nonce;
        bytes32 evidenceHash;
    }

    /// @notice One append-only entry of a worker's history.
    struct HistoryEntry {
        HistoryKind kind;
        RevocationReason reason;
        ITeeVerifier.TeeType teeType;
        ITeeVerifier.TcbStatus tcbStatus;
        uint64 at;
        address operator;
        bytes32 workloadId;
        bytes32 evidenceHash;
    }

    // ---------------------------------------------------------------- events

    /// @notice Emitted when `worker` attests while it had no valid attestation (first time, or after expiry/revocation).
    event WorkerAttested(
        address indexed worker,
        address indexed operator,
        bytes32 indexed workloadId,
        ITeeVerifier.TeeType teeType,
        ITeeVerifier.TcbStatus tcbStatus,
        uint16[] advisoryIds,
        uint64 expiresAt,
        bytes32 evidenceHash
    );

    /// @notice Emitted when `worker` attests again while its previous attestation was still valid.
    event WorkerRenewed(
        address indexed worker,
        address indexed operator,
        bytes32 indexed workloadId,
        ITeeVerifier.TeeType teeType,
        ITeeVerifier.TcbStatus tcbStatus,
        uint16[] advisoryIds,
        uint64 expiresAt,
        bytes32 evidenceHash
    );

    /// @notice Emitted with the evidence of every successful attestation, so anyone can resubmit it to `reverify`.
    event EvidenceSubmitted(address indexed worker, bytes32 indexed evidenceHash, bytes evidence);

    /// @notice Emitted when `worker`'s attestation is found expired (its max age passed) and marked so.
    event WorkerExpired(address indexed worker, bytes32 indexed workloadId, uint64 expiresAt);

    /// @notice Emitted when `worker`'s attestation is revoked. `verifierError` is the selector of the verifier's error
    ///         when `reason` is EvidenceRejected (zero otherwise).
    event WorkerRevoked(
        address indexed worker, bytes32 indexed workloadId, RevocationReason reason, bytes4 verifierError
    );

    /// @notice Emitted when governance sets the verifier of a TEE kind (zero address: none, registrations refused).
    event VerifierSet(ITeeVerifier.TeeType indexed teeType, address verifier);

    /// @notice Emitted when governance configures a workload id.
    event WorkloadSet(bytes32 indexed workloadId, bool allowed, ITeeVerifier.TeeType teeType, uint16 minIsvSvn);

    /// @notice Emitted when governance sets the accepted TCB statuses (bit i set: `TcbStatus(i)` accepted).
    event AcceptedTcbStatusesSet(uint8 mask);

    /// @notice Emitted when governance sets the maximum age of an attestation.
    event MaxAttestationAgeSet(uint64 maxAge);

    /// @notice Emitted when governance marks a verifier error as inconclusive (or no longer) for `reverify`.
    event InconclusiveErrorSet(bytes4 indexed selector, bool inconclusive);

    // ---------------------------------------------------------------- errors

    /// @notice Thrown when a key type other than secp256k1 or P-256 is given.
    error RegistryUnsupportedKeyType(KeyType keyType);

    /// @notice Thrown when the public key is not 64 bytes or not a point of its curve.
    error RegistryInvalidPublicKey(KeyType keyType, bytes publicKey);

    /// @notice Thrown when no verifier is set for the TEE kind.
    error RegistryVerifierNotSet(ITeeVerifier.TeeType teeType);

    /// @notice Thrown when the verifier returns a verdict for another TEE kind than the one asked for.
    error RegistryTeeTypeMismatch(ITeeVerifier.TeeType expected, ITeeVerifier.TeeType actual);

    /// @notice Thrown when the verdict's report data is not 64 bytes.
    error RegistryReportDataLength(uint256 length);

    /// @notice Thrown when reportData[0:32] is not the binding of this chain, registry, operator, key and nonce.
    error RegistryReportDataMismatch(bytes32 expected, bytes32 actual);

    /// @notice Thrown when the evidence comes from a debug enclave / TD.
    error RegistryDebugEnclave();

    /// @notice Thrown when the evidence's TCB status is not accepted by the policy.
    error RegistryTcbStatusNotAccepted(ITeeVerifier.TcbStatus status, uint8 acceptedMask);

    /// @notice Thrown when the derived workload id is not allowed for the evidence's TEE kind.
    error RegistryWorkloadNotAllowed(bytes32 workloadId);

    /// @notice Thrown when neither the enclave- nor the signer-derived id of SGX evidence is allowed.
    error RegistrySgxWorkloadNotAllowed(bytes32 enclaveWorkloadId, bytes32 signerWorkloadId);

    /// @notice Thrown when an SGX enclave's ISVSVN is below the workload's minimum.
    error RegistryIsvSvnTooLow(bytes32 workloadId, uint16 isvSvn, uint16 minIsvSvn);

    /// @notice Thrown when the measurements of the verdict cannot be decoded (wrong register length).
    error RegistryMalformedMeasurements(ITeeVerifier.TeeType teeType);

    /// @notice Thrown when a worker the call needs is unknown.
    error RegistryUnknownWorker(address worker);

    /// @notice Thrown when `reverify` or `revokeWorker` is called on a worker that is not Active.
    error RegistryWorkerNotActive(address worker, WorkerStatus status);

    /// @notice Thrown when the evidence resubmitted to `reverify` is not the one of the worker's current attestation.
    error RegistryEvidenceMismatch(address worker, bytes32 expected, bytes32 actual);

    /// @notice Thrown when `reverify` finds the worker's attestation still valid (nothing to do).
    error RegistryWorkerStillValid(address worker);

    /// @notice Thrown when `reverify` cannot conclude: the verifier failed without a typed error, panicked, ran out of
    ///         gas (a rejected evidence cannot be told from a starved call: retry with more gas), or failed with an
    ///         error governance marked inconclusive (missing or stale collateral is the chain's problem, not the
    ///         worker's: upload fresh collateral and retry). Nothing is revoked.
    error RegistryReverificationInconclusive(address worker, bytes revertData);

    /// @notice Thrown when governance sets an accepted-TCB mask that is empty or names an unknown status.
    error RegistryInvalidTcbStatusMask(uint8 mask);

    /// @notice Thrown when governance sets a maximum attestation age of zero or above `MAX_ATTESTATION_AGE_LIMIT`.
    error RegistryInvalidMaxAge(uint64 maxAge);

    /// @notice Thrown when governance configures a new workload id beyond the `max` ids the registry keeps (see
    ///         {MAX_WORKLOADS}).
    error RegistryTooManyWorkloads(uint256 max);

    /// @notice Thrown when governance sets a zero workload id, or a minimum ISVSVN for a non-SGX workload.
    error RegistryInvalidWorkloadConfig(bytes32 workloadId, ITeeVerifier.TeeType teeType, uint16 minIsvSvn);

    // ---------------------------------------------------------------- worker entry points

    /// @notice Attests (or renews) the worker whose enclave key is `publicKey`, with `evidence` checked by the verifier
    ///         of `teeType`. The caller becomes the worker's operator; the evidence's report data must bind the caller
    ///         (see the binding above). Emits {WorkerAttested} or {WorkerRenewed}, and {EvidenceSubmitted}.
    /// @dev Reverts with the verifier's typed error if the evidence does not verify, and with a registry error if the
    ///      binding, debug flag, TCB status or workload is refused. Nothing is stored on failure. Not when paused.
    /// @param teeType Kind of TEE (selects the verifier).
    /// @param evidence The evidence in the verifier's format (e.g. a DCAP quote, full or compact).
    /// @param keyType Type of the enclave signing key.
    /// @param publicKey Uncompressed enclave public key x ‖ y (64 bytes).
    /// @return worker The worker id (address of the enclave key).
    function register(ITeeVerifier.TeeType teeType, bytes calldata evidence, KeyType keyType, bytes calldata publicKey)
        external
        returns (address worker);

    /// @notice Re-checks `worker`'s current attestation; anyone may call. Marks it Expired (emits {WorkerExpired}) if
    ///         its max age passed; revokes it (emits {WorkerRevoked}) if its workload or TCB status is no longer
    ///         allowed, or if `evidence` (which must hash to the stored evidence hash; ignored in the two previous
    ///         cases) no longer verifies under the current collateral or yields a TCB status the policy refuses.
    /// @dev Reverts with RegistryWorkerStillValid when there is nothing to revoke. A verifier failure without a typed
    ///      error, or with too little gas left to rule out starvation, reverts RegistryReverificationInconclusive.
    ///      Not when paused (a paused registry protects workers from a faulty verifier).
    /// @return status The worker's new status (Expired or Revoked).
    function reverify(address worker, bytes calldata evidence) external returns (WorkerStatus status);

    // ---------------------------------------------------------------- governance

    /// @notice Revokes `worker`'s attestation (e.g. a compromised platform). Restricted (governance).
    function revokeWorker(address worker) external;

    /// @notice Sets the verifier of `teeType` (zero address: none). Restricted (governance).
    function setVerifier(ITeeVerifier.TeeType teeType, ITeeVerifier verifier) external;

    /// @notice Allows or disallows `workloadId` for evidence of `teeType`. Restricted (governance).
    /// @dev Disallowing takes effect immediately in the views; `minIsvSvn` must be zero unless `teeType` is SGX. At
    ///      most {MAX_WORKLOADS} distinct ids are ever configured (an id, once configured, is kept: disallow it to retire
    ///      it).
    function setWorkload(bytes32 workloadId, bool allowed, ITeeVerifier.TeeType teeType, uint16 minIsvSvn) external;

    /// @notice Sets which TCB statuses are accepted: bit i accepts `TcbStatus(i)`. Restricted (governance).
    /// @dev Takes effect immediately in the views. Gas grows with the number of workload ids ever configured (each keeps
    ///      a copy of the policy, so that the validity check reads one slot less).
    function setAcceptedTcbStatuses(uint8 mask) external;

    /// @notice Marks verifier errors (by selector) as inconclusive for `reverify`, or no longer. Restricted (governance).
    /// @dev For the DCAP verifier: the collateral-availability and freshness errors (CrlMissing, CrlExpired,
    ///      TcbInfoNotFound, TcbInfoExpired, QeIdentityNotFound, QeIdentityExpired, TcbSigningCertMissing,
    ///      CertIssuerUnknown, PckLeafNotCached), so that stale on-chain collateral never revokes a worker.
    function setInconclusiveErrors(bytes4[] calldata selectors, bool inconclusive) external;

    /// @notice Sets the maximum age of an attestation, in seconds. Restricted (governance).
    /// @dev Applies to new attestations and, if shorter, immediately to existing ones in the views. Gas grows with the
    ///      number of workload ids ever configured, as for {setAcceptedTcbStatuses}.
    function setMaxAttestationAge(uint64 maxAge) external;

    // ---------------------------------------------------------------- views

    /// @notice Upper bound of `setMaxAttestationAge` (one year).
    function MAX_ATTESTATION_AGE_LIMIT() external view returns (uint64);

    /// @notice How many distinct workload ids governance may ever configure. It bounds the policy copy of
    ///         {setAcceptedTcbStatuses} and {setMaxAttestationAge} (~7k gas an id: ~7.3M at the bound), so the TCB
    ///         recovery lever always fits in a block.
    function MAX_WORKLOADS() external view returns (uint256);

    /// @notice The verifier of `teeType` (zero if none).
    function verifierOf(ITeeVerifier.TeeType teeType) external view returns (ITeeVerifier);

    /// @notice The configuration of `workloadId`.
    function workloadConfig(bytes32 workloadId) external view returns (WorkloadConfig memory);

    /// @notice Accepted TCB statuses (bit i: `TcbStatus(i)`).
    function acceptedTcbStatuses() external view returns (uint8);

    /// @notice Maximum age of an attestation, in seconds.
    function maxAttestationAge() external view returns (uint64);

    /// @notice True if `reverify` treats the verifier error `selector` as inconclusive.
    function isInconclusiveError(bytes4 selector) external view returns (bool);

    /// @notice The 64-byte report data binding the enclave must produce to attest `publicKey` for `operator` now
    ///         (second half zero; the registry does not read it).
    function reportDataFor(address operator, KeyType keyType, bytes calldata publicKey)
        external
        view
        returns (bytes memory reportData);

    /// @notice The nonce the next attestation of `worker` must bind (its number of successful attestations).
    function attestationNonce(address worker) external view returns (uint64);

    /// @notice The worker id of an uncompressed 64-byte public key.
    function workerIdOf(bytes calldata publicKey) external pure returns (address);

    /// @notice The full record of `worker`'s current attestation.
    function workerInfo(address worker) external view returns (WorkerInfo memory);

    /// @notice Status of `worker` at this block (Active turns Expired in this view once the max age has passed).
    function statusOf(address worker) external view returns (WorkerStatus);

    /// @notice When `worker`'s current attestation stops being valid under the current max age (zero if unknown).
    function expiresAtOf(address worker) external view returns (uint64);

    /// @notice Number of entries in `worker`'s history.
    function historyLength(address worker) external view returns (uint256);

    /// @notice Up to `limit` history entries of `worker` starting at index `offset` (oldest first); fewer at the end.
    function history(address worker, uint256 offset, uint256 limit) external view returns (HistoryEntry[] memory);

    /// @notice Workload id of SGX enclaves with this MRENCLAVE.
    function sgxEnclaveWorkloadId(bytes32 mrEnclave) external pure returns (bytes32);

    /// @notice Workload id of SGX enclaves signed by `mrSigner` with product id `isvProdId`.
    function sgxSignerWorkloadId(bytes32 mrSigner, uint16 isvProdId) external pure returns (bytes32);

    /// @notice Workload id of TDX trust domains with these measurements.
    function tdxWorkloadId(ITeeVerifier.TdxMeasurements calldata m) external pure returns (bytes32);

    /// @notice Semantic version of this contract.
    function version() external view returns (string memory);
}
