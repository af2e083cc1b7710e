import type { Address, Client, ReadContractErrorType } from "viem";
import { readContract } from "viem/actions";
import { phalaGovernorAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { type ProposalState, proposalStates } from "./types.ts";

export type GetProposalStateParameters = { proposalId: bigint; governor?: Address };
export type GetProposalStateReturnType = ProposalState;
export type GetProposalStateErrorType = ReadContractErrorType;

/**
 * Returns a proposal's state by name (`Pending`, `Active`, `Succeeded`, `Queued`, `Executed`, …). An unknown id reverts
 * with `GovernorNonexistentProposal`.
 *
 * @example
 * const state = await getProposalState(client, { proposalId })
 */
export async function getProposalState(
  client: Client,
  parameters: GetProposalStateParameters,
): Promise<GetProposalStateReturnType> {
  const state = await readContract(client, {
    address: resolveAddress(client, "governor", parameters.governor),
    abi: phalaGovernorAbi,
    functionName: "state",
    args: [parameters.proposalId],
  });
  return proposalStates[state] as ProposalState;
}
