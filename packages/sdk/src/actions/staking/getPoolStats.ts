import type { Address, Client, ReadContractErrorType } from "viem";
import { readContract } from "viem/actions";
import { stakingAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";

export type GetPoolStatsParameters = {
  /** Pool id. */
  poolId: bigint;
  /** Staking address; defaults to the deployment on the client's chain. */
  staking?: Address;
};
export type GetPoolStatsReturnType = {
  operator: Address;
  commissionBps: number;
  pendingCommissionBps: number;
  pendingCommissionAt: number;
  closed: boolean;
  capacity: bigint;
  activeStake: bigint;
  bondingStake: bigint;
  unbondingStake: bigint;
  effectiveStake: bigint;
  freeStake: bigint;
  countedWorkers: bigint;
  workers: bigint;
  /** Emission inputs: PHA wei per second for all pools, the reserve left, all pools' effective stake. */
  emissionRate: bigint;
  emissionReserve: bigint;
  totalEffectiveStake: bigint;
  /**
   * Delegators' emission APR in basis points at the current rate (fee rewards excluded):
   * rate x year x (pool effective / total effective) x (1 - commission) / pool active stake.
   */
  aprBps: bigint;
};
export type GetPoolStatsErrorType = ReadContractErrorType;

const YEAR = 365n * 24n * 3600n;

/** Pure APR maths (basis points), exported for tests and UIs. */
export function emissionAprBps(args: {
  rate: bigint;
  poolEffective: bigint;
  totalEffective: bigint;
  commissionBps: number;
  activeStake: bigint;
}): bigint {
  if (args.totalEffective === 0n || args.activeStake === 0n) return 0n;
  const poolPerYear = (args.rate * YEAR * args.poolEffective) / args.totalEffective;
  const delegators = (poolPerYear * BigInt(10_000 - args.commissionBps)) / 10_000n;
  return (delegators * 10_000n) / args.activeStake;
}

/**
 * Reads a pool's stake, workers, commission and its delegators' emission APR.
 *
 * @example
 * const stats = await getPoolStats(client, { poolId: 1n })
 */
export async function getPoolStats(
  client: Client,
  parameters: GetPoolStatsParameters,
): Promise<GetPoolStatsReturnType> {
  const address = resolveAddress(client, "staking", parameters.staking);
  const [pool, free, [rate, reserve, totalEffective]] = await Promise.all([
    readContract(client, { address, abi: stakingAbi, functionName: "pool", args: [parameters.poolId] }),
    readContract(client, { address, abi: stakingAbi, functionName: "freeStake", args: [parameters.poolId] }),
    readContract(client, { address, abi: stakingAbi, functionName: "emission" }),
  ]);
  return {
    operator: pool.operator,
    commissionBps: pool.commissionBps,
    pendingCommissionBps: pool.pendingCommissionBps,
    pendingCommissionAt: pool.pendingCommissionAt,
    closed: pool.closed,
    capacity: pool.capacity,
    activeStake: pool.activeStake,
    bondingStake: pool.bondingStake,
    unbondingStake: pool.unbondingStake,
    effectiveStake: pool.effectiveStake,
    freeStake: free,
    countedWorkers: pool.countedWorkers,
    workers: pool.workers,
    emissionRate: rate,
    emissionReserve: reserve,
    totalEffectiveStake: totalEffective,
    aprBps: emissionAprBps({
      rate,
      poolEffective: pool.effectiveStake,
      totalEffective,
      commissionBps: pool.commissionBps,
      activeStake: pool.activeStake,
    }),
  };
}
