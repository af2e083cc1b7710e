import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { stakingAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";

export type RemoveWorkerParameters = WriteOptions & {
  /** Pool id. */
  poolId: bigint;
  /** Worker id. */
  worker: Address;
  /** Staking address; defaults to the deployment on the client's chain. */
  staking?: Address;
};
export type RemoveWorkerReturnType = Hash;
export type RemoveWorkerErrorType = PhalaContractErrorType | Error;

/**
 * Removes a worker from the sender's pool.
 * Simulates first, so a revert surfaces as a typed Staking error before any gas is spent.
 *
 * @example
 * const hash = await removeWorker(walletClient, { poolId: …, worker: … })
 */
export async function removeWorker(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: RemoveWorkerParameters,
): Promise<RemoveWorkerReturnType> {
  return simulateAndWrite(client, removeWorker.call(client, parameters), parameters);
}

/** The call as data (for `simulateContract`, batching, Safe). */
removeWorker.call = (
  client: Client,
  parameters: Omit<RemoveWorkerParameters, keyof WriteOptions>,
): ContractCall<typeof stakingAbi> => ({
  address: resolveAddress(client, "staking", parameters.staking),
  abi: stakingAbi,
  functionName: "removeWorker",
  args: [parameters.poolId, parameters.worker],
});
