import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import SystemModule from "./System.ts";

/**
 * The 1:1 swap of parachain PHA balances (PHAMigrator), deployed on top of the system once the final snapshot exists.
 * Not behind a proxy on purpose: the snapshot root, the claim deadline and the snapshot total are immutable, so no
 * upgrade (governance included) can change who is owed what. Claim-to-stake goes into the system's Staking; the
 * unclaimed remainder (after the deadline) and a halted balance go to the timelock (the DAO treasury).
 *
 * Parameters: `merkleRoot` and `snapshotTotalPlancks` (from `pha swap build-tree`), `claimDeadline` (unix seconds).
 *
 * Deploying needs no power. The system's AccessManager belongs to the timelock, so activation is one governance
 * proposal (`swapActivationProposal` in the SDK): fund the migrator with exactly `snapshotTotalPlancks × 10^6` wei of
 * bridged PHA from the treasury and map `halt()` to the guardian role (`sweep()` stays with the timelock, ADMIN).
 */
export default buildModule("Swap", (m) => {
  const system = m.useModule(SystemModule);
  const { pha, timelock, manager, staking } = system;
  const migrator = m.contract(
    "PHAMigrator",
    [
      manager,
      pha,
      staking,
      timelock,
      m.getParameter<string>("merkleRoot"),
      m.getParameter<bigint>("claimDeadline"),
      m.getParameter<bigint>("snapshotTotalPlancks"),
    ],
    { after: [SystemModule] },
  ); // after the whole system: the system's addresses do not depend on the swap

  return { ...system, migrator };
});
