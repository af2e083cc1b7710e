import type { Account, Address, Chain, Client, Hash, Hex, Transport } from "viem";
import { parseEventLogs } from "viem";
import { readContract, waitForTransactionReceipt } from "viem/actions";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { jobEscrowAbi } from "../../generated/abis.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";
import { signPermit } from "../token/signPermit.ts";
import { type EscrowTarget, type JobTerms, resolveEscrow } from "./types.ts";

export type CreateJobParameters = WriteOptions &
  EscrowTarget & {
    /** The job's terms; `payer` must be the sending account. Use {@link newJobTerms} to fill salt and deadline. */
    terms: JobTerms;
    /**
     * Pay with an EIP-2612 permit signed now by the client's account (one transaction, no prior `approve`). Without
     * it, the escrow must already be approved for the price.
     */
    permit?: boolean;
    /** PHA address for the permit; defaults to the escrow's own `token()`. */
    token?: Address;
  };
export type CreateJobReturnType = Hash;
export type CreateJobErrorType = PhalaContractErrorType | Error;

/**
 * Opens a job and deposits its price. Simulates first, so `EscrowZeroPrice`, `EscrowDeadlineOutOfRange`,
 * `EscrowJobExists` or a missing allowance surface as typed errors before any gas is spent.
 *
 * @example
 * const terms = newJobTerms({ payer: account.address, price: parseEther("10"), workloadId, inputHash, ttl: 3600 })
 * const hash = await createJob(walletClient, { terms, permit: true })
 */
export async function createJob(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: CreateJobParameters,
): Promise<CreateJobReturnType> {
  if (!parameters.permit) return simulateAndWrite(client, createJob.call(client, parameters), parameters);
  const escrow = resolveEscrow(client, parameters.escrow);
  const account = typeof parameters.account === "object" ? parameters.account : undefined;
  const permit = await signPermit(client, {
    spender: escrow,
    value: parameters.terms.price,
    deadline: BigInt(parameters.terms.deadline),
    account,
    token:
      parameters.token ?? (await readContract(client, { address: escrow, abi: jobEscrowAbi, functionName: "token" })),
  });
  const call: ContractCall<typeof jobEscrowAbi> = {
    address: escrow,
    abi: jobEscrowAbi,
    functionName: "createWithPermit",
    args: [parameters.terms, permit.deadline, permit.v, permit.r, permit.s],
  };
  return simulateAndWrite(client, call, parameters);
}

/** `create(terms)` as call data (the payer must have approved the escrow). */
createJob.call = (
  client: Client,
  parameters: Omit<CreateJobParameters, keyof WriteOptions | "permit">,
): ContractCall<typeof jobEscrowAbi> => ({
  address: resolveEscrow(client, parameters.escrow),
  abi: jobEscrowAbi,
  functionName: "create",
  args: [parameters.terms],
});

/** Opens a job, waits for it to be mined and returns its id (from `JobCreated`). */
export async function createJobSync(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: CreateJobParameters,
): Promise<{ hash: Hash; jobId: Hex }> {
  const hash = await createJob(client, parameters);
  const receipt = await waitForTransactionReceipt(client, { hash });
  const [created] = parseEventLogs({ abi: jobEscrowAbi, logs: receipt.logs, eventName: "JobCreated" });
  if (!created) throw new Error(`createJob: no JobCreated in ${hash}`);
  return { hash, jobId: created.args.id };
}

/** Fills a job's terms: a random salt, and a deadline `ttl` seconds from now (or an explicit one). */
export function newJobTerms(parameters: {
  payer: Address;
  price: bigint;
  workloadId: Hex;
  inputHash: Hex;
  worker?: Address;
  /** Seconds from `now` to the deadline (default 1 hour), unless `deadline` is given. */
  ttl?: number;
  /** Current unix time (default: this machine's clock; pass the chain's latest block time on a local chain). */
  now?: number;
  deadline?: number;
  salt?: Hex;
}): JobTerms {
  const salt =
    parameters.salt ??
    (`0x${[...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, "0")).join("")}` as Hex);
  return {
    payer: parameters.payer,
    worker: parameters.worker ?? "0x0000000000000000000000000000000000000000",
    price: parameters.price,
    deadline: parameters.deadline ?? (parameters.now ?? Math.floor(Date.now() / 1000)) + (parameters.ttl ?? 3600),
    workloadId: parameters.workloadId,
    inputHash: parameters.inputHash,
    salt,
  };
}
