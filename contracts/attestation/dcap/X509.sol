// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {IDcapErrors} from "../../interfaces/IDcapErrors.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {P256} from "@openzeppelin/contracts/utils/cryptography/P256.sol";
import {Der} from "./Der.sol";

/// @title X509
/// @notice Parses the X.509 certificates of Intel's SGX PKI (ECDSA P-256 / SHA-256 only), their basic constraints
///         and the Intel SGX PCK extension (OID 1.2.840.113741.1.13.1: FMSPC, PCE-ID, TCB components, PCESVN).
/// @dev Pure and bounds-checked; used only at upload / caching time, never on the quote hot path.
library X509 {
    /// @notice The fields of a certificate the collateral store needs.
    struct Certificate {
        bytes32 tbsHash; // SHA-256 of the TBSCertificate TLV (what the issuer signed)
        bytes32 sigR;
        bytes32 sigS;
        uint160 serial;
        bytes32 issuerHash; // keccak256 of the issuer Name TLV
        bytes32 subjectHash; // keccak256 of the subject Name TLV
        uint40 notBefore;
        uint40 notAfter;
        bytes32 pkX;
        bytes32 pkY;
        uint256 extStart; // content range of the [3] extensions SEQUENCE (0,0 if absent)
        uint256 extEnd;
    }

    /// @notice The Intel SGX PCK extension fields used by TCB evaluation.
    struct PckExtension {
        bytes16 tcbComponents; // sgxTcbComp01Svn..16Svn, one byte each
        uint16 pceSvn;
        bytes2 pceId;
        bytes6 fmspc;
    }

    // OID contents (without tag/length)
    bytes32 private constant OID_ECDSA_SHA256 = hex"2a8648ce3d040302"; // 1.2.840.10045.4.3.2 (8 bytes)
    bytes32 private constant OID_EC_PUBLIC_KEY = hex"2a8648ce3d0201"; // 1.2.840.10045.2.1 (7 bytes)
    bytes32 private constant OID_PRIME256V1 = hex"2a8648ce3d030107"; // 1.2.840.10045.3.1.7 (8 bytes)
    bytes32 private constant OID_BASIC_CONSTRAINTS = hex"551d13"; // 2.5.29.19 (3 bytes)
    bytes32 private constant OID_SGX_EXTENSION = hex"2a864886f84d010d01"; // 1.2.840.113741.1.13.1 (9 bytes)

    /// @notice Parses a DER certificate.
    function parse(bytes memory der) public view returns (Certificate memory c) {
        (uint256 cs, uint256 ce) = Der.expect(der, 0, der.length, Der.TAG_SEQUENCE);
        // tbsCertificate
        (uint256 ts, uint256 te) = Der.expect(der, cs, ce, Der.TAG_SEQUENCE);
        c.tbsHash = Der.sha256Range(der, cs, te);
        uint256 p = ts;
        (uint8 tag, uint256 s, uint256 e) = Der.header(der, p, te);
        if (tag == 0xa0) {
            p = e; // [0] EXPLICIT version
            (tag, s, e) = Der.header(der, p, te);
        }
        if (tag != Der.TAG_INTEGER) revert IDcapErrors.DerUnexpectedTag(p, Der.TAG_INTEGER, tag);
        c.serial = uint160(Der.readUnsigned(der, s, e, 20));
        p = e;
        (, p) = Der.expect(der, p, te, Der.TAG_SEQUENCE); // signature AlgorithmIdentifier (checked on the outer one)
        (s, e) = Der.expect(der, p, te, Der.TAG_SEQUENCE); // issuer
        c.issuerHash = Der.hashRange(der, p, e);
        p = e;
        (s, e) = Der.expect(der, p, te, Der.TAG_SEQUENCE); // validity
        uint256 q;
        (c.notBefore, q) = Der.readTime(der, s, e);
        (c.notAfter, q) = Der.readTime(der, q, e);
        p = e;
        (s, e) = Der.expect(der, p, te, Der.TAG_SEQUENCE); // subject
        c.subjectHash = Der.hashRange(der, p, e);
        p = e;
        (s, e) = Der.expect(der, p, te, Der.TAG_SEQUENCE); // subjectPublicKeyInfo
        (c.pkX, c.pkY) = _readSpki(der, s, e);
        p = e;
        while (p < te) {
            (tag, s, e) = Der.header(der, p, te);
            if (tag == 0xa3) {
                (c.extStart, c.extEnd) = Der.expect(der, s, e, Der.TAG_SEQUENCE);
            }
            p = e;
        }
        p = te;
        // signatureAlgorithm
        (s, e) = Der.expect(der, p, ce, Der.TAG_SEQUENCE);
        _expectOid(der, s, e, OID_ECDSA_SHA256, 8);
        p = e;
        (c.sigR, c.sigS) = readEcdsaSignature(der, p, ce);
    }

    /// @notice Decodes a PEM chain (`-----BEGIN CERTIFICATE-----` blocks separated / followed by whitespace or NUL
    ///         bytes, as in a quote's type-5 certification data) into the DER of each certificate (at most 4).
    function decodePemChain(bytes memory pem) public pure returns (bytes[] memory ders) {
        bytes[] memory tmp = new bytes[](4);
        uint256 n;
        uint256 p;
        uint256 len = pem.length;
        while (true) {
            // skip separators
            while (p < len) {
                uint8 c = Der.byteAt(pem, p);
                if (c != 0x0a && c != 0x0d && c != 0x20 && c != 0x00) break;
                ++p;
            }
            if (p == len) break;
            if (n == 4 || p + 52 > len || bytes27(_loadWord(pem, p, 27)) != bytes27("-----BEGIN CERTIFICATE-----")) {
                revert IDcapErrors.PemMalformed();
            }
            p += 27;
            (tmp[n++], p) = _decodeBlockBody(pem, p);
            if (p + 25 > len || bytes25(_loadWord(pem, p, 25)) != bytes25("-----END CERTIFICATE-----")) {
                revert IDcapErrors.PemMalformed();
            }
            p += 25;
        }
        ders = tmp;
        assembly ("memory-safe") {
            mstore(ders, n)
        }
    }

    /// @dev Base64 body from `p` up to the first '-' (line breaks skipped); returns the DER and the '-' offset.
    function _decodeBlockBody(bytes memory pem, uint256 p) private pure returns (bytes memory der, uint256 end) {
        bytes memory b64 = new bytes(pem.length - p);
        uint256 k;
        bool bad;
        assembly ("memory-safe") {
            let src := add(pem, 32)
            let dst := add(b64, 32)
            let len := mload(pem)
            end := len
            for { let i := p } lt(i, len) { i := add(i, 1) } {
                let ch := byte(0, mload(add(src, i)))
                if eq(ch, 0x2d) {
                    end := i
                    break
                }
                if iszero(or(eq(ch, 0x0a), eq(ch, 0x0d))) {
                    let ok := or(and(gt(ch, 0x40), lt(ch, 0x5b)), and(gt(ch, 0x60), lt(ch, 0x7b)))
                    ok := or(ok, or(and(gt(ch, 0x2f), lt(ch, 0x3a)), or(or(eq(ch, 0x2b), eq(ch, 0x2f)), eq(ch, 0x3d))))
                    if iszero(ok) { bad := 1 }
                    mstore8(add(dst, k), ch)
                    k := add(k, 1)
                }
            }
        }
        if (bad || k == 0 || k % 4 != 0) revert IDcapErrors.PemMalformed();
        assembly ("memory-safe") {
            mstore(b64, k)
        }
        der = Base64.decode(string(b64));
    }

    uint256 private constant P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551;

    /// @notice ECDSA P-256 verification through OpenZeppelin's P256 (RIP-7212 precompile, Solidity fallback).
    /// @dev Intel does not normalise `s`; OZ accepts only low-s, and (r, n - s) verifies iff (r, s) does, so high-s
    ///      signatures are normalised first (malleability is irrelevant: nothing is keyed by signature bytes).
    function verifySignature(bytes32 h, bytes32 r, bytes32 s, bytes32 x, bytes32 y) internal view returns (bool) {
        uint256 sv = uint256(s);
        if (sv > P256_N / 2 && sv < P256_N) s = bytes32(P256_N - sv);
        return P256.verify(h, r, s, x, y);
    }

    /// @notice Reads an ECDSA signature BIT STRING { SEQUENCE { INTEGER r, INTEGER s } } at `off`.
    function readEcdsaSignature(bytes memory der, uint256 off, uint256 limit)
        internal
        pure
        returns (bytes32 r, bytes32 s_)
    {
        (uint256 s, uint256 e) = Der.expect(der, off, limit, Der.TAG_BIT_STRING);
        if (s >= e || Der.byteAt(der, s) != 0) revert IDcapErrors.X509Unsupported(s);
        (s, e) = Der.expect(der, s + 1, e, Der.TAG_SEQUENCE);
        (uint256 rs, uint256 re) = Der.expect(der, s, e, Der.TAG_INTEGER);
        r = bytes32(Der.readUnsigned(der, rs, re, 32));
        (uint256 ss, uint256 se) = Der.expect(der, re, e, Der.TAG_INTEGER);
        s_ = bytes32(Der.readUnsigned(der, ss, se, 32));
    }

    /// @notice True if the certificate's basicConstraints extension says cA = TRUE.
    function isCa(bytes memory der, Certificate memory c) internal pure returns (bool) {
        (bool found, uint256 s, uint256 e) = findExtension(der, c, OID_BASIC_CONSTRAINTS, 3);
        if (!found) return false;
        (s, e) = Der.expect(der, s, e, Der.TAG_SEQUENCE);
        if (s == e) return false; // cA DEFAULT FALSE
        (uint8 tag, uint256 bs, uint256 be) = Der.header(der, s, e);
        return tag == Der.TAG_BOOLEAN && be == bs + 1 && Der.byteAt(der, bs) != 0;
    }

    /// @notice Finds the extension with OID content `oid` (`oidLen` bytes); returns its extnValue OCTET STRING content.
    function findExtension(bytes memory der, Certificate memory c, bytes32 oid, uint256 oidLen)
        internal
        pure
        returns (bool found, uint256 start, uint256 end)
    {
        uint256 p = c.extStart;
        uint256 limit = c.extEnd;
        while (p < limit) {
            (uint256 s, uint256 e) = Der.expect(der, p, limit, Der.TAG_SEQUENCE);
            p = e;
            (start, end) = Der.expect(der, s, e, Der.TAG_OID);
            if (end - start == oidLen && _loadWord(der, start, oidLen) == oid) {
                return _extnValue(der, end, e);
            }
        }
        return (false, 0, 0);
    }

    /// @dev extnValue after the OID at `off` (skipping the optional critical BOOLEAN).
    function _extnValue(bytes memory der, uint256 off, uint256 limit)
        private
        pure
        returns (bool, uint256 vs, uint256 ve)
    {
        uint8 tag;
        (tag, vs, ve) = Der.header(der, off, limit);
        if (tag == Der.TAG_BOOLEAN) {
            off = ve;
            (tag, vs, ve) = Der.header(der, off, limit);
        }
        if (tag != Der.TAG_OCTET_STRING) revert IDcapErrors.DerUnexpectedTag(off, Der.TAG_OCTET_STRING, tag);
        return (true, vs, ve);
    }

    /// @notice Parses the Intel SGX PCK extension of a PCK leaf certificate.
    function parsePckExtension(bytes memory der, Certificate memory c) internal pure returns (PckExtension memory x) {
        (bool found, uint256 s, uint256 e) = findExtension(der, c, OID_SGX_EXTENSION, 9);
        if (!found) revert IDcapErrors.SgxExtensionMissing(0);
        (s, e) = Der.expect(der, s, e, Der.TAG_SEQUENCE);
        uint256 seen; // bit i set once sub-field i was read
        uint256 p = s;
        while (p < e) {
            (uint256 is_, uint256 ie) = Der.expect(der, p, e, Der.TAG_SEQUENCE);
            (uint256 os, uint256 oe) = Der.expect(der, is_, ie, Der.TAG_OID);
            // sub-OIDs are 1.2.840.113741.1.13.1.<n>: 10 bytes, the last one is <n>
            if (oe - os == 10 && _loadWord(der, os, 9) == OID_SGX_EXTENSION) {
                uint8 n = Der.byteAt(der, os + 9);
                if (n == 2) {
                    (x.tcbComponents, x.pceSvn) = _parseTcb(der, oe, ie);
                    seen |= 1 << 2;
                } else if (n == 3) {
                    (uint256 vs, uint256 ve) = Der.expect(der, oe, ie, Der.TAG_OCTET_STRING);
                    if (ve - vs != 2) revert IDcapErrors.X509Unsupported(vs);
                    x.pceId = bytes2(_loadWord(der, vs, 2));
                    seen |= 1 << 3;
                } else if (n == 4) {
                    (uint256 vs, uint256 ve) = Der.expect(der, oe, ie, Der.TAG_OCTET_STRING);
                    if (ve - vs != 6) revert IDcapErrors.X509Unsupported(vs);
                    x.fmspc = bytes6(_loadWord(der, vs, 6));
                    seen |= 1 << 4;
                }
            }
            p = ie;
        }
        if (seen & (1 << 2) == 0) revert IDcapErrors.SgxExtensionMissing(2);
        if (seen & (1 << 3) == 0) revert IDcapErrors.SgxExtensionMissing(3);
        if (seen & (1 << 4) == 0) revert IDcapErrors.SgxExtensionMissing(4);
    }

    /// @dev TCB: SEQUENCE of SEQUENCE { OID ...13.1.2.<k>, INTEGER or OCTET STRING } (k = 1..16 comps, 17 pcesvn).
    function _parseTcb(bytes memory der, uint256 off, uint256 limit)
        private
        pure
        returns (bytes16 comps, uint16 pceSvn)
    {
        (uint256 s, uint256 e) = Der.expect(der, off, limit, Der.TAG_SEQUENCE);
        uint256 seen;
        uint256 acc;
        while (s < e) {
            (uint256 is_, uint256 ie) = Der.expect(der, s, e, Der.TAG_SEQUENCE);
            (uint256 os, uint256 oe) = Der.expect(der, is_, ie, Der.TAG_OID);
            if (oe - os == 11 && _loadWord(der, os, 9) == OID_SGX_EXTENSION && Der.byteAt(der, os + 9) == 2) {
                uint8 k = Der.byteAt(der, os + 10);
                if (k >= 1 && k <= 17) {
                    uint256 v = _readInteger(der, oe, ie, k == 17 ? 2 : 1);
                    if (k == 17) pceSvn = uint16(v);
                    else acc |= v << (8 * (16 - k));
                    seen |= 1 << k;
                }
            }
            s = ie;
        }
        if (seen != 0x3fffe) revert IDcapErrors.SgxExtensionMissing(2);
        comps = bytes16(uint128(acc));
    }

    function _readInteger(bytes memory der, uint256 off, uint256 limit, uint256 maxBytes)
        private
        pure
        returns (uint256)
    {
        (uint256 vs, uint256 ve) = Der.expect(der, off, limit, Der.TAG_INTEGER);
        return Der.readUnsigned(der, vs, ve, maxBytes);
    }

    function _readSpki(bytes memory der, uint256 s, uint256 e) private pure returns (bytes32 x, bytes32 y) {
        (uint256 as_, uint256 ae) = Der.expect(der, s, e, Der.TAG_SEQUENCE);
        (uint256 os, uint256 oe) = Der.expect(der, as_, ae, Der.TAG_OID);
        if (oe - os != 7 || _loadWord(der, os, 7) != OID_EC_PUBLIC_KEY) revert IDcapErrors.X509Unsupported(os);
        _expectOid(der, oe, ae, OID_PRIME256V1, 8);
        (uint256 ks, uint256 ke) = Der.expect(der, ae, e, Der.TAG_BIT_STRING);
        if (ke - ks != 66 || Der.byteAt(der, ks) != 0 || Der.byteAt(der, ks + 1) != 4) {
            revert IDcapErrors.X509Unsupported(ks);
        }
        x = _loadWord(der, ks + 2, 32);
        y = _loadWord(der, ks + 34, 32);
    }

    function _expectOid(bytes memory der, uint256 off, uint256 limit, bytes32 oid, uint256 len) private pure {
        (uint256 s, uint256 e) = Der.expect(der, off, limit, Der.TAG_OID);
        if (e - s != len || _loadWord(der, s, len) != oid) revert IDcapErrors.X509Unsupported(s);
    }

    /// @dev Loads `len` (<= 32) bytes at `off` left-aligned; the caller guarantees `off + len <= der.length`.
    function _loadWord(bytes memory der, uint256 off, uint256 len) private pure returns (bytes32 w) {
        assembly ("memory-safe") {
            w := mload(add(add(der, 32), off))
            if lt(len, 32) { w := and(w, not(shr(mul(len, 8), not(0)))) }
        }
    }
}
