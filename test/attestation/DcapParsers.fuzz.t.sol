// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {IDcapErrors} from "../../contracts/interfaces/IDcapErrors.sol";
import {CollateralJson} from "../../contracts/attestation/dcap/CollateralJson.sol";
import {Crl} from "../../contracts/attestation/dcap/Crl.sol";
import {QuoteParser} from "../../contracts/attestation/dcap/QuoteParser.sol";
import {TcbEvaluator} from "../../contracts/attestation/dcap/TcbEvaluator.sol";
import {X509} from "../../contracts/attestation/dcap/X509.sol";
import {DcapFixtures} from "./fixtures/DcapFixtures.sol";

/// @dev External entry points over the pure parsing libraries, so a test can capture their revert data.
contract DcapParsersHarness {
    function parseQuote(bytes calldata q) external pure returns (QuoteParser.Quote memory r) {
        r = QuoteParser.parse(q);
        if (r.certType == QuoteParser.CERT_PCK_CHAIN) X509.decodePemChain(q[r.certData:r.certData + r.certLength]);
    }

    function parseCert(bytes calldata der) external view returns (X509.Certificate memory c) {
        bytes memory d = der;
        c = X509.parse(d);
        X509.isCa(d, c);
    }

    function parsePckCert(bytes calldata der) external view returns (X509.PckExtension memory x) {
        bytes memory d = der;
        X509.Certificate memory c = X509.parse(d);
        x = X509.parsePckExtension(d, c);
    }

    function parseCrl(bytes calldata der) external view returns (Crl.RevocationList memory l) {
        l = Crl.parse(der);
    }

    function parseTcbInfo(bytes calldata j) external pure returns (bytes memory blob) {
        (, blob) = CollateralJson.parseTcbInfo(j);
    }

    function parseQeIdentity(bytes calldata j) external pure returns (bytes memory blob) {
        (, blob) = CollateralJson.parseQeIdentity(j);
    }

    /// @dev Runs the TCB evaluator over an arbitrary (possibly corrupt) TCB info blob and QE identity blob.
    function evaluate(bytes calldata tcb, bytes calldata qe, bytes16 comps, bytes16 teeTcbSvn) external pure {
        TcbEvaluator.Platform memory p;
        p.pckComponents = comps;
        p.teeTcbSvn = teeTcbSvn;
        TcbEvaluator.matchQe(qe, 0, 0, 0, 0, 0);
        TcbEvaluator.matchPlatform(tcb, p, true);
        TcbEvaluator.matchTdxModule(tcb, p);
    }
}

