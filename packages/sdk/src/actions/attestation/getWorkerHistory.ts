import type { Address, Client, ReadContractErrorType } from "viem";
import { readContract } from "viem/actions";
import { attestationRegistryAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { type HistoryEntry, historyKinds, revocationReasons, tcbStatuses, teeTypes } from "./types.ts";

export type GetWorkerHistoryParameters = {
  worker: Address;
  /** First entry (0 = oldest). */
  offset?: bigint;
  /** Page size (default 100). Without `offset`/`limit` every page is read. */
  limit?: bigint;
  registry?: Address;
};
export type GetWorkerHistoryReturnType = { total: bigint; entries: HistoryEntry[] };
export type GetWorkerHistoryErrorType = ReadContractErrorType;

/**
 * A worker's append-only attestation history (attested, renewed, expired, revoked), oldest first, read in pages.
 *
 * @example
 * const { total, entries } = await getWorkerHistory(client, { worker })
 */
export async function getWorkerHistory(
  client: Client,
  parameters: GetWorkerHistoryParameters,
): Promise<GetWorkerHistoryReturnType> {
  const address = resolveAddress(client, "attestationRegistry", parameters.registry);
  const total = await readContract(client, {
    address,
    abi: attestationRegistryAbi,
    functionName: "historyLength",
    args: [parameters.worker],
  });
  const pageSize = parameters.limit ?? 100n;
  const all = parameters.offset === undefined && parameters.limit === undefined;
  const entries: HistoryEntry[] = [];
  for (let offset = parameters.offset ?? 0n; offset < total; offset += pageSize) {
    const page = await readContract(client, {
      address,
      abi: attestationRegistryAbi,
      functionName: "history",
      args: [parameters.worker, offset, pageSize],
    });
    for (const e of page) {
      entries.push({
        kind: historyKinds[e.kind],
        reason: revocationReasons[e.reason],
        teeType: teeTypes[e.teeType],
        tcbStatus: tcbStatuses[e.tcbStatus],
        at: e.at,
        operator: e.operator,
        workloadId: e.workloadId,
        evidenceHash: e.evidenceHash,
      });
    }
    if (!all) break;
  }
  return { total, entries };
}
