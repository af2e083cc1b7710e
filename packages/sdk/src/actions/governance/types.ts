import type { Address, Hex } from "viem";

/** A governance proposal: the calls the timelock will make, and the description that names it. */
export type Proposal = {
  targets: readonly Address[];
  values: readonly bigint[];
  calldatas: readonly Hex[];
  description: string;
};

/** OZ Governor's ProposalState, by name. */
export const proposalStates = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;
export type ProposalState = (typeof proposalStates)[number];

/** Vote support values of GovernorCountingSimple. */
export const VoteSupport = { Against: 0, For: 1, Abstain: 2 } as const;
export type VoteSupport = (typeof VoteSupport)[keyof typeof VoteSupport];
