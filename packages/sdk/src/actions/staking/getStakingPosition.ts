import type { Address, BlockNumber, BlockTag, Client, ReadContractErrorType } from "viem";
import { getContractEvents, readContract } from "viem/actions";
import { stakingAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";

export type GetStakingPositionParameters = {
  /** Pool id. */
  poolId: bigint;
  /** Delegator. */
  account: Address;
  /** Staking address; defaults to the deployment on the client's chain. */
  staking?: Address;
  /** Where to start looking for the account's `Undelegated` events (default: the earliest block). */
  fromBlock?: BlockNumber | BlockTag;
};
export type StakingUnbonding = { id: bigint; amount: bigint; requestedAt: bigint; maturity: bigint };
export type GetStakingPositionReturnType = {
  shares: bigint;
  /** Active stake, in wei (after slashes). */
  active: bigint;
  /** Bonding stake not active yet, and when it activates (Unix seconds; 0 if none). */
  bonding: bigint;
  bondingActivatesAt: bigint;
  /** Rewards claimable now. */
  claimable: bigint;
  /** Open unbonding positions in this pool (current, post-slash value). */
  unbonding: StakingUnbonding[];
};
export type GetStakingPositionErrorType = ReadContractErrorType;

/**
 * Reads an account's position in a pool: active, bonding, unbonding and claimable amounts.
 *
 * @example
 * const position = await getStakingPosition(client, { poolId: 1n, account: "0x…" })
 */
export async function getStakingPosition(
  client: Client,
  parameters: GetStakingPositionParameters,
): Promise<GetStakingPositionReturnType> {
  const address = resolveAddress(client, "staking", parameters.staking);
  // Unbonding ids are `poolId << 32 | first request time` (one position per epoch: later requests of the epoch
  // emit the same id); the account's positions in the pool come from its (indexed)
  // `Undelegated` events, each read at its current value (withdrawn ones read zero and are left out).
  const [position, events] = await Promise.all([
    readContract(client, {
      address,
      abi: stakingAbi,
      functionName: "delegation",
      args: [parameters.poolId, parameters.account],
    }),
    getContractEvents(client, {
      address,
      abi: stakingAbi,
      eventName: "Undelegated",
      args: { poolId: parameters.poolId, account: parameters.account },
      fromBlock: parameters.fromBlock ?? "earliest",
      strict: true,
    }),
  ]);
  const ids = [...new Set(events.map((log) => log.args.unbondingId))];
  const infos = await Promise.all(
    ids.map((id) =>
      readContract(client, { address, abi: stakingAbi, functionName: "unbonding", args: [parameters.account, id] }),
    ),
  );
  const unbonding = infos
    .map((u, i) => ({ id: ids[i] as bigint, amount: u.amount, requestedAt: u.requestedAt, maturity: u.maturity }))
    .filter((u) => u.amount > 0n);
  return {
    shares: position.shares,
    active: position.active,
    bonding: position.bonding,
    bondingActivatesAt: position.bondingActivatesAt,
    claimable: position.claimable,
    unbonding,
  };
}
