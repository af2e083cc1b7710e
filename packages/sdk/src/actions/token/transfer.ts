import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { phaAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";

export type TransferParameters = WriteOptions & {
  /** Recipient. */
  to: Address;
  /** Amount in wei. */
  amount: bigint;
  /** PHA address; defaults to the deployment on the client's chain. */
  token?: Address;
};
export type TransferReturnType = Hash;
export type TransferErrorType = PhalaContractErrorType | Error;

/**
 * Transfers PHA. Simulates first: an `ERC20InsufficientBalance` surfaces as a typed error before any gas is spent.
 *
 * @example
 * const hash = await transfer(walletClient, { to: "0x…", amount: parseEther("10") })
 */
export async function transfer(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: TransferParameters,
): Promise<TransferReturnType> {
  return simulateAndWrite(client, transfer.call(client, parameters), parameters);
}

/** The transfer as call data (for `simulateContract`, batching, Safe). */
transfer.call = (
  client: Client,
  parameters: Omit<TransferParameters, keyof WriteOptions>,
): ContractCall<typeof phaAbi> => ({
  address: resolveAddress(client, "pha", parameters.token),
  abi: phaAbi,
  functionName: "transfer",
  args: [parameters.to, parameters.amount],
});
