import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { stakingAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";

export type RestakeRewardsParameters = WriteOptions & {
  /** Pool id. */
  poolId: bigint;
  /** Staking address; defaults to the deployment on the client's chain. */
  staking?: Address;
};
export type RestakeRewardsReturnType = Hash;
export type RestakeRewardsErrorType = PhalaContractErrorType | Error;

/**
 * Delegates the sender's rewards in a pool back into it (they bond like any delegation).
 * Simulates first, so a revert surfaces as a typed Staking error before any gas is spent.
 *
 * @example
 * const hash = await restakeRewards(walletClient, { poolId: … })
 */
export async function restakeRewards(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: RestakeRewardsParameters,
): Promise<RestakeRewardsReturnType> {
  return simulateAndWrite(client, restakeRewards.call(client, parameters), parameters);
}

/** The call as data (for `simulateContract`, batching, Safe). */
restakeRewards.call = (
  client: Client,
  parameters: Omit<RestakeRewardsParameters, keyof WriteOptions>,
): ContractCall<typeof stakingAbi> => ({
  address: resolveAddress(client, "staking", parameters.staking),
  abi: stakingAbi,
  functionName: "restake",
  args: [parameters.poolId],
});
