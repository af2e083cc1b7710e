import type { Account, Chain, Client, Transport } from "viem";
import { getReportData } from "../actions/attestation/getReportData.ts";
import { getWorkerHistory } from "../actions/attestation/getWorkerHistory.ts";
import { getWorkerStatus } from "../actions/attestation/getWorkerStatus.ts";
import { registerWorker, registerWorkerSync } from "../actions/attestation/registerWorker.ts";
import { reverifyWorker } from "../actions/attestation/reverifyWorker.ts";
import { uploadCollateral } from "../actions/attestation/uploadCollateral.ts";
import { acceptJob } from "../actions/escrow/acceptJob.ts";
import { createJob, createJobSync } from "../actions/escrow/createJob.ts";
import { deliverJob } from "../actions/escrow/deliverJob.ts";
import { disputeJob } from "../actions/escrow/disputeJob.ts";
import { getCredit, getPendingSettlement, getUnsweptFees } from "../actions/escrow/getEscrowBooks.ts";
import { getJob, getJobTerms } from "../actions/escrow/getJob.ts";
import { listJobs } from "../actions/escrow/listJobs.ts";
import { refundJob } from "../actions/escrow/refundJob.ts";
import { releaseJob } from "../actions/escrow/releaseJob.ts";
import { releaseJobs } from "../actions/escrow/releaseJobs.ts";
import { resolveDispute } from "../actions/escrow/resolveDispute.ts";
import { resolveDisputeByDefault } from "../actions/escrow/resolveDisputeByDefault.ts";
import { settlePool } from "../actions/escrow/settlePool.ts";
import { signJobResult } from "../actions/escrow/signJobResult.ts";
import { sweepFees } from "../actions/escrow/sweepFees.ts";
import { watchJob } from "../actions/escrow/watchJob.ts";
import { withdrawCredit } from "../actions/escrow/withdrawCredit.ts";
import { castVote } from "../actions/governance/castVote.ts";
import { execute } from "../actions/governance/execute.ts";
import { getProposalState } from "../actions/governance/getProposalState.ts";
import { getProposalId, propose, proposeSync } from "../actions/governance/propose.ts";
import { queue } from "../actions/governance/queue.ts";
import { addWorker } from "../actions/staking/addWorker.ts";
import { claimRewards } from "../actions/staking/claimRewards.ts";
import { delegateStake } from "../actions/staking/delegateStake.ts";
import { getPoolStats } from "../actions/staking/getPoolStats.ts";
import { getStakingPosition } from "../actions/staking/getStakingPosition.ts";
import { openPool } from "../actions/staking/openPool.ts";
import { removeWorker } from "../actions/staking/removeWorker.ts";
import { restakeRewards } from "../actions/staking/restakeRewards.ts";
import { setCapacity } from "../actions/staking/setCapacity.ts";
import { setCommission } from "../actions/staking/setCommission.ts";
import { undelegateStake } from "../actions/staking/undelegateStake.ts";
import { withdrawUnbonded } from "../actions/staking/withdrawUnbonded.ts";
import { claim } from "../actions/swap/claim.ts";
import { claimAndDelegate } from "../actions/swap/claimAndDelegate.ts";
import { isClaimed } from "../actions/swap/isClaimed.ts";
import { delegate } from "../actions/token/delegate.ts";
import { getBalance } from "../actions/token/getBalance.ts";
import { getVotes } from "../actions/token/getVotes.ts";
import { signPermit } from "../actions/token/signPermit.ts";
import { transfer } from "../actions/token/transfer.ts";

type AnyClient = Client<Transport, Chain | undefined, Account | undefined>;
type Tail<F> = F extends (client: never, ...rest: infer R) => infer Out ? (...rest: R) => Out : never;

/** Binds the first (client) argument of every action in a namespace. */
function bind<T extends Record<string, (client: never, ...rest: never[]) => unknown>>(
  client: AnyClient,
  actions: T,
): { [K in keyof T]: Tail<T[K]> } {
  return Object.fromEntries(
    Object.entries(actions).map(([name, fn]) => [
      name,
      (...args: never[]) => (fn as (...a: unknown[]) => unknown)(client, ...args),
    ]),
  ) as { [K in keyof T]: Tail<T[K]> };
}

/**
 * Adds Phala's actions to a viem client, namespaced by domain so they never shadow viem's own (`getBalance`, …).
 *
 * @example
 * const client = createWalletClient({ chain: phalaL2, transport: http(), account }).extend(publicActions).extend(phalaActions())
 * await client.pha.transfer({ to, amount })
 * await client.staking.delegate({ poolId: 1n, amount })
 * const state = await client.governance.getProposalState({ proposalId })
 * const { jobId } = await client.escrow.createJobSync({ terms, permit: true })
 */
export function phalaActions() {
  return (client: AnyClient) => ({
    pha: bind(client, { getBalance, transfer, delegate, getVotes, signPermit }),
    governance: bind(client, { propose, proposeSync, castVote, queue, execute, getProposalState, getProposalId }),
    staking: bind(client, {
      openPool,
      setCommission,
      setCapacity,
      addWorker,
      removeWorker,
      delegate: delegateStake,
      undelegate: undelegateStake,
      withdraw: withdrawUnbonded,
      claim: claimRewards,
      restake: restakeRewards,
      getPosition: getStakingPosition,
      getPoolStats,
    }),
    attestation: bind(client, {
      getReportData,
      registerWorker,
      registerWorkerSync,
      getWorkerStatus,
      getWorkerHistory,
      reverifyWorker,
      uploadCollateral,
    }),
    swap: bind(client, { claim, claimAndDelegate, isClaimed }),
    escrow: bind(client, {
      createJob,
      createJobSync,
      acceptJob,
      deliverJob,
      signJobResult,
      releaseJob,
      releaseJobs,
      withdrawCredit,
      settlePool,
      sweepFees,
      getCredit,
      getPendingSettlement,
      getUnsweptFees,
      refundJob,
      disputeJob,
      resolveDispute,
      resolveDisputeByDefault,
      getJob,
      getJobTerms,
      listJobs,
      watchJob,
    }),
  });
}

export type PhalaActions = ReturnType<ReturnType<typeof phalaActions>>;
