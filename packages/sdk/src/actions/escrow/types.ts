import type { Address, Client, Hex } from "viem";
import { encodeAbiParameters, keccak256 } from "viem";
import { type ContractName, resolveAddress } from "../../utils/addresses.ts";

/** The immutable terms of a job; their keccak256 (ABI-encoded) is the job id. Mirrors `IJobEscrow.JobTerms`. */
export type JobTerms = {
  /** Deposits the price and receives refunds; must be the account that creates the job. */
  payer: Address;
  /** The named worker (its enclave key address), or the zero address for any eligible worker. */
  worker: Address;
  /** Price in PHA wei. */
  price: bigint;
  /** Last unix second at which a delivery is accepted. */
  deadline: number;
  /** Registry workload id the worker must be attested for. */
  workloadId: Hex;
  /** Commitment to the (encrypted, off-chain) input. */
  inputHash: Hex;
  /** Distinguishes jobs with otherwise identical terms. */
  salt: Hex;
};

/** `IJobEscrow.JobStatus`, by name. `Released` and `Refunded` are terminal. */
export const jobStatuses = ["None", "Open", "Accepted", "Delivered", "Disputed", "Released", "Refunded"] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** `IJobEscrow.RefundReason` and `IJobEscrow.DisputeOutcome`, by name. */
export const refundReasons = ["Cancelled", "Timeout", "WorkerNotAttested", "WorkerAtFault"] as const;
export const disputeOutcomes = ["WorkerAtFault", "PayerWrong", "ArbitrationExpired"] as const;

const jobTermsAbi = [
  {
    type: "tuple",
    components: [
      { name: "payer", type: "address" },
      { name: "worker", type: "address" },
      { name: "price", type: "uint96" },
      { name: "deadline", type: "uint40" },
      { name: "workloadId", type: "bytes32" },
      { name: "inputHash", type: "bytes32" },
      { name: "salt", type: "bytes32" },
    ],
  },
] as const;

/** The job id of `terms`, computed locally: `keccak256(abi.encode(terms))` (the escrow's `jobId`). */
export function getJobId(terms: JobTerms): Hex {
  return keccak256(encodeAbiParameters(jobTermsAbi, [terms]));
}

/** EIP-712 types of the result a worker's enclave key signs on delivery. */
export const jobResultTypes = {
  JobResult: [
    { name: "jobId", type: "bytes32" },
    { name: "workloadId", type: "bytes32" },
    { name: "inputHash", type: "bytes32" },
    { name: "resultHash", type: "bytes32" },
    { name: "deadline", type: "uint40" },
  ],
} as const;

/** Address of the escrow: the explicit one if given, else the deployment on the client's chain. */
export function resolveEscrow(client: Client, explicit?: Address): Address {
  return resolveAddress(client, "escrow" as ContractName, explicit);
}

/** What every escrow action needs to find the contract. */
export type EscrowTarget = {
  /** JobEscrow address; defaults to the deployment on the client's chain. */
  escrow?: Address;
};
