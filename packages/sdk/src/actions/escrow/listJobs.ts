import type { Address, BlockNumber, BlockTag, Client, Hex } from "viem";
import { getContractEvents } from "viem/actions";
import { jobEscrowAbi } from "../../generated/abis.ts";
import { type EscrowTarget, resolveEscrow } from "./types.ts";

export type ListJobsParameters = EscrowTarget & {
  /** Jobs this account pays for (`JobCreated.payer`). */
  payer?: Address;
  /** Jobs this worker accepted (`JobAccepted.worker`). */
  worker?: Address;
  fromBlock?: BlockNumber | BlockTag;
};

/**
 * Ids of a payer's or a worker's jobs, oldest first, from the escrow's indexed events. Pass one of `payer`, `worker`
 * (both: the jobs of that payer that worker accepted). Read each with {@link getJob}.
 *
 * @example
 * const ids = await listJobs(publicClient, { payer: account.address })
 */
export async function listJobs(client: Client, parameters: ListJobsParameters): Promise<Hex[]> {
  if (!parameters.payer && !parameters.worker) throw new Error("listJobs: give a payer or a worker");
  const address = resolveEscrow(client, parameters.escrow);
  const fromBlock = parameters.fromBlock ?? "earliest";
  const byPayer = parameters.payer
    ? (
        await getContractEvents(client, {
          address,
          abi: jobEscrowAbi,
          eventName: "JobCreated",
          args: { payer: parameters.payer },
          fromBlock,
          strict: true,
        })
      ).map((log) => log.args.id)
    : undefined;
  const byWorker = parameters.worker
    ? (
        await getContractEvents(client, {
          address,
          abi: jobEscrowAbi,
          eventName: "JobAccepted",
          args: { worker: parameters.worker },
          fromBlock,
          strict: true,
        })
      ).map((log) => log.args.id)
    : undefined;
  if (byPayer && byWorker) return byPayer.filter((id) => byWorker.includes(id));
  return (byPayer ?? byWorker) as Hex[];
}
