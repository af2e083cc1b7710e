import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { stakingAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";

export type SetCapacityParameters = WriteOptions & {
  /** Pool id. */
  poolId: bigint;
  /** New cap on active + bonding stake, in wei. */
  capacity: bigint;
  /** Staking address; defaults to the deployment on the client's chain. */
  staking?: Address;
};
export type SetCapacityReturnType = Hash;
export type SetCapacityErrorType = PhalaContractErrorType | Error;

/**
 * Sets a pool's capacity (gates new delegations only).
 * Simulates first, so a revert surfaces as a typed Staking error before any gas is spent.
 *
 * @example
 * const hash = await setCapacity(walletClient, { poolId: …, capacity: … })
 */
export async function setCapacity(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: SetCapacityParameters,
): Promise<SetCapacityReturnType> {
  return simulateAndWrite(client, setCapacity.call(client, parameters), parameters);
}

/** The call as data (for `simulateContract`, batching, Safe). */
setCapacity.call = (
  client: Client,
  parameters: Omit<SetCapacityParameters, keyof WriteOptions>,
): ContractCall<typeof stakingAbi> => ({
  address: resolveAddress(client, "staking", parameters.staking),
  abi: stakingAbi,
  functionName: "setCapacity",
  args: [parameters.poolId, parameters.capacity],
});
