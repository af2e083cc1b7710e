/**
 * Demo steps of Staking: an operator opens a pool, two delegators stake (one approve-free with a permit), the stake
 * bonds then activates, one delegator unbonds and withdraws after the delay.
 *
 * Emission rewards need an attested worker behind the pool and a governance-set emission rate; this step shows the
 * stake lifecycle and prints the APR inputs. (Rewards accrue once the attestation step attests a worker and a
 * proposal sets the rate; see bench/staking.ts and test/staking for the reward flows.)
 */
import { erc20Abi, formatEther, parseEther } from "viem";
import type { DemoContext } from "./context.ts";

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

  ctx.step("The bonding period passes: the stake becomes active shares");
  await ctx.travel(9n * 86_400n);
  await ctx.gas(
    await operator.writeContract({
      address: stakingAddress,
      abi: [
        {
          type: "function",
          name: "poke",
          stateMutability: "nonpayable",
          inputs: [{ type: "uint256" }],
          outputs: [],
        },
      ] as const,
      functionName: "poke",
      args: [1n],
    }),
  );
  const stats = await alice.staking.getPoolStats({ poolId: 1n });
  ctx.note(
    `pool 1: active ${formatEther(stats.activeStake)} PHA, effective ${formatEther(stats.effectiveStake)} PHA ` +
      `(${stats.countedWorkers} attested workers), emission ${formatEther(stats.emissionRate)} PHA/s, APR ${Number(stats.aprBps) / 100}%`,
  );

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
