import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import { keccak256, toHex } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { phalaGovernorAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";
import type { Proposal } from "./types.ts";

export type ExecuteParameters = WriteOptions & Proposal & { governor?: Address };
export type ExecuteReturnType = Hash;
export type ExecuteErrorType = PhalaContractErrorType | Error;

/**
 * Executes a queued proposal once the timelock delay has passed (anyone may call); earlier it reverts with
 * the timelock's `TimelockUnexpectedOperationState`.
 *
 * @example
 * await execute(walletClient, { targets, values, calldatas, description })
 */
export async function execute(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: ExecuteParameters,
): Promise<ExecuteReturnType> {
  return simulateAndWrite(client, execute.call(client, parameters), parameters);
}

/** The execute as call data. */
execute.call = (
  client: Client,
  parameters: Omit<ExecuteParameters, keyof WriteOptions>,
): ContractCall<typeof phalaGovernorAbi> => ({
  address: resolveAddress(client, "governor", parameters.governor),
  abi: phalaGovernorAbi,
  functionName: "execute",
  args: [parameters.targets, parameters.values, parameters.calldatas, keccak256(toHex(parameters.description))],
});
