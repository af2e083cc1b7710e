import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import GovernanceModule from "./Governance.ts";

/**
 * AttestationRegistry behind an ERC1967 proxy, initialized with the system AccessManager and the maximum attestation
 * age (default 7 days). Its policy starts empty: TCB status UpToDate only, no verifier, no allowed workload; the
 * verifier per TEE kind (`setVerifier`) and the workloads (`setWorkload`) are set by the deployer while it is still
 * the manager's admin (System.ts), or later by governance.
 */
export default buildModule("Attestation", (m) => {
  const { manager } = m.useModule(GovernanceModule);
  const maxAttestationAge = m.getParameter<bigint>("maxAttestationAge", 7n * 24n * 3600n);
  const implementation = m.contract("AttestationRegistry", [], { id: "attestationRegistryImpl" });
  const proxy = m.contract(
    "ERC1967Proxy",
    [implementation, m.encodeFunctionCall(implementation, "initialize", [manager, maxAttestationAge])],
    { id: "attestationRegistryProxy" },
  );
  const attestationRegistry = m.contractAt("AttestationRegistry", proxy, { id: "attestationRegistry" });
  return { attestationRegistry };
});
