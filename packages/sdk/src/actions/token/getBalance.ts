import type { Address, Client, ReadContractErrorType } from "viem";
import { readContract } from "viem/actions";
import { phaAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";

export type GetBalanceParameters = {
  /** Holder. */
  owner: Address;
  /** PHA address; defaults to the deployment on the client's chain. */
  token?: Address;
};
export type GetBalanceReturnType = bigint;
export type GetBalanceErrorType = ReadContractErrorType;

/**
 * Returns the PHA balance of `owner`, in wei (18 decimals).
 *
 * @example
 * const balance = await getBalance(client, { owner: "0x…" })
 */
export async function getBalance(client: Client, parameters: GetBalanceParameters): Promise<GetBalanceReturnType> {
  return readContract(client, {
    address: resolveAddress(client, "pha", parameters.token),
    abi: phaAbi,
    functionName: "balanceOf",
    args: [parameters.owner],
  });
}
