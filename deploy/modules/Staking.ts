import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { toFunctionSelector } from "viem";
import AttestationModule from "./Attestation.ts";
import GovernanceModule from "./Governance.ts";
import { Roles } from "./roles.ts";

/** External libraries Staking links (each runs by DELEGATECALL in the proxy's storage). */
export const STAKING_LIBRARIES = [
  "ParametersLogic",
  "PoolLogic",
  "SlashingLogic",
  "StakingLens",
  "WorkerLogic",
] as const;

/**
 * Staking behind an ERC1967 proxy, initialized in the same transaction with the system AccessManager, the attestation
 * registry and the governed parameters (`deploy/parameters/<network>.json`, key "Staking"). Its hooks are restricted
 * by role: SLASHER (`slash`), REWARDER (`notifyReward`), COLLATERAL_MANAGER (`reserveCollateral`,
 * `releaseCollateral`); the function-role mapping is set here while the deployer is still the manager's admin (System
 * uses this module before renouncing), the grants to the escrow / registry are made by their modules. `pause` maps to
 * the guardian in System's `pausable` list.
 */
export default buildModule("Staking", (m) => {
  const { pha, manager } = m.useModule(GovernanceModule);
  const { attestationRegistry } = m.useModule(AttestationModule);

  const libraries = Object.fromEntries(STAKING_LIBRARIES.map((name) => [name, m.library(name)]));
  const implementation = m.contract("Staking", [pha], { id: "stakingImplementation", libraries });
  const initialize = m.encodeFunctionCall(implementation, "initialize", [
    manager,
    attestationRegistry,
    {
      minSelfStake: m.getParameter<bigint>("minSelfStake"),
      minDelegation: m.getParameter<bigint>("minDelegation"),
      maxStakePerWorker: m.getParameter<bigint>("maxStakePerWorker"),
      maxCommissionBps: m.getParameter<number>("maxCommissionBps"),
      maxSlashBps: m.getParameter<number>("maxSlashBps"),
      unbondingPeriod: m.getParameter<number>("unbondingPeriod"),
      bondingPeriod: m.getParameter<number>("bondingPeriod"),
      commissionRaiseDelay: m.getParameter<number>("commissionRaiseDelay"),
      jailPeriod: m.getParameter<number>("jailPeriod"),
    },
  ]);
  const proxy = m.contract("ERC1967Proxy", [implementation, initialize], { id: "stakingProxy" });
  const staking = m.contractAt("Staking", proxy, { id: "staking" });

  for (const [name, role, signatures] of [
    ["Slasher", Roles.SLASHER, ["slash(uint256,address,uint256,uint256,address)"]],
    ["Rewarder", Roles.REWARDER, ["notifyReward(uint256,uint256)"]],
    [
      "CollateralManager",
      Roles.COLLATERAL_MANAGER,
      ["reserveCollateral(uint256,uint256)", "releaseCollateral(uint256,uint256)"],
    ],
  ] as const) {
    m.call(manager, "setTargetFunctionRole", [staking, signatures.map((s) => toFunctionSelector(s)), role], {
      id: `staking${name}Functions`,
    });
  }
  return { staking };
});
