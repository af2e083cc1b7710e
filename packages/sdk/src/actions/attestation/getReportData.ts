import type { Address, Client, Hex, ReadContractErrorType } from "viem";
import { readContract } from "viem/actions";
import { attestationRegistryAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { type KeyType, keyTypeIndex } from "./types.ts";
import { rawPublicKey } from "./workload.ts";

export type GetReportDataParameters = {
  /** The operator that will submit the evidence. */
  operator: Address;
  keyType: Exclude<KeyType, "None">;
  /** Enclave public key (64-byte x‖y or 65-byte 0x04‖x‖y). */
  publicKey: Hex;
  registry?: Address;
};
export type GetReportDataReturnType = Hex;
export type GetReportDataErrorType = ReadContractErrorType;

/**
 * The 64-byte report data the enclave must put in its quote to attest `publicKey` for `operator` now: the binding
 * of chain, registry, operator, key and the worker's attestation nonce (second half zero; free for the workload).
 *
 * @example
 * const reportData = await getReportData(client, { operator, keyType: "Secp256k1", publicKey })
 */
export async function getReportData(
  client: Client,
  parameters: GetReportDataParameters,
): Promise<GetReportDataReturnType> {
  return readContract(client, {
    address: resolveAddress(client, "attestationRegistry", parameters.registry),
    abi: attestationRegistryAbi,
    functionName: "reportDataFor",
    args: [parameters.operator, keyTypeIndex(parameters.keyType), rawPublicKey(parameters.publicKey)],
  });
}
