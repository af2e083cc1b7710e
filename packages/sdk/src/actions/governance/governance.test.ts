import { encodeFunctionData, parseEther } from "viem";
import { describe, expect, test } from "vitest";
import { fund, testClient, walletFor } from "../../../test/clients.ts";
import { PhalaContractError } from "../../errors/contract.ts";
import { phalaGovernorAbi } from "../../generated/abis.ts";
import { addresses } from "../../generated/addresses.ts";
import type { Proposal } from "./types.ts";

const proposer = walletFor(4);
const voter = walletFor(5);
const small = walletFor(6);

async function travel(seconds: bigint) {
  await testClient.increaseTime({ seconds: Number(seconds) + 1 });
  await testClient.mine({ blocks: 1 });
}

describe("governance actions on a real node", () => {
  test("propose → vote → queue → execute changes a parameter", async () => {
    await fund(proposer.account.address, parseEther("2000000"));
    await fund(voter.account.address, parseEther("3000000"));
    await fund(small.account.address, parseEther("10"));
    for (const c of [proposer, voter, small]) {
      await c.waitForTransactionReceipt({ hash: await c.pha.delegate({ delegatee: c.account.address }) });
    }
    await travel(1n);
    const governor = addresses[31337].governor;
    const proposal: Proposal = {
      targets: [governor],
      values: [0n],
      calldatas: [
        encodeFunctionData({
          abi: phalaGovernorAbi,
          functionName: "setProposalThreshold",
          args: [parseEther("500000")],
        }),
      ],
      description: `Lower the proposal threshold (${Date.now()})`,
    };

    const underThreshold = await small.governance.propose(proposal).catch((e) => e);
    expect(underThreshold).toBeInstanceOf(PhalaContractError);
    expect(underThreshold.errorName).toBe("GovernorInsufficientProposerVotes");

    const { proposalId } = await proposer.governance.proposeSync(proposal);
    expect(proposalId).toBe(await proposer.governance.getProposalId(proposal));
    expect(await proposer.governance.getProposalState({ proposalId })).toBe("Pending");
    await travel(
      await proposer.readContract({ address: governor, abi: phalaGovernorAbi, functionName: "votingDelay" }),
    );
    expect(await proposer.governance.getProposalState({ proposalId })).toBe("Active");

    await voter.waitForTransactionReceipt({ hash: await voter.governance.castVote({ proposalId, support: 1 }) });
    const twice = await voter.governance.castVote({ proposalId, support: 1 }).catch((e) => e);
    expect(twice.errorName).toBe("GovernorAlreadyCastVote");
    await travel(
      await proposer.readContract({ address: governor, abi: phalaGovernorAbi, functionName: "votingPeriod" }),
    );
    expect(await proposer.governance.getProposalState({ proposalId })).toBe("Succeeded");

    await proposer.waitForTransactionReceipt({ hash: await proposer.governance.queue(proposal) });
    const early = await proposer.governance.execute(proposal).catch((e) => e);
    expect(early.errorName).toBe("TimelockUnexpectedOperationState");
    await travel(172800n);
    await proposer.waitForTransactionReceipt({ hash: await proposer.governance.execute(proposal) });
    expect(await proposer.governance.getProposalState({ proposalId })).toBe("Executed");
    expect(
      await proposer.readContract({ address: governor, abi: phalaGovernorAbi, functionName: "proposalThreshold" }),
    ).toBe(parseEther("500000"));
  });
});
