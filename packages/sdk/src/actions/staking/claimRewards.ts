import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { stakingAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";

export type ClaimRewardsParameters = WriteOptions & {
  /** Pool id. */
  poolId: bigint;
  /** Staking address; defaults to the deployment on the client's chain. */
  staking?: Address;
};
export type ClaimRewardsReturnType = Hash;
export type ClaimRewardsErrorType = PhalaContractErrorType | Error;

/**
 * Claims the sender's rewards in a pool.
 * Simulates first, so a revert surfaces as a typed Staking error before any gas is spent.
 *
 * @example
 * const hash = await claimRewards(walletClient, { poolId: … })
 */
export async function claimRewards(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: ClaimRewardsParameters,
): Promise<ClaimRewardsReturnType> {
  return simulateAndWrite(client, claimRewards.call(client, parameters), parameters);
}

/** The call as data (for `simulateContract`, batching, Safe). */
claimRewards.call = (
  client: Client,
  parameters: Omit<ClaimRewardsParameters, keyof WriteOptions>,
): ContractCall<typeof stakingAbi> => ({
  address: resolveAddress(client, "staking", parameters.staking),
  abi: stakingAbi,
  functionName: "claim",
  args: [parameters.poolId],
});
