import type { Account, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { jobEscrowAbi } from "../../generated/abis.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";
import { type EscrowTarget, resolveEscrow } from "./types.ts";

export type SettlePoolParameters = WriteOptions &
  EscrowTarget & {
    /** Staking pool id. */
    poolId: bigint;
  };
export type SettlePoolReturnType = Hash;
export type SettlePoolErrorType = PhalaContractErrorType | Error;

/**
 * Passes what the escrow owes a staking pool to Staking, for all the pool's jobs that ended since the last settlement:
 * the staking shares (rewards) and the collateral still reserved for them. Anyone may call, e.g. a delegator whose
 * undelegation is blocked by a stale reservation (see {@link getPendingSettlement}). Reverts with
 * `EscrowNothingToSettle` if nothing is pending.
 *
 * @example
 * await settlePool(keeperClient, { poolId: 1n })
 */
export async function settlePool(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: SettlePoolParameters,
): Promise<SettlePoolReturnType> {
  return simulateAndWrite(client, settlePool.call(client, parameters), parameters);
}

/** `settlePool(poolId)` as call data. */
settlePool.call = (
  client: Client,
  parameters: EscrowTarget & { poolId: bigint },
): ContractCall<typeof jobEscrowAbi> => ({
  address: resolveEscrow(client, parameters.escrow),
  abi: jobEscrowAbi,
  functionName: "settlePool",
  args: [parameters.poolId],
});
