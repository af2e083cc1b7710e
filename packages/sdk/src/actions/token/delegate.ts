import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { phaAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";

export type DelegateParameters = WriteOptions & {
  /** Who receives the caller's voting power (the caller itself to vote directly). */
  delegatee: Address;
  token?: Address;
};
export type DelegateReturnType = Hash;
export type DelegateErrorType = PhalaContractErrorType | Error;

/**
 * Delegates the caller's PHA voting power. Votes count only once delegated (to oneself or another holder).
 *
 * @example
 * await delegate(walletClient, { delegatee: walletClient.account.address })
 */
export async function delegate(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: DelegateParameters,
): Promise<DelegateReturnType> {
  return simulateAndWrite(client, delegate.call(client, parameters), parameters);
}

/** The delegation as call data. */
delegate.call = (
  client: Client,
  parameters: Omit<DelegateParameters, keyof WriteOptions>,
): ContractCall<typeof phaAbi> => ({
  address: resolveAddress(client, "pha", parameters.token),
  abi: phaAbi,
  functionName: "delegate",
  args: [parameters.delegatee],
});
