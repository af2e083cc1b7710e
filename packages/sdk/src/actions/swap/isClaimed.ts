import type { Address, Client, ReadContractErrorType } from "viem";
import { readContract } from "viem/actions";
import { phaMigratorAbi } from "../../generated/abis.ts";

export type IsClaimedParameters = {
  /** The PHAMigrator. */
  migrator: Address;
  /** The leaf's index (from the proofs file). */
  index: number | bigint;
};
export type IsClaimedReturnType = boolean;
export type IsClaimedErrorType = ReadContractErrorType;

/**
 * True if the snapshot leaf at `index` has been claimed.
 *
 * @example
 * const done = await isClaimed(client, { migrator, index: claim.index })
 */
export async function isClaimed(client: Client, parameters: IsClaimedParameters): Promise<IsClaimedReturnType> {
  return readContract(client, {
    address: parameters.migrator,
    abi: phaMigratorAbi,
    functionName: "isClaimed",
    args: [BigInt(parameters.index)],
  });
}
