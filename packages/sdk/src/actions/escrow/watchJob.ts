import type { Client, Hex, Log, WatchContractEventReturnType } from "viem";
import { decodeEventLog } from "viem";
import { watchContractEvent } from "viem/actions";
import { jobEscrowAbi } from "../../generated/abis.ts";
import { type EscrowTarget, resolveEscrow } from "./types.ts";

/** One event of a job's life, decoded. */
export type JobEvent = {
  eventName:
    | "JobCreated"
    | "JobAccepted"
    | "JobDelivered"
    | "JobDisputed"
    | "DisputeResolved"
    | "JobReleased"
    | "JobRefunded";
  args: Record<string, unknown>;
  blockNumber: bigint | null;
  transactionHash: Hex | null;
};

export type WatchJobParameters = EscrowTarget & {
  /** The job to follow. */
  jobId: Hex;
  onEvent: (event: JobEvent) => void;
  onError?: (error: Error) => void;
  /** Polling interval in ms (HTTP transports). */
  pollingInterval?: number;
};

/**
 * Calls `onEvent` for every event of one job as it is mined (every escrow event has the job id as its first indexed
 * topic). Returns the function that stops watching.
 *
 * @example
 * const stop = watchJob(publicClient, { jobId, onEvent: (e) => console.log(e.eventName) })
 */
export function watchJob(client: Client, parameters: WatchJobParameters): WatchContractEventReturnType {
  return watchContractEvent(client, {
    address: resolveEscrow(client, parameters.escrow),
    abi: jobEscrowAbi,
    pollingInterval: parameters.pollingInterval,
    onError: parameters.onError,
    onLogs: (logs: Log[]) => {
      for (const log of logs) {
        if (log.topics[1]?.toLowerCase() !== parameters.jobId.toLowerCase()) continue;
        const decoded = decodeEventLog({ abi: jobEscrowAbi, data: log.data, topics: log.topics, strict: false });
        parameters.onEvent({
          eventName: decoded.eventName as JobEvent["eventName"],
          args: (decoded.args ?? {}) as Record<string, unknown>,
          blockNumber: log.blockNumber,
          transactionHash: log.transactionHash,
        });
      }
    },
  });
}
