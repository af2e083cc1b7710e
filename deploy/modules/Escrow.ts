import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import AttestationModule from "./Attestation.ts";
import GovernanceModule from "./Governance.ts";
import { Roles } from "./roles.ts";
import StakingModule from "./Staking.ts";

/**
 * The compute-payment escrow (JobEscrow behind an ERC1967 proxy, initialized in the same transaction) and its powers
 * on Staking: COLLATERAL_MANAGER (reserve/release job collateral), SLASHER (timeout and dispute penalties) and REWARDER
 * (staking share of each payment). Protocol fees go to the timelock (the DAO treasury) until governance sets another
 * treasury.
 *
 * `System.ts` adds the escrow to the guardian-pausable list and waits for this module before the deployer renounces,
 * so the role grants below happen while the deployer is still the AccessManager's admin.
 */
export default buildModule("Escrow", (m) => {
  const { pha, timelock, manager } = m.useModule(GovernanceModule);
  const { attestationRegistry: registry } = m.useModule(AttestationModule);
  const { staking } = m.useModule(StakingModule);

  const escrow = buildEscrow(m, { pha, timelock, manager, registry, staking });
  return { escrow };
});

type Builder = Parameters<Parameters<typeof buildModule>[1]>[0];
type Future = Parameters<Builder["call"]>[0];

/**
 * The escrow proxy (initialized with the module's parameters, treasury = timelock) and its roles on Staking. Shared by
 * this module and the test-only module that wires the escrow to test implementations of the registry and staking.
 */
export function buildEscrow(
  m: Builder,
  {
    pha,
    timelock,
    manager,
    registry,
    staking,
  }: Record<"pha" | "timelock" | "manager", Future> & {
    registry: Future | string;
    staking: Future | string;
  },
) {
  // Cold paths (governance setters, P-256 signature checks) live in a linked library (contract size limit).
  const escrowLogic = m.library("EscrowLogic");
  const implementation = m.contract("JobEscrow", [pha, registry as never, staking as never], {
    id: "escrowImplementation",
    libraries: { EscrowLogic: escrowLogic },
  });
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
  return escrow;
}
