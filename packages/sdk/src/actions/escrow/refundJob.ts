import type { Account, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { jobEscrowAbi } from "../../generated/abis.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";
import { type JobRef, termsOf } from "./getJob.ts";
import { type EscrowTarget, type JobTerms, resolveEscrow } from "./types.ts";

export type RefundJobParameters = WriteOptions & EscrowTarget & JobRef;
export type RefundJobReturnType = Hash;
export type RefundJobErrorType = PhalaContractErrorType | Error;

/**
 * Refunds the payer: anyone after the deadline without delivery (an accepted job's pool is slashed the timeout
 * penalty, paid to the treasury: never to the payer, who could be the operator itself); the payer at once if nobody
 * accepted, or if the worker lost its attestation.
 *
 * @example
 * await refundJob(payerClient, { job: jobId })
 */
export async function refundJob(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: RefundJobParameters,
): Promise<RefundJobReturnType> {
  const terms = await termsOf(client, parameters);
  return simulateAndWrite(client, refundJob.call(client, { ...parameters, job: terms }), parameters);
}

/** `refund` as call data. */
refundJob.call = (
  client: Client,
  parameters: Omit<RefundJobParameters, keyof WriteOptions | "job"> & { job: JobTerms },
): ContractCall<typeof jobEscrowAbi> => ({
  address: resolveEscrow(client, parameters.escrow),
  abi: jobEscrowAbi,
  functionName: "refund",
  args: [parameters.job],
});
