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
