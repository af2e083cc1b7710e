import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { stakingAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";

export type UndelegateStakeParameters = WriteOptions & {
  /** Pool id. */
  poolId: bigint;
  /** Shares to unbond (see getStakingPosition). */
  shares: bigint;
  /** Staking address; defaults to the deployment on the client's chain. */
  staking?: Address;
};
export type UndelegateStakeReturnType = Hash;
export type UndelegateStakeErrorType = PhalaContractErrorType | Error;

/**
 * Turns `shares` of the sender's active shares into an unbonding position (withdrawable after the unbonding period).
 * Simulates first, so a revert surfaces as a typed Staking error before any gas is spent.
 *
 * @example
 * const hash = await undelegateStake(walletClient, { poolId: …, shares: … })
 */
export async function undelegateStake(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: UndelegateStakeParameters,
): Promise<UndelegateStakeReturnType> {
  return simulateAndWrite(client, undelegateStake.call(client, parameters), parameters);
}

/** The call as data (for `simulateContract`, batching, Safe). */
undelegateStake.call = (
  client: Client,
  parameters: Omit<UndelegateStakeParameters, keyof WriteOptions>,
): ContractCall<typeof stakingAbi> => ({
  address: resolveAddress(client, "staking", parameters.staking),
  abi: stakingAbi,
  functionName: "undelegate",
  args: [parameters.poolId, parameters.shares],
});
