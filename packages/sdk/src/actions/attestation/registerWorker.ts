import type { Account, Address, Chain, Client, Hash, Hex, Transport } from "viem";
import { parseEventLogs } from "viem";
import { waitForTransactionReceipt } from "viem/actions";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { attestationRegistryAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";
import { type KeyType, keyTypeIndex, type TeeType, teeTypeIndex } from "./types.ts";
import { rawPublicKey } from "./workload.ts";

export type RegisterWorkerParameters = WriteOptions & {
  /** Kind of TEE (selects the verifier). */
  teeType: TeeType;
  /** The evidence, e.g. a DCAP quote (full or compact form), whose report data binds the caller (see `getReportData`). */
  evidence: Hex;
  /** Type of the enclave signing key. */
  keyType: Exclude<KeyType, "None">;
  /** Enclave public key, uncompressed (64-byte x‖y or 65-byte 0x04‖x‖y). */
  publicKey: Hex;
  /** Registry address; defaults to the deployment on the client's chain. */
  registry?: Address;
};
export type RegisterWorkerReturnType = Hash;
export type RegisterWorkerErrorType = PhalaContractErrorType | Error;

/**
 * Attests (or renews) a worker: the caller becomes its operator. Simulates first, so a refused quote, binding or
 * policy surfaces as a typed error (e.g. `RegistryReportDataMismatch`, `RegistryTcbStatusNotAccepted`, or the
 * verifier's `CertRevoked`) before any gas is spent.
 *
 * @example
 * const reportData = await getReportData(client, { operator, keyType: "Secp256k1", publicKey })
 * // ... the enclave produces a quote with this report data ...
 * const hash = await registerWorker(client, { teeType: "TDX", evidence: quote, keyType: "Secp256k1", publicKey })
 */
export async function registerWorker(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: RegisterWorkerParameters,
): Promise<RegisterWorkerReturnType> {
  return simulateAndWrite(client, registerWorker.call(client, parameters), parameters);
}

/** The registration as call data. */
registerWorker.call = (
  client: Client,
  parameters: Omit<RegisterWorkerParameters, keyof WriteOptions>,
): ContractCall<typeof attestationRegistryAbi> => ({
  address: resolveAddress(client, "attestationRegistry", parameters.registry),
  abi: attestationRegistryAbi,
  functionName: "register",
  args: [
    teeTypeIndex(parameters.teeType),
    parameters.evidence,
    keyTypeIndex(parameters.keyType),
    rawPublicKey(parameters.publicKey),
  ],
});

/** Registers, waits for the receipt and returns the worker id and whether it was a renewal. */
export async function registerWorkerSync(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: RegisterWorkerParameters,
): Promise<{ hash: Hash; worker: Address; renewed: boolean; expiresAt: bigint; evidenceHash: Hex }> {
  const hash = await registerWorker(client, parameters);
  const receipt = await waitForTransactionReceipt(client, { hash });
  const [log] = parseEventLogs({
    abi: attestationRegistryAbi,
    logs: receipt.logs,
    eventName: ["WorkerAttested", "WorkerRenewed"],
  });
  if (!log) throw new Error(`registerWorker: no WorkerAttested/WorkerRenewed in ${hash}`);
  return {
    hash,
    worker: log.args.worker,
    renewed: log.eventName === "WorkerRenewed",
    expiresAt: log.args.expiresAt,
    evidenceHash: log.args.evidenceHash,
  };
}
