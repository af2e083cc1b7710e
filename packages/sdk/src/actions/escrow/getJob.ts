import type { Address, Client, Hex } from "viem";
import { getContractEvents, readContract } from "viem/actions";
import { jobEscrowAbi } from "../../generated/abis.ts";
import { type EscrowTarget, getJobId, type JobStatus, type JobTerms, jobStatuses, resolveEscrow } from "./types.ts";

/** A job: its terms (from `JobCreated`) and its stored progress. */
export type Job = {
  id: Hex;
  terms: JobTerms;
  status: JobStatus;
  /** Time of the last transition (delivery time while Delivered or Disputed). */
  since: number;
  worker: Address;
  operator: Address;
  poolId: bigint;
  collateralBps: number;
  bondBps: number;
};

/** A job given by its terms, or by its id (its terms are then read from the `JobCreated` log). */
export type JobRef = { job: JobTerms | Hex };

/** The terms of job `jobId`, from its `JobCreated` event. */
export async function getJobTerms(client: Client, parameters: EscrowTarget & { jobId: Hex }): Promise<JobTerms> {
  const logs = await getContractEvents(client, {
    address: resolveEscrow(client, parameters.escrow),
    abi: jobEscrowAbi,
    eventName: "JobCreated",
    args: { id: parameters.jobId },
    fromBlock: "earliest",
    strict: true,
  });
  const created = logs[0];
  if (!created) throw new Error(`no job ${parameters.jobId} on this escrow`);
  const { payer, worker, price, deadline, workloadId, inputHash, salt } = created.args;
  return { payer, worker, price, deadline, workloadId, inputHash, salt };
}

/** Resolves a {@link JobRef} to terms. @internal */
export async function termsOf(client: Client, parameters: EscrowTarget & JobRef): Promise<JobTerms> {
  return typeof parameters.job === "string"
    ? getJobTerms(client, { escrow: parameters.escrow, jobId: parameters.job })
    : parameters.job;
}

/**
 * Reads a job: terms and status.
 *
 * @example
 * const { status, worker } = await getJob(publicClient, { job: jobId })
 */
export async function getJob(client: Client, parameters: EscrowTarget & JobRef): Promise<Job> {
  const terms = await termsOf(client, parameters);
  const id = getJobId(terms);
  const stored = await readContract(client, {
    address: resolveEscrow(client, parameters.escrow),
    abi: jobEscrowAbi,
    functionName: "getJob",
    args: [id],
  });
  return {
    id,
    terms,
    status: jobStatuses[stored.status] ?? "None",
    since: stored.since,
    worker: stored.worker,
    operator: stored.operator,
    poolId: stored.poolId,
    collateralBps: stored.collateralBps,
    bondBps: stored.bondBps,
  };
}
