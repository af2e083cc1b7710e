import type { Account, Chain, Client, Hex, Transport } from "viem";
import { readContract, signTypedData } from "viem/actions";
import { jobEscrowAbi } from "../../generated/abis.ts";
import { type JobRef, termsOf } from "./getJob.ts";
import { type EscrowTarget, getJobId, jobResultTypes, resolveEscrow } from "./types.ts";

export type SignJobResultParameters = EscrowTarget &
  JobRef & {
    /** Commitment to the result (e.g. keccak256 of the encrypted output). */
    resultHash: Hex;
    /** The enclave key (a viem account standing for it); defaults to the client's account. */
    enclave?: Account;
  };

/**
 * Signs a job result as the worker's enclave key: EIP-712 `JobResult(jobId, workloadId, inputHash, resultHash,
 * deadline)` under the escrow's own domain (read from the contract, ERC-5267), so the signature is valid on this chain
 * and this escrow only. In production the enclave signs; this helper is what the enclave runs, and what tests use.
 *
 * @example
 * const signature = await signJobResult(client, { job: terms, resultHash, enclave: privateKeyToAccount(key) })
 */
export async function signJobResult(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: SignJobResultParameters,
): Promise<Hex> {
  const account = parameters.enclave ?? client.account;
  if (!account) throw new Error("signJobResult: no enclave account");
  const escrow = resolveEscrow(client, parameters.escrow);
  const terms = await termsOf(client, parameters);
  const [, name, version, chainId, verifyingContract] = await readContract(client, {
    address: escrow,
    abi: jobEscrowAbi,
    functionName: "eip712Domain",
  });
  return signTypedData(client, {
    account,
    domain: { name, version, chainId, verifyingContract },
    types: jobResultTypes,
    primaryType: "JobResult",
    message: {
      jobId: getJobId(terms),
      workloadId: terms.workloadId,
      inputHash: terms.inputHash,
      resultHash: parameters.resultHash,
      deadline: terms.deadline,
    },
  });
}
