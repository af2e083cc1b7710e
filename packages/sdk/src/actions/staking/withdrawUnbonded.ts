import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { stakingAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";

export type WithdrawUnbondedParameters = WriteOptions & {
  /** Position id (per account, from 0). */
  unbondingId: bigint;
  /** Staking address; defaults to the deployment on the client's chain. */
  staking?: Address;
};
export type WithdrawUnbondedReturnType = Hash;
export type WithdrawUnbondedErrorType = PhalaContractErrorType | Error;

/**
 * Withdraws a matured unbonding position of the sender.
 * Simulates first, so a revert surfaces as a typed Staking error before any gas is spent.
 *
 * @example
 * const hash = await withdrawUnbonded(walletClient, { unbondingId: … })
 */
export async function withdrawUnbonded(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: WithdrawUnbondedParameters,
): Promise<WithdrawUnbondedReturnType> {
  return simulateAndWrite(client, withdrawUnbonded.call(client, parameters), parameters);
}

/** The call as data (for `simulateContract`, batching, Safe). */
withdrawUnbonded.call = (
  client: Client,
  parameters: Omit<WithdrawUnbondedParameters, keyof WriteOptions>,
): ContractCall<typeof stakingAbi> => ({
  address: resolveAddress(client, "staking", parameters.staking),
  abi: stakingAbi,
  functionName: "withdraw",
  args: [parameters.unbondingId],
});
