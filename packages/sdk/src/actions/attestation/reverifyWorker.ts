import type { Account, Address, Chain, Client, Hash, Hex, Transport } from "viem";
import { getAbiItem } from "viem";
import { getLogs } from "viem/actions";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { attestationRegistryAbi } from "../../generated/abis.ts";
import { resolveAddress } from "../../utils/addresses.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";
import { getWorkerStatus } from "./getWorkerStatus.ts";

export type ReverifyWorkerParameters = WriteOptions & {
  worker: Address;
  /** The evidence of the worker's current attestation; found in the registry's `EvidenceSubmitted` logs if omitted. */
  evidence?: Hex;
  registry?: Address;
};
export type ReverifyWorkerReturnType = Hash;
export type ReverifyWorkerErrorType = PhalaContractErrorType | Error;

/**
 * Re-checks a worker against the current collateral and policy; anyone may call. Marks it expired or revokes it;
 * reverts `RegistryWorkerStillValid` (caught by the simulation, no gas spent) if there is nothing to do.
 *
 * @example
 * await reverifyWorker(client, { worker })
 */
export async function reverifyWorker(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: ReverifyWorkerParameters,
): Promise<ReverifyWorkerReturnType> {
  const evidence = parameters.evidence ?? (await findEvidence(client, parameters));
  return simulateAndWrite(client, reverifyWorker.call(client, { ...parameters, evidence }), parameters);
}

reverifyWorker.call = (
  client: Client,
  parameters: Omit<ReverifyWorkerParameters, keyof WriteOptions> & { evidence: Hex },
): ContractCall<typeof attestationRegistryAbi> => ({
  address: resolveAddress(client, "attestationRegistry", parameters.registry),
  abi: attestationRegistryAbi,
  functionName: "reverify",
  args: [parameters.worker, parameters.evidence],
});

/** The evidence of `worker`'s current attestation, from the `EvidenceSubmitted` event that recorded it. */
export async function findEvidence(client: Client, parameters: { worker: Address; registry?: Address }): Promise<Hex> {
  const address = resolveAddress(client, "attestationRegistry", parameters.registry);
  const { evidenceHash } = await getWorkerStatus(client, parameters);
  const logs = await getLogs(client, {
    address,
    event: getAbiItem({ abi: attestationRegistryAbi, name: "EvidenceSubmitted" }),
    args: { worker: parameters.worker, evidenceHash },
    fromBlock: "earliest",
    strict: true,
  });
  const last = logs.at(-1);
  if (!last) throw new Error(`no EvidenceSubmitted log for worker ${parameters.worker} and evidence ${evidenceHash}`);
  return last.args.evidence;
}
