/**
 * Demo steps of Staking: an operator opens a pool behind its attested worker, two delegators stake (approve-free, with
 * permits), governance funds the emission stream from the treasury and sets its rate, the stake activates and earns,
 * a delegator claims its rewards, and another unbonds and withdraws after the delay.
 * Runs after the attestation step (dave's worker is attested; alice and bob hold delegated votes).
 */
import { encodeFunctionData, erc20Abi, formatEther, parseEther } from "viem";
import { phalaGovernorAbi, stakingAbi } from "../../packages/sdk/src/abis.ts";
import type { Proposal } from "../../packages/sdk/src/index.ts";
import type { DemoContext } from "./context.ts";

/** 0.05 PHA per second (4,320 PHA a day) shared by every pool's effective stake. */
const EMISSION_RATE = parseEther("0.05");
const EMISSION_FUNDING = parseEther("100000");

export async function staking(ctx: DemoContext) {
  const { dave: operator, alice, bob } = ctx.actors;
  const stakingAddress = ctx.system.staking.address;

  ctx.step("Staking: an operator opens a pool (10,000 PHA self-stake, 10% commission)");
  await ctx.deposit(operator.account.address, parseEther("20000"));
  await ctx.gas(
    await operator.writeContract({
      address: ctx.system.pha.address,
      abi: erc20Abi,
      functionName: "approve",
      args: [stakingAddress, parseEther("10000")],
    }),
  );
  const hash = await operator.staking.openPool({
    selfStake: parseEther("10000"),
    commissionBps: 1_000,
    capacity: parseEther("5000000"),
  });
  ctx.note(`pool 1 opened (gas ${await ctx.gas(hash)})`);
  const worker = ctx.shared.worker;
  if (!worker) throw new Error("demo: the attestation step attests a worker first");
  ctx.note(
    `dave adds his attested worker ${worker} (gas ${await ctx.gas(await operator.staking.addWorker({ poolId: 1n, worker }))})`,
  );

  ctx.step("Two delegators stake: alice with a permit (one transaction, no approve), bob likewise");
  for (const [who, amount] of [
    [alice, "50000"],
    [bob, "20000"],
  ] as const) {
    const tx = await who.staking.delegate({ poolId: 1n, amount: parseEther(amount) });
    const position = await who.staking.getPosition({ poolId: 1n, account: who.account.address });
    ctx.note(
      `${who.account.address}: ${amount} PHA bonding until ${new Date(Number(position.bondingActivatesAt) * 1000).toISOString()} (gas ${await ctx.gas(tx)})`,
    );
  }

  ctx.step("Governance funds the emission stream from the treasury and sets its rate (one proposal)");
  await ctx.deposit(ctx.system.timelock.address, EMISSION_FUNDING);
  const proposal: Proposal = {
    targets: [ctx.system.pha.address, stakingAddress, stakingAddress],
    values: [0n, 0n, 0n],
    calldatas: [
      encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [stakingAddress, EMISSION_FUNDING] }),
      encodeFunctionData({ abi: stakingAbi, functionName: "fundEmission", args: [EMISSION_FUNDING] }),
      encodeFunctionData({ abi: stakingAbi, functionName: "setEmissionRate", args: [EMISSION_RATE] }),
    ],
    description: "Fund 100,000 PHA of staking emission at 0.05 PHA/s",
  };
  const governor = ctx.system.governor.address;
  const read = (functionName: "votingDelay" | "votingPeriod") =>
    alice.readContract({ address: governor, abi: phalaGovernorAbi, functionName });
  const { proposalId } = await alice.governance.proposeSync(proposal);
  await ctx.travel((await read("votingDelay")) + 1n);
  await ctx.gas(await alice.governance.castVote({ proposalId, support: 1 }));
  await ctx.gas(await bob.governance.castVote({ proposalId, support: 1 }));
  await ctx.travel((await read("votingPeriod")) + 1n);
  await ctx.gas(await alice.governance.queue(proposal));
  await ctx.travel(2n * 86_400n + 1n);
  await ctx.gas(await alice.governance.execute(proposal));
  ctx.note(`proposal ${await alice.governance.getProposalState({ proposalId })} (the bonding period passed meanwhile)`);
  await ctx.gas(
    await operator.writeContract({ address: stakingAddress, abi: stakingAbi, functionName: "poke", args: [1n] }),
  );
  const stats = await alice.staking.getPoolStats({ poolId: 1n });
  ctx.note(
    `pool 1: active ${formatEther(stats.activeStake)} PHA, effective ${formatEther(stats.effectiveStake)} PHA ` +
      `(${stats.countedWorkers} attested worker), emission ${formatEther(stats.emissionRate)} PHA/s, APR ${Number(stats.aprBps) / 100}%`,
  );

  ctx.step("A day of emission accrues; alice claims her rewards (commission to dave, the rest pro rata)");
  await ctx.travel(86_400n);
  const accrued = await alice.staking.getPosition({ poolId: 1n, account: alice.account.address });
  ctx.note(`alice's claimable: ${formatEther(accrued.claimable)} PHA`);
  const aliceBefore = await alice.pha.getBalance({ owner: alice.account.address });
  const claimed = await ctx.gas(await alice.staking.claim({ poolId: 1n }));
  const aliceGot = (await alice.pha.getBalance({ owner: alice.account.address })) - aliceBefore;
  ctx.note(`alice claimed ${formatEther(aliceGot)} PHA (gas ${claimed})`);

  ctx.step("bob unbonds everything, then withdraws after the unbonding period");
  const bobPosition = await bob.staking.getPosition({ poolId: 1n, account: bob.account.address });
  await ctx.gas(await bob.staking.undelegate({ poolId: 1n, shares: bobPosition.shares }));
  const [unbonding] = (await bob.staking.getPosition({ poolId: 1n, account: bob.account.address })).unbonding;
  if (!unbonding) throw new Error("demo: no unbonding position");
  ctx.note(
    `bob: ${formatEther(unbonding.amount)} PHA unbonding until ${new Date(Number(unbonding.maturity) * 1000).toISOString()}`,
  );
  const early = await bob.staking.withdraw({ unbondingId: unbonding.id }).catch((e: Error) => e);
  ctx.note(`withdrawing early is refused: ${(early as Error).message.split("\n")[0]}`);
  await ctx.travel(7n * 86_400n);
  const before = await bob.pha.getBalance({ owner: bob.account.address });
  await ctx.gas(await bob.staking.withdraw({ unbondingId: unbonding.id }));
  const after = await bob.pha.getBalance({ owner: bob.account.address });
  ctx.note(`bob withdrew ${formatEther(after - before)} PHA`);
}
