import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import { keccak256, toHex } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { phalaGovernorAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";
import type { Proposal } from "./types.ts";

export type QueueParameters = WriteOptions & Proposal & { governor?: Address };
export type QueueReturnType = Hash;
export type QueueErrorType = PhalaContractErrorType | Error;

/**
 * Queues a succeeded proposal in the timelock (anyone may call); it becomes executable after the timelock delay.
 *
 * @example
 * await queue(walletClient, { targets, values, calldatas, description })
 */
export async function queue(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: QueueParameters,
): Promise<QueueReturnType> {
  return simulateAndWrite(client, queue.call(client, parameters), parameters);
}

/** The queue as call data. */
queue.call = (
  client: Client,
  parameters: Omit<QueueParameters, keyof WriteOptions>,
): ContractCall<typeof phalaGovernorAbi> => ({
  address: resolveAddress(client, "governor", parameters.governor),
  abi: phalaGovernorAbi,
  functionName: "queue",
  args: [parameters.targets, parameters.values, parameters.calldatas, keccak256(toHex(parameters.description))],
});
