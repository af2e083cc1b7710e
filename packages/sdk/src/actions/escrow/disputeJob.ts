import type { Account, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { jobEscrowAbi } from "../../generated/abis.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";
import { type JobRef, termsOf } from "./getJob.ts";
import { type EscrowTarget, type JobTerms, resolveEscrow } from "./types.ts";

export type DisputeJobParameters = WriteOptions & EscrowTarget & JobRef;
export type DisputeJobReturnType = Hash;
export type DisputeJobErrorType = PhalaContractErrorType | Error;

/**
 * The payer contests a delivery inside the challenge window, posting the dispute bond (approve the escrow for it
 * first).
 *
 * @example
 * await disputeJob(payerClient, { job: jobId })
 */
export async function disputeJob(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: DisputeJobParameters,
): Promise<DisputeJobReturnType> {
  const terms = await termsOf(client, parameters);
  return simulateAndWrite(client, disputeJob.call(client, { ...parameters, job: terms }), parameters);
}

/** `dispute` as call data. */
disputeJob.call = (
  client: Client,
  parameters: Omit<DisputeJobParameters, keyof WriteOptions | "job"> & { job: JobTerms },
): ContractCall<typeof jobEscrowAbi> => ({
  address: resolveEscrow(client, parameters.escrow),
  abi: jobEscrowAbi,
  functionName: "dispute",
  args: [parameters.job],
});
