import type { Account, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { jobEscrowAbi } from "../../generated/abis.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";
import { type JobRef, termsOf } from "./getJob.ts";
import { type EscrowTarget, type JobTerms, resolveEscrow } from "./types.ts";

export type ResolveDisputeParameters = WriteOptions &
  EscrowTarget &
  JobRef & {
    /** True: refund, bond back and slash; false: release, bond to the worker's pool. */
    workerAtFault: boolean;
  };
export type ResolveDisputeReturnType = Hash;
export type ResolveDisputeErrorType = PhalaContractErrorType | Error;

/**
 * The arbiter decides a dispute within the arbitration period.
 *
 * @example
 * await resolveDispute(arbiterClient, { job: jobId, workerAtFault: true })
 */
export async function resolveDispute(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: ResolveDisputeParameters,
): Promise<ResolveDisputeReturnType> {
  const terms = await termsOf(client, parameters);
  return simulateAndWrite(client, resolveDispute.call(client, { ...parameters, job: terms }), parameters);
}

/** `resolve` as call data. */
resolveDispute.call = (
  client: Client,
  parameters: Omit<ResolveDisputeParameters, keyof WriteOptions | "job"> & { job: JobTerms },
): ContractCall<typeof jobEscrowAbi> => ({
  address: resolveEscrow(client, parameters.escrow),
  abi: jobEscrowAbi,
  functionName: "resolve",
  args: [parameters.job, parameters.workerAtFault],
});
