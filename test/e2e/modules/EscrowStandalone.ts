import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { buildEscrow } from "../../../deploy/modules/Escrow.ts";
import GovernanceModule from "../../../deploy/modules/Governance.ts";

/**
 * Test-only: the production escrow wiring (`buildEscrow`), with the registry and staking given as parameters so the SDK
 * e2e test can drive the escrow against test implementations of the two frozen interfaces (a worker needs a real DCAP
 * quote to attest in the real registry).
 */
export default buildModule("EscrowStandalone", (m) => {
  const { pha, timelock, manager } = m.useModule(GovernanceModule);
  const registry = m.getParameter<string>("registry");
  const staking = m.getParameter<string>("staking");
  return { escrow: buildEscrow(m, { pha, timelock, manager, registry: registry as never, staking: staking as never }) };
});
