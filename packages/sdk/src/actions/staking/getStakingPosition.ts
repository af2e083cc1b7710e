import type { Address, Client, ReadContractErrorType } from "viem";
import { readContract } from "viem/actions";
import { stakingAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";

export type GetStakingPositionParameters = {
  /** Pool id. */
  poolId: bigint;
  /** Delegator. */
  account: Address;
  /** Staking address; defaults to the deployment on the client's chain. */
  staking?: Address;
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
  const [position, count] = await Promise.all([
    readContract(client, {
      address,
      abi: stakingAbi,
      functionName: "delegation",
      args: [parameters.poolId, parameters.account],
    }),
    readContract(client, { address, abi: stakingAbi, functionName: "unbondingCount", args: [parameters.account] }),
  ]);
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i));
  const infos = await Promise.all(
    ids.map((id) =>
      readContract(client, { address, abi: stakingAbi, functionName: "unbonding", args: [parameters.account, id] }),
    ),
  );
  const unbonding = infos
    .map((u, i) => ({
      id: ids[i] as bigint,
      amount: u.amount,
      requestedAt: u.requestedAt,
      maturity: u.maturity,
      poolId: u.poolId,
    }))
    .filter((u) => u.poolId === parameters.poolId && u.amount > 0n)
    .map(({ poolId: _, ...u }) => u);
  return {
    shares: position.shares,
    active: position.active,
    bonding: position.bonding,
    bondingActivatesAt: position.bondingActivatesAt,
    claimable: position.claimable,
    unbonding,
  };
}
