/** Demo steps of the foundation: bridge deposit → transfer → delegate → a proposal changes a parameter. */
import { encodeFunctionData, formatEther, parseEther } from "viem";
import { phalaGovernorAbi } from "../../packages/sdk/src/abis.ts";
import type { Proposal } from "../../packages/sdk/src/index.ts";
import type { DemoContext } from "./context.ts";

export async function foundation(ctx: DemoContext) {
  const { alice, bob, carol } = ctx.actors;
  const { governance: gov } = alice;

  ctx.step("Bridge: L1 PHA deposits finalized on L2 by the real L2CrossDomainMessenger + L2StandardBridge");
  for (const [who, amount] of [
    [alice, "3000000"],
    [bob, "2000000"],
    [carol, "500"],
  ] as const) {
    await ctx.deposit(who.account.address, parseEther(amount));
    ctx.note(`${who.account.address} received ${amount} PHA`);
  }

  ctx.step("Transfer through the SDK");
  const hash = await alice.pha.transfer({ to: carol.account.address, amount: parseEther("250") });
  ctx.note(`alice → carol 250 PHA (gas ${await ctx.gas(hash)})`);
  ctx.note(`carol now holds ${formatEther(await carol.pha.getBalance({ owner: carol.account.address }))} PHA`);

  ctx.step("Delegate voting power (PHA votes run on a timestamp clock)");
  for (const who of [alice, bob]) {
    await ctx.gas(await who.pha.delegate({ delegatee: who.account.address }));
    ctx.note(`${who.account.address}: ${formatEther(await who.pha.getVotes({ account: who.account.address }))} votes`);
  }
  await ctx.travel(1);

  ctx.step("Governance: a proposal lowers the proposal threshold to 500,000 PHA");
  const governor = ctx.system.governor.address;
  const proposal: Proposal = {
    targets: [governor],
    values: [0n],
    calldatas: [
      encodeFunctionData({ abi: phalaGovernorAbi, functionName: "setProposalThreshold", args: [parseEther("500000")] }),
    ],
    description: "Lower the proposal threshold to 500,000 PHA",
  };
  const refused = await carol.governance.propose(proposal).catch((e: Error) => e);
  ctx.note(`carol (under the threshold) is refused: ${(refused as Error).message.split("\n")[0]}`);
  const { proposalId } = await gov.proposeSync(proposal);
  ctx.note(`proposal ${proposalId} is ${await gov.getProposalState({ proposalId })}`);
  await ctx.travel(
    (await alice.readContract({ address: governor, abi: phalaGovernorAbi, functionName: "votingDelay" })) + 1n,
  );

  ctx.step("Vote");
  await ctx.gas(await alice.governance.castVote({ proposalId, support: 1, reason: "cheaper to propose" }));
  await ctx.gas(await bob.governance.castVote({ proposalId, support: 2 }));
  ctx.note(`alice votes for, bob abstains; state: ${await gov.getProposalState({ proposalId })}`);
  await ctx.travel(
    (await alice.readContract({ address: governor, abi: phalaGovernorAbi, functionName: "votingPeriod" })) + 1n,
  );
  ctx.note(`after the voting period: ${await gov.getProposalState({ proposalId })}`);

  ctx.step("Queue in the timelock, wait its delay, execute");
  await ctx.gas(await gov.queue(proposal));
  ctx.note(`state: ${await gov.getProposalState({ proposalId })}`);
  const early = await gov.execute(proposal).catch((e: Error) => e);
  ctx.note(`executing before the delay is refused: ${(early as Error).message.split("\n")[0]}`);
  await ctx.travel(2n * 86400n + 1n);
  await ctx.gas(await gov.execute(proposal));
  const threshold = await alice.readContract({
    address: governor,
    abi: phalaGovernorAbi,
    functionName: "proposalThreshold",
  });
  ctx.note(
    `state: ${await gov.getProposalState({ proposalId })}; proposal threshold is now ${formatEther(threshold)} PHA`,
  );
}
