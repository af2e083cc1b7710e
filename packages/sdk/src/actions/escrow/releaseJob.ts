import type { Account, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { jobEscrowAbi } from "../../generated/abis.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";
import { type JobRef, termsOf } from "./getJob.ts";
import { type EscrowTarget, type JobTerms, resolveEscrow } from "./types.ts";

export type ReleaseJobParameters = WriteOptions & EscrowTarget & JobRef;
export type ReleaseJobReturnType = Hash;
export type ReleaseJobErrorType = PhalaContractErrorType | Error;

/**
 * Pays out a delivered job once its challenge window has passed, in the escrow's books: the operator's payment and the
 * protocol fee to the operator's credit (`withdrawCredit`), the staking share and the collateral to the pool's
 * pending settlement (`settlePool`). Anyone may call.
 *
 * @example
 * await releaseJob(keeperClient, { job: jobId })
 */
export async function releaseJob(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: ReleaseJobParameters,
): Promise<ReleaseJobReturnType> {
  const terms = await termsOf(client, parameters);
  return simulateAndWrite(client, releaseJob.call(client, { ...parameters, job: terms }), parameters);
}

/** `release` as call data. */
releaseJob.call = (
  client: Client,
  parameters: Omit<ReleaseJobParameters, keyof WriteOptions | "job"> & { job: JobTerms },
): ContractCall<typeof jobEscrowAbi> => ({
  address: resolveEscrow(client, parameters.escrow),
  abi: jobEscrowAbi,
  functionName: "release",
  args: [parameters.job],
});
