// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title ITeeVerifier
/// @notice The seam between the attestation registry and a verifier for one kind of TEE evidence (Intel DCAP quotes for
///         SGX/TDX now; AMD SEV-SNP or NVIDIA GPU TEE verifiers can be added by governance later). A verifier either
///         reverts with a typed error naming the fault, or returns a verdict.
/// @dev Signatures here are FROZEN: the registry is built against them.
interface ITeeVerifier {
    /// @notice Intel TCB status names (Revoked is never returned: it is an error). Other TEE kinds map onto these.
    enum TcbStatus {
        UpToDate,
        SWHardeningNeeded,
        ConfigurationNeeded,
        ConfigurationAndSWHardeningNeeded,
        OutOfDate,
        OutOfDateConfigurationNeeded
    }

    /// @notice Kind of TEE that produced the evidence.
    enum TeeType {
        SGX,
        TDX,
        SEV_SNP,
        NVIDIA_GPU
    }

    /// @notice Measurements of an SGX enclave.
    struct SgxMeasurements {
        bytes32 mrEnclave;
        bytes32 mrSigner;
        uint16 isvProdId;
        uint16 isvSvn;
        bytes16 attributes;
        uint32 miscSelect;
    }

    /// @notice Measurements of a TDX trust domain.
    struct TdxMeasurements {
        bytes mrTd; // 48 bytes
        bytes mrConfigId; // 48 bytes
        bytes rtmr0; // 48 bytes each
        bytes rtmr1;
        bytes rtmr2;
        bytes rtmr3;
        bytes8 tdAttributes;
        bytes8 xfam;
    }

    /// @notice A verified piece of evidence.
    /// @param teeType Kind of TEE.
    /// @param tcbStatus Platform TCB status after convergence with the QE / TDX module status.
    /// @param advisoryIds Intel security advisories that apply, as numbers (INTEL-SA-00615 -> 615).
    /// @param fmspc Platform family (FMSPC) of the PCK certificate.
    /// @param debug True if the enclave / TD runs in debug mode (policy decides; registries refuse by default).
    /// @param reportData The 64 bytes of report data the enclave bound into the evidence.
    /// @param measurements `abi.encode(SgxMeasurements)` or `abi.encode(TdxMeasurements)`, per `teeType`.
    /// @param evidenceHash keccak256 of the evidence as submitted (the log keeps this, not the evidence).
    struct Verdict {
        TeeType teeType;
        TcbStatus tcbStatus;
        uint16[] advisoryIds;
        bytes6 fmspc;
        bool debug;
        bytes reportData;
        bytes measurements;
        bytes32 evidenceHash;
    }

    /// @notice Verifies `evidence` at the current block time against the collateral the verifier holds.
    /// @dev Reverts with a typed error naming the fault (format, signature, certificate, collateral, TCB).
    function verify(bytes calldata evidence) external view returns (Verdict memory verdict);
}
