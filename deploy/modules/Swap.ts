import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import GovernanceModule from "./Governance.ts";
import { Roles } from "./roles.ts";

/**
 * The 1:1 swap of parachain PHA balances (PHAMigrator). Not behind a proxy on purpose: the snapshot root, the claim
 * deadline and the snapshot total are immutable, so no upgrade (governance included) can change who is owed what.
 * The unclaimed remainder goes to the timelock (the DAO treasury) after the deadline; `pause` is mapped to the
 * guardian role, `sweep`/`unpause` stay with the timelock (ADMIN, the default role).
 *
 * Parameters: `staking` (the Staking proxy, for claim-to-stake), `merkleRoot` and `snapshotTotalPlancks` (from
 * `pha swap build-tree`), `claimDeadline` (unix seconds). Funding is a governance transfer of bridged PHA of
 * `snapshotTotalPlancks × 10^6` wei to the migrator.
 *
 * Wiring into `System.ts`: list this module in the renounce calls' `after`, so the role mapping below happens while
 * the deployer is still the AccessManager's admin.
 */
export default buildModule("Swap", (m) => {
  const { pha, timelock, manager } = m.useModule(GovernanceModule);
  const migrator = m.contract("PHAMigrator", [
    manager,
    pha,
    m.getParameter<string>("staking"),
    timelock,
    m.getParameter<string>("merkleRoot"),
    m.getParameter<bigint>("claimDeadline"),
    m.getParameter<bigint>("snapshotTotalPlancks"),
  ]);
  m.call(manager, "setTargetFunctionRole", [migrator, ["0x8456cb59"], Roles.GUARDIAN], { id: "mapMigratorPause" });
  return { migrator, pha, timelock, manager };
});
