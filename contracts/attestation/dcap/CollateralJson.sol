// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {IDcapErrors} from "../../interfaces/IDcapErrors.sol";
import {Der} from "./Der.sol";

/// @title CollateralJson
/// @notice Parses Intel PCS v4 TCB Info (v3, SGX and TDX) and QE / TD_QE Identity (v2) JSON bodies, once, at upload
///         time, into the compact binary blobs the quote hot path reads (see {TcbEvaluator} for the layouts).
/// @dev A strict, bounds-checked, non-allocating JSON walker: keys may come in any order, unknown keys are skipped,
///      string escapes are rejected (Intel never emits them), every malformed input reverts with `JsonMalformed`.
library CollateralJson {
    /// @notice Header fields of a TCB Info body.
    struct TcbInfoHeader {
        uint8 teeType; // 0 SGX, 1 TDX
        uint40 issueDate;
        uint40 nextUpdate;
        uint32 evaluationDataNumber;
        bytes6 fmspc;
        bytes2 pceId;
    }

    /// @notice Header fields of a QE Identity body.
    struct QeIdentityHeader {
        uint8 teeType; // 0 QE (SGX), 1 TD_QE (TDX)
        uint40 issueDate;
        uint40 nextUpdate;
        uint32 evaluationDataNumber;
    }

    uint256 private constant MAX_DEPTH = 8;

    // key hashes
    bytes32 private constant K_ID = keccak256("id");
    bytes32 private constant K_VERSION = keccak256("version");
    bytes32 private constant K_ISSUE_DATE = keccak256("issueDate");
    bytes32 private constant K_NEXT_UPDATE = keccak256("nextUpdate");
    bytes32 private constant K_FMSPC = keccak256("fmspc");
    bytes32 private constant K_PCE_ID = keccak256("pceId");
    bytes32 private constant K_TCB_TYPE = keccak256("tcbType");
    bytes32 private constant K_EVAL = keccak256("tcbEvaluationDataNumber");
    bytes32 private constant K_TDX_MODULE = keccak256("tdxModule");
    bytes32 private constant K_TDX_MODULE_IDS = keccak256("tdxModuleIdentities");
    bytes32 private constant K_TCB_LEVELS = keccak256("tcbLevels");
    bytes32 private constant K_TCB = keccak256("tcb");
    bytes32 private constant K_TCB_STATUS = keccak256("tcbStatus");
    bytes32 private constant K_ADVISORY_IDS = keccak256("advisoryIDs");
    bytes32 private constant K_SGX_COMPS = keccak256("sgxtcbcomponents");
    bytes32 private constant K_TDX_COMPS = keccak256("tdxtcbcomponents");
    bytes32 private constant K_PCESVN = keccak256("pcesvn");
    bytes32 private constant K_SVN = keccak256("svn");
    bytes32 private constant K_ISVSVN = keccak256("isvsvn");
    bytes32 private constant K_MRSIGNER = keccak256("mrsigner");
    bytes32 private constant K_ATTRIBUTES = keccak256("attributes");
    bytes32 private constant K_ATTRIBUTES_MASK = keccak256("attributesMask");
    bytes32 private constant K_MISCSELECT = keccak256("miscselect");
    bytes32 private constant K_MISCSELECT_MASK = keccak256("miscselectMask");
    bytes32 private constant K_ISVPRODID = keccak256("isvprodid");

    // ------------------------------------------------------------------------------------------------ TCB Info

    /// @notice Parses a TCB Info v3 body into its header and hot-path blob.
    /// @dev Blob layout (big-endian integers):
    ///      [0] teeType | [1..6) issueDate u40 | [6..11) nextUpdate u40 | [11..15) evalNum u32 | [15..21) fmspc
    ///      | [21..23) pceId | [23] level count | TDX only: [24..72) module mrsigner | [72..80) module attributes
    ///      | [80..88) module attributes mask | [88] module identity count | identities...
    ///      | levels: sgx comps (16) | pcesvn u16 | TDX only: tdx comps (16) | status u8 | n u8 | n x advisory u16
    ///      identity: version u8 | mrsigner (48) | attributes (8) | mask (8) | level count u8
    ///                | levels: isvsvn u8 | status u8 | n u8 | n x advisory u16
    function parseTcbInfo(bytes memory j) public pure returns (TcbInfoHeader memory h, bytes memory blob) {
        uint256[12] memory pos; // value offsets of the top-level keys (0 = absent)
        _collectTop(j, pos, true);
        if (pos[0] == 0 || pos[1] == 0 || pos[2] == 0 || pos[3] == 0 || pos[4] == 0 || pos[5] == 0) {
            revert IDcapErrors.JsonFieldInvalid("tcbInfo");
        }
        if (pos[7] == 0 || pos[10] == 0) revert IDcapErrors.JsonFieldInvalid("tcbInfo");
        bytes32 id = _stringHash(j, pos[0]);
        if (id == keccak256("SGX")) h.teeType = 0;
        else if (id == keccak256("TDX")) h.teeType = 1;
        else revert IDcapErrors.CollateralKindUnsupported(id, 0);
        (uint256 version,) = _uint(j, pos[1]);
        if (version != 3) revert IDcapErrors.CollateralKindUnsupported(id, version);
        if (pos[6] != 0) {
            (uint256 tcbType,) = _uint(j, pos[6]);
            if (tcbType != 0) revert IDcapErrors.JsonFieldInvalid("tcbType");
        }
        h.issueDate = _date(j, pos[2]);
        h.nextUpdate = _date(j, pos[3]);
        h.fmspc = bytes6(_hexWord(j, pos[4], 6));
        h.pceId = bytes2(_hexWord(j, pos[5], 2));
        (uint256 eval,) = _uint(j, pos[7]);
        if (eval > type(uint32).max) revert IDcapErrors.JsonFieldInvalid("tcbEvaluationDataNumber");
        h.evaluationDataNumber = uint32(eval);

        blob = new bytes(j.length); // the blob is always shorter than its JSON; trimmed below
        _put(blob, 0, h.teeType, 1);
        _put(blob, 1, h.issueDate, 5);
        _put(blob, 6, h.nextUpdate, 5);
        _put(blob, 11, h.evaluationDataNumber, 4);
        _put(blob, 15, uint48(h.fmspc), 6);
        _put(blob, 21, uint16(h.pceId), 2);
        uint256 w = 24;
        bool tdx = h.teeType == 1;
        if (tdx) {
            if (pos[8] == 0) revert IDcapErrors.JsonFieldInvalid("tdxModule");
            _parseModuleKeys(j, pos[8], blob, 24, false);
            w = 89;
            if (pos[9] != 0) w = _parseModuleIdentities(j, pos[9], blob, w);
        }
        uint256 count;
        (w, count) = _parseTcbLevels(j, pos[10], blob, w, tdx);
        _put(blob, 23, count, 1);
        assembly ("memory-safe") {
            mstore(blob, w)
        }
    }

    function _parseTcbLevels(bytes memory j, uint256 i, bytes memory blob, uint256 w, bool tdx)
        private
        pure
        returns (uint256, uint256 count)
    {
        bool more;
        (i, more) = _open(j, i, "[", "]");
        while (more) {
            if (count == 255) revert IDcapErrors.JsonFieldInvalid("tcbLevels");
            uint256 fixedLen = tdx ? 35 : 19;
            uint256 seen;
            uint256 nAdv;
            bool m2;
            (i, m2) = _open(j, i, "{", "}");
            while (m2) {
                bytes32 k;
                (k, i) = _key(j, i);
                if (k == K_TCB) {
                    i = _parsePlatformTcb(j, i, blob, w, tdx);
                    seen |= 1;
                } else if (k == K_TCB_STATUS) {
                    uint8 st;
                    (st, i) = _status(j, i);
                    _put(blob, w + fixedLen - 1, st, 1);
                    seen |= 2;
                } else if (k == K_ADVISORY_IDS) {
                    (nAdv, i) = _advisories(j, i, blob, w + fixedLen + 1);
                } else {
                    i = _skip(j, i, 0);
                }
                (i, m2) = _next(j, i, "}");
            }
            if (seen != 3) revert IDcapErrors.JsonFieldInvalid("tcbLevels");
            _put(blob, w + fixedLen, nAdv, 1);
            w += fixedLen + 1 + 2 * nAdv;
            ++count;
            (i, more) = _next(j, i, "]");
        }
        return (w, count);
    }

    function _parsePlatformTcb(bytes memory j, uint256 i, bytes memory blob, uint256 w, bool tdx)
        private
        pure
        returns (uint256)
    {
        uint256 seen;
        bool more;
        (i, more) = _open(j, i, "{", "}");
        while (more) {
            bytes32 k;
            (k, i) = _key(j, i);
            if (k == K_SGX_COMPS) {
                i = _components(j, i, blob, w);
                seen |= 1;
            } else if (k == K_PCESVN) {
                uint256 v;
                (v, i) = _uint(j, i);
                if (v > type(uint16).max) revert IDcapErrors.JsonFieldInvalid("pcesvn");
                _put(blob, w + 16, v, 2);
                seen |= 2;
            } else if (k == K_TDX_COMPS && tdx) {
                i = _components(j, i, blob, w + 18);
                seen |= 4;
            } else {
                i = _skip(j, i, 0);
            }
            (i, more) = _next(j, i, "}");
        }
        if (seen != (tdx ? 7 : 3)) revert IDcapErrors.JsonFieldInvalid("tcb");
        return i;
    }

    /// @dev An array of exactly 16 `{"svn": n, ...}` objects, written as 16 bytes.
    function _components(bytes memory j, uint256 i, bytes memory blob, uint256 w) private pure returns (uint256) {
        bool more;
        uint256 n;
        (i, more) = _open(j, i, "[", "]");
        while (more) {
            if (n == 16) revert IDcapErrors.JsonFieldInvalid("tcbcomponents");
            bool m2;
            bool got;
            (i, m2) = _open(j, i, "{", "}");
            while (m2) {
                bytes32 k;
                (k, i) = _key(j, i);
                if (k == K_SVN) {
                    uint256 v;
                    (v, i) = _uint(j, i);
                    if (v > 255) revert IDcapErrors.JsonFieldInvalid("svn");
                    _put(blob, w + n, v, 1);
                    got = true;
                } else {
                    i = _skip(j, i, 0);
                }
                (i, m2) = _next(j, i, "}");
            }
            if (!got) revert IDcapErrors.JsonFieldInvalid("svn");
            ++n;
            (i, more) = _next(j, i, "]");
        }
        if (n != 16) revert IDcapErrors.JsonFieldInvalid("tcbcomponents");
        return i;
    }

    /// @dev tdxModule / identity object: mrsigner (48), attributes (8), attributesMask (8) written at w, w+48, w+56;
    ///      for an identity also "id" ("TDX_xx" -> version byte at w-1) and "tcbLevels" (count at w+64, levels from
    ///      w+65). Returns the next JSON offset and the blob end.
    function _parseModuleKeys(bytes memory j, uint256 i, bytes memory blob, uint256 w, bool identity)
        private
        pure
        returns (uint256, uint256 end)
    {
        uint256 seen;
        bool more;
        end = w + 64;
        (i, more) = _open(j, i, "{", "}");
        while (more) {
            bytes32 k;
            (k, i) = _key(j, i);
            if (k == K_MRSIGNER) {
                i = _hexInto(j, i, blob, w, 48);
                seen |= 1;
            } else if (k == K_ATTRIBUTES) {
                i = _hexInto(j, i, blob, w + 48, 8);
                seen |= 2;
            } else if (k == K_ATTRIBUTES_MASK) {
                i = _hexInto(j, i, blob, w + 56, 8);
                seen |= 4;
            } else if (identity && k == K_ID) {
                i = _moduleId(j, i, blob, w - 1);
                seen |= 8;
            } else if (identity && k == K_TCB_LEVELS) {
                uint256 count;
                (i, end, count) = _isvLevels(j, i, blob, w + 65, 1);
                _put(blob, w + 64, count, 1);
                seen |= 16;
            } else {
                i = _skip(j, i, 0);
            }
            (i, more) = _next(j, i, "}");
        }
        if (seen != (identity ? 31 : 7)) revert IDcapErrors.JsonFieldInvalid("tdxModule");
        return (i, end);
    }

    /// @dev "TDX_xx" (xx = module major version in hex) -> version byte at `w`.
    function _moduleId(bytes memory j, uint256 i, bytes memory blob, uint256 w) private pure returns (uint256) {
        (uint256 s, uint256 e) = _stringRange(j, i);
        if (e - s != 6 || Der.hashRange(j, s, s + 4) != keccak256("TDX_")) {
            revert IDcapErrors.JsonFieldInvalid("tdxModuleIdentities.id");
        }
        _put(blob, w, (_nibble(j, s + 4) << 4) | _nibble(j, s + 5), 1);
        return e + 1;
    }

    function _parseModuleIdentities(bytes memory j, uint256 i, bytes memory blob, uint256 w)
        private
        pure
        returns (uint256)
    {
        uint256 countPos = w - 1;
        uint256 count;
        bool more;
        (i, more) = _open(j, i, "[", "]");
        while (more) {
            if (count == 255) revert IDcapErrors.JsonFieldInvalid("tdxModuleIdentities");
            (i, w) = _parseModuleKeys(j, i, blob, w + 1, true);
            ++count;
            (i, more) = _next(j, i, "]");
        }
        _put(blob, countPos, count, 1);
        return w;
    }

    /// @dev Levels of `{"tcb":{"isvsvn":n},"tcbStatus":s,"advisoryIDs":[..]}` written as
    ///      isvsvn (svnBytes) | status u8 | n u8 | n x u16.
    function _isvLevels(bytes memory j, uint256 i, bytes memory blob, uint256 w, uint256 svnBytes)
        private
        pure
        returns (uint256, uint256, uint256 count)
    {
        bool more;
        (i, more) = _open(j, i, "[", "]");
        while (more) {
            if (count == 255) revert IDcapErrors.JsonFieldInvalid("tcbLevels");
            uint256 seen;
            uint256 nAdv;
            bool m2;
            (i, m2) = _open(j, i, "{", "}");
            while (m2) {
                bytes32 k;
                (k, i) = _key(j, i);
                if (k == K_TCB) {
                    i = _isvTcb(j, i, blob, w, svnBytes);
                    seen |= 1;
                } else if (k == K_TCB_STATUS) {
                    uint8 st;
                    (st, i) = _status(j, i);
                    _put(blob, w + svnBytes, st, 1);
                    seen |= 2;
                } else if (k == K_ADVISORY_IDS) {
                    (nAdv, i) = _advisories(j, i, blob, w + svnBytes + 2);
                } else {
                    i = _skip(j, i, 0);
                }
                (i, m2) = _next(j, i, "}");
            }
            if (seen != 3) revert IDcapErrors.JsonFieldInvalid("tcbLevels");
            _put(blob, w + svnBytes + 1, nAdv, 1);
            w += svnBytes + 2 + 2 * nAdv;
            ++count;
            (i, more) = _next(j, i, "]");
        }
        return (i, w, count);
    }

    /// @dev `{"isvsvn": n}` -> n written at `w` on `svnBytes` bytes.
    function _isvTcb(bytes memory j, uint256 i, bytes memory blob, uint256 w, uint256 svnBytes)
        private
        pure
        returns (uint256)
    {
        bool more;
        bool got;
        (i, more) = _open(j, i, "{", "}");
        while (more) {
            bytes32 k;
            (k, i) = _key(j, i);
            if (k == K_ISVSVN) {
                uint256 v;
                (v, i) = _uint(j, i);
                if (v >> (8 * svnBytes) != 0) revert IDcapErrors.JsonFieldInvalid("isvsvn");
                _put(blob, w, v, svnBytes);
                got = true;
            } else {
                i = _skip(j, i, 0);
            }
            (i, more) = _next(j, i, "}");
        }
        if (!got) revert IDcapErrors.JsonFieldInvalid("isvsvn");
        return i;
    }

    // ------------------------------------------------------------------------------------------------ QE Identity

    /// @notice Parses a QE / TD_QE Identity v2 body into its header and hot-path blob.
    /// @dev Blob layout: [0] teeType | [1..6) issueDate | [6..11) nextUpdate | [11..15) evalNum | [15..19) miscselect
    ///      | [19..23) miscselectMask | [23..39) attributes | [39..55) attributesMask | [55..87) mrsigner
    ///      | [87..89) isvprodid | [89] level count | levels: isvsvn u16 | status u8 | n u8 | n x advisory u16.
    ///      miscselect values are the JSON hex read as a big-endian u32 (compare with the report's LE u32 as numbers).
    function parseQeIdentity(bytes memory j) public pure returns (QeIdentityHeader memory h, bytes memory blob) {
        blob = new bytes(j.length + 90);
        uint256 seen;
        bytes32 id;
        uint256 version;
        uint256 w = 90;
        bool more;
        uint256 i;
        (i, more) = _open(j, 0, "{", "}");
        while (more) {
            bytes32 k;
            (k, i) = _key(j, i);
            if (k == K_ID) {
                id = _stringHash(j, i);
                i = _skip(j, i, 0);
                seen |= 1;
            } else if (k == K_VERSION) {
                (version, i) = _uint(j, i);
                seen |= 2;
            } else if (k == K_ISSUE_DATE) {
                h.issueDate = _date(j, i);
                i = _skip(j, i, 0);
                seen |= 4;
            } else if (k == K_NEXT_UPDATE) {
                h.nextUpdate = _date(j, i);
                i = _skip(j, i, 0);
                seen |= 8;
            } else if (k == K_EVAL) {
                uint256 v;
                (v, i) = _uint(j, i);
                if (v > type(uint32).max) revert IDcapErrors.JsonFieldInvalid("tcbEvaluationDataNumber");
                h.evaluationDataNumber = uint32(v);
                seen |= 16;
            } else if (k == K_MISCSELECT) {
                i = _hexInto(j, i, blob, 15, 4);
                seen |= 32;
            } else if (k == K_MISCSELECT_MASK) {
                i = _hexInto(j, i, blob, 19, 4);
                seen |= 64;
            } else if (k == K_ATTRIBUTES) {
                i = _hexInto(j, i, blob, 23, 16);
                seen |= 128;
            } else if (k == K_ATTRIBUTES_MASK) {
                i = _hexInto(j, i, blob, 39, 16);
                seen |= 256;
            } else if (k == K_MRSIGNER) {
                i = _hexInto(j, i, blob, 55, 32);
                seen |= 512;
            } else if (k == K_ISVPRODID) {
                uint256 v;
                (v, i) = _uint(j, i);
                if (v > type(uint16).max) revert IDcapErrors.JsonFieldInvalid("isvprodid");
                _put(blob, 87, v, 2);
                seen |= 1024;
            } else if (k == K_TCB_LEVELS) {
                uint256 count;
                (i, w, count) = _isvLevels(j, i, blob, 90, 2);
                _put(blob, 89, count, 1);
                seen |= 2048;
            } else {
                i = _skip(j, i, 0);
            }
            (i, more) = _next(j, i, "}");
        }
        if (seen != 4095) revert IDcapErrors.JsonFieldInvalid("qeIdentity");
        if (id == keccak256("QE")) h.teeType = 0;
        else if (id == keccak256("TD_QE")) h.teeType = 1;
        else revert IDcapErrors.CollateralKindUnsupported(id, version);
        if (version != 2) revert IDcapErrors.CollateralKindUnsupported(id, version);
        _put(blob, 0, h.teeType, 1);
        _put(blob, 1, h.issueDate, 5);
        _put(blob, 6, h.nextUpdate, 5);
        _put(blob, 11, h.evaluationDataNumber, 4);
        assembly ("memory-safe") {
            mstore(blob, w)
        }
    }

    // ------------------------------------------------------------------------------------------------ walker

    /// @dev Records the value offsets of the top-level TCB Info keys into `pos`.
    function _collectTop(bytes memory j, uint256[12] memory pos, bool) private pure {
        bool more;
        uint256 i;
        (i, more) = _open(j, 0, "{", "}");
        while (more) {
            bytes32 k;
            (k, i) = _key(j, i);
            uint256 slot = 12;
            if (k == K_ID) slot = 0;
            else if (k == K_VERSION) slot = 1;
            else if (k == K_ISSUE_DATE) slot = 2;
            else if (k == K_NEXT_UPDATE) slot = 3;
            else if (k == K_FMSPC) slot = 4;
            else if (k == K_PCE_ID) slot = 5;
            else if (k == K_TCB_TYPE) slot = 6;
            else if (k == K_EVAL) slot = 7;
            else if (k == K_TDX_MODULE) slot = 8;
            else if (k == K_TDX_MODULE_IDS) slot = 9;
            else if (k == K_TCB_LEVELS) slot = 10;
            if (slot < 12) {
                if (pos[slot] != 0) revert IDcapErrors.JsonMalformed(i); // duplicate key
                pos[slot] = i;
            }
            i = _skip(j, i, 0);
            (i, more) = _next(j, i, "}");
        }
    }

    function _at(bytes memory j, uint256 i) private pure returns (uint8) {
        if (i >= j.length) revert IDcapErrors.JsonMalformed(i);
        return Der.byteAt(j, i);
    }

    function _ws(bytes memory j, uint256 i) private pure returns (uint256) {
        while (i < j.length) {
            uint8 c = Der.byteAt(j, i);
            if (c != 0x20 && c != 0x0a && c != 0x0d && c != 0x09) break;
            ++i;
        }
        return i;
    }

    /// @dev Opens an object/array at `i` (after whitespace); `more` = it is not empty. Returns the offset of the first
    ///      member (whitespace skipped).
    function _open(bytes memory j, uint256 i, bytes1 open, bytes1 close) private pure returns (uint256, bool) {
        i = _ws(j, i);
        if (_at(j, i) != uint8(open)) revert IDcapErrors.JsonMalformed(i);
        i = _ws(j, i + 1);
        if (_at(j, i) == uint8(close)) return (i + 1, false);
        return (i, true);
    }

    /// @dev After a member: `,` -> (next member, true); `close` -> (after close, false).
    function _next(bytes memory j, uint256 i, bytes1 close) private pure returns (uint256, bool) {
        i = _ws(j, i);
        uint8 c = _at(j, i);
        if (c == 0x2c) return (_ws(j, i + 1), true);
        if (c == uint8(close)) return (i + 1, false);
        revert IDcapErrors.JsonMalformed(i);
    }

    /// @dev Reads `"key":` and returns keccak256(key) and the value offset (whitespace skipped).
    function _key(bytes memory j, uint256 i) private pure returns (bytes32 k, uint256) {
        (uint256 s, uint256 e) = _stringRange(j, i);
        k = Der.hashRange(j, s, e);
        i = _ws(j, e + 1);
        if (_at(j, i) != 0x3a) revert IDcapErrors.JsonMalformed(i);
        return (k, _ws(j, i + 1));
    }

    /// @dev Content range of the string at `i` (`e` = offset of the closing quote). Escapes are rejected.
    function _stringRange(bytes memory j, uint256 i) private pure returns (uint256 s, uint256 e) {
        i = _ws(j, i);
        if (_at(j, i) != 0x22) revert IDcapErrors.JsonMalformed(i);
        s = i + 1;
        e = s;
        while (true) {
            uint8 c = _at(j, e);
            if (c == 0x22) break;
            if (c == 0x5c || c < 0x20) revert IDcapErrors.JsonMalformed(e);
            ++e;
        }
    }

    function _stringHash(bytes memory j, uint256 i) private pure returns (bytes32) {
        (uint256 s, uint256 e) = _stringRange(j, i);
        return Der.hashRange(j, s, e);
    }

    /// @dev A non-negative integer of at most 19 digits.
    function _uint(bytes memory j, uint256 i) private pure returns (uint256 v, uint256) {
        i = _ws(j, i);
        uint256 start = i;
        while (i < j.length) {
            uint8 c = Der.byteAt(j, i);
            if (c < 0x30 || c > 0x39) break;
            v = v * 10 + (c - 0x30);
            ++i;
        }
        if (i == start || i - start > 19) revert IDcapErrors.JsonMalformed(start);
        return (v, i);
    }

    /// @dev Skips any JSON value (depth-limited).
    function _skip(bytes memory j, uint256 i, uint256 depth) private pure returns (uint256) {
        if (depth > MAX_DEPTH) revert IDcapErrors.JsonMalformed(i);
        i = _ws(j, i);
        uint8 c = _at(j, i);
        if (c == 0x22) {
            (, uint256 e) = _stringRange(j, i);
            return e + 1;
        }
        if (c == 0x7b || c == 0x5b) {
            bool obj = c == 0x7b;
            bytes1 close = obj ? bytes1("}") : bytes1("]");
            bool more;
            (i, more) = _open(j, i, bytes1(c), close);
            while (more) {
                if (obj) (, i) = _key(j, i);
                i = _skip(j, i, depth + 1);
                (i, more) = _next(j, i, close);
            }
            return i;
        }
        // number / true / false / null: a run of literal characters
        uint256 s = i;
        while (i < j.length) {
            c = Der.byteAt(j, i);
            if (
                !((c >= 0x30 && c <= 0x39) || c == 0x2d || c == 0x2b || c == 0x2e || (c >= 0x61 && c <= 0x7a)
                        || c == 0x45)
            ) break;
            ++i;
        }
        if (i == s) revert IDcapErrors.JsonMalformed(s);
        return i;
    }

    /// @dev Status string -> 0 UpToDate, 1 SWHardeningNeeded, 2 ConfigurationNeeded, 3 ConfigurationAndSWHardeningNeeded,
    ///      4 OutOfDate, 5 OutOfDateConfigurationNeeded, 6 Revoked.
    function _status(bytes memory j, uint256 i) private pure returns (uint8 st, uint256) {
        (uint256 s, uint256 e) = _stringRange(j, i);
        bytes32 h = Der.hashRange(j, s, e);
        if (h == keccak256("UpToDate")) st = 0;
        else if (h == keccak256("SWHardeningNeeded")) st = 1;
        else if (h == keccak256("ConfigurationNeeded")) st = 2;
        else if (h == keccak256("ConfigurationAndSWHardeningNeeded")) st = 3;
        else if (h == keccak256("OutOfDate")) st = 4;
        else if (h == keccak256("OutOfDateConfigurationNeeded")) st = 5;
        else if (h == keccak256("Revoked")) st = 6;
        else revert IDcapErrors.JsonFieldInvalid("tcbStatus");
        return (st, e + 1);
    }

    /// @dev ["INTEL-SA-00615", ...] -> u16 numbers written from `w`.
    function _advisories(bytes memory j, uint256 i, bytes memory blob, uint256 w)
        private
        pure
        returns (uint256 n, uint256)
    {
        bool more;
        (i, more) = _open(j, i, "[", "]");
        while (more) {
            if (n == 255) revert IDcapErrors.JsonFieldInvalid("advisoryIDs");
            (uint256 s, uint256 e) = _stringRange(j, i);
            if (e - s < 10 || e - s > 14 || Der.hashRange(j, s, s + 9) != keccak256("INTEL-SA-")) {
                revert IDcapErrors.JsonFieldInvalid("advisoryIDs");
            }
            uint256 v;
            for (uint256 p = s + 9; p < e; ++p) {
                uint8 c = Der.byteAt(j, p);
                if (c < 0x30 || c > 0x39) revert IDcapErrors.JsonFieldInvalid("advisoryIDs");
                v = v * 10 + (c - 0x30);
            }
            if (v > type(uint16).max) revert IDcapErrors.JsonFieldInvalid("advisoryIDs");
            _put(blob, w + 2 * n, v, 2);
            ++n;
            (i, more) = _next(j, i + (e + 1 - i), "]");
        }
        return (n, i);
    }

    /// @dev "YYYY-MM-DDTHH:MM:SSZ" -> UNIX seconds.
    function _date(bytes memory j, uint256 i) private pure returns (uint40) {
        (uint256 s, uint256 e) = _stringRange(j, i);
        if (
            e - s != 20 || Der.byteAt(j, s + 4) != 0x2d || Der.byteAt(j, s + 7) != 0x2d || Der.byteAt(j, s + 10) != 0x54
                || Der.byteAt(j, s + 13) != 0x3a || Der.byteAt(j, s + 16) != 0x3a || Der.byteAt(j, s + 19) != 0x5a
        ) revert IDcapErrors.JsonFieldInvalid("date");
        return uint40(
            Der.toUnix(
                _dec(j, s, 4), _dec(j, s + 5, 2), _dec(j, s + 8, 2), _dec(j, s + 11, 2), _dec(j, s + 14, 2), _dec(j, s + 17, 2)
            )
        );
    }

    function _dec(bytes memory j, uint256 s, uint256 n) private pure returns (uint256 v) {
        for (uint256 p = s; p < s + n; ++p) {
            uint8 c = Der.byteAt(j, p);
            if (c < 0x30 || c > 0x39) revert IDcapErrors.JsonFieldInvalid("date");
            v = v * 10 + (c - 0x30);
        }
    }

    function _nibble(bytes memory j, uint256 p) private pure returns (uint256) {
        uint8 c = Der.byteAt(j, p);
        if (c >= 0x30 && c <= 0x39) return c - 0x30;
        if (c >= 0x61 && c <= 0x66) return c - 0x57;
        if (c >= 0x41 && c <= 0x46) return c - 0x37;
        revert IDcapErrors.JsonFieldInvalid("hex");
    }

    /// @dev A hex string of exactly `n` bytes (n <= 32), returned left-aligned.
    function _hexWord(bytes memory j, uint256 i, uint256 n) private pure returns (bytes32 w) {
        (uint256 s, uint256 e) = _stringRange(j, i);
        if (e - s != 2 * n) revert IDcapErrors.JsonFieldInvalid("hex");
        uint256 v;
        for (uint256 p = s; p < e; p += 2) {
            v = (v << 8) | (_nibble(j, p) << 4) | _nibble(j, p + 1);
        }
        w = bytes32(v << (256 - 8 * n));
    }

    /// @dev A hex string of exactly `n` bytes written into `blob` at `w`; returns the offset after the string.
    function _hexInto(bytes memory j, uint256 i, bytes memory blob, uint256 w, uint256 n)
        private
        pure
        returns (uint256)
    {
        (uint256 s, uint256 e) = _stringRange(j, i);
        if (e - s != 2 * n) revert IDcapErrors.JsonFieldInvalid("hex");
        for (uint256 k; k < n; ++k) {
            _put(blob, w + k, (_nibble(j, s + 2 * k) << 4) | _nibble(j, s + 2 * k + 1), 1);
        }
        return e + 1;
    }

    /// @dev Writes the low `n` bytes of `v` big-endian at `blob[w..w+n)`; reverts (typed) past the buffer.
    function _put(bytes memory blob, uint256 w, uint256 v, uint256 n) private pure {
        if (w + n > blob.length) revert IDcapErrors.JsonMalformed(w);
        for (uint256 k = n; k > 0; --k) {
            assembly ("memory-safe") {
                mstore8(add(add(blob, 32), add(w, sub(k, 1))), and(v, 0xff))
            }
            v >>= 8;
        }
    }
}
