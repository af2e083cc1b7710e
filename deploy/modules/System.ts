import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { toFunctionSelector } from "viem";
import AttestationModule from "./Attestation.ts";
import DcapModule from "./Dcap.ts";
import EscrowModule from "./Escrow.ts";
import GovernanceModule from "./Governance.ts";
import { Roles, TimelockRoles } from "./roles.ts";
import StakingModule from "./Staking.ts";

const PAUSE = toFunctionSelector("pause()");

/**
 * The whole Phala L2 system. After this module nobody but the timelock holds any power:
 * - the governor is the timelock's only proposer and canceller; anyone may execute a ready operation;
 * - the timelock is the AccessManager's only admin (every restricted function, every upgrade);
 * - the guardian may call `pause()` on pausable system contracts and nothing else; governance can revoke it;
 * - the deployer renounces its temporary admin roles in the last two calls.
 */
export default buildModule("System", (m) => {
  const { pha, timelock, governor, manager } = m.useModule(GovernanceModule);
  const { attestationRegistry } = m.useModule(AttestationModule);
  const { pccs, dcapVerifier } = m.useModule(DcapModule);
  const { staking } = m.useModule(StakingModule);
  const { escrow } = m.useModule(EscrowModule);
  const deployer = m.getAccount(0);
  const guardian = m.getParameter<string>("guardian");

  const proposer = m.call(timelock, "grantRole", [TimelockRoles.PROPOSER, governor], { id: "grantProposer" });
  const canceller = m.call(timelock, "grantRole", [TimelockRoles.CANCELLER, governor], { id: "grantCanceller" });

  const labels = Object.entries(Roles)
    .filter(([, id]) => id !== Roles.ADMIN)
    .map(([name, id]) => m.call(manager, "labelRole", [id, name], { id: `label_${name}` }));
  const guardianGrant = m.call(manager, "grantRole", [Roles.GUARDIAN, guardian, 0], { id: "grantGuardian" });
  const adminGrant = m.call(manager, "grantRole", [Roles.ADMIN, timelock, 0], { id: "grantTimelockAdmin" });

  // Pausable system contracts map `pause()` to the guardian. (Staking, escrow, registry, ... add themselves here.)
  const pausable: Parameters<typeof m.call>[0][] = [attestationRegistry, staking, escrow];
  const pauseRoles = pausable.map((target, i) =>
    m.call(manager, "setTargetFunctionRole", [target, [PAUSE], Roles.GUARDIAN], { id: `pauseRole_${i}` }),
  );

  // The DCAP verifier serves both Intel TEE kinds (ITeeVerifier.TeeType: SGX = 0, TDX = 1).
  const verifiers = [0, 1].map((teeType) =>
    m.call(attestationRegistry, "setVerifier", [teeType, dcapVerifier], { id: `setVerifier_${teeType}` }),
  );

  const wiring = [proposer, canceller, ...labels, guardianGrant, adminGrant, ...pauseRoles, ...verifiers];
  // Staking maps its hook functions to roles, and the escrow is granted them, while the deployer is still admin.
  m.call(manager, "renounceRole", [Roles.ADMIN, deployer], {
    id: "renounceManagerAdmin",
    after: [...wiring, StakingModule, EscrowModule],
  });
  m.call(timelock, "renounceRole", [TimelockRoles.DEFAULT_ADMIN, deployer], {
    id: "renounceTimelockAdmin",
    after: [...wiring, StakingModule, EscrowModule],
  });

  return { pha, timelock, governor, manager, attestationRegistry, staking, escrow, pccs, dcapVerifier };
});
