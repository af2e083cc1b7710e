import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { jobEscrowAbi } from "../../generated/abis.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";
import { type EscrowTarget, resolveEscrow } from "./types.ts";

export type WithdrawCreditParameters = WriteOptions &
  EscrowTarget & {
    /** Where the credit goes; defaults to the calling account. */
    to?: Address;
  };
export type WithdrawCreditReturnType = Hash;
export type WithdrawCreditErrorType = PhalaContractErrorType | Error;

/**
 * An operator takes its whole credit (its payments of released jobs, booked by `release`) out of the escrow. Reverts
 * with `EscrowNothingToWithdraw` if there is none (see {@link getCredit}).
 *
 * @example
 * await withdrawCredit(operatorClient, {})
 */
export async function withdrawCredit(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: WithdrawCreditParameters = {},
): Promise<WithdrawCreditReturnType> {
  const account = parameters.account ?? client.account;
  const self = typeof account === "string" ? account : account?.address;
  const to = parameters.to ?? self;
  if (!to) throw new Error("withdrawCredit: no recipient (pass `to` or use a client with an account)");
  return simulateAndWrite(client, withdrawCredit.call(client, { escrow: parameters.escrow, to }), parameters);
}

/** `withdraw(to)` as call data. */
withdrawCredit.call = (
  client: Client,
  parameters: EscrowTarget & { to: Address },
): ContractCall<typeof jobEscrowAbi> => ({
  address: resolveEscrow(client, parameters.escrow),
  abi: jobEscrowAbi,
  functionName: "withdraw",
  args: [parameters.to],
});
