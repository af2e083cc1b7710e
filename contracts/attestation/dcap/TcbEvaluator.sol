// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {IDcapErrors} from "../../interfaces/IDcapErrors.sol";

/// @title TcbEvaluator
/// @notice Intel's TCB level matching and status convergence over the compact blobs written by {CollateralJson}
///         (no JSON on the hot path). Follows Intel's QVL (`TcbLevelCheck.cpp`, `QuoteVerifier.cpp`):
///         - SGX: first TCB level (Intel orders them newest first) whose 16 SGX components and PCESVN are all <= the
///           PCK certificate's;
///         - TDX: additionally the 16 TDX components <= TEE_TCB_SVN, comparing from index 2 when TEE_TCB_SVN[1] > 0
///           (components 0/1 are the TDX module's and are judged by `tdxModuleIdentities`; dcap-qvl and Automata
///           compare all 16, Intel does not: we follow Intel);
///         - QE: first QE identity level with isvsvn <= the QE report's ISVSVN;
///         - TDX module: identity `TDX_<TEE_TCB_SVN[1]>`, MRSIGNERSEAM and masked SEAMATTRIBUTES must match, first
///           level with isvsvn <= TEE_TCB_SVN[0];
///         - convergence: QE / module OutOfDate turns UpToDate|SWHardeningNeeded into OutOfDate and
///           ConfigurationNeeded|ConfigurationAndSWHardeningNeeded into OutOfDateConfigurationNeeded; any Revoked
///           level is an error. Advisory IDs are the union of the matched platform, QE and module levels.
library TcbEvaluator {
    uint8 internal constant STATUS_UP_TO_DATE = 0;
    uint8 internal constant STATUS_OUT_OF_DATE = 4;
    uint8 internal constant STATUS_REVOKED = 6;

    /// @notice Inputs of one evaluation.
    struct Platform {
        bytes16 pckComponents;
        uint16 pceSvn;
        bytes16 teeTcbSvn; // TDX only
        uint256 mrSignerSeamHi; // TDX: MRSIGNERSEAM bytes [0,32)
        uint256 mrSignerSeamLo; // TDX: MRSIGNERSEAM bytes [32,48) left-aligned
        uint64 seamAttributes; // TDX: SEAMATTRIBUTES as a big-endian number of its bytes
        uint16 qeIsvSvn;
    }

    /// @notice Matches the platform against a TCB info blob; returns the platform status and the offset / count of the
    ///         matched level's advisory list in `tcb`.
    function matchPlatform(bytes memory tcb, Platform memory p, bool tdx)
        internal
        pure
        returns (uint8 status, uint256 advOff, uint256 advCount)
    {
        _need(tcb, 24);
        uint256 levels = _u(tcb, 23, 1);
        uint256 w = 24;
        if (tdx) w = _skipModules(tcb);
        uint256 pck = _spread(uint128(p.pckComponents));
        uint256 tee;
        uint256 teeMask = type(uint256).max;
        if (tdx) {
            tee = _spread(uint128(p.teeTcbSvn));
            // lanes of bytes 0 and 1 are the top 32 bits after spreading
            if (uint8(p.teeTcbSvn[1]) > 0) teeMask = type(uint256).max >> 32;
            tee &= teeMask;
        }
        uint256 fixedLen = tdx ? 35 : 19;
        if (!tdx) teeMask = 0; // SGX: the TDX lanes compare 0 >= 0
        uint256 r = _scan(tcb, w, levels | (fixedLen << 8) | (uint256(p.pceSvn) << 16), pck, tee, teeMask);
        bool found = r & 1 != 0;
        status = uint8(r >> 8);
        advOff = uint24(r >> 16);
        advCount = uint8(r >> 40);
        if (found) return (status, advOff, advCount);
        revert IDcapErrors.TcbLevelNotFound(bytes6(_word(tcb, 15)));
    }

    /// @dev Level scan; returns found | status << 8 | advOff << 16 | advCount << 40.
    ///      `meta` = levels | fixedLen << 8 | pceSvn << 16.
    function _scan(bytes memory tcb, uint256 w, uint256 meta, uint256 pck, uint256 tee, uint256 teeMask)
        private
        pure
        returns (uint256 r)
    {
        assembly ("memory-safe") {
            function spread(x) -> y {
                y := x
                y := and(or(y, shl(64, y)), 0x0000000000000000ffffffffffffffff0000000000000000ffffffffffffffff)
                y := and(or(y, shl(32, y)), 0x00000000ffffffff00000000ffffffff00000000ffffffff00000000ffffffff)
                y := and(or(y, shl(16, y)), 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff)
                y := and(or(y, shl(8, y)), 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff)
            }
            let len := mload(tcb)
            let base := add(tcb, 32)
            let g := 0x0100010001000100010001000100010001000100010001000100010001000100
            let fixedLen := and(shr(8, meta), 0xff)
            for { let i := 0 } lt(i, and(meta, 0xff)) { i := add(i, 1) } {
                if gt(add(w, add(fixedLen, 1)), len) { break } // truncated blob: reported as no match
                let rec := add(base, w)
                let nAdv := byte(0, mload(add(rec, fixedLen)))
                // every lane of pck >= level (no lane borrows: each lane of (a | g) is >= 256 > any level lane)
                let ok := eq(and(sub(or(pck, g), spread(shr(128, mload(rec)))), g), g)
                ok := and(ok, iszero(lt(shr(16, meta), shr(240, mload(add(rec, 16))))))
                ok := and(ok, eq(and(sub(or(tee, g), and(spread(shr(128, mload(add(rec, 18)))), teeMask)), g), g))
                if ok {
                    if gt(add(w, add(add(fixedLen, 1), mul(2, nAdv))), len) { break }
                    r := or(or(1, shl(8, byte(0, mload(add(rec, sub(fixedLen, 1)))))), or(shl(16, add(w, add(fixedLen, 1))), shl(40, nAdv)))
                    break
                }
                w := add(w, add(add(fixedLen, 1), mul(2, nAdv)))
            }
        }
    }

    /// @notice Checks the TDX module identity named by TEE_TCB_SVN[1] and returns its status and advisory list
    ///         (status UpToDate and no advisories when TEE_TCB_SVN[1] == 0: then only `tdxModule` is matched).
    function matchTdxModule(bytes memory tcb, Platform memory p)
        internal
        pure
        returns (uint8 status, uint256 advOff, uint256 advCount)
    {
        uint8 version = uint8(p.teeTcbSvn[1]);
        uint8 isvSvn = uint8(p.teeTcbSvn[0]);
        _need(tcb, 89);
        if (version == 0) {
            _checkModule(tcb, 24, p);
            return (STATUS_UP_TO_DATE, 0, 0);
        }
        uint256 n = _u(tcb, 88, 1);
        uint256 w = 89;
        for (uint256 i; i < n; ++i) {
            _need(tcb, w + 66);
            uint256 levels = _u(tcb, w + 65, 1);
            uint256 lw = w + 66;
            bool found = _u(tcb, w, 1) == version;
            if (found) _checkModule(tcb, w + 1, p);
            for (uint256 lv; lv < levels; ++lv) {
                _need(tcb, lw + 3);
                uint256 nAdv = _u(tcb, lw + 2, 1);
                if (found && isvSvn >= _u(tcb, lw, 1)) {
                    _need(tcb, lw + 3 + 2 * nAdv);
                    return (uint8(_u(tcb, lw + 1, 1)), lw + 3, nAdv);
                }
                lw += 3 + 2 * nAdv;
            }
            if (found) revert IDcapErrors.TdxModuleTcbLevelNotFound(isvSvn);
            w = lw;
        }
        revert IDcapErrors.TdxModuleNotFound(version);
    }

    /// @notice Checks the QE report against a QE identity blob and returns the QE TCB status and advisory list.
    function matchQe(bytes memory qe, uint32 miscSelect, bytes16 attributes, bytes32 mrSigner, uint16 isvProdId, uint16 isvSvn)
        internal
        pure
        returns (uint8 status, uint256 advOff, uint256 advCount)
    {
        _need(qe, 90);
        if (miscSelect & uint32(_u(qe, 19, 4)) != uint32(_u(qe, 15, 4))) revert IDcapErrors.QeIdentityMismatch(1);
        if (attributes & bytes16(_word(qe, 39)) != bytes16(_word(qe, 23))) revert IDcapErrors.QeIdentityMismatch(2);
        if (mrSigner != _word(qe, 55)) revert IDcapErrors.QeIdentityMismatch(3);
        if (isvProdId != _u(qe, 87, 2)) revert IDcapErrors.QeIdentityMismatch(4);
        uint256 levels = _u(qe, 89, 1);
        uint256 w = 90;
        for (uint256 i; i < levels; ++i) {
            _need(qe, w + 4);
            uint256 nAdv = _u(qe, w + 3, 1);
            if (isvSvn >= _u(qe, w, 2)) {
                _need(qe, w + 4 + 2 * nAdv);
                return (uint8(_u(qe, w + 2, 1)), w + 4, nAdv);
            }
            w += 4 + 2 * nAdv;
        }
        revert IDcapErrors.QeTcbLevelNotFound(isvSvn);
    }

    /// @notice Intel's convergence of the platform status with a QE or TDX module status (`what` names the source for
    ///         the Revoked error: 1 = QE, 2 = TDX module).
    function converge(uint8 platform, uint8 other, uint8 what) internal pure returns (uint8) {
        if (other == STATUS_REVOKED) revert IDcapErrors.TcbRevoked(what);
        if (other == STATUS_OUT_OF_DATE) {
            if (platform <= 1) return STATUS_OUT_OF_DATE;
            if (platform <= 3) return 5; // OutOfDateConfigurationNeeded
        }
        return platform;
    }

    /// @notice Appends the advisory list at `blob[off..off+2n)` to `out[0..len)` without duplicates.
    function appendAdvisories(uint16[] memory out, uint256 len, bytes memory blob, uint256 off, uint256 n)
        internal
        pure
        returns (uint256)
    {
        for (uint256 i; i < n; ++i) {
            uint16 a = uint16(_u(blob, off + 2 * i, 2));
            bool dup;
            for (uint256 k; k < len; ++k) {
                if (out[k] == a) {
                    dup = true;
                    break;
                }
            }
            if (!dup) out[len++] = a;
        }
        return len;
    }

    function _checkModule(bytes memory tcb, uint256 w, Platform memory p) private pure {
        _need(tcb, w + 64);
        if (
            uint256(_word(tcb, w)) != p.mrSignerSeamHi
                || uint256(_word(tcb, w + 32)) >> 128 != p.mrSignerSeamLo >> 128
        ) revert IDcapErrors.TdxModuleMismatch();
        uint64 attrs = uint64(bytes8(_word(tcb, w + 48)));
        uint64 mask = uint64(bytes8(_word(tcb, w + 56)));
        if (p.seamAttributes & mask != attrs) revert IDcapErrors.TdxModuleMismatch();
    }

    /// @dev Offset of the first platform TCB level of a TDX blob (after the module identities).
    function _skipModules(bytes memory tcb) private pure returns (uint256 w) {
        _need(tcb, 89);
        uint256 n = _u(tcb, 88, 1);
        w = 89;
        for (uint256 i; i < n; ++i) {
            _need(tcb, w + 66);
            uint256 levels = _u(tcb, w + 65, 1);
            w += 66;
            for (uint256 lv; lv < levels; ++lv) {
                _need(tcb, w + 3);
                w += 3 + 2 * _u(tcb, w + 2, 1);
            }
        }
    }

    /// @dev Spreads 16 bytes into 16-bit lanes (byte 0 in the top lane).
    function _spread(uint128 x) private pure returns (uint256 y) {
        y = uint256(x);
        y = (y | (y << 64)) & 0x0000000000000000ffffffffffffffff0000000000000000ffffffffffffffff;
        y = (y | (y << 32)) & 0x00000000ffffffff00000000ffffffff00000000ffffffff00000000ffffffff;
        y = (y | (y << 16)) & 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff;
        y = (y | (y << 8)) & 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff;
    }

    /// @dev True if every 16-bit lane of `a` is >= the same lane of `b` (lanes hold values < 256).
    function _geAll(uint256 a, uint256 b) private pure returns (bool) {
        uint256 g = 0x0100010001000100010001000100010001000100010001000100010001000100;
        unchecked {
            // no lane borrows: each lane of (a | g) is >= 256 > any lane of b
            return ((a | g) - b) & g == g;
        }
    }

    function _need(bytes memory b, uint256 end) private pure {
        if (end > b.length) revert IDcapErrors.JsonMalformed(end);
    }

    /// @dev 32 bytes at `off` (reads past the end are zero-padded by memory layout only within checked ranges).
    function _word(bytes memory b, uint256 off) private pure returns (bytes32 w) {
        assembly ("memory-safe") {
            w := mload(add(add(b, 32), off))
        }
    }

    /// @dev Big-endian unsigned integer of `n` bytes at `off`.
    function _u(bytes memory b, uint256 off, uint256 n) private pure returns (uint256 v) {
        assembly ("memory-safe") {
            v := shr(sub(256, mul(n, 8)), mload(add(add(b, 32), off)))
        }
    }
}
