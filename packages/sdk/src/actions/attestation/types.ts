import type { Address, Hex } from "viem";

/** `ITeeVerifier.TeeType`, in on-chain order. */
export const teeTypes = ["SGX", "TDX", "SEV_SNP", "NVIDIA_GPU"] as const;
export type TeeType = (typeof teeTypes)[number];

/** `ITeeVerifier.TcbStatus`, in on-chain order. */
export const tcbStatuses = [
  "UpToDate",
  "SWHardeningNeeded",
  "ConfigurationNeeded",
  "ConfigurationAndSWHardeningNeeded",
  "OutOfDate",
  "OutOfDateConfigurationNeeded",
] as const;
export type TcbStatus = (typeof tcbStatuses)[number];

/** `IWorkerRegistry.KeyType`, in on-chain order. */
export const keyTypes = ["None", "Secp256k1", "P256"] as const;
export type KeyType = (typeof keyTypes)[number];

/** `IAttestationRegistry.WorkerStatus`. */
export const workerStatuses = ["None", "Active", "Expired", "Revoked"] as const;
export type WorkerStatus = (typeof workerStatuses)[number];

/** `IAttestationRegistry.HistoryKind`. */
export const historyKinds = ["Attested", "Renewed", "Expired", "Revoked"] as const;
export type HistoryKind = (typeof historyKinds)[number];

/** `IAttestationRegistry.RevocationReason`. */
export const revocationReasons = [
  "None",
  "EvidenceRejected",
  "TcbStatusNotAccepted",
  "WorkloadNotAllowed",
  "Governance",
] as const;
export type RevocationReason = (typeof revocationReasons)[number];

export const teeTypeIndex = (t: TeeType) => teeTypes.indexOf(t);
export const keyTypeIndex = (k: KeyType) => keyTypes.indexOf(k);

/** A worker's current attestation, with enums as names. */
export type WorkerInfo = {
  worker: Address;
  /** Status at this block (an Active attestation past its expiry reads Expired). */
  status: WorkerStatus;
  /** True if valid now under the current policy (what staking and escrow ask). */
  attested: boolean;
  operator: Address;
  keyType: KeyType;
  publicKey: Hex;
  teeType: TeeType;
  workloadId: Hex;
  tcbStatus: TcbStatus;
  advisoryIds: number[];
  fmspc: Hex;
  isvSvn: number;
  attestedAt: bigint;
  /** Effective expiry under the current max age. */
  expiresAt: bigint;
  nonce: bigint;
  evidenceHash: Hex;
};

export type HistoryEntry = {
  kind: HistoryKind;
  reason: RevocationReason;
  teeType: TeeType;
  tcbStatus: TcbStatus;
  at: bigint;
  operator: Address;
  workloadId: Hex;
  evidenceHash: Hex;
};
