// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {IDcapErrors} from "../../interfaces/IDcapErrors.sol";
import {Der} from "./Der.sol";
import {X509} from "./X509.sol";

/// @title Crl
/// @notice Parses an X.509 v2 CRL (ECDSA P-256 / SHA-256) into what the collateral store keeps: issuer, validity
///         window and the revoked serial numbers, sorted ascending (so the hot path can binary-search them).
library Crl {
    /// @notice A parsed CRL.
    struct RevocationList {
        bytes32 tbsHash;
        bytes32 sigR;
        bytes32 sigS;
        bytes32 issuerHash;
        uint40 thisUpdate;
        uint40 nextUpdate;
        uint160[] serials; // sorted ascending
    }

    /// @notice Parses a DER CRL. `nextUpdate` is mandatory (Intel always sets it; freshness depends on it).
    function parse(bytes memory der) public view returns (RevocationList memory lv) {
        (uint256 cs, uint256 ce) = Der.expect(der, 0, der.length, Der.TAG_SEQUENCE);
        (uint256 ts, uint256 te) = Der.expect(der, cs, ce, Der.TAG_SEQUENCE);
        lv.tbsHash = Der.sha256Range(der, cs, te);
        uint256 p = ts;
        (uint8 tag, uint256 s, uint256 e) = Der.header(der, p, te);
        if (tag == Der.TAG_INTEGER) {
            p = e; // version
            (tag, s, e) = Der.header(der, p, te);
        }
        if (tag != Der.TAG_SEQUENCE) revert IDcapErrors.DerUnexpectedTag(p, Der.TAG_SEQUENCE, tag);
        p = e; // signature algorithm (checked on the outer one)
        (s, e) = Der.expect(der, p, te, Der.TAG_SEQUENCE); // issuer
        lv.issuerHash = Der.hashRange(der, p, e);
        p = e;
        (lv.thisUpdate, p) = Der.readTime(der, p, te);
        if (p >= te) revert IDcapErrors.X509Unsupported(p);
        (tag,,) = Der.header(der, p, te);
        if (tag != Der.TAG_UTC_TIME && tag != Der.TAG_GENERALIZED_TIME) revert IDcapErrors.X509Unsupported(p);
        (lv.nextUpdate, p) = Der.readTime(der, p, te);
        if (p < te) {
            (tag, s, e) = Der.header(der, p, te);
            if (tag == Der.TAG_SEQUENCE) {
                lv.serials = _readRevoked(der, s, e);
                p = e;
            }
        }
        // signatureAlgorithm must be ecdsa-with-SHA256
        (s, e) = Der.expect(der, te, ce, Der.TAG_SEQUENCE);
        (uint256 os, uint256 oe) = Der.expect(der, s, e, Der.TAG_OID);
        if (oe - os != 8 || Der.hashRange(der, os, oe) != keccak256(hex"2a8648ce3d040302")) {
            revert IDcapErrors.X509Unsupported(os);
        }
        (lv.sigR, lv.sigS) = X509.readEcdsaSignature(der, e, ce);
    }

    /// @dev revokedCertificates: SEQUENCE OF SEQUENCE { INTEGER serial, Time, extensions OPTIONAL }.
    function _readRevoked(bytes memory der, uint256 s, uint256 e) private pure returns (uint160[] memory out) {
        // Count first (each entry is at least 2 + 3 + 15 bytes, so the count is bounded by the input length).
        uint256 n;
        uint256 p = s;
        while (p < e) {
            (, uint256 ee) = Der.expect(der, p, e, Der.TAG_SEQUENCE);
            p = ee;
            ++n;
        }
        out = new uint160[](n);
        p = s;
        for (uint256 i; i < n; ++i) {
            (uint256 es, uint256 ee) = Der.expect(der, p, e, Der.TAG_SEQUENCE);
            (uint256 is_, uint256 ie) = Der.expect(der, es, ee, Der.TAG_INTEGER);
            out[i] = uint160(Der.readUnsigned(der, is_, ie, 20));
            p = ee;
        }
        _sort(out);
    }

    /// @dev Insertion sort (CRLs hold tens of entries, and Intel lists them nearly sorted).
    function _sort(uint160[] memory a) private pure {
        uint256 n = a.length;
        for (uint256 i = 1; i < n; ++i) {
            uint160 v = a[i];
            uint256 j = i;
            while (j > 0 && a[j - 1] > v) {
                a[j] = a[j - 1];
                --j;
            }
            a[j] = v;
        }
    }
}
