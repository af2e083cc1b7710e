// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title IDcapErrors
/// @notice Every typed error of the on-chain Intel DCAP stack (parsers, collateral store, quote verifier), in one place
///         so both contracts' ABIs carry all of them and the SDK decodes any revert.
/// @dev Mapping to the implementation-neutral error classes of the shared DCAP vectors (`vectors/README.md`):
///      QuoteFormat                -> QuoteTruncated, QuoteLengthInvalid, QuoteCertDataInvalid, QuoteCertTypeUnsupported
///      UnsupportedVersion         -> QuoteVersionUnsupported
///      UnsupportedKeyType         -> QuoteKeyTypeUnsupported
///      QuoteSignatureInvalid      -> QuoteSignatureInvalid
///      QeReportSignatureInvalid   -> QeReportSignatureInvalid
///      QeReportDataMismatch       -> QeReportDataMismatch
///      QeIdentityMismatch         -> QeIdentityMismatch
///      CollateralSignatureInvalid -> CollateralSignatureInvalid
///      CollateralExpired          -> TcbInfoExpired, QeIdentityExpired
///      CollateralNotYetValid      -> TcbInfoNotYetValid, QeIdentityNotYetValid
///      CrlExpired                 -> CrlExpired
///      CrlNotYetValid             -> CrlNotYetValid
///      CrlMissing                 -> CrlMissing
///      CrlMismatch                -> CrlIssuerUnknown
///      CertChainInvalid           -> CertSignatureInvalid, CertIssuerUnknown, CertNotCa, PckChainMismatch,
///                                    PckLeafNotCached
///      CertificateExpired         -> CertificateExpired, CertificateNotYetValid
///      CertRevoked                -> CertRevoked
///      CollateralMismatch         -> TcbInfoNotFound, QeIdentityNotFound, PceIdMismatch, TdxModuleNotFound,
///                                    TdxModuleMismatch (the store is keyed by TEE type + FMSPC, so collateral of
///                                    another platform or TEE type is simply not found)
///      TcbLevelNotFound           -> TcbLevelNotFound, QeTcbLevelNotFound, TdxModuleTcbLevelNotFound
///      TcbRevoked                 -> TcbRevoked
///      (malformed DER / JSON / base64 inside uploads: DerMalformed, DerUnexpectedTag, X509Unsupported, JsonMalformed,
///      JsonFieldInvalid, PemMalformed)
interface IDcapErrors {
    // ---------------------------------------------------------------- parsers
    /// @notice Thrown when DER input is truncated or has an invalid length encoding at `offset`.
    error DerMalformed(uint256 offset);
    /// @notice Thrown when a DER element at `offset` has tag `actual` where `expected` was required.
    error DerUnexpectedTag(uint256 offset, uint8 expected, uint8 actual);
    /// @notice Thrown when a certificate or CRL uses an algorithm, key or field form this verifier does not accept.
    error X509Unsupported(uint256 offset);
    /// @notice Thrown when a certificate lacks a required Intel SGX extension field (`field` = sub-OID last arc).
    error SgxExtensionMissing(uint8 field);
    /// @notice Thrown when JSON collateral is malformed at byte `offset`.
    error JsonMalformed(uint256 offset);
    /// @notice Thrown when a JSON collateral field `field` (first 32 bytes of its key) has an invalid value.
    error JsonFieldInvalid(bytes32 field);
    /// @notice Thrown when a PEM block cannot be decoded.
    error PemMalformed();

    // ---------------------------------------------------------------- quote format
    /// @notice Thrown when the quote is shorter than `needed` bytes (`length` given).
    error QuoteTruncated(uint256 length, uint256 needed);
    /// @notice Thrown when a length field inside the quote is inconsistent (`at` = byte offset of the field).
    error QuoteLengthInvalid(uint256 at, uint256 value);
    /// @notice Thrown for a quote version / TEE type pair this verifier does not support.
    error QuoteVersionUnsupported(uint16 version, uint32 teeType);
    /// @notice Thrown for an attestation key type other than 2 (ECDSA-256-with-P-256).
    error QuoteKeyTypeUnsupported(uint16 keyType);
    /// @notice Thrown for a certification data type other than 5 (PEM chain), 6 (QE report) or 256 (compact leaf id).
    error QuoteCertTypeUnsupported(uint16 certType);
    /// @notice Thrown when the PEM certification data does not hold a PCK certificate.
    error QuoteCertDataInvalid();

    // ---------------------------------------------------------------- signatures / QE
    /// @notice Thrown when the quote signature does not verify with the attestation key.
    error QuoteSignatureInvalid();
    /// @notice Thrown when the QE report signature does not verify with the PCK leaf key.
    error QeReportSignatureInvalid();
    /// @notice Thrown when QE REPORTDATA is not SHA-256(attestation key || QE auth data) || 32 zero bytes.
    error QeReportDataMismatch(bytes32 expected, bytes32 actual);
    /// @notice Thrown when the QE report does not match the QE identity (MRSIGNER, ISVPRODID, MISCSELECT, ATTRIBUTES).
    error QeIdentityMismatch(uint8 field);

