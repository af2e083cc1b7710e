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
        Top memory t;
        t.levels = new bytes(j.length);
        t.modules = new bytes(j.length);
        _collectTop(j, t);
        uint256[12] memory pos = t.pos;
        if (pos[0] == 0 || pos[1] == 0 || pos[2] == 0 || pos[3] == 0 || pos[4] == 0 || pos[5] == 0) {
            revert IDcapErrors.JsonFieldInvalid("tcbInfo");
        }
        if (pos[7] == 0 || pos[10] == 0) revert IDcapErrors.JsonFieldInvalid("tcbInfo");
        h.teeType = t.tdx ? 1 : 0;
        (uint256 version,) = _uint(j, pos[1]);
        if (version != 3) revert IDcapErrors.CollateralKindUnsupported(t.id, version);
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
        // value offsets recorded before "id" was seen are parsed now (Intel puts "id" first, so normally not)
        if (!t.levelsDone) (, t.levelsLen, t.levelCount) = _parseTcbLevels(j, pos[10], t.levels, 0, t.tdx);
        if (t.tdx && pos[9] != 0 && !t.modulesDone) (, t.modulesLen, t.moduleCount) = _parseModuleIdentities(j, pos[9], t.modules, 0);

        uint256 headerLen = t.tdx ? 89 : 24;
        blob = new bytes(headerLen + t.modulesLen + t.levelsLen);
        _put(blob, 0, h.teeType, 1);
        _put(blob, 1, h.issueDate, 5);
        _put(blob, 6, h.nextUpdate, 5);
        _put(blob, 11, h.evaluationDataNumber, 4);
        _put(blob, 15, uint48(h.fmspc), 6);
        _put(blob, 21, uint16(h.pceId), 2);
        _put(blob, 23, t.levelCount, 1);
        if (t.tdx) {
            if (pos[8] == 0) revert IDcapErrors.JsonFieldInvalid("tdxModule");
            _parseModuleKeys(j, pos[8], blob, 24, false);
            _put(blob, 88, t.moduleCount, 1);
        }
        _copy(t.modules, 0, blob, headerLen, t.modulesLen);
        _copy(t.levels, 0, blob, headerLen + t.modulesLen, t.levelsLen);
    }

    /// @dev State of the single pass over the top-level TCB Info object.
    struct Top {
        uint256[12] pos; // value offsets of the top-level keys (0 = absent)
        bytes32 id;
        bool idKnown;
        bool tdx;
        bytes levels;
        uint256 levelsLen;
        uint256 levelCount;
        bool levelsDone;
        bytes modules;
        uint256 modulesLen;
        uint256 moduleCount;
        bool modulesDone;
    }

    function _copy(bytes memory src, uint256 so, bytes memory dst, uint256 d, uint256 n) private pure {
        if (so + n > src.length || d + n > dst.length) revert IDcapErrors.JsonMalformed(d);
        assembly ("memory-safe") {
            mcopy(add(add(dst, 32), d), add(add(src, 32), so), n)
        }
    }

    function _parseTcbLevels(bytes memory j, uint256 i, bytes memory blob, uint256 w, bool tdx)
        private
        pure
        returns (uint256, uint256, uint256 count)
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
        return (i, w, count);
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

    /// @dev An array of exactly 16 `{"svn": n, ...}` objects, written as 16 bytes. This is most of a TCB Info body,
    ///      so it is one assembly loop: keys in any order, whitespace allowed, other members must be strings or
    ///      scalars (Intel: "category", "type"); anything else reverts with `JsonMalformed`.
    function _components(bytes memory j, uint256 i, bytes memory blob, uint256 w) private pure returns (uint256) {
        if (w + 16 > blob.length) revert IDcapErrors.JsonMalformed(w);
        bool bad;
        assembly ("memory-safe") {
            let len := mload(j)
            let p := add(j, 32)
            let out := add(add(blob, 32), w)
            // reads byte at i (0x100 when out of range)
            function at(ptr, l, k) -> c {
                c := 0x100
                if lt(k, l) { c := byte(0, mload(add(ptr, k))) }
            }
            function ws(ptr, l, k) -> r {
                r := k
                for {} lt(r, l) { r := add(r, 1) } {
                    let c := byte(0, mload(add(ptr, r)))
                    if iszero(or(or(eq(c, 0x20), eq(c, 0x0a)), or(eq(c, 0x0d), eq(c, 0x09)))) { break }
                }
            }
            // k at an opening quote -> offset of the closing quote, or l on error
            function strEnd(ptr, l, k) -> e {
                e := add(k, 1)
                for {} 1 { e := add(e, 1) } {
                    if iszero(lt(e, l)) {
                        e := l
                        break
                    }
                    let c := byte(0, mload(add(ptr, e)))
                    if eq(c, 0x22) { break }
                    if or(eq(c, 0x5c), lt(c, 0x20)) {
                        e := l
                        break
                    }
                }
            }
            // one `{...}` at k; writes the svn byte to dst; ok = 0 on any error
            function obj(ptr, l, k, dst) -> r, ok {
                r := ws(ptr, l, k)
                if iszero(eq(at(ptr, l, r), 0x7b)) { leave }
                r := add(r, 1)
                let got := 0
                for {} 1 {} {
                    r := ws(ptr, l, r)
                    if iszero(eq(at(ptr, l, r), 0x22)) { leave }
                    let ke := strEnd(ptr, l, r)
                    if eq(ke, l) { leave }
                    let isSvn := and(eq(sub(ke, r), 4), eq(shr(232, mload(add(ptr, add(r, 1)))), 0x73766e))
                    r := ws(ptr, l, add(ke, 1))
                    if iszero(eq(at(ptr, l, r), 0x3a)) { leave }
                    r := ws(ptr, l, add(r, 1))
                    switch isSvn
                    case 1 {
                        if got { leave }
                        let v := 0
                        let start := r
                        for {} lt(r, l) { r := add(r, 1) } {
                            let d := sub(byte(0, mload(add(ptr, r))), 0x30)
                            if gt(d, 9) { break }
                            v := add(mul(v, 10), d)
                        }
                        if or(or(eq(r, start), gt(sub(r, start), 3)), gt(v, 255)) { leave }
                        mstore8(dst, v)
                        got := 1
                    }
                    default {
                        switch eq(at(ptr, l, r), 0x22)
                        case 1 {
                            let e := strEnd(ptr, l, r)
                            if eq(e, l) { leave }
                            r := add(e, 1)
                        }
                        default {
                            let start := r
                            for {} lt(r, l) { r := add(r, 1) } {
                                let ch := byte(0, mload(add(ptr, r)))
                                let lit := or(and(gt(ch, 0x2f), lt(ch, 0x3a)), or(eq(ch, 0x2d), eq(ch, 0x2e)))
                                lit := or(lit, and(gt(ch, 0x60), lt(ch, 0x7b)))
                                if iszero(lit) { break }
                            }
                            if eq(r, start) { leave }
                        }
                    }
                    r := ws(ptr, l, r)
                    let c := at(ptr, l, r)
                    r := add(r, 1)
                    if eq(c, 0x7d) { break }
                    if iszero(eq(c, 0x2c)) { leave }
                }
                ok := got
            }
            let n := 0
            i := ws(p, len, i)
            if iszero(eq(at(p, len, i), 0x5b)) { bad := 1 }
            i := add(i, 1)
            for {} iszero(bad) {} {
                if eq(n, 16) {
                    bad := 1
                    break
                }
                let ok
                i, ok := obj(p, len, i, add(out, n))
                if iszero(ok) {
                    bad := 1
                    break
                }
                n := add(n, 1)
                i := ws(p, len, i)
                let c := at(p, len, i)
                i := add(i, 1)
                if eq(c, 0x5d) { break }
                if iszero(eq(c, 0x2c)) { bad := 1 }
            }
            if iszero(eq(n, 16)) { bad := 1 }
        }
        if (bad) revert IDcapErrors.JsonFieldInvalid("tcbcomponents");
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
        returns (uint256, uint256, uint256 count)
    {
        bool more;
        (i, more) = _open(j, i, "[", "]");
        while (more) {
            if (count == 255) revert IDcapErrors.JsonFieldInvalid("tdxModuleIdentities");
            (i, w) = _parseModuleKeys(j, i, blob, w + 1, true);
            ++count;
            (i, more) = _next(j, i, "]");
        }
        return (i, w, count);
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

    /// @dev One pass over the top-level object: records value offsets; parses tcbLevels / tdxModuleIdentities in
    ///      place once "id" is known (else they are parsed afterwards from the recorded offsets).
    function _collectTop(bytes memory j, Top memory t) private pure {
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
                if (t.pos[slot] != 0) revert IDcapErrors.JsonMalformed(i); // duplicate key
                t.pos[slot] = i;
            }
            if (slot == 0) {
                t.id = _stringHash(j, i);
                if (t.id == keccak256("SGX")) t.tdx = false;
                else if (t.id == keccak256("TDX")) t.tdx = true;
                else revert IDcapErrors.CollateralKindUnsupported(t.id, 0);
                t.idKnown = true;
                i = _skip(j, i, 0);
            } else if (slot == 10 && t.idKnown) {
                (i, t.levelsLen, t.levelCount) = _parseTcbLevels(j, i, t.levels, 0, t.tdx);
                t.levelsDone = true;
            } else if (slot == 9 && t.idKnown && t.tdx) {
                (i, t.modulesLen, t.moduleCount) = _parseModuleIdentities(j, i, t.modules, 0);
                t.modulesDone = true;
            } else {
                i = _skip(j, i, 0);
            }
            (i, more) = _next(j, i, "}");
        }
    }

    function _at(bytes memory j, uint256 i) private pure returns (uint8 c) {
        bool bad;
        assembly ("memory-safe") {
            bad := iszero(lt(i, mload(j)))
            c := byte(0, mload(add(add(j, 32), i)))
        }
        if (bad) revert IDcapErrors.JsonMalformed(i);
    }

    function _ws(bytes memory j, uint256 i) private pure returns (uint256 r) {
        assembly ("memory-safe") {
            let len := mload(j)
            let p := add(j, 32)
            r := i
            for {} lt(r, len) { r := add(r, 1) } {
                let c := byte(0, mload(add(p, r)))
                // space, \n, \r, \t
                if iszero(or(or(eq(c, 0x20), eq(c, 0x0a)), or(eq(c, 0x0d), eq(c, 0x09)))) { break }
            }
        }
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
        bool bad;
        assembly ("memory-safe") {
            let len := mload(j)
            let p := add(j, 32)
            e := s
            for {} 1 { e := add(e, 1) } {
                if iszero(lt(e, len)) {
                    bad := 1
                    break
                }
                let c := byte(0, mload(add(p, e)))
                if eq(c, 0x22) { break }
                if or(eq(c, 0x5c), lt(c, 0x20)) {
                    bad := 1
                    break
                }
            }
        }
        if (bad) revert IDcapErrors.JsonMalformed(e);
    }

    function _stringHash(bytes memory j, uint256 i) private pure returns (bytes32) {
        (uint256 s, uint256 e) = _stringRange(j, i);
        return Der.hashRange(j, s, e);
    }

    /// @dev A non-negative integer of at most 19 digits.
    function _uint(bytes memory j, uint256 i) private pure returns (uint256 v, uint256) {
        i = _ws(j, i);
        uint256 start = i;
        assembly ("memory-safe") {
            let len := mload(j)
            let p := add(j, 32)
            for {} lt(i, len) { i := add(i, 1) } {
                let c := sub(byte(0, mload(add(p, i))), 0x30)
                if gt(c, 9) { break }
                v := add(mul(v, 10), c)
            }
        }
        if (i == start || i - start > 19) revert IDcapErrors.JsonMalformed(start);
        return (v, i);
    }

    /// @dev Skips any JSON value. Strings are scanned to their closing quote (escapes rejected), containers by
    ///      bracket matching with a type stack (depth <= 64); scalars are runs of literal characters. Only values the
    ///      parser does not use are skipped this way, and only inside Intel-signed bodies; malformed input reverts.
    function _skip(bytes memory j, uint256 i, uint256) private pure returns (uint256 r) {
        i = _ws(j, i);
        uint8 c = _at(j, i);
        if (c == 0x22) {
            (, uint256 e) = _stringRange(j, i);
            return e + 1;
        }
        bool bad;
        assembly ("memory-safe") {
            let len := mload(j)
            let p := add(j, 32)
            r := i
            switch or(eq(c, 0x7b), eq(c, 0x5b))
            case 1 {
                let stack := 0 // bit per level: 1 = object
                let depth := 0
                for {} 1 {} {
                    if iszero(lt(r, len)) {
                        bad := 1
                        break
                    }
                    let ch := byte(0, mload(add(p, r)))
                    r := add(r, 1)
                    switch ch
                    case 0x22 {
                        for {} 1 { r := add(r, 1) } {
                            if iszero(lt(r, len)) {
                                bad := 1
                                break
                            }
                            let sc := byte(0, mload(add(p, r)))
                            if eq(sc, 0x22) { break }
                            if or(eq(sc, 0x5c), lt(sc, 0x20)) {
                                bad := 1
                                break
                            }
                        }
                        if bad { break }
                        r := add(r, 1)
                    }
                    case 0x7b {
                        stack := or(shl(1, stack), 1)
                        depth := add(depth, 1)
                    }
                    case 0x5b {
                        stack := shl(1, stack)
                        depth := add(depth, 1)
                    }
                    case 0x7d {
                        if or(iszero(depth), iszero(and(stack, 1))) {
                            bad := 1
                            break
                        }
                        stack := shr(1, stack)
                        depth := sub(depth, 1)
                        if iszero(depth) { break }
                    }
                    case 0x5d {
                        if or(iszero(depth), and(stack, 1)) {
                            bad := 1
                            break
                        }
                        stack := shr(1, stack)
                        depth := sub(depth, 1)
                        if iszero(depth) { break }
                    }
                    if gt(depth, 64) {
                        bad := 1
                        break
                    }
                }
            }
            default {
                for {} lt(r, len) { r := add(r, 1) } {
                    let ch := byte(0, mload(add(p, r)))
                    // digits, '-', '+', '.', 'E', lowercase letters (true/false/null/exponent)
                    let lit := or(or(and(gt(ch, 0x2f), lt(ch, 0x3a)), or(eq(ch, 0x2d), eq(ch, 0x2b))), or(eq(ch, 0x2e), eq(ch, 0x45)))
                    lit := or(lit, and(gt(ch, 0x60), lt(ch, 0x7b)))
                    if iszero(lit) { break }
                }
                if eq(r, i) { bad := 1 }
            }
        }
        if (bad) revert IDcapErrors.JsonMalformed(r);
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
        if (e - s != 2 * n || w + n > blob.length) revert IDcapErrors.JsonFieldInvalid("hex");
        bool bad;
        assembly ("memory-safe") {
            let src := add(add(j, 32), s)
            let dst := add(add(blob, 32), w)
            for { let k := 0 } lt(k, n) { k := add(k, 1) } {
                let hi := byte(0, mload(add(src, mul(k, 2))))
                let lo := byte(0, mload(add(src, add(mul(k, 2), 1))))
                let v := 0
                for { let t := 0 } lt(t, 2) { t := add(t, 1) } {
                    let ch := hi
                    if t { ch := lo }
                    let d := 0x100
                    if and(gt(ch, 0x2f), lt(ch, 0x3a)) { d := sub(ch, 0x30) }
                    if and(gt(ch, 0x60), lt(ch, 0x67)) { d := sub(ch, 0x57) }
                    if and(gt(ch, 0x40), lt(ch, 0x47)) { d := sub(ch, 0x37) }
                    if eq(d, 0x100) { bad := 1 }
                    v := or(shl(4, v), and(d, 0xf))
                }
                mstore8(add(dst, k), v)
            }
        }
        if (bad) revert IDcapErrors.JsonFieldInvalid("hex");
        return e + 1;
    }

    /// @dev Writes the low `n` (1..32) bytes of `v` big-endian at `blob[w..w+n)`; reverts (typed) past the buffer.
    function _put(bytes memory blob, uint256 w, uint256 v, uint256 n) private pure {
        if (w + n > blob.length) revert IDcapErrors.JsonMalformed(w);
        assembly ("memory-safe") {
            let ptr := add(add(blob, 32), w)
            let sh := sub(256, mul(n, 8))
            let keep := shr(mul(n, 8), not(0)) // low (32 - n) bytes of the word stay
            mstore(ptr, or(and(mload(ptr), keep), shl(sh, v)))
        }
    }
}
