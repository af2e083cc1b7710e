import type { Address, Client, ReadContractErrorType } from "viem";
import { readContract } from "viem/actions";
import { phaAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";

export type GetVotesParameters = {
  account: Address;
  /** A past timestamp (seconds; PHA's clock is `mode=timestamp`); current votes if omitted. */
  timepoint?: bigint;
  token?: Address;
};
export type GetVotesReturnType = bigint;
export type GetVotesErrorType = ReadContractErrorType;

/**
 * Returns the voting power of `account` now, or at a past `timepoint`.
 *
 * @example
 * const votes = await getVotes(client, { account: "0x…" })
 */
export async function getVotes(client: Client, parameters: GetVotesParameters): Promise<GetVotesReturnType> {
  const address = resolveAddress(client, "pha", parameters.token);
  if (parameters.timepoint === undefined)
    return readContract(client, { address, abi: phaAbi, functionName: "getVotes", args: [parameters.account] });
  return readContract(client, {
    address,
    abi: phaAbi,
    functionName: "getPastVotes",
    args: [parameters.account, parameters.timepoint],
  });
}
