export { acceptJob } from "./actions/escrow/acceptJob.ts";
export { createJob, createJobSync, newJobTerms } from "./actions/escrow/createJob.ts";
export { deliverJob } from "./actions/escrow/deliverJob.ts";
export { disputeJob } from "./actions/escrow/disputeJob.ts";
export { getJob, getJobTerms, type Job, type JobRef } from "./actions/escrow/getJob.ts";
export { listJobs } from "./actions/escrow/listJobs.ts";
export { refundJob } from "./actions/escrow/refundJob.ts";
export { releaseJob } from "./actions/escrow/releaseJob.ts";
export { releaseJobs } from "./actions/escrow/releaseJobs.ts";
export { resolveDispute } from "./actions/escrow/resolveDispute.ts";
export { resolveDisputeByDefault } from "./actions/escrow/resolveDisputeByDefault.ts";
export { signJobResult } from "./actions/escrow/signJobResult.ts";
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
export { castVote } from "./actions/governance/castVote.ts";
export { execute } from "./actions/governance/execute.ts";
export { getProposalState } from "./actions/governance/getProposalState.ts";
export { getProposalId, propose, proposeSync } from "./actions/governance/propose.ts";
export { queue } from "./actions/governance/queue.ts";
export { type Proposal, type ProposalState, proposalStates, VoteSupport } from "./actions/governance/types.ts";
export { delegate } from "./actions/token/delegate.ts";
export { getBalance } from "./actions/token/getBalance.ts";
export { getVotes } from "./actions/token/getVotes.ts";
export { signPermit } from "./actions/token/signPermit.ts";
export { transfer } from "./actions/token/transfer.ts";
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
export { type ContractCall, simulateOnly as simulateCall, type WriteOptions } from "./utils/write.ts";
