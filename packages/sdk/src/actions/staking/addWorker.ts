import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { stakingAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";

export type AddWorkerParameters = WriteOptions & {
  /** Pool id. */
  poolId: bigint;
  /** Worker id (address of its enclave key). */
  worker: Address;
  /** Staking address; defaults to the deployment on the client's chain. */
  staking?: Address;
};
export type AddWorkerReturnType = Hash;
export type AddWorkerErrorType = PhalaContractErrorType | Error;

/**
 * Assigns a worker (registered to the sender in the attestation registry) to the sender's pool.
 * Simulates first, so a revert surfaces as a typed Staking error before any gas is spent.
 *
 * @example
 * const hash = await addWorker(walletClient, { poolId: …, worker: … })
 */
export async function addWorker(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: AddWorkerParameters,
): Promise<AddWorkerReturnType> {
  return simulateAndWrite(client, addWorker.call(client, parameters), parameters);
}

/** The call as data (for `simulateContract`, batching, Safe). */
addWorker.call = (
  client: Client,
  parameters: Omit<AddWorkerParameters, keyof WriteOptions>,
): ContractCall<typeof stakingAbi> => ({
  address: resolveAddress(client, "staking", parameters.staking),
  abi: stakingAbi,
  functionName: "addWorker",
  args: [parameters.poolId, parameters.worker],
});
