import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { phalaGovernorAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";
import type { VoteSupport } from "./types.ts";

export type CastVoteParameters = WriteOptions & {
  proposalId: bigint;
  /** 0 against, 1 for, 2 abstain. */
  support: VoteSupport;
  /** Optional reason, recorded in the `VoteCast` event. */
  reason?: string;
  governor?: Address;
};
export type CastVoteReturnType = Hash;
export type CastVoteErrorType = PhalaContractErrorType | Error;

/**
 * Votes on an active proposal with the caller's voting power at the proposal snapshot. A second vote reverts with
 * `GovernorAlreadyCastVote`.
 *
 * @example
 * await castVote(walletClient, { proposalId, support: VoteSupport.For })
 */
export async function castVote(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: CastVoteParameters,
): Promise<CastVoteReturnType> {
  return simulateAndWrite(client, castVote.call(client, parameters), parameters);
}

/** The vote as call data. */
castVote.call = (
  client: Client,
  parameters: Omit<CastVoteParameters, keyof WriteOptions>,
): ContractCall<typeof phalaGovernorAbi> => ({
  address: resolveAddress(client, "governor", parameters.governor),
  abi: phalaGovernorAbi,
  functionName: "castVoteWithReason",
  args: [parameters.proposalId, parameters.support, parameters.reason ?? ""],
});
