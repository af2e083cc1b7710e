import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { stakingAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";

export type OpenPoolParameters = WriteOptions & {
  /** Operator self-stake in wei (>= the governed minimum). */
  selfStake: bigint;
  /** Commission in basis points (<= the governed cap). */
  commissionBps: number;
  /** Cap on the pool's active + bonding stake, in wei. */
  capacity: bigint;
  /** Staking address; defaults to the deployment on the client's chain. */
  staking?: Address;
};
export type OpenPoolReturnType = Hash;
export type OpenPoolErrorType = PhalaContractErrorType | Error;

/**
 * Opens a staking pool operated by the sender with `selfStake` PHA (approve Staking first). The self-stake bonds like any delegation: it earns and counts once active.
 * Simulates first, so a revert surfaces as a typed Staking error before any gas is spent.
 *
 * @example
 * const hash = await openPool(walletClient, { selfStake: …, commissionBps: …, capacity: … })
 */
export async function openPool(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: OpenPoolParameters,
): Promise<OpenPoolReturnType> {
  return simulateAndWrite(client, openPool.call(client, parameters), parameters);
}

/** The call as data (for `simulateContract`, batching, Safe). */
openPool.call = (
  client: Client,
  parameters: Omit<OpenPoolParameters, keyof WriteOptions>,
): ContractCall<typeof stakingAbi> => ({
  address: resolveAddress(client, "staking", parameters.staking),
  abi: stakingAbi,
  functionName: "openPool",
  args: [parameters.selfStake, parameters.commissionBps, parameters.capacity],
});
