import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { zeroAddress } from "viem";
import TokenModule from "./Token.ts";

/**
 * Governor + TimelockController + AccessManager. The deployer is a temporary admin of the timelock and the manager;
 * `System.ts` wires every contract, hands both admin roles to the timelock and renounces the deployer's.
 */
export default buildModule("Governance", (m) => {
  const { pha } = m.useModule(TokenModule);
  const deployer = m.getAccount(0);

  const timelock = m.contract(
    "TimelockController",
    // proposers are set once the governor exists; executors: anyone (zero address) may execute a ready operation.
    [m.getParameter<bigint>("timelockDelay"), [], [zeroAddress], deployer],
    { id: "timelock" },
  );
  const governor = m.contract(
    "PhalaGovernor",
    [
      pha,
      timelock,
      {
        votingDelay: m.getParameter<bigint>("votingDelay"),
        votingPeriod: m.getParameter<bigint>("votingPeriod"),
        proposalThreshold: m.getParameter<bigint>("proposalThreshold"),
        quorumNumerator: m.getParameter<bigint>("quorumNumerator"),
        lateQuorumVoteExtension: m.getParameter<bigint>("lateQuorumVoteExtension"),
      },
    ],
    { id: "governor" },
  );
  const manager = m.contract("AccessManager", [deployer], { id: "manager" });
  return { pha, timelock, governor, manager };
});
