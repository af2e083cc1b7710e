// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IPccs} from "../../interfaces/IPccs.sol";
import {CodeBlob} from "../dcap/CodeBlob.sol";
import {CollateralJson} from "../dcap/CollateralJson.sol";
import {Crl} from "../dcap/Crl.sol";
import {X509} from "../dcap/X509.sol";

/// @title Pccs
/// @notice On-chain Intel collateral store with a pinned Intel SGX Root CA key.
/// @dev Not upgradeable and without any owner or parameter: the trust anchor is the immutable root key, every upload is
///      verified against it, so there is nothing to govern. A new version is a new deployment (collateral is public and
///      re-uploadable); the attestation registry switches verifiers through governance.
///      Storage words (one slot each; the quote hot path reads leaf, CA, TCB info and QE identity words only):
///      - leaf:   [0,160) leaf blob | [160,208) fmspc | [208,216) CA index | [216] revoked (set when a later CRL of
///                its CA lists it)
///      - CA:     [0,160) CA CRL blob | [160,200) validFrom | [200,240) validUntil | [240,248) flags (bit 0 CA revoked
///                by the root CRL, bit 1 TCB signer revoked). validFrom/validUntil are the intersection of the
///                windows of the CA certificate, its CRL, the root CRL, the TCB signing certificate and the root, kept
///                up to date by every upload, so the hot path checks one window; when it fails, {checkPki} names the
///                precise fault.
///      - global: [0,40) root CRL thisUpdate | [40,80) root CRL nextUpdate | [80,120) TCB signer notBefore
///                | [120,160) TCB signer notAfter | [160,168) TCB signer revoked
///      - TCB info / QE identity: [0,160) blob | [160,192) evaluation data number | [192,232) issueDate
///      Blobs: CRL = thisUpdate u40 | nextUpdate u40 | sorted serials (20 bytes each); leaf = key x | key y | notBefore
///      u40 | notAfter u40 | serial (20) | TCB components (16) | PCESVN u16 | PCE-ID (2) | FMSPC (6) | CA index u8;
///      TCB info / QE identity: see {CollateralJson}.
/// @custom:semver 1.0.0
contract Pccs is IPccs {
    bytes32 private immutable ROOT_X;
    bytes32 private immutable ROOT_Y;
    bytes32 private immutable ROOT_NAME;
    uint40 private immutable ROOT_NOT_AFTER;
    bytes32 private immutable ROOT_DER_HASH;

    uint256 internal constant CRL_HEADER = 10;
    uint256 internal constant SERIAL_BYTES = 20;
    uint256 internal constant MAX_CRL_ENTRIES = (0x6000 - 1 - CRL_HEADER) / SERIAL_BYTES;

    struct CaCert {
        bytes32 x;
        bytes32 y;
        bytes32 name;
        uint160 serial;
        uint40 notBefore;
        uint40 notAfter;
        uint40 crlThisUpdate;
        uint40 crlNextUpdate;
        bool revoked;
        bytes32 derHash;
    }

    struct Signer {
        bytes32 x;
        bytes32 y;
        bytes32 name;
        uint160 serial;
    }

    uint8 private _caCount;
    mapping(uint8 caIndex => CaCert) private _cas;
    mapping(uint8 caIndex => uint256) private _caWords;
    mapping(bytes32 nameHash => uint8 caIndex) private _caIndexOf;
    uint256 private _global;
    address private _rootCrl;
    Signer private _signer;
    mapping(uint8 teeType => mapping(bytes6 fmspc => uint256)) private _tcbInfo;
    mapping(uint8 teeType => uint256) private _qeIdentity;
    mapping(bytes32 leafId => uint256) private _leaves;
    mapping(bytes32 pemHash => bytes32 leafId) private _pemAlias;
    mapping(bytes32 caSerial => bytes32 leafId) private _leafBySerial;

    /// @param rootCertificate DER of the self-signed root CA certificate whose key is pinned (Intel SGX Root CA in
    ///        production; the deploy module passes Intel's; tests may pass a synthetic root).
    constructor(bytes memory rootCertificate) {
        X509.Certificate memory c = X509.parse(rootCertificate);
        if (c.issuerHash != c.subjectHash || !X509.verifySignature(c.tbsHash, c.sigR, c.sigS, c.pkX, c.pkY)) {
            revert CertSignatureInvalid(c.subjectHash);
        }
        ROOT_X = c.pkX;
        ROOT_Y = c.pkY;
        ROOT_NAME = c.subjectHash;
        ROOT_NOT_AFTER = c.notAfter;
        ROOT_DER_HASH = keccak256(rootCertificate);
    }

    /// @notice Semantic version of this contract.
    function version() external pure returns (string memory) {
        return "1.0.0";
    }

    /// @inheritdoc IPccs
    function rootNameHash() external view returns (bytes32) {
        return ROOT_NAME;
    }

    // ------------------------------------------------------------------------------------------------ uploads

    /// @inheritdoc IPccs
    function uploadCrl(bytes calldata der) external {
        Crl.RevocationList memory lv = Crl.parse(der);
        bool isRoot = lv.issuerHash == ROOT_NAME;
        uint8 idx;
        bytes32 x = ROOT_X;
        bytes32 y = ROOT_Y;
        uint256 stored = uint40(_global);
        if (!isRoot) {
            idx = _caIndexOf[lv.issuerHash];
            if (idx == 0) revert CrlIssuerUnknown(lv.issuerHash);
            CaCert storage ca = _cas[idx];
            (x, y, stored) = (ca.x, ca.y, ca.crlThisUpdate);
        }
        if (!X509.verifySignature(lv.tbsHash, lv.sigR, lv.sigS, x, y)) revert CertSignatureInvalid(lv.issuerHash);
        if (block.timestamp < lv.thisUpdate) revert CrlNotYetValid(lv.issuerHash, lv.thisUpdate, block.timestamp);
        if (block.timestamp > lv.nextUpdate) revert CrlExpired(lv.issuerHash, lv.nextUpdate, block.timestamp);
        if (lv.thisUpdate <= stored) revert CollateralNotNewer(lv.issuerHash, stored, lv.thisUpdate);
        uint256 n = lv.serials.length;
        if (n > MAX_CRL_ENTRIES) revert CrlTooLarge(n);
        bytes memory blob = new bytes(CRL_HEADER + n * SERIAL_BYTES);
        _putUint(blob, 0, lv.thisUpdate, 5);
        _putUint(blob, 5, lv.nextUpdate, 5);
        for (uint256 i; i < n; ++i) {
            _putUint(blob, CRL_HEADER + i * SERIAL_BYTES, lv.serials[i], SERIAL_BYTES);
        }
        address ptr = CodeBlob.write(blob);
        if (isRoot) {
            _rootCrl = ptr;
            uint256 g = (_global >> 80 << 80) | (uint256(lv.nextUpdate) << 40) | lv.thisUpdate;
            // Revocation is permanent: flag the stored CAs / TCB signer the new root CRL lists.
            if (_signer.serial != 0 && _contains(blob, _signer.serial)) g |= uint256(1) << 160;
            _global = g;
            uint8 count = _caCount;
            for (uint8 i = 1; i <= count; ++i) {
                if (_contains(blob, _cas[i].serial)) _cas[i].revoked = true;
            }
            _refreshAll();
        } else {
            CaCert storage ca = _cas[idx];
            (ca.crlThisUpdate, ca.crlNextUpdate) = (lv.thisUpdate, lv.nextUpdate);
            _caWords[idx] = (_caWords[idx] >> 160 << 160) | uint160(ptr);
            // Flag cached leaves this CRL lists (their leaf word is read on the hot path anyway).
            for (uint256 i; i < n; ++i) {
                bytes32 leafId = _leafBySerial[keccak256(abi.encodePacked(idx, lv.serials[i]))];
                if (leafId != bytes32(0)) _leaves[leafId] |= uint256(1) << 216;
            }
            _refreshCa(idx);
        }
        emit CrlUploaded(lv.issuerHash, lv.thisUpdate, lv.nextUpdate, n);
    }

    /// @inheritdoc IPccs
    function uploadCaCertificate(bytes calldata der) external returns (uint8 caIndex) {
        X509.Certificate memory c = _verifyRootChild(der);
        if (!X509.isCa(der, c)) revert CertNotCa(c.subjectHash);
        caIndex = _caIndexOf[c.subjectHash];
        if (caIndex == 0) {
            if (_caCount == type(uint8).max) revert CertIssuerUnknown(c.subjectHash);
            caIndex = ++_caCount;
            _caIndexOf[c.subjectHash] = caIndex;
        } else {
            uint256 storedNotBefore = _cas[caIndex].notBefore;
            if (c.notBefore <= storedNotBefore) revert CollateralNotNewer(c.subjectHash, storedNotBefore, c.notBefore);
        }
        CaCert storage ca = _cas[caIndex];
        (ca.x, ca.y, ca.name) = (c.pkX, c.pkY, c.subjectHash);
        (ca.serial, ca.notBefore, ca.notAfter) = (c.serial, c.notBefore, c.notAfter);
        ca.derHash = keccak256(der);
        _refreshCa(caIndex);
        emit CaCertificateUploaded(c.subjectHash, caIndex, c.notBefore, c.notAfter);
    }

    /// @inheritdoc IPccs
    function uploadTcbSigningCertificate(bytes calldata der) external {
        X509.Certificate memory c = _verifyRootChild(der);
        if (X509.isCa(der, c)) revert CertNotCa(c.subjectHash);
        uint256 g = _global;
        uint256 storedNotBefore = uint40(g >> 80);
        if (_signer.serial != 0 && c.notBefore <= storedNotBefore) {
            revert CollateralNotNewer(c.subjectHash, storedNotBefore, c.notBefore);
        }
        _signer = Signer(c.pkX, c.pkY, c.subjectHash, c.serial);
        _global = uint80(g) | (uint256(c.notBefore) << 80) | (uint256(c.notAfter) << 120);
        _refreshAll();
        emit TcbSigningCertificateUploaded(c.subjectHash, c.notBefore, c.notAfter);
    }

    /// @inheritdoc IPccs
    function uploadTcbInfo(bytes calldata body, bytes calldata signature) external {
        bytes memory json = body;
        _verifyCollateralSignature(json, signature);
        (CollateralJson.TcbInfoHeader memory h, bytes memory blob) = CollateralJson.parseTcbInfo(json);
        if (block.timestamp < h.issueDate) revert TcbInfoNotYetValid(h.teeType, h.fmspc, h.issueDate, block.timestamp);
        if (block.timestamp > h.nextUpdate) revert TcbInfoExpired(h.teeType, h.fmspc, h.nextUpdate, block.timestamp);
        uint256 stored = _tcbInfo[h.teeType][h.fmspc];
        _checkNewer(stored, h.evaluationDataNumber, h.issueDate, keccak256(abi.encodePacked(h.teeType, h.fmspc)));
        address ptr = CodeBlob.write(blob);
        _tcbInfo[h.teeType][h.fmspc] =
            (uint256(h.issueDate) << 192) | (uint256(h.evaluationDataNumber) << 160) | uint160(ptr);
        emit TcbInfoUploaded(h.teeType, h.fmspc, h.evaluationDataNumber, h.issueDate, h.nextUpdate);
    }

    /// @inheritdoc IPccs
    function uploadQeIdentity(bytes calldata body, bytes calldata signature) external {
        bytes memory json = body;
        _verifyCollateralSignature(json, signature);
        (CollateralJson.QeIdentityHeader memory h, bytes memory blob) = CollateralJson.parseQeIdentity(json);
        if (block.timestamp < h.issueDate) revert QeIdentityNotYetValid(h.teeType, h.issueDate, block.timestamp);
        if (block.timestamp > h.nextUpdate) revert QeIdentityExpired(h.teeType, h.nextUpdate, block.timestamp);
        _checkNewer(_qeIdentity[h.teeType], h.evaluationDataNumber, h.issueDate, bytes32(uint256(h.teeType)));
        address ptr = CodeBlob.write(blob);
        _qeIdentity[h.teeType] =
            (uint256(h.issueDate) << 192) | (uint256(h.evaluationDataNumber) << 160) | uint160(ptr);
        emit QeIdentityUploaded(h.teeType, h.evaluationDataNumber, h.issueDate, h.nextUpdate);
    }

    /// @inheritdoc IPccs
    function cachePckCertificate(bytes calldata cert) external returns (bytes32 leafId) {
        bool pem = cert.length > 0 && cert[0] != 0x30;
        bytes memory der = cert;
        bool chain;
        if (pem) (der, chain) = _leafOfChain(cert);
        bytes32 pemHash = chain ? keccak256(cert) : bytes32(0); // only a whole, checked chain gets an alias
        pem = chain;
        bytes memory blob;
        (leafId, blob) = _evaluate(der);
        uint256 word = _leaves[leafId];
        bytes6 fmspc = bytes6(_word(blob, 114));
        uint8 caIndex = uint8(blob[120]);
        if (word == 0) {
            _checkLeafNow(blob, leafId, caIndex);
            address ptr = CodeBlob.write(blob);
            _leaves[leafId] = (uint256(caIndex) << 208) | (uint256(uint48(fmspc)) << 160) | uint160(ptr);
            _leafBySerial[keccak256(abi.encodePacked(caIndex, uint160(uint256(_word(blob, 74)) >> 96)))] = leafId;
        } else if (!pem || _pemAlias[pemHash] == leafId) {
            return leafId; // already cached: nothing changes
        }
        if (pem) _pemAlias[pemHash] = leafId;
        emit PckCertificateCached(leafId, fmspc, caIndex, pemHash);
    }

    // ------------------------------------------------------------------------------------------------ views

    /// @inheritdoc IPccs
    function evaluatePckCertificate(bytes calldata cert, uint8 teeType)
        external
        view
        returns (bytes32 leafId, bytes memory leafBlob, HotCollateral memory hot)
    {
        bool pem = cert.length > 0 && cert[0] != 0x30;
        bytes memory der = cert;
        if (pem) (der,) = _leafOfChain(cert);
        (leafId, leafBlob) = _evaluate(der);
        uint8 caIndex = uint8(leafBlob[120]);
        bytes6 fmspc = bytes6(_word(leafBlob, 114));
        hot.ca = _caWords[caIndex];
        uint160 serial = uint160(uint256(_word(leafBlob, 74)) >> 96);
        if (_contains(CodeBlob.read(address(uint160(hot.ca))), serial)) revert CertRevoked(_cas[caIndex].name, serial);
        hot.tcbInfo = _tcbInfo[teeType][fmspc];
        hot.qeIdentity = _qeIdentity[teeType];
    }

    /// @inheritdoc IPccs
    function hotCollateral(bytes32 key, bool byPem, uint8 teeType)
        external
        view
        returns (bytes32 leafId, HotCollateral memory hot)
    {
        leafId = byPem ? _pemAlias[key] : key;
        uint256 leaf = _leaves[leafId];
        if (leaf == 0) return (bytes32(0), hot);
        hot.leaf = leaf;
        hot.ca = _caWords[uint8(leaf >> 208)];
        hot.tcbInfo = _tcbInfo[teeType][bytes6(uint48(leaf >> 160))];
        hot.qeIdentity = _qeIdentity[teeType];
    }

    /// @inheritdoc IPccs
    function caInfo(uint8 caIndex) external view returns (bytes32 nameHash, uint160 serial) {
        return (_cas[caIndex].name, _cas[caIndex].serial);
    }

    /// @inheritdoc IPccs
    function tcbSignerInfo() external view returns (bytes32 nameHash, uint160 serial) {
        return (_signer.name, _signer.serial);
    }

    // ------------------------------------------------------------------------------------------------ internals

    /// @dev Parses a certificate issued by the pinned root, checks its signature, validity now and the root CRL.
    function _verifyRootChild(bytes calldata der) private view returns (X509.Certificate memory c) {
        bytes memory d = der;
        c = X509.parse(d);
        if (c.issuerHash != ROOT_NAME) revert CertIssuerUnknown(c.issuerHash);
        if (c.subjectHash == ROOT_NAME) revert CertNotCa(c.subjectHash); // the root is the anchor, not a child
        if (!X509.verifySignature(c.tbsHash, c.sigR, c.sigS, ROOT_X, ROOT_Y)) revert CertSignatureInvalid(c.subjectHash);
        _checkWindow(c.subjectHash, c.notBefore, c.notAfter);
        if (block.timestamp > ROOT_NOT_AFTER) revert CertificateExpired(ROOT_NAME, ROOT_NOT_AFTER, block.timestamp);
        _checkRootCrlFresh();
        if (_contains(CodeBlob.read(_rootCrl), c.serial)) revert CertRevoked(ROOT_NAME, c.serial);
    }

    /// @dev TCB signer present, valid now, not revoked, root CRL fresh; then the signature over the exact body bytes.
    function _verifyCollateralSignature(bytes memory body, bytes calldata signature) private view {
        uint256 g = _global;
        if (_signer.serial == 0) revert TcbSigningCertMissing();
        _checkWindow(_signer.name, uint40(g >> 80), uint40(g >> 120));
        if ((g >> 160) & 1 != 0) revert CertRevoked(ROOT_NAME, _signer.serial);
        _checkRootCrlFresh();
        bytes32 h = sha256(body);
        if (
            signature.length != 64
                || !X509.verifySignature(h, bytes32(signature[0:32]), bytes32(signature[32:64]), _signer.x, _signer.y)
        ) revert CollateralSignatureInvalid(h);
    }

    /// @dev Verifies the leaf's signature by its stored CA and builds its record blob.
    function _evaluate(bytes memory der) private view returns (bytes32 leafId, bytes memory blob) {
        X509.Certificate memory c = X509.parse(der);
        uint8 caIndex = _caIndexOf[c.issuerHash];
        if (caIndex == 0) revert CertIssuerUnknown(c.issuerHash);
        CaCert storage ca = _cas[caIndex];
        if (!X509.verifySignature(c.tbsHash, c.sigR, c.sigS, ca.x, ca.y)) revert CertSignatureInvalid(c.subjectHash);
        X509.PckExtension memory x = X509.parsePckExtension(der, c);
        leafId = keccak256(der);
        blob = abi.encodePacked(
            c.pkX, c.pkY, c.notBefore, c.notAfter, c.serial, x.tcbComponents, x.pceSvn, x.pceId, x.fmspc, caIndex
        );
    }

    /// @inheritdoc IPccs
    function checkPki(uint8 caIndex) public view {
        CaCert storage ca = _cas[caIndex];
        if (ca.serial == 0) revert CertIssuerUnknown(bytes32(uint256(caIndex)));
        if (block.timestamp > ROOT_NOT_AFTER) revert CertificateExpired(ROOT_NAME, ROOT_NOT_AFTER, block.timestamp);
        _checkWindow(ca.name, ca.notBefore, ca.notAfter);
        if (ca.revoked) revert CertRevoked(ROOT_NAME, ca.serial);
        _checkRootCrlFresh();
        if (ca.crlNextUpdate == 0) revert CrlMissing(ca.name);
        if (block.timestamp < ca.crlThisUpdate) revert CrlNotYetValid(ca.name, ca.crlThisUpdate, block.timestamp);
        if (block.timestamp > ca.crlNextUpdate) revert CrlExpired(ca.name, ca.crlNextUpdate, block.timestamp);
        uint256 g = _global;
        if (_signer.serial == 0) revert TcbSigningCertMissing();
        _checkWindow(_signer.name, uint40(g >> 80), uint40(g >> 120));
        if ((g >> 160) & 1 != 0) revert CertRevoked(ROOT_NAME, _signer.serial);
    }

    /// @dev The checks a verifier repeats on every quote, done once at caching time.
    function _checkLeafNow(bytes memory blob, bytes32 leafId, uint8 caIndex) private view {
        _checkWindow(leafId, uint40(uint256(_word(blob, 64)) >> 216), uint40(uint256(_word(blob, 69)) >> 216));
        checkPki(caIndex);
        uint160 serial = uint160(uint256(_word(blob, 74)) >> 96);
        if (_contains(CodeBlob.read(address(uint160(_caWords[caIndex]))), serial)) {
            revert CertRevoked(_cas[caIndex].name, serial);
        }
    }

    /// @dev Recomputes the hot CA word: intersection of all PKI validity windows + revocation flags.
    function _refreshCa(uint8 i) private {
        CaCert storage ca = _cas[i];
        uint256 g = _global;
        uint256 from = _max(_max(ca.notBefore, ca.crlThisUpdate), _max(uint40(g), uint40(g >> 80)));
        uint256 until = _min(_min(ca.notAfter, ca.crlNextUpdate), _min(uint40(g >> 40), uint40(g >> 120)));
        until = _min(until, ROOT_NOT_AFTER);
        uint256 flags = (ca.revoked ? 1 : 0) | (((g >> 160) & 1) << 1);
        _caWords[i] = (flags << 240) | (until << 200) | (from << 160) | uint160(_caWords[i]);
    }

    function _refreshAll() private {
        uint8 count = _caCount;
        for (uint8 i = 1; i <= count; ++i) {
            _refreshCa(i);
        }
    }

    function _max(uint256 a, uint256 b) private pure returns (uint256) {
        return a > b ? a : b;
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }

    function _checkRootCrlFresh() private view {
        uint256 g = _global;
        uint256 thisUpdate = uint40(g);
        uint256 nextUpdate = uint40(g >> 40);
        if (thisUpdate == 0) revert CrlMissing(ROOT_NAME);
        if (block.timestamp < thisUpdate) revert CrlNotYetValid(ROOT_NAME, thisUpdate, block.timestamp);
        if (block.timestamp > nextUpdate) revert CrlExpired(ROOT_NAME, nextUpdate, block.timestamp);
    }

    function _checkWindow(bytes32 id, uint256 notBefore, uint256 notAfter) private view {
        if (block.timestamp < notBefore) revert CertificateNotYetValid(id, notBefore, block.timestamp);
        if (block.timestamp > notAfter) revert CertificateExpired(id, notAfter, block.timestamp);
    }

    function _checkNewer(uint256 stored, uint32 evalNum, uint40 issueDate, bytes32 key) private pure {
        if (stored == 0) return;
        uint256 storedVersion = uint256(uint32(stored >> 160)) << 40 | uint40(stored >> 192);
        uint256 offered = uint256(evalNum) << 40 | issueDate;
        if (offered <= storedVersion) revert CollateralNotNewer(key, storedVersion, offered);
    }

    /// @dev Binary search of `serial` in a CRL blob's sorted serial list.
    function _contains(bytes memory crlBlob, uint160 serial) internal pure returns (bool) {
        if (crlBlob.length < CRL_HEADER) return false;
        uint256 lo;
        uint256 hi = (crlBlob.length - CRL_HEADER) / SERIAL_BYTES;
        while (lo < hi) {
            uint256 mid = (lo + hi) >> 1;
            uint160 v = uint160(uint256(_word(crlBlob, CRL_HEADER + mid * SERIAL_BYTES)) >> 96);
            if (v == serial) return true;
            if (v < serial) lo = mid + 1;
            else hi = mid;
        }
        return false;
    }

    /// @dev PEM -> the leaf's DER. One block: a PEM leaf certificate. Three blocks: a quote's chain (leaf, its PCK CA,
    ///      the root), whose carried CA and root must be the very certificates this store verified (so a quote whose
    ///      chain was altered never verifies); `chain` says which.
    function _leafOfChain(bytes calldata pem) private view returns (bytes memory, bool chain) {
        bytes[] memory ders = X509.decodePemChain(pem);
        if (ders.length == 1) return (ders[0], false);
        if (ders.length != 3) revert PemMalformed();
        X509.Certificate memory leaf = X509.parse(ders[0]);
        uint8 caIndex = _caIndexOf[leaf.issuerHash];
        if (caIndex == 0) revert CertIssuerUnknown(leaf.issuerHash);
        bytes32 caHash = keccak256(ders[1]);
        if (caHash != _cas[caIndex].derHash) revert PckChainMismatch(caHash);
        bytes32 rootHash = keccak256(ders[2]);
        if (rootHash != ROOT_DER_HASH) revert PckChainMismatch(rootHash);
        return (ders[0], true);
    }

    /// @dev Writes the low `n` (1..32) bytes of `v` big-endian at `b[off..off+n)` (caller sized `b`).
    function _putUint(bytes memory b, uint256 off, uint256 v, uint256 n) private pure {
        assembly ("memory-safe") {
            let ptr := add(add(b, 32), off)
            mstore(ptr, or(and(mload(ptr), shr(mul(n, 8), not(0))), shl(sub(256, mul(n, 8)), v)))
        }
    }

    function _word(bytes memory b, uint256 off) private pure returns (bytes32 w) {
        assembly ("memory-safe") {
            w := mload(add(add(b, 32), off))
        }
    }
}
