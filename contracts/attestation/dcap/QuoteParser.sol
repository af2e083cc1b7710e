// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {IDcapErrors} from "../../interfaces/IDcapErrors.sol";

/// @title QuoteParser
/// @notice Zero-copy parser of Intel DCAP ECDSA quotes in calldata: SGX v3, SGX v4 and TDX v4 (TD 1.0 body), with
///         certification data type 5 (PEM PCK chain) or the compact type 256 (32-byte PCK leaf id, see
///         {IDcapVerifier}). Bytes after the signature data are ignored (many real TDX quotes are padded); only the
///         first 48 + body bytes are signed.
library QuoteParser {
    uint256 internal constant HEADER_LENGTH = 48;
    uint256 internal constant SGX_BODY_LENGTH = 384;
    uint256 internal constant TDX_BODY_LENGTH = 584;
    uint256 internal constant QE_REPORT_LENGTH = 384;
    uint32 internal constant TEE_SGX = 0x00000000;
    uint32 internal constant TEE_TDX = 0x00000081;
    uint16 internal constant CERT_PCK_CHAIN = 5;
    uint16 internal constant CERT_QE_REPORT = 6;
    uint16 internal constant CERT_COMPACT_LEAF = 256;

    /// @notice Offsets and fields of a parsed quote (offsets are into the calldata `quote`).
    struct Quote {
        uint16 version;
        bool tdx;
        uint256 bodyLength; // body starts at 48; the signed bytes are [0, 48 + bodyLength)
        bytes32 sigR;
        bytes32 sigS;
        bytes32 attKeyX;
        bytes32 attKeyY;
        uint256 qeReport; // offset of the 384-byte QE report
        bytes32 qeSigR;
        bytes32 qeSigS;
        uint256 authData; // offset of the QE authentication data
        uint256 authLength;
        uint16 certType; // 5 or 256
        uint256 certData; // offset of the certification data
        uint256 certLength;
    }

    /// @notice Parses `q`, checking every length against its container.
    function parse(bytes calldata q) internal pure returns (Quote memory r) {
        if (q.length < HEADER_LENGTH) revert IDcapErrors.QuoteTruncated(q.length, HEADER_LENGTH);
        r.version = uint16(_le(q, 0, 2));
        uint16 keyType = uint16(_le(q, 2, 2));
        uint32 teeType = uint32(_le(q, 4, 4));
        if (r.version == 3 && teeType == TEE_SGX) {
            r.bodyLength = SGX_BODY_LENGTH;
        } else if (r.version == 4 && teeType == TEE_SGX) {
            r.bodyLength = SGX_BODY_LENGTH;
        } else if (r.version == 4 && teeType == TEE_TDX) {
            r.bodyLength = TDX_BODY_LENGTH;
            r.tdx = true;
        } else {
            revert IDcapErrors.QuoteVersionUnsupported(r.version, teeType);
        }
        if (keyType != 2) revert IDcapErrors.QuoteKeyTypeUnsupported(keyType);
        uint256 p = HEADER_LENGTH + r.bodyLength;
        _need(q, p + 4);
        uint256 sigEnd = p + 4 + _le(q, p, 4);
        _need(q, sigEnd);
        p += 4;
        _within(p + 128, sigEnd, p);
        r.sigR = _word(q, p);
        r.sigS = _word(q, p + 32);
        r.attKeyX = _word(q, p + 64);
        r.attKeyY = _word(q, p + 96);
        p += 128;
        uint256 end = sigEnd;
        if (r.version == 4) {
            // certification data type 6 wrapping the QE report, its signature, auth data and the PCK cert data
            _within(p + 6, end, p);
            uint16 t = uint16(_le(q, p, 2));
            if (t != CERT_QE_REPORT) revert IDcapErrors.QuoteCertTypeUnsupported(t);
            uint256 size = _le(q, p + 2, 4);
            p += 6;
            // the type-6 data must exactly fill the signature data (nothing unsigned may hide in between)
            if (p + size != end) revert IDcapErrors.QuoteLengthInvalid(p - 4, size);
        }
        _within(p + QE_REPORT_LENGTH + 64 + 2, end, p);
        r.qeReport = p;
        p += QE_REPORT_LENGTH;
        r.qeSigR = _word(q, p);
        r.qeSigS = _word(q, p + 32);
        p += 64;
        r.authLength = _le(q, p, 2);
        p += 2;
        r.authData = p;
        p += r.authLength;
        _within(p + 6, end, p - 2);
        r.certType = uint16(_le(q, p, 2));
        r.certLength = _le(q, p + 2, 4);
        p += 6;
        r.certData = p;
        // the certification data must end exactly where its container ends
        if (p + r.certLength != end) revert IDcapErrors.QuoteLengthInvalid(p - 4, r.certLength);
        if (r.certType == CERT_COMPACT_LEAF) {
            if (r.certLength != 32) revert IDcapErrors.QuoteLengthInvalid(p - 4, r.certLength);
        } else if (r.certType != CERT_PCK_CHAIN) {
            revert IDcapErrors.QuoteCertTypeUnsupported(r.certType);
        }
    }

    /// @dev Little-endian unsigned integer of `n` (<= 4) bytes at `off` (caller checked bounds).
    function _le(bytes calldata q, uint256 off, uint256 n) private pure returns (uint256 v) {
        assembly ("memory-safe") {
            let w := calldataload(add(q.offset, off))
            for { let k := 0 } lt(k, n) { k := add(k, 1) } { v := or(v, shl(mul(8, k), byte(k, w))) }
        }
    }

    /// @dev 32 bytes at `off` (caller checked bounds).
    function _word(bytes calldata q, uint256 off) private pure returns (bytes32 w) {
        assembly ("memory-safe") {
            w := calldataload(add(q.offset, off))
        }
    }

    function _need(bytes calldata q, uint256 n) private pure {
        if (q.length < n) revert IDcapErrors.QuoteTruncated(q.length, n);
    }

    /// @dev A structure ending at `needEnd` must fit its container ending at `end` (`at` = offset of the length).
    function _within(uint256 needEnd, uint256 end, uint256 at) private pure {
        if (needEnd > end) revert IDcapErrors.QuoteLengthInvalid(at, needEnd);
    }
}
