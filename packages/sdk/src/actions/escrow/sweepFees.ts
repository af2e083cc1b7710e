import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { jobEscrowAbi } from "../../generated/abis.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";
import { type EscrowTarget, resolveEscrow } from "./types.ts";

export type SweepFeesParameters = WriteOptions &
  EscrowTarget & {
    /** Operators whose credits hold booked fees (from `JobReleased` events); empty sweeps the unswept fees only. */
    operators?: readonly Address[];
  };
export type SweepFeesReturnType = Hash;
export type SweepFeesErrorType = PhalaContractErrorType | Error;

/**
 * Sends the protocol fees to the governed treasury: the unswept fees plus those booked in the listed operators'
 * credits. Anyone may call. Reverts with `EscrowNoFeesToSweep` if there is nothing to send.
 *
 * @example
 * await sweepFees(keeperClient, { operators: [operator] })
 */
export async function sweepFees(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: SweepFeesParameters = {},
): Promise<SweepFeesReturnType> {
  return simulateAndWrite(client, sweepFees.call(client, parameters), parameters);
}

/** `sweepFees(operators)` as call data. */
sweepFees.call = (
  client: Client,
  parameters: EscrowTarget & { operators?: readonly Address[] },
): ContractCall<typeof jobEscrowAbi> => ({
  address: resolveEscrow(client, parameters.escrow),
  abi: jobEscrowAbi,
  functionName: "sweepFees",
  args: [parameters.operators ?? []],
});
