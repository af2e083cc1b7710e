import type { Account, Chain, Client, Hash, Hex, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { jobEscrowAbi } from "../../generated/abis.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";
import { termsOf } from "./getJob.ts";
import { type EscrowTarget, type JobTerms, resolveEscrow } from "./types.ts";

export type ReleaseJobsParameters = WriteOptions &
  EscrowTarget & {
    /** The jobs to release (terms or ids); all must be releasable, or nothing is. */
    jobs: readonly (JobTerms | Hex)[];
  };
export type ReleaseJobsReturnType = Hash;
export type ReleaseJobsErrorType = PhalaContractErrorType | Error;

/**
 * Releases many delivered jobs in one transaction (`releaseBatch`): each is booked (operator credit, pool pending
 * settlement), no token moves.
 *
 * @example
 * await releaseJobs(keeperClient, { jobs: [id1, id2, id3] })
 */
export async function releaseJobs(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: ReleaseJobsParameters,
): Promise<ReleaseJobsReturnType> {
  const jobs = await Promise.all(parameters.jobs.map((job) => termsOf(client, { escrow: parameters.escrow, job })));
  return simulateAndWrite(client, releaseJobs.call(client, { escrow: parameters.escrow, jobs }), parameters);
}

/** `releaseBatch(terms[])` as call data. */
releaseJobs.call = (
  client: Client,
  parameters: EscrowTarget & { jobs: readonly JobTerms[] },
): ContractCall<typeof jobEscrowAbi> => ({
  address: resolveEscrow(client, parameters.escrow),
  abi: jobEscrowAbi,
  functionName: "releaseBatch",
  args: [parameters.jobs],
});
