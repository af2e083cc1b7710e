// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {IDcapErrors} from "../../interfaces/IDcapErrors.sol";

/// @title Der
/// @notice Bounds-checked DER (ASN.1) reading over `bytes memory`: every malformed input reverts with a typed error,
///         never a panic. Offsets are absolute positions in the buffer.
/// @dev Only what Intel's certificates and CRLs use: single-byte tags, definite lengths up to 2 length bytes.
library Der {
    uint8 internal constant TAG_BOOLEAN = 0x01;
    uint8 internal constant TAG_INTEGER = 0x02;
    uint8 internal constant TAG_BIT_STRING = 0x03;
    uint8 internal constant TAG_OCTET_STRING = 0x04;
    uint8 internal constant TAG_OID = 0x06;
    uint8 internal constant TAG_ENUMERATED = 0x0a;
    uint8 internal constant TAG_UTC_TIME = 0x17;
    uint8 internal constant TAG_GENERALIZED_TIME = 0x18;
    uint8 internal constant TAG_SEQUENCE = 0x30;
    uint8 internal constant TAG_SET = 0x31;

    /// @dev Reads the byte at `i`; the caller guarantees `i < b.length`.
    function byteAt(bytes memory b, uint256 i) internal pure returns (uint8 v) {
        assembly ("memory-safe") {
            v := byte(0, mload(add(add(b, 32), i)))
        }
    }

    /// @notice Reads the TLV header at `off`, which must lie inside `[off, limit)`, `limit <= b.length`.
    /// @return tag The tag byte.
    /// @return start First content byte.
    /// @return end One past the last content byte (`<= limit`).
    function header(bytes memory b, uint256 off, uint256 limit)
        internal
        pure
        returns (uint8 tag, uint256 start, uint256 end)
    {
        if (limit > b.length || off + 2 > limit) revert IDcapErrors.DerMalformed(off);
        tag = byteAt(b, off);
        if (tag & 0x1f == 0x1f) revert IDcapErrors.DerMalformed(off); // multi-byte tags are not used by Intel
        uint256 lv = byteAt(b, off + 1);
        start = off + 2;
        if (lv >= 0x80) {
            uint256 n = lv & 0x7f;
            if (n == 0 || n > 2 || start + n > limit) revert IDcapErrors.DerMalformed(off);
            lv = byteAt(b, start);
            if (n == 2) lv = (lv << 8) | byteAt(b, start + 1);
            start += n;
        }
        end = start + lv;
        if (end > limit) revert IDcapErrors.DerMalformed(off);
    }

    /// @notice Like {header} but requires tag `expected`.
    function expect(bytes memory b, uint256 off, uint256 limit, uint8 expected)
        internal
        pure
        returns (uint256 start, uint256 end)
    {
        uint8 tag;
        (tag, start, end) = header(b, off, limit);
        if (tag != expected) revert IDcapErrors.DerUnexpectedTag(off, expected, tag);
    }

    /// @notice keccak256 of `b[start:end]` (caller guarantees bounds).
    function hashRange(bytes memory b, uint256 start, uint256 end) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            h := keccak256(add(add(b, 32), start), sub(end, start))
        }
    }

    /// @notice SHA-256 of `b[start:end]` through the precompile (caller guarantees bounds).
    function sha256Range(bytes memory b, uint256 start, uint256 end) internal view returns (bytes32 h) {
        assembly ("memory-safe") {
            if iszero(staticcall(gas(), 2, add(add(b, 32), start), sub(end, start), 0x00, 0x20)) { revert(0, 0) }
            h := mload(0x00)
        }
    }

    /// @notice Reads `b[start:end]` (at most 32 bytes) as a big-endian unsigned integer.
    function readUint(bytes memory b, uint256 start, uint256 end) internal pure returns (uint256 v) {
        if (end < start || end - start > 32 || end > b.length) revert IDcapErrors.DerMalformed(start);
        if (end == start) return 0;
        assembly ("memory-safe") {
            v := shr(sub(256, mul(sub(end, start), 8)), mload(add(add(b, 32), start)))
        }
    }

    /// @notice Reads an unsigned INTEGER content `b[start:end]` of at most `maxBytes` bytes after stripping the
    ///         leading zero bytes.
    function readUnsigned(bytes memory b, uint256 start, uint256 end, uint256 maxBytes)
        internal
        pure
        returns (uint256 v)
    {
        while (start < end && byteAt(b, start) == 0) ++start; // at most one or two leading zeros in practice
        if (end - start > maxBytes) revert IDcapErrors.X509Unsupported(start);
        v = readUint(b, start, end);
    }

    /// @notice Reads a UTCTime or GeneralizedTime element at `off` as a UNIX timestamp.
    /// @return t Seconds since the epoch.
    /// @return next Offset after the element.
    function readTime(bytes memory b, uint256 off, uint256 limit) internal pure returns (uint40 t, uint256 next) {
        (uint8 tag, uint256 s, uint256 e) = header(b, off, limit);
        next = e;
        uint256 year;
        if (tag == TAG_UTC_TIME && e - s == 13) {
            year = _digits(b, s, 2);
            year += year >= 50 ? 1900 : 2000;
            s += 2;
        } else if (tag == TAG_GENERALIZED_TIME && e - s == 15) {
            year = _digits(b, s, 4);
            s += 4;
        } else {
            revert IDcapErrors.X509Unsupported(off);
        }
        if (byteAt(b, s + 10) != 0x5a) revert IDcapErrors.X509Unsupported(off); // 'Z'
        t = uint40(
            toUnix(year, _digits(b, s, 2), _digits(b, s + 2, 2), _digits(b, s + 4, 2), _digits(b, s + 6, 2), _digits(b, s + 8, 2))
        );
    }

    /// @notice Converts a UTC calendar date/time to a UNIX timestamp; reverts with a typed error on out-of-range fields.
    function toUnix(uint256 year, uint256 month, uint256 day, uint256 hour, uint256 minute, uint256 second)
        internal
        pure
        returns (uint256)
    {
        if (
            year < 1970 || year > 9999 || month == 0 || month > 12 || day == 0 || day > 31 || hour > 23 || minute > 59
                || second > 60
        ) revert IDcapErrors.X509Unsupported(year);
        // Howard Hinnant's days_from_civil, shifted so that all intermediates stay non-negative.
        uint256 y = month <= 2 ? year - 1 : year;
        uint256 era = y / 400;
        uint256 yoe = y - era * 400;
        uint256 mp = month > 2 ? month - 3 : month + 9;
        uint256 doy = (153 * mp + 2) / 5 + day - 1;
        uint256 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        uint256 days_ = era * 146097 + doe - 719468;
        return days_ * 86400 + hour * 3600 + minute * 60 + second;
    }

    function _digits(bytes memory b, uint256 s, uint256 n) private pure returns (uint256 v) {
        for (uint256 i; i < n; ++i) {
            uint8 c = byteAt(b, s + i);
            if (c < 0x30 || c > 0x39) revert IDcapErrors.X509Unsupported(s + i);
            v = v * 10 + (c - 0x30);
        }
    }
}
