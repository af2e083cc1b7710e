import type { Account, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { jobEscrowAbi } from "../../generated/abis.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";
import { type JobRef, termsOf } from "./getJob.ts";
import { type EscrowTarget, type JobTerms, resolveEscrow } from "./types.ts";

export type ResolveDisputeByDefaultParameters = WriteOptions & EscrowTarget & JobRef;
export type ResolveDisputeByDefaultReturnType = Hash;
export type ResolveDisputeByDefaultErrorType = PhalaContractErrorType | Error;

/**
 * Applies the default outcome to a dispute left undecided past the arbitration period: payment released, bond back
 * to the payer. Anyone may call.
 *
 * @example
 * await resolveDisputeByDefault(keeperClient, { job: jobId })
 */
export async function resolveDisputeByDefault(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: ResolveDisputeByDefaultParameters,
): Promise<ResolveDisputeByDefaultReturnType> {
  const terms = await termsOf(client, parameters);
  return simulateAndWrite(client, resolveDisputeByDefault.call(client, { ...parameters, job: terms }), parameters);
}

/** `resolveByDefault` as call data. */
resolveDisputeByDefault.call = (
  client: Client,
  parameters: Omit<ResolveDisputeByDefaultParameters, keyof WriteOptions | "job"> & { job: JobTerms },
): ContractCall<typeof jobEscrowAbi> => ({
  address: resolveEscrow(client, parameters.escrow),
  abi: jobEscrowAbi,
  functionName: "resolveByDefault",
  args: [parameters.job],
});
