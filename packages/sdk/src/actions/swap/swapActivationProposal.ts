import { type Address, encodeFunctionData, toFunctionSelector } from "viem";
import { accessManagerAbi, phaAbi } from "../../generated/abis.ts";
import { Roles } from "../../generated/roles.ts";
import type { Proposal } from "../governance/types.ts";

export type SwapActivationProposalParameters = {
  /** The deployed PHAMigrator. */
  migrator: Address;
  /** The PHA token. */
  pha: Address;
  /** The system AccessManager (owned by the timelock). */
  manager: Address;
  /** The snapshot total in plancks (`snapshotTotalPlancks()` of the migrator, from `pha swap build-tree`). */
  snapshotTotalPlancks: bigint;
  /** Proposal description; a default naming the migrator and the amount is used if omitted. */
  description?: string;
};

/** One planck (10^-12 PHA) in PHA wei. */
export const PLANCK_TO_WEI = 1_000_000n;

/**
 * The governance proposal that activates a deployed swap: the treasury (timelock) funds the migrator with exactly the
 * snapshot total (plancks × 10^6 wei, the only cap on what can ever be paid) and maps the emergency `halt()` to the
 * guardian role. Pure: builds the proposal, sends nothing (submit it with `propose`).
 *
 * @example
 * const proposal = swapActivationProposal({ migrator, pha, manager, snapshotTotalPlancks })
 * const { proposalId } = await proposeSync(walletClient, proposal)
 */
export function swapActivationProposal(parameters: SwapActivationProposalParameters): Proposal {
  const { migrator, pha, manager, snapshotTotalPlancks } = parameters;
  const amount = snapshotTotalPlancks * PLANCK_TO_WEI;
  return {
    targets: [pha, manager],
    values: [0n, 0n],
    calldatas: [
      encodeFunctionData({ abi: phaAbi, functionName: "transfer", args: [migrator, amount] }),
      encodeFunctionData({
        abi: accessManagerAbi,
        functionName: "setTargetFunctionRole",
        args: [migrator, [toFunctionSelector("halt()")], Roles.GUARDIAN],
      }),
    ],
    description:
      parameters.description ??
      `Activate the parachain PHA swap: fund PHAMigrator ${migrator} with ${amount} wei and give the guardian halt()`,
  };
}
