// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {ITeeVerifier} from "./ITeeVerifier.sol";
import {IDcapErrors} from "./IDcapErrors.sol";
import {IPccs} from "./IPccs.sol";

/// @title IDcapVerifier
/// @notice Intel DCAP ECDSA quote verifier (SGX quote v3/v4, TDX quote v4) against the collateral of an on-chain
///         {IPccs}, at `block.timestamp`, following Intel's QVL check order and rules.
/// @dev Evidence accepted by {ITeeVerifier.verify}:
///      1. a full quote: certification data type 5 (PEM PCK chain) in the QE certification data (inside the type-6
///         QE report certification data for v4); bytes after the signature data are ignored. The chain must be the
///         PCK leaf, then the PCCS's verified PCK CA and the pinned root (byte-equal DER). If the chain was cached
///         (see {IPccs.cachePckCertificate}) it is found by the keccak256 of the certification data, otherwise it is
///         decoded and verified in the call.
///      2. the compact form: the same bytes with the PCK certification data replaced by
///         `type = 256 (u16 LE) || size = 32 (u32 LE) || leafId (32 bytes)`, where leafId = keccak256(DER of the PCK
///         leaf) of a cached leaf, the enclosing lengths (signature data length, and for v4 the type-6 size) adjusted,
///         and no trailing bytes. Nothing signed changes, so the quote's signatures still verify. {compactQuote}
///         converts a full quote (the SDK has the same encoder in TypeScript).
///      Debug enclaves / TDs verify (Intel leaves them to policy); `verdict.debug` says so and registries refuse them.
interface IDcapVerifier is ITeeVerifier, IDcapErrors {
    /// @notice The collateral store this verifier reads.
    function pccs() external view returns (IPccs);

    /// @notice Verifies and caches the PCK leaf of a full quote if it is not cached yet (so later quotes of the
    ///         platform can use the compact form), then verifies the quote.
    /// @return verdict As {ITeeVerifier.verify}.
    function verifyAndCache(bytes calldata evidence) external returns (Verdict memory verdict);

    /// @notice Caches the PCK leaf certificate `pckCertificate` (DER, as in the quote's PEM chain) if it is not cached
    ///         yet, then verifies `evidence` (full or compact). The cheapest first quote of a new platform: no base64
    ///         on chain, and the compact evidence does not carry the chain. Binding is by signatures: the QE report
    ///         must verify under this certificate's key, which must chain to the pinned root.
    /// @return verdict As {ITeeVerifier.verify}.
    function verifyAndCacheCertificate(bytes calldata evidence, bytes calldata pckCertificate)
        external
        returns (Verdict memory verdict);

    /// @notice Converts a full quote into the compact form (leaf id = keccak256 of the leaf's DER).
    function compactQuote(bytes calldata quote) external view returns (bytes memory compact, bytes32 leafId);
}