    // ---------------------------------------------------------------- certificates / CRLs
    /// @notice Thrown when a certificate's or CRL's signature does not verify with its issuer key.
    error CertSignatureInvalid(bytes32 subjectHash);
    /// @notice Thrown when the issuer (by Name hash) of a certificate is not a known, verified CA.
    error CertIssuerUnknown(bytes32 issuerNameHash);
    /// @notice Thrown when a certificate uploaded as a CA is not the pinned root's direct child.
    error CertNotCa(bytes32 subjectHash);
    /// @notice Thrown when a certificate (`subjectHash`) is outside its validity window at `time`.
    error CertificateExpired(bytes32 subjectHash, uint256 notAfter, uint256 time);
    /// @notice Thrown when a certificate (`subjectHash`) is not yet valid at `time`.
    error CertificateNotYetValid(bytes32 subjectHash, uint256 notBefore, uint256 time);
    /// @notice Thrown when a certificate's serial is listed in its issuer's CRL.
    error CertRevoked(bytes32 issuerNameHash, uint256 serial);
    /// @notice Thrown when no CRL of CA `issuerNameHash` is stored.
    error CrlMissing(bytes32 issuerNameHash);
    /// @notice Thrown when a CRL's issuer is neither the pinned root nor a stored CA.
    error CrlIssuerUnknown(bytes32 issuerNameHash);
    /// @notice Thrown when the CRL of `issuerNameHash` is past its nextUpdate at `time`.
    error CrlExpired(bytes32 issuerNameHash, uint256 nextUpdate, uint256 time);
    /// @notice Thrown when the CRL of `issuerNameHash` is before its thisUpdate at `time`.
    error CrlNotYetValid(bytes32 issuerNameHash, uint256 thisUpdate, uint256 time);
    /// @notice Thrown when a CRL holds more revoked entries than one code blob can store.
    error CrlTooLarge(uint256 entries);
    /// @notice Thrown when the CA or root certificate carried in a quote's PEM chain (`derHash`) is not the one the
    ///         store verified.
    error PckChainMismatch(bytes32 derHash);
    /// @notice Thrown when a compact quote references a PCK leaf id that is not cached.
    error PckLeafNotCached(bytes32 leafId);

    // ---------------------------------------------------------------- TCB info / QE identity
    /// @notice Thrown when a TCB info / QE identity signature does not verify with the TCB signing key.
    error CollateralSignatureInvalid(bytes32 bodyHash);
    /// @notice Thrown when no TCB signing certificate is stored.
    error TcbSigningCertMissing();
    /// @notice Thrown when no TCB info is stored for (`teeType`, `fmspc`) (0 = SGX, 1 = TDX).
    error TcbInfoNotFound(uint8 teeType, bytes6 fmspc);
    /// @notice Thrown when no QE identity is stored for `teeType` (0 = QE for SGX, 1 = TD_QE for TDX).
    error QeIdentityNotFound(uint8 teeType);
    /// @notice Thrown when the TCB info of (`teeType`, `fmspc`) is past nextUpdate at `time`.
    error TcbInfoExpired(uint8 teeType, bytes6 fmspc, uint256 nextUpdate, uint256 time);
    /// @notice Thrown when the TCB info of (`teeType`, `fmspc`) is before its issueDate at `time`.
    error TcbInfoNotYetValid(uint8 teeType, bytes6 fmspc, uint256 issueDate, uint256 time);
    /// @notice Thrown when the QE identity of `teeType` is past nextUpdate at `time`.
    error QeIdentityExpired(uint8 teeType, uint256 nextUpdate, uint256 time);
    /// @notice Thrown when the QE identity of `teeType` is before its issueDate at `time`.
    error QeIdentityNotYetValid(uint8 teeType, uint256 issueDate, uint256 time);
    /// @notice Thrown when an upload is not newer than what is stored (evaluation number, then issue date / thisUpdate).
    error CollateralNotNewer(bytes32 key, uint256 storedVersion, uint256 offeredVersion);
    /// @notice Thrown when the TCB info / QE identity id or version is not supported.
    error CollateralKindUnsupported(bytes32 id, uint256 version);
    /// @notice Thrown when the PCE id of the PCK certificate differs from the TCB info's.
    error PceIdMismatch(bytes2 pckPceId, bytes2 tcbInfoPceId);

    // ---------------------------------------------------------------- TCB evaluation
    /// @notice Thrown when no TCB level of the TCB info matches the platform (Intel: STATUS_TCB_NOT_SUPPORTED).
    error TcbLevelNotFound(bytes6 fmspc);
    /// @notice Thrown when no QE identity TCB level matches the QE ISVSVN.
    error QeTcbLevelNotFound(uint16 isvSvn);
    /// @notice Thrown when the TD report's TDX module version has no identity in the TCB info.
    error TdxModuleNotFound(uint8 moduleVersion);
    /// @notice Thrown when MRSIGNERSEAM / SEAMATTRIBUTES differ from the TDX module identity.
    error TdxModuleMismatch();
    /// @notice Thrown when no TDX module TCB level matches the module's ISVSVN.
    error TdxModuleTcbLevelNotFound(uint8 isvSvn);
    /// @notice Thrown when the matching TCB level (platform `what` = 0, QE = 1, TDX module = 2) is Revoked.
    error TcbRevoked(uint8 what);
}
