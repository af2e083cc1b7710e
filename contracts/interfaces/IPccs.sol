// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {IDcapErrors} from "./IDcapErrors.sol";

/// @title IPccs
/// @notice On-chain Intel collateral store (PCCS). Anyone may upload Intel collateral; each upload is verified once
///         (signature chain to the pinned Intel SGX Root CA, validity window at the time of upload, correct issuer,
///         revocation) and stored in compact parsed form (code blobs, SSTORE2-style) so that quote verification reads
///         a few packed words and never parses ASN.1, JSON or base64.
/// @dev Upload order for a fresh store: root CRL -> PCK CA certificates (Platform / Processor) and the TCB signing
///      certificate -> PCK CRLs -> TCB infos and QE identities -> (optional) PCK leaf certificates.
///      Replacement rules (never backwards): a CRL replaces its CA's stored CRL only with a later thisUpdate; a TCB
///      info / QE identity only with a higher tcbEvaluationDataNumber, or the same number and a later issueDate; a CA
///      or TCB signing certificate only with a later notBefore. Anything else reverts with `CollateralNotNewer`.
///      Revocation is permanent in Intel's PKI (no certificateHold), and every check is repeated at verification time
///      against the then-stored CRLs, so a cached certificate revoked later fails from the next CRL upload on.
///      The store has no owner and no settable parameter: the root key is pinned at construction.
interface IPccs is IDcapErrors {
    /// @notice Emitted when the root CA CRL or a PCK CA's CRL is stored.
    event CrlUploaded(bytes32 indexed issuerNameHash, uint40 thisUpdate, uint40 nextUpdate, uint256 revokedCount);
    /// @notice Emitted when a PCK CA certificate (child of the root) is stored.
    event CaCertificateUploaded(bytes32 indexed subjectNameHash, uint8 indexed caIndex, uint40 notBefore, uint40 notAfter);
    /// @notice Emitted when the TCB signing certificate is stored.
    event TcbSigningCertificateUploaded(bytes32 indexed subjectNameHash, uint40 notBefore, uint40 notAfter);
    /// @notice Emitted when a TCB info is stored for (teeType, fmspc).
    event TcbInfoUploaded(uint8 indexed teeType, bytes6 indexed fmspc, uint32 evaluationDataNumber, uint40 issueDate, uint40 nextUpdate);
    /// @notice Emitted when a QE (teeType 0) or TD_QE (teeType 1) identity is stored.
    event QeIdentityUploaded(uint8 indexed teeType, uint32 evaluationDataNumber, uint40 issueDate, uint40 nextUpdate);
    /// @notice Emitted when a PCK leaf certificate is verified and cached.
    event PckCertificateCached(bytes32 indexed leafId, bytes6 indexed fmspc, uint8 caIndex, bytes32 pemHash);

    /// @notice Packed words the quote verifier reads (layouts in `Pccs`).
    struct HotCollateral {
        uint256 leaf; // [0,160) leaf blob | [160,208) fmspc | [208,216) CA index | [216] revoked
        uint256 ca; // [0,160) CA CRL blob | [160,200) validFrom | [200,240) validUntil | [240,248) revocation flags
        uint256 tcbInfo; // [0,160) blob | [160,192) evaluation data number | [192,232) issueDate
        uint256 qeIdentity; // same layout
    }

    /// @notice The pinned root key's certificate subject Name hash (keccak256 of the DER Name).
    function rootNameHash() external view returns (bytes32);

    /// @notice Uploads a CRL (DER) of the root CA or of a stored PCK CA; verified with the issuer's key.
    function uploadCrl(bytes calldata der) external;

    /// @notice Uploads a PCK CA certificate (DER) issued by the root (cA = TRUE); needs a fresh root CRL.
    /// @return caIndex The CA's index (1-based) used by cached leaf records.
    function uploadCaCertificate(bytes calldata der) external returns (uint8 caIndex);

    /// @notice Uploads the Intel SGX TCB Signing certificate (DER, issued by the root, not a CA).
    function uploadTcbSigningCertificate(bytes calldata der) external;

    /// @notice Uploads a TCB info: `body` = the exact signed JSON bytes of the `tcbInfo` object, `signature` = r||s.
    function uploadTcbInfo(bytes calldata body, bytes calldata signature) external;

    /// @notice Uploads a QE / TD_QE identity: `body` = the exact signed `enclaveIdentity` JSON, `signature` = r||s.
    function uploadQeIdentity(bytes calldata body, bytes calldata signature) external;

    /// @notice Verifies a PCK leaf certificate against its stored CA, the CRLs and its validity window, and caches it
    ///         so quotes can reference it by id (compact form). `cert` is the leaf's DER, one PEM block, or a quote's
    ///         whole type-5 certification data (PEM leaf + PCK CA + root; the carried CA and root must equal the
    ///         stored ones), in which case keccak256(cert) is also recorded so full quotes carrying the same chain find
    ///         the leaf without decoding it.
    /// @return leafId keccak256 of the certificate's DER.
    function cachePckCertificate(bytes calldata cert) external returns (bytes32 leafId);

    /// @notice Verifies a PCK leaf certificate (signature by a stored CA, structure, not listed in the CA's stored
    ///         CRL) without caching it; the caller checks the validity windows as for a cached leaf.
    /// @return leafId keccak256 of the DER.
    /// @return leafBlob The record a cached leaf would hold.
    /// @return hot The hot words for this leaf (`hot.leaf` = 0).
    function evaluatePckCertificate(bytes calldata cert, uint8 teeType)
        external
        view
        returns (bytes32 leafId, bytes memory leafBlob, HotCollateral memory hot);

    /// @notice Hot words for a cached leaf (`key` = leaf id, or the keccak256 of a quote's certification data if
    ///         `byPem`).
    /// @return leafId The resolved leaf id (0 if not cached).
    function hotCollateral(bytes32 key, bool byPem, uint8 teeType)
        external
        view
        returns (bytes32 leafId, HotCollateral memory hot);

    /// @notice Reverts with the precise error if the PKI behind CA `caIndex` is not valid now: CA certificate window
    ///         and root revocation, root CRL present and fresh, the CA's CRL present and fresh, TCB signing certificate
    ///         present, in its window and not revoked. The hot path checks the same as one packed window and calls
    ///         this only to name a failure.
    function checkPki(uint8 caIndex) external view;

    /// @notice Subject Name hash and serial of the CA at `caIndex` (for error reporting).
    function caInfo(uint8 caIndex) external view returns (bytes32 nameHash, uint160 serial);

    /// @notice Subject Name hash and serial of the stored TCB signing certificate.
    function tcbSignerInfo() external view returns (bytes32 nameHash, uint160 serial);
}
