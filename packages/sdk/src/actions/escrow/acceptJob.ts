import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { jobEscrowAbi } from "../../generated/abis.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";
import { type JobRef, termsOf } from "./getJob.ts";
import { type EscrowTarget, type JobTerms, resolveEscrow } from "./types.ts";

export type AcceptJobParameters = WriteOptions &
  EscrowTarget &
  JobRef & {
    /** The worker (its enclave key address) taking the job; the sender must be it or its operator. */
    worker: Address;
  };
export type AcceptJobReturnType = Hash;
export type AcceptJobErrorType = PhalaContractErrorType | Error;

/**
 * Takes an open job for `worker`: it must be attested for the workload, not jailed, and its pool must have the
 * collateral free (reserved until the job ends). Refusals are typed (`EscrowWorkerNotAttested`, `EscrowWorkerJailed`,
 * `EscrowInsufficientFreeStake`, ...).
 *
 * @example
 * await acceptJob(operatorClient, { job: jobId, worker: enclaveAddress })
 */
export async function acceptJob(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: AcceptJobParameters,
): Promise<AcceptJobReturnType> {
  const terms = await termsOf(client, parameters);
  return simulateAndWrite(client, acceptJob.call(client, { ...parameters, job: terms }), parameters);
}

/** `accept` as call data. */
acceptJob.call = (
  client: Client,
  parameters: Omit<AcceptJobParameters, keyof WriteOptions | "job"> & { job: JobTerms },
): ContractCall<typeof jobEscrowAbi> => ({
  address: resolveEscrow(client, parameters.escrow),
  abi: jobEscrowAbi,
  functionName: "accept",
  args: [parameters.job, parameters.worker],
});