/// @notice Parsers fed random, truncated and mutated input must either succeed or revert with a typed
///         {IDcapErrors} error: never a panic, an empty revert or running out of gas.
contract DcapParsersFuzzTest is Test {
    DcapParsersHarness internal h;
    uint256 internal constant GAS = 30_000_000;

    function setUp() public {
        h = new DcapParsersHarness();
    }

    // ------------------------------------------------------------------------------------------- helpers

    function _assertTypedOrOk(bool ok, bytes memory ret) internal pure {
        if (ok) return;
        assertGe(ret.length, 4, "empty revert (out of gas or untyped)");
        bytes4 sel = bytes4(ret);
        assertTrue(sel != bytes4(0x4e487b71), "panic");
        assertTrue(_isDcapError(sel), "revert is not a typed IDcapErrors error");
    }

    function _isDcapError(bytes4 s) internal pure returns (bool) {
        return s == IDcapErrors.DerMalformed.selector || s == IDcapErrors.DerUnexpectedTag.selector
            || s == IDcapErrors.X509Unsupported.selector || s == IDcapErrors.SgxExtensionMissing.selector
            || s == IDcapErrors.JsonMalformed.selector || s == IDcapErrors.JsonFieldInvalid.selector
            || s == IDcapErrors.PemMalformed.selector || s == IDcapErrors.QuoteTruncated.selector
            || s == IDcapErrors.QuoteLengthInvalid.selector || s == IDcapErrors.QuoteVersionUnsupported.selector
            || s == IDcapErrors.QuoteKeyTypeUnsupported.selector || s == IDcapErrors.QuoteCertTypeUnsupported.selector
            || s == IDcapErrors.QuoteCertDataInvalid.selector || s == IDcapErrors.CollateralKindUnsupported.selector
            || s == IDcapErrors.TcbLevelNotFound.selector || s == IDcapErrors.QeTcbLevelNotFound.selector
            || s == IDcapErrors.TdxModuleNotFound.selector || s == IDcapErrors.TdxModuleMismatch.selector
            || s == IDcapErrors.TdxModuleTcbLevelNotFound.selector || s == IDcapErrors.QeIdentityMismatch.selector;
    }

    function _call(bytes memory data) internal returns (bool ok, bytes memory ret) {
        (ok, ret) = address(h).call{gas: GAS}(data);
    }

    function _mutate(bytes memory src, uint256 at, uint8 value) internal pure returns (bytes memory out) {
        out = bytes.concat(src);
        if (out.length > 0) out[at % out.length] = bytes1(value);
    }

    function _truncate(bytes memory src, uint256 n) internal pure returns (bytes memory out) {
        n = n % (src.length + 1);
        out = new bytes(n);
        for (uint256 i; i < n; ++i) {
            out[i] = src[i];
        }
    }

    // ------------------------------------------------------------------------------------------- quote

    function testFuzz_parseQuote_randomInput_revertsTyped(bytes calldata data) public {
        (bool ok, bytes memory ret) = _call(abi.encodeCall(h.parseQuote, (data)));
        _assertTypedOrOk(ok, ret);
    }

    function testFuzz_parseQuote_truncatedRealQuote_revertsTypedUnlessSignatureDataComplete(uint256 n) public {
        bytes memory q = _truncate(DcapFixtures.TDX_QUOTE, n);
        (bool ok, bytes memory ret) = _call(abi.encodeCall(h.parseQuote, (q)));
        _assertTypedOrOk(ok, ret);
        // only the unsigned padding after the signature data may be cut
        assertEq(ok, q.length >= DcapFixtures.TDX_QUOTE_SIG_END, "accepted a truncated quote");
    }

    function testFuzz_parseQuote_mutatedRealQuote_revertsTyped(uint256 at, uint8 value, bool sgx) public {
        bytes memory q = _mutate(sgx ? DcapFixtures.SGX_QUOTE : DcapFixtures.TDX_QUOTE, at, value);
        (bool ok, bytes memory ret) = _call(abi.encodeCall(h.parseQuote, (q)));
        _assertTypedOrOk(ok, ret);
    }

    function test_parseQuote_realQuotes_parse() public view {
        QuoteParser.Quote memory t = h.parseQuote(DcapFixtures.TDX_QUOTE);
        assertTrue(t.tdx);
        assertEq(t.version, 4);
        assertEq(t.certType, 5);
        QuoteParser.Quote memory s = h.parseQuote(DcapFixtures.SGX_QUOTE);
        assertFalse(s.tdx);
        assertEq(s.version, 3);
    }

    // ------------------------------------------------------------------------------------------- X.509 / CRL

    function testFuzz_parseCert_randomInput_revertsTyped(bytes calldata data) public {
        (bool ok, bytes memory ret) = _call(abi.encodeCall(h.parseCert, (data)));
        _assertTypedOrOk(ok, ret);
    }

    function testFuzz_parsePckCert_truncatedRealLeaf_revertsTyped(uint256 n) public {
        bytes memory d = _truncate(DcapFixtures.PCK_LEAF, n);
        (bool ok, bytes memory ret) = _call(abi.encodeCall(h.parsePckCert, (d)));
        _assertTypedOrOk(ok, ret);
        if (d.length < DcapFixtures.PCK_LEAF.length) assertFalse(ok, "accepted a truncated certificate");
    }

    function testFuzz_parsePckCert_mutatedRealLeaf_revertsTyped(uint256 at, uint8 value) public {
        bytes memory d = _mutate(DcapFixtures.PCK_LEAF, at, value);
        (bool ok, bytes memory ret) = _call(abi.encodeCall(h.parsePckCert, (d)));
        _assertTypedOrOk(ok, ret);
    }

    function test_parsePckCert_realLeaf_extractsFmspc() public view {
        X509.PckExtension memory x = h.parsePckCert(DcapFixtures.PCK_LEAF);
        assertEq(x.fmspc, bytes6(0xb0c06f000000));
        assertEq(x.pceId, bytes2(0));
        assertEq(x.pceSvn, 11);
    }

    function testFuzz_parseCrl_randomInput_revertsTyped(bytes calldata data) public {
        (bool ok, bytes memory ret) = _call(abi.encodeCall(h.parseCrl, (data)));
        _assertTypedOrOk(ok, ret);
    }

    function testFuzz_parseCrl_truncatedOrMutatedRealCrl_revertsTyped(uint256 n, uint256 at, uint8 value) public {
        bytes memory d = _mutate(_truncate(DcapFixtures.PROCESSOR_CRL, n), at, value);
        (bool ok, bytes memory ret) = _call(abi.encodeCall(h.parseCrl, (d)));
        _assertTypedOrOk(ok, ret);
    }

    // ------------------------------------------------------------------------------------------- JSON

    function testFuzz_parseTcbInfo_randomInput_revertsTyped(bytes calldata data) public {
        (bool ok, bytes memory ret) = _call(abi.encodeCall(h.parseTcbInfo, (data)));
        _assertTypedOrOk(ok, ret);
    }

    function testFuzz_parseTcbInfo_truncatedRealBody_revertsTyped(uint256 n) public {
        bytes memory j = _truncate(DcapFixtures.TDX_TCB_INFO, n);
        (bool ok, bytes memory ret) = _call(abi.encodeCall(h.parseTcbInfo, (j)));
        _assertTypedOrOk(ok, ret);
        if (j.length < DcapFixtures.TDX_TCB_INFO.length) assertFalse(ok, "accepted truncated JSON");
    }

    function testFuzz_parseTcbInfo_mutatedRealBody_revertsTyped(uint256 at, uint8 value) public {
        bytes memory j = _mutate(DcapFixtures.TDX_TCB_INFO, at, value);
        (bool ok, bytes memory ret) = _call(abi.encodeCall(h.parseTcbInfo, (j)));
        _assertTypedOrOk(ok, ret);
    }

    function testFuzz_parseQeIdentity_randomOrMutated_revertsTyped(bytes calldata data, uint256 at, uint8 value)
        public
    {
        (bool ok, bytes memory ret) = _call(abi.encodeCall(h.parseQeIdentity, (data)));
        _assertTypedOrOk(ok, ret);
        (ok, ret) = _call(abi.encodeCall(h.parseQeIdentity, (_mutate(DcapFixtures.TDX_QE_IDENTITY, at, value))));
        _assertTypedOrOk(ok, ret);
    }

    // ------------------------------------------------------------------------------------------- evaluator

    function testFuzz_evaluate_corruptBlobs_revertsTyped(uint256 at, uint8 value, bytes16 comps, bytes16 tee)
        public
    {
        bytes memory tcb = _mutate(h.parseTcbInfo(DcapFixtures.TDX_TCB_INFO), at, value);
        bytes memory qe = _mutate(h.parseQeIdentity(DcapFixtures.TDX_QE_IDENTITY), at >> 16, value);
        (bool ok, bytes memory ret) = _call(abi.encodeCall(h.evaluate, (tcb, qe, comps, tee)));
        _assertTypedOrOk(ok, ret);
    }
}
