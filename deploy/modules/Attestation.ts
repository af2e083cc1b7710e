import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { toFunctionSelector } from "viem";
import GovernanceModule from "./Governance.ts";

/**
 * DCAP verifier errors that say the on-chain collateral is missing or stale (the chain's problem, fixed by an
 * upload), not that the evidence is bad: `reverify` treats them as inconclusive and revokes nothing.
 */
export const DCAP_INCONCLUSIVE_ERRORS = [
  "CrlMissing(bytes32)",
  "CrlExpired(bytes32,uint256,uint256)",
  "TcbSigningCertMissing()",
  "TcbInfoNotFound(uint8,bytes6)",
  "TcbInfoExpired(uint8,bytes6,uint256,uint256)",
  "QeIdentityNotFound(uint8)",
  "QeIdentityExpired(uint8,uint256,uint256)",
  "CertIssuerUnknown(bytes32)",
  "PckLeafNotCached(bytes32)",
].map((signature) => toFunctionSelector(`function ${signature}`));

/**
 * AttestationRegistry behind an ERC1967 proxy, initialized with the system AccessManager, the maximum attestation
 * age (default 7 days) and the DCAP errors `reverify` treats as inconclusive. Its policy starts empty: TCB status UpToDate only, no verifier, no allowed workload; the
 * verifier per TEE kind (`setVerifier`) and the workloads (`setWorkload`) are set by the deployer while it is still
 * the manager's admin (System.ts), or later by governance.
 */
export default buildModule("Attestation", (m) => {
  const { manager } = m.useModule(GovernanceModule);
  const maxAttestationAge = m.getParameter<bigint>("maxAttestationAge", 7n * 24n * 3600n);
  const implementation = m.contract("AttestationRegistry", [], { id: "attestationRegistryImpl" });
  const proxy = m.contract(
    "ERC1967Proxy",
    [
      implementation,
      m.encodeFunctionCall(implementation, "initialize", [manager, maxAttestationAge, DCAP_INCONCLUSIVE_ERRORS]),
    ],
    { id: "attestationRegistryProxy" },
  );
  const attestationRegistry = m.contractAt("AttestationRegistry", proxy, { id: "attestationRegistry" });
  return { attestationRegistry };
});
