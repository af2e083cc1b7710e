// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IDcapVerifier} from "../../interfaces/IDcapVerifier.sol";
import {IPccs} from "../../interfaces/IPccs.sol";
import {ITeeVerifier} from "../../interfaces/ITeeVerifier.sol";
import {CodeBlob} from "./CodeBlob.sol";
import {QuoteParser} from "./QuoteParser.sol";
import {TcbEvaluator} from "./TcbEvaluator.sol";
import {X509} from "./X509.sol";

/// @title DcapVerifier
/// @notice Intel DCAP quote verifier over an on-chain PCCS. The hot path (cached PCK leaf, compact quote) is: parse by
///         offsets in calldata, one external call returning five packed words, four EXTCODECOPYs of compact blobs,
///         three SHA-256 calls and two P-256 checks. No ASN.1, JSON or base64; no storage writes.
/// @dev Not upgradeable and without parameters: a new verifier version is a new deployment that governance points
///      the attestation registry to. Verification time is `block.timestamp`.
/// @custom:semver 1.0.0
contract DcapVerifier is IDcapVerifier {
    IPccs private immutable PCCS;

    uint256 private constant HEADER = QuoteParser.HEADER_LENGTH;

    /// @dev Intermediate results of one verification.
    struct Ctx {
        bytes32 leafId;
        bytes leaf;
        bytes tcb;
        bytes qe;
        uint8 tee;
    }

    /// @param pccs_ The collateral store.
    constructor(IPccs pccs_) {
        PCCS = pccs_;
    }

    /// @notice Semantic version of this contract.
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    /// @inheritdoc IDcapVerifier
    function pccs() external view returns (IPccs) {
        return PCCS;
    }

    /// @inheritdoc ITeeVerifier
    function verify(bytes calldata evidence) external view returns (Verdict memory verdict) {
        return _verify(evidence, QuoteParser.parse(evidence));
    }

    /// @inheritdoc IDcapVerifier
    function verifyAndCache(bytes calldata evidence) external returns (Verdict memory verdict) {
        QuoteParser.Quote memory q = QuoteParser.parse(evidence);
        if (q.certType == QuoteParser.CERT_PCK_CHAIN) {
            bytes calldata chain = evidence[q.certData:q.certData + q.certLength];
            (bytes32 leafId,) = PCCS.hotCollateral(keccak256(chain), true, q.tdx ? 1 : 0);
            if (leafId == bytes32(0)) PCCS.cachePckCertificate(chain);
        }
        return _verify(evidence, q);
    }

    /// @inheritdoc IDcapVerifier
    function verifyAndCacheCertificate(bytes calldata evidence, bytes calldata pckCertificate)
        external
        returns (Verdict memory verdict)
    {
        QuoteParser.Quote memory q = QuoteParser.parse(evidence);
        (, IPccs.HotCollateral memory hot) = PCCS.hotCollateral(keccak256(pckCertificate), false, q.tdx ? 1 : 0);
        if (hot.leaf == 0) PCCS.cachePckCertificate(pckCertificate);
        return _verify(evidence, q);
    }

    /// @inheritdoc IDcapVerifier
    function compactQuote(bytes calldata quote) external view returns (bytes memory compact, bytes32 leafId) {
        QuoteParser.Quote memory q = QuoteParser.parse(quote);
        if (q.certType == QuoteParser.CERT_COMPACT_LEAF) {
            leafId = bytes32(quote[q.certData:q.certData + 32]);
        } else {
            (leafId,,) = PCCS.evaluatePckCertificate(quote[q.certData:q.certData + q.certLength], q.tdx ? 1 : 0);
        }
        uint256 certTypeAt = q.certData - 6;
        uint256 removed = q.certLength - 32; // the PEM chain becomes the 32-byte leaf id
        // certification data type 256 (u16 LE: 00 01) | size 32 (u32 LE: 20 00 00 00) | leaf id
        compact = abi.encodePacked(quote[:certTypeAt], hex"000120000000", leafId);
        uint256 sigLenAt = HEADER + q.bodyLength;
        _putLe32(compact, sigLenAt, _readLe(quote, sigLenAt, 4) - removed);
        if (q.version == 4) {
            uint256 wrapAt = sigLenAt + 4 + 128 + 2; // size of the type-6 certification data
            _putLe32(compact, wrapAt, _readLe(quote, wrapAt, 4) - removed);
        }
    }

    // ------------------------------------------------------------------------------------------------ internals

    function _verify(bytes calldata ev, QuoteParser.Quote memory q) private view returns (Verdict memory v) {
        Ctx memory c;
        c.tee = q.tdx ? 1 : 0;
        IPccs.HotCollateral memory hot;
        if (q.certType == QuoteParser.CERT_COMPACT_LEAF) {
            c.leafId = bytes32(ev[q.certData:q.certData + 32]);
            (, hot) = PCCS.hotCollateral(c.leafId, false, c.tee);
            if (hot.leaf == 0) revert PckLeafNotCached(c.leafId);
            c.leaf = CodeBlob.read(address(uint160(hot.leaf)));
        } else {
            bytes calldata chain = ev[q.certData:q.certData + q.certLength];
            (c.leafId, hot) = PCCS.hotCollateral(keccak256(chain), true, c.tee);
            if (hot.leaf == 0) (c.leafId, c.leaf, hot) = PCCS.evaluatePckCertificate(chain, c.tee);
            else c.leaf = CodeBlob.read(address(uint160(hot.leaf)));
        }
        _checkCertificates(c, hot);
        _loadTcbCollateral(c, hot);
        _checkQe(ev, q, c);
        if (!X509.verifySignature(sha256(ev[:HEADER + q.bodyLength]), q.sigR, q.sigS, q.attKeyX, q.attKeyY)) {
            revert QuoteSignatureInvalid();
        }
        _evaluateTcb(ev, q, c, v);
        _fillVerdict(ev, q, v);
    }

    /// @dev PCK leaf window and revocation flag; the whole PKI behind its CA (CA certificate, root CRL, CA CRL, TCB
    ///      signing certificate) as one packed window kept by the PCCS; on failure the PCCS names the fault.
    function _checkCertificates(Ctx memory c, IPccs.HotCollateral memory hot) private view {
        bytes memory leaf = c.leaf;
        _window(c.leafId, _u(leaf, 64, 5), _u(leaf, 69, 5));
        uint8 caIndex = uint8(_u(leaf, 120, 1));
        if ((hot.leaf >> 216) & 1 != 0) {
            (bytes32 caName,) = PCCS.caInfo(caIndex);
            revert CertRevoked(caName, _u(leaf, 74, 20));
        }
        uint256 ca = hot.ca;
        if (block.timestamp < uint40(ca >> 160) || block.timestamp > uint40(ca >> 200) || ca >> 240 != 0) {
            PCCS.checkPki(caIndex); // reverts with the precise error
            revert CertIssuerUnknown(bytes32(uint256(caIndex))); // unreachable while the PCCS is consistent
        }
    }

    /// @dev TCB info (by TEE type + the leaf's FMSPC) and QE identity: present and within issueDate..nextUpdate.
    function _loadTcbCollateral(Ctx memory c, IPccs.HotCollateral memory hot) private view {
        bytes6 fmspc = bytes6(uint48(_u(c.leaf, 114, 6)));
        if (hot.tcbInfo == 0) revert TcbInfoNotFound(c.tee, fmspc);
        c.tcb = CodeBlob.read(address(uint160(hot.tcbInfo)));
        uint256 issue = _u(c.tcb, 1, 5);
        uint256 next = _u(c.tcb, 6, 5);
        if (block.timestamp < issue) revert TcbInfoNotYetValid(c.tee, fmspc, issue, block.timestamp);
        if (block.timestamp > next) revert TcbInfoExpired(c.tee, fmspc, next, block.timestamp);
        bytes2 pckPceId = bytes2(uint16(_u(c.leaf, 112, 2)));
        bytes2 tcbPceId = bytes2(uint16(_u(c.tcb, 21, 2)));
        if (pckPceId != tcbPceId) revert PceIdMismatch(pckPceId, tcbPceId);
        if (hot.qeIdentity == 0) revert QeIdentityNotFound(c.tee);
        c.qe = CodeBlob.read(address(uint160(hot.qeIdentity)));
        issue = _u(c.qe, 1, 5);
        next = _u(c.qe, 6, 5);
        if (block.timestamp < issue) revert QeIdentityNotYetValid(c.tee, issue, block.timestamp);
        if (block.timestamp > next) revert QeIdentityExpired(c.tee, next, block.timestamp);
    }

    /// @dev QE report signature by the PCK key, then QE report data = SHA-256(attestation key || auth data) || 0^32.
    function _checkQe(bytes calldata ev, QuoteParser.Quote memory q, Ctx memory c) private view {
        uint256 r = q.qeReport;
        if (
            !X509.verifySignature(
                sha256(ev[r:r + QuoteParser.QE_REPORT_LENGTH]),
                q.qeSigR,
                q.qeSigS,
                bytes32(_u(c.leaf, 0, 32)),
                bytes32(_u(c.leaf, 32, 32))
            )
        ) revert QeReportSignatureInvalid();
        bytes32 expected = sha256(abi.encodePacked(q.attKeyX, q.attKeyY, ev[q.authData:q.authData + q.authLength]));
        bytes32 actual = _cd(ev, r + 320);
        if (actual != expected || _cd(ev, r + 352) != bytes32(0)) {
            revert QeReportDataMismatch(expected, actual);
        }
    }

    /// @dev A matched TCB level: status and where its advisory list sits in its blob.
    struct Level {
        uint8 status;
        uint256 advOff;
        uint256 advN;
    }

    /// @dev QE identity, platform TCB level, TDX module; Intel's status convergence; advisory union.
    function _evaluateTcb(bytes calldata ev, QuoteParser.Quote memory q, Ctx memory c, Verdict memory v)
        private
        pure
    {
        Level memory qe = _matchQe(ev, q.qeReport, c.qe);
        TcbEvaluator.Platform memory p;
        p.pckComponents = bytes16(uint128(_u(c.leaf, 94, 16)));
        p.pceSvn = uint16(_u(c.leaf, 110, 2));
        uint256 b = HEADER;
        if (q.tdx) {
            p.teeTcbSvn = bytes16(_cd(ev, b));
            p.mrSignerSeamHi = uint256(_cd(ev, b + 64));
            p.mrSignerSeamLo = uint256(bytes32(bytes16(_cd(ev, b + 96))));
            p.seamAttributes = uint64(bytes8(_cd(ev, b + 112)));
        }
        Level memory plat;
        (plat.status, plat.advOff, plat.advN) = TcbEvaluator.matchPlatform(c.tcb, p, q.tdx);
        if (plat.status == TcbEvaluator.STATUS_REVOKED) revert TcbRevoked(0);
        Level memory mod;
        if (q.tdx) (mod.status, mod.advOff, mod.advN) = TcbEvaluator.matchTdxModule(c.tcb, p);
        uint8 status = TcbEvaluator.converge(plat.status, qe.status, 1);
        if (q.tdx) status = TcbEvaluator.converge(status, mod.status, 2);
        uint16[] memory adv = new uint16[](plat.advN + qe.advN + mod.advN);
        uint256 n = TcbEvaluator.appendAdvisories(adv, 0, c.tcb, plat.advOff, plat.advN);
        n = TcbEvaluator.appendAdvisories(adv, n, c.qe, qe.advOff, qe.advN);
        n = TcbEvaluator.appendAdvisories(adv, n, c.tcb, mod.advOff, mod.advN);
        assembly ("memory-safe") {
            mstore(adv, n)
        }
        v.tcbStatus = TcbStatus(status);
        v.advisoryIds = adv;
        v.fmspc = bytes6(uint48(_u(c.leaf, 114, 6)));
    }

    function _matchQe(bytes calldata ev, uint256 r, bytes memory qeBlob) private pure returns (Level memory lv) {
        (lv.status, lv.advOff, lv.advN) = TcbEvaluator.matchQe(
            qeBlob,
            uint32(_readLe(ev, r + 16, 4)),
            bytes16(_cd(ev, r + 48)),
            _cd(ev, r + 128),
            uint16(_readLe(ev, r + 256, 2)),
            uint16(_readLe(ev, r + 258, 2))
        );
    }

    function _fillVerdict(bytes calldata ev, QuoteParser.Quote memory q, Verdict memory v) private pure {
        uint256 b = HEADER;
        v.evidenceHash = keccak256(ev);
        if (q.tdx) {
            v.teeType = TeeType.TDX;
            v.debug = uint8(bytes1(_cd(ev, b + 120))) & 0x01 != 0; // TDATTRIBUTES.DEBUG
            v.reportData = ev[b + 520:b + 584];
            v.measurements = _encodeTdx(ev);
        } else {
            v.teeType = TeeType.SGX;
            v.debug = uint8(bytes1(_cd(ev, b + 48))) & 0x02 != 0; // ATTRIBUTES.DEBUG
            v.reportData = ev[b + 320:b + 384];
            v.measurements = abi.encode(
                SgxMeasurements({
                    mrEnclave: _cd(ev, b + 64),
                    mrSigner: _cd(ev, b + 128),
                    isvProdId: uint16(_readLe(ev, b + 256, 2)),
                    isvSvn: uint16(_readLe(ev, b + 258, 2)),
                    attributes: bytes16(_cd(ev, b + 48)),
                    miscSelect: uint32(_readLe(ev, b + 16, 4))
                })
            );
        }
    }

    /// @dev `abi.encode(TdxMeasurements)` written directly: offset word, 8 head words (6 offsets, TD attributes, XFAM),
    ///      then six 48-byte members (length word + 2 padded words each) = 864 bytes.
    function _encodeTdx(bytes calldata ev) private pure returns (bytes memory out) {
        uint256 b = HEADER;
        // body offsets of MRTD, MRCONFIGID, RTMR0..3
        uint256 packed = (136 << 80) | (184 << 64) | (328 << 48) | (376 << 32) | (424 << 16) | 472;
        assembly ("memory-safe") {
            out := mload(0x40)
            mstore(out, 864)
            let d := add(out, 32)
            mstore(d, 0x20)
            let head := add(d, 32)
            let base := add(ev.offset, b)
            for { let k := 0 } lt(k, 6) { k := add(k, 1) } {
                let src := and(shr(mul(16, sub(5, k)), packed), 0xffff)
                mstore(add(head, mul(k, 32)), add(256, mul(k, 96))) // offset relative to the tuple start
                let tail := add(head, add(256, mul(k, 96)))
                mstore(tail, 48)
                calldatacopy(add(tail, 32), add(base, src), 48)
                mstore(add(tail, 80), 0) // zero the padding of the second word
            }
            mstore(add(head, 192), and(calldataload(add(base, 120)), shl(192, 0xffffffffffffffff)))
            mstore(add(head, 224), and(calldataload(add(base, 128)), shl(192, 0xffffffffffffffff)))
            mstore(0x40, add(d, 864))
        }
    }

    function _window(bytes32 id, uint256 notBefore, uint256 notAfter) private view {
        if (block.timestamp < notBefore) revert CertificateNotYetValid(id, notBefore, block.timestamp);
        if (block.timestamp > notAfter) revert CertificateExpired(id, notAfter, block.timestamp);
    }

    /// @dev Big-endian integer of `n` bytes at `off` of a blob written by the PCCS (layouts fixed there).
    function _u(bytes memory b, uint256 off, uint256 n) private pure returns (uint256 x) {
        if (off + n > b.length) revert QuoteCertDataInvalid();
        assembly ("memory-safe") {
            x := shr(sub(256, mul(n, 8)), mload(add(add(b, 32), off)))
        }
    }

    /// @dev Little-endian integer of `n` (<= 4) bytes at `off`; the parser already checked `off + n` is in range.
    function _readLe(bytes calldata q, uint256 off, uint256 n) private pure returns (uint256 x) {
        assembly ("memory-safe") {
            let w := calldataload(add(q.offset, off))
            for { let k := 0 } lt(k, n) { k := add(k, 1) } { x := or(x, shl(mul(8, k), byte(k, w))) }
        }
    }

    /// @dev 32 bytes of calldata at `off` (the parser already checked the range it belongs to).
    function _cd(bytes calldata q, uint256 off) private pure returns (bytes32 w) {
        assembly ("memory-safe") {
            w := calldataload(add(q.offset, off))
        }
    }

    function _putLe32(bytes memory b, uint256 off, uint256 x) private pure {
        for (uint256 k; k < 4; ++k) {
            b[off + k] = bytes1(uint8(x >> (8 * k)));
        }
    }
}
