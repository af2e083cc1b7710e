import type { Address, Client, Hex, ReadContractErrorType } from "viem";
import { readContract } from "viem/actions";
import { attestationRegistryAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { keyTypes, tcbStatuses, teeTypes, type WorkerInfo, workerStatuses } from "./types.ts";

export type GetWorkerStatusParameters = { worker: Address; registry?: Address };
export type GetWorkerStatusReturnType = WorkerInfo;
export type GetWorkerStatusErrorType = ReadContractErrorType;

/**
 * A worker's current attestation: status at this block, whether it is attested now, operator, key, TEE,
 * workload, TCB status, advisories, attested-at and (effective) expiry.
 *
 * @example
 * const { status, attested, expiresAt } = await getWorkerStatus(client, { worker })
 */
export async function getWorkerStatus(
  client: Client,
  parameters: GetWorkerStatusParameters,
): Promise<GetWorkerStatusReturnType> {
  const address = resolveAddress(client, "attestationRegistry", parameters.registry);
  const read = <F extends "workerInfo" | "statusOf" | "isAttestedAny" | "expiresAtOf">(functionName: F) =>
    readContract(client, { address, abi: attestationRegistryAbi, functionName, args: [parameters.worker] } as never);
  const [info, status, attested, expiresAt] = (await Promise.all([
    read("workerInfo"),
    read("statusOf"),
    read("isAttestedAny"),
    read("expiresAtOf"),
  ])) as [
    {
      operator: Address;
      keyType: number;
      publicKey: Hex;
      teeType: number;
      workloadId: Hex;
      tcbStatus: number;
      advisoryIds: readonly number[];
      fmspc: Hex;
      isvSvn: number;
      attestedAt: bigint;
      nonce: bigint;
      evidenceHash: Hex;
    },
    number,
    boolean,
    bigint,
  ];
  return {
    worker: parameters.worker,
    status: workerStatuses[status],
    attested,
    operator: info.operator,
    keyType: keyTypes[info.keyType],
    publicKey: info.publicKey,
    teeType: teeTypes[info.teeType],
    workloadId: info.workloadId,
    tcbStatus: tcbStatuses[info.tcbStatus],
    advisoryIds: [...info.advisoryIds],
    fmspc: info.fmspc,
    isvSvn: info.isvSvn,
    attestedAt: info.attestedAt,
    expiresAt,
    nonce: info.nonce,
    evidenceHash: info.evidenceHash,
  };
}
