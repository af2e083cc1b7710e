export { getReportData } from "./actions/attestation/getReportData.ts";
export { getWorkerHistory } from "./actions/attestation/getWorkerHistory.ts";
export { getWorkerStatus } from "./actions/attestation/getWorkerStatus.ts";
export { registerWorker, registerWorkerSync } from "./actions/attestation/registerWorker.ts";
export { findEvidence, reverifyWorker } from "./actions/attestation/reverifyWorker.ts";
export * from "./actions/attestation/types.ts";
export {
  type UploadStepResult,
  uploadCollateral,
  uploadCollateralCalls,
} from "./actions/attestation/uploadCollateral.ts";
export {
  computeReportData,
  genericWorkloadId,
  rawPublicKey,
  sgxEnclaveWorkloadId,
  sgxSignerWorkloadId,
  type TdxMeasurements,
  tdxWorkloadId,
  workerIdOf,
} from "./actions/attestation/workload.ts";
export { acceptJob } from "./actions/escrow/acceptJob.ts";
export { createJob, createJobSync, newJobTerms } from "./actions/escrow/createJob.ts";
export { deliverJob } from "./actions/escrow/deliverJob.ts";
export { disputeJob } from "./actions/escrow/disputeJob.ts";
export { getCredit, getPendingSettlement, getUnsweptFees } from "./actions/escrow/getEscrowBooks.ts";
export { getJob, getJobTerms, type Job, type JobRef } from "./actions/escrow/getJob.ts";
export { listJobs } from "./actions/escrow/listJobs.ts";
export { refundJob } from "./actions/escrow/refundJob.ts";
export { releaseJob } from "./actions/escrow/releaseJob.ts";
export { releaseJobs } from "./actions/escrow/releaseJobs.ts";
export { resolveDispute } from "./actions/escrow/resolveDispute.ts";
export { resolveDisputeByDefault } from "./actions/escrow/resolveDisputeByDefault.ts";
export { settlePool } from "./actions/escrow/settlePool.ts";
export { signJobResult } from "./actions/escrow/signJobResult.ts";
export { sweepFees } from "./actions/escrow/sweepFees.ts";
export {
  disputeOutcomes,
  getJobId,
  type JobStatus,
  type JobTerms,
  jobResultTypes,
  jobStatuses,
  refundReasons,
} from "./actions/escrow/types.ts";
export { type JobEvent, watchJob } from "./actions/escrow/watchJob.ts";
export { withdrawCredit } from "./actions/escrow/withdrawCredit.ts";
export { castVote } from "./actions/governance/castVote.ts";
export { execute } from "./actions/governance/execute.ts";
export { getProposalState } from "./actions/governance/getProposalState.ts";
export { getProposalId, propose, proposeSync } from "./actions/governance/propose.ts";
export { queue } from "./actions/governance/queue.ts";
export { type Proposal, type ProposalState, proposalStates, VoteSupport } from "./actions/governance/types.ts";
export { addWorker } from "./actions/staking/addWorker.ts";
export { claimRewards } from "./actions/staking/claimRewards.ts";
export { delegateStake } from "./actions/staking/delegateStake.ts";
export { emissionAprBps, getPoolStats } from "./actions/staking/getPoolStats.ts";
export { getStakingPosition, type StakingUnbonding } from "./actions/staking/getStakingPosition.ts";
export { openPool } from "./actions/staking/openPool.ts";
export { removeWorker } from "./actions/staking/removeWorker.ts";
export { restakeRewards } from "./actions/staking/restakeRewards.ts";
export { setCapacity } from "./actions/staking/setCapacity.ts";
export { setCommission } from "./actions/staking/setCommission.ts";
export { undelegateStake } from "./actions/staking/undelegateStake.ts";
export { withdrawUnbonded } from "./actions/staking/withdrawUnbonded.ts";
export { claim, claimRoute } from "./actions/swap/claim.ts";
export { claimAndDelegate } from "./actions/swap/claimAndDelegate.ts";
export { isClaimed } from "./actions/swap/isClaimed.ts";
export {
  PLANCK_TO_WEI,
  type SwapActivationProposalParameters,
  swapActivationProposal,
} from "./actions/swap/swapActivationProposal.ts";
export { delegate } from "./actions/token/delegate.ts";
export { getBalance } from "./actions/token/getBalance.ts";
export { getVotes } from "./actions/token/getVotes.ts";
export { signPermit } from "./actions/token/signPermit.ts";
export { transfer } from "./actions/token/transfer.ts";
export {
  type CollateralFiles,
  collateralFileNames,
  type DcapQvlCollateral,
  readCollateralDir,
  splitSignedResponse,
  toDcapQvlCollateral,
  writeCollateralDir,
} from "./attestation/collateral.ts";
export {
  type CollateralClient,
  type CollateralClientOptions,
  createCollateralClient,
  crlToDer,
  INTEL_PCS_URL,
  INTEL_ROOT_CA_CRL_URL,
} from "./attestation/collateralClient.ts";
export {
  CollateralFetchError,
  CollateralNotFoundError,
  CollateralResponseError,
  type DcapErrorCode,
  DcapVerificationError,
  dcapErrorCodes,
} from "./attestation/errors.ts";
export {
  advisoryName,
  advisoryNumber,
  intelRootCaDer,
  type PrecheckParameters,
  type PrecheckReturnType,
  precheckQuote,
  toDcapError,
} from "./attestation/precheck.ts";
export { phalaL2, phalaLocal } from "./chains.ts";
export { type CreatePhalaClientParameters, createPhalaClient, type PhalaClient } from "./client.ts";
export { type PhalaActions, phalaActions } from "./decorators/phala.ts";
export { BaseError } from "./errors/base.ts";
export {
  ContractNotDeployedError,
  decodeContractError,
  PhalaContractError,
  withContractErrors,
} from "./errors/contract.ts";
export { addresses } from "./generated/addresses.ts";
export { Roles } from "./generated/roles.ts";
export {
  compressedKeyAccountId,
  publicKeyAddress,
  transparentAccountId,
  uncompressedXY,
} from "./swap/account.ts";
export {
  MAX_PLANCKS,
  parseSnapshot,
  type SnapshotEntry,
  type SnapshotIssue,
  type SnapshotIssueKind,
  type SnapshotRow,
  type ValidatedSnapshot,
  type ValidateSnapshotOptions,
  validateSnapshot,
} from "./swap/snapshot.ts";
export { base58Decode, decodeSs58, encodeSs58, InvalidSs58AddressError, type Ss58Account } from "./swap/ss58.ts";
export {
  buildSwapTree,
  claimFromShard,
  processSwapProof,
  type SwapClaim,
  type SwapLeaf,
  type SwapProofShard,
  SwapTree,
  type SwapTreeManifest,
  shardOf,
  shardPrefixLength,
  swapLeafEncoding,
  swapLeafHash,
  swapProofShards,
  swapTreeManifest,
} from "./swap/tree.ts";
export { type ContractCall, simulateOnly as simulateCall, type WriteOptions } from "./utils/write.ts";
