import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import { keccak256, parseEventLogs, toHex } from "viem";
import { readContract, waitForTransactionReceipt } from "viem/actions";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { phalaGovernorAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";
import type { Proposal } from "./types.ts";

export type ProposeParameters = WriteOptions & Proposal & { governor?: Address };
export type ProposeReturnType = Hash;
export type ProposeErrorType = PhalaContractErrorType | Error;

/**
 * Submits a proposal. The proposer needs votes above the proposal threshold (else `GovernorInsufficientProposerVotes`).
 *
 * @example
 * const hash = await propose(walletClient, { targets, values, calldatas, description })
 */
export async function propose(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: ProposeParameters,
): Promise<ProposeReturnType> {
  return simulateAndWrite(client, propose.call(client, parameters), parameters);
}

/** The proposal as call data. */
propose.call = (
  client: Client,
  parameters: Omit<ProposeParameters, keyof WriteOptions>,
): ContractCall<typeof phalaGovernorAbi> => ({
  address: resolveAddress(client, "governor", parameters.governor),
  abi: phalaGovernorAbi,
  functionName: "propose",
  args: [parameters.targets, parameters.values, parameters.calldatas, parameters.description],
});

/** Submits a proposal, waits for it to be mined and returns its id (from `ProposalCreated`). */
export async function proposeSync(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: ProposeParameters,
): Promise<{ hash: Hash; proposalId: bigint }> {
  const hash = await propose(client, parameters);
  const receipt = await waitForTransactionReceipt(client, { hash });
  const [created] = parseEventLogs({ abi: phalaGovernorAbi, logs: receipt.logs, eventName: "ProposalCreated" });
  if (!created) throw new Error(`propose: no ProposalCreated in ${hash}`);
  return { hash, proposalId: created.args.proposalId };
}

/** The id a proposal has (or will have): `hashProposal(targets, values, calldatas, keccak256(description))`. */
export async function getProposalId(client: Client, parameters: Proposal & { governor?: Address }): Promise<bigint> {
  return readContract(client, {
    address: resolveAddress(client, "governor", parameters.governor),
    abi: phalaGovernorAbi,
    functionName: "hashProposal",
    args: [parameters.targets, parameters.values, parameters.calldatas, keccak256(toHex(parameters.description))],
  });
}
