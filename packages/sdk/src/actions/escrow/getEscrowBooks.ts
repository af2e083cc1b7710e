import type { Address, Client, ReadContractErrorType } from "viem";
import { readContract } from "viem/actions";
import { jobEscrowAbi } from "../../generated/abis.ts";
import { type EscrowTarget, resolveEscrow } from "./types.ts";

export type GetCreditParameters = EscrowTarget & {
  /** The operator (or any account). */
  account: Address;
};
export type GetCreditReturnType = {
  /** Payments of released jobs, withdrawable with `withdrawCredit`. */
  amount: bigint;
  /** Protocol fees booked with them: the treasury's, swept by `sweepFees`. */
  fees: bigint;
};
export type GetCreditErrorType = ReadContractErrorType;

/**
 * What the escrow holds for an account from released jobs (releases book payments; the operator pulls them).
 *
 * @example
 * const { amount } = await getCredit(client, { account: operator })
 */
export async function getCredit(client: Client, parameters: GetCreditParameters): Promise<GetCreditReturnType> {
  const credit = await readContract(client, {
    address: resolveEscrow(client, parameters.escrow),
    abi: jobEscrowAbi,
    functionName: "creditOf",
    args: [parameters.account],
  });
  return { amount: credit.amount, fees: credit.fees };
}

export type GetPendingSettlementParameters = EscrowTarget & {
  /** Staking pool id. */
  poolId: bigint;
};
export type GetPendingSettlementReturnType = {
  /** Staking shares (and dispute bonds) of the pool's released jobs, not yet passed to Staking. */
  reward: bigint;
  /**
   * Collateral of the pool's ended jobs, still reserved in Staking: Staking's `freeStake(poolId)` understates the
   * pool's real free stake by this much until `settlePool` (which anyone may call, e.g. before undelegating).
   */
  collateral: bigint;
};
export type GetPendingSettlementErrorType = ReadContractErrorType;

/**
 * What the escrow owes a staking pool and has not yet passed to Staking.
 *
 * @example
 * const { collateral } = await getPendingSettlement(client, { poolId: 1n })
 */
export async function getPendingSettlement(
  client: Client,
  parameters: GetPendingSettlementParameters,
): Promise<GetPendingSettlementReturnType> {
  const pending = await readContract(client, {
    address: resolveEscrow(client, parameters.escrow),
    abi: jobEscrowAbi,
    functionName: "pendingSettlement",
    args: [parameters.poolId],
  });
  return { reward: pending.reward, collateral: pending.collateral };
}

/**
 * Protocol fees ready to sweep (besides those still booked in operators' credits).
 *
 * @example
 * const fees = await getUnsweptFees(client, {})
 */
export async function getUnsweptFees(client: Client, parameters: EscrowTarget = {}): Promise<bigint> {
  return readContract(client, {
    address: resolveEscrow(client, parameters.escrow),
    abi: jobEscrowAbi,
    functionName: "unsweptFees",
  });
}
