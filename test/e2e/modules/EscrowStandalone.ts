import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import GovernanceModule from "../../../deploy/modules/Governance.ts";
import { Roles } from "../../../deploy/modules/roles.ts";

/**
 * Test-only: the escrow module as it is in `deploy/modules/Escrow.ts`, but with the registry and staking given as
 * parameters, so the SDK e2e test can drive the escrow against test implementations of the two frozen interfaces
 * (a worker needs a real DCAP quote to attest in the real registry). Parameters are read from the "Escrow" section.
 */
export default buildModule("EscrowStandalone", (m) => {
  const { pha, timelock, manager } = m.useModule(GovernanceModule);
  const registry = m.getParameter<string>("registry");
  const staking = m.getParameter<string>("staking");

  const implementation = m.contract("JobEscrow", [pha, registry, staking], { id: "escrowImplementation" });
  const initialize = m.encodeFunctionCall(implementation, "initialize", [
    manager,
    {
      treasury: timelock,
      protocolFeeBps: m.getParameter<number>("protocolFeeBps"),
      stakingShareBps: m.getParameter<number>("stakingShareBps"),
      challengeWindow: m.getParameter<number>("challengeWindow"),
      collateralBps: m.getParameter<number>("collateralBps"),
      timeoutPenaltyBps: m.getParameter<number>("timeoutPenaltyBps"),
      arbiter: m.getParameter<string>("arbiter"),
      disputeBondBps: m.getParameter<number>("disputeBondBps"),
      disputeSlashBps: m.getParameter<number>("disputeSlashBps"),
      arbitrationPeriod: m.getParameter<number>("arbitrationPeriod"),
      maxJobDuration: m.getParameter<number>("maxJobDuration"),
    },
  ]);
  const proxy = m.contract("ERC1967Proxy", [implementation, initialize], { id: "escrowProxy" });
  const escrow = m.contractAt("JobEscrow", proxy, { id: "escrow" });

  for (const [name, role] of [
    ["CollateralManager", Roles.COLLATERAL_MANAGER],
    ["Slasher", Roles.SLASHER],
    ["Rewarder", Roles.REWARDER],
  ] as const) {
    m.call(manager, "grantRole", [role, escrow, 0], { id: `grantEscrow${name}` });
  }
  return { escrow };
});
