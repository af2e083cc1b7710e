import type { Account, Chain, Client, Hash, Hex, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { jobEscrowAbi } from "../../generated/abis.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";
import { type JobRef, termsOf } from "./getJob.ts";
import { signJobResult } from "./signJobResult.ts";
import { type EscrowTarget, type JobTerms, resolveEscrow } from "./types.ts";

export type DeliverJobParameters = WriteOptions &
  EscrowTarget &
  JobRef & {
    resultHash: Hex;
  } & (
    | {
        /** The enclave's signature (65-byte secp256k1, or 64-byte P-256 r ‖ s). */
        signature: Hex;
        enclave?: never;
      }
    | {
        /** Sign here with this account standing for the enclave key (see {@link signJobResult}). */
        enclave: Account;
        signature?: never;
      }
  );
export type DeliverJobReturnType = Hash;
export type DeliverJobErrorType = PhalaContractErrorType | Error;

/**
 * Records a job's result, signed by the worker's enclave key. Anyone may send it (the signature authenticates): the
 * operator, a relayer, or the enclave itself. Refusals are typed: `EscrowInvalidSignature`, `EscrowDeadlinePassed`,
 * `EscrowWorkerNotAttested`, `EscrowWrongStatus` (a replay).
 *
 * @example
 * await deliverJob(operatorClient, { job: jobId, resultHash, enclave: privateKeyToAccount(enclaveKey) })
 */
export async function deliverJob(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: DeliverJobParameters,
): Promise<DeliverJobReturnType> {
  const terms = await termsOf(client, parameters);
  const signature =
    parameters.signature ??
    (await signJobResult(client, {
      escrow: parameters.escrow,
      job: terms,
      resultHash: parameters.resultHash,
      enclave: parameters.enclave,
    }));
  return simulateAndWrite(client, deliverJob.call(client, { ...parameters, job: terms, signature }), parameters);
}

/** `deliver(terms, resultHash, signature)` as call data. */
deliverJob.call = (
  client: Client,
  parameters: EscrowTarget & { job: JobTerms; resultHash: Hex; signature: Hex },
): ContractCall<typeof jobEscrowAbi> => ({
  address: resolveEscrow(client, parameters.escrow),
  abi: jobEscrowAbi,
  functionName: "deliver",
  args: [parameters.job, parameters.resultHash, parameters.signature],
});
