import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { stakingAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";

export type SetCommissionParameters = WriteOptions & {
  /** Pool id. */
  poolId: bigint;
  /** New commission in basis points. */
  commissionBps: number;
  /** Staking address; defaults to the deployment on the client's chain. */
  staking?: Address;
};
export type SetCommissionReturnType = Hash;
export type SetCommissionErrorType = PhalaContractErrorType | Error;

/**
 * Sets a pool's commission: a cut applies at once, a raise after the governed delay.
 * Simulates first, so a revert surfaces as a typed Staking error before any gas is spent.
 *
 * @example
 * const hash = await setCommission(walletClient, { poolId: …, commissionBps: … })
 */
export async function setCommission(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: SetCommissionParameters,
): Promise<SetCommissionReturnType> {
  return simulateAndWrite(client, setCommission.call(client, parameters), parameters);
}

/** The call as data (for `simulateContract`, batching, Safe). */
setCommission.call = (
  client: Client,
  parameters: Omit<SetCommissionParameters, keyof WriteOptions>,
): ContractCall<typeof stakingAbi> => ({
  address: resolveAddress(client, "staking", parameters.staking),
  abi: stakingAbi,
  functionName: "setCommission",
  args: [parameters.poolId, parameters.commissionBps],
});
