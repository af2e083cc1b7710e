/**
 * Demo steps of the compute escrow: a dApp pays for a job, the attested worker delivers an enclave-signed result, the
 * challenge window passes and the payment is released; a second job times out and is refunded (the pool is slashed);
 * a third is disputed and the arbiter resolves it.
 *
 * Until the attestation registry and Staking are in the system, the step deploys the escrow itself (implementation +
 * ERC1967 proxy, initialized with the `localOp` escrow parameters) next to the test-only implementations of the two
 * frozen interfaces; once `System.ts` deploys them all, only the setup block below goes away.
 */
import { encodeFunctionData, formatEther, type Hex, keccak256, parseEther, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { loadParameters } from "../../deploy/parameters.ts";
import { phaAbi } from "../../packages/sdk/src/abis.ts";
import { getJobId, newJobTerms } from "../../packages/sdk/src/index.ts";
import type { DemoContext } from "./context.ts";

const WORKLOAD = keccak256(toHex("phala/workload/llm-inference"));
const DAY = 86_400;

export async function escrow(ctx: DemoContext) {
  const { alice, bob, carol, dave, guardian } = ctx.actors;
  const { viem } = ctx.connection;
  const [payer, operator, keeper, arbiter] = [alice, dave, carol, guardian];
  const address = (c: typeof alice) => (c.account as { address: Hex }).address;
  const pha = ctx.system.pha.address;

  ctx.step("Escrow: deploy (with stand-ins for the registry and Staking until System.ts deploys the escrow with them)");
  const registry = await viem.deployContract("TestWorkerRegistry");
  const staking = await viem.deployContract("TestStaking", [pha]);
  const implementation = await viem.deployContract("JobEscrow", [pha, registry.address, staking.address]);
  const p = loadParameters("localOp").Escrow as Record<string, number | string>;
  const init = encodeFunctionData({
    abi: implementation.abi,
    functionName: "initialize",
    args: [
      ctx.system.manager.address,
      {
        treasury: ctx.system.timelock.address,
        protocolFeeBps: Number(p.protocolFeeBps),
        stakingShareBps: Number(p.stakingShareBps),
        challengeWindow: Number(p.challengeWindow),
        collateralBps: Number(p.collateralBps),
        timeoutPenaltyBps: Number(p.timeoutPenaltyBps),
        arbiter: address(arbiter),
        disputeBondBps: Number(p.disputeBondBps),
        disputeSlashBps: Number(p.disputeSlashBps),
        arbitrationPeriod: Number(p.arbitrationPeriod),
        maxJobDuration: Number(p.maxJobDuration),
      },
    ],
  });
  const proxy = await viem.deployContract("ERC1967Proxy", [implementation.address, init]);
  const target = { escrow: proxy.address };
  await staking.write.setAuthorized([proxy.address, true]);
  ctx.note(`JobEscrow proxy ${proxy.address} (implementation ${implementation.address})`);

  // The worker: an enclave key (its address is the worker id) registered by dave (the operator), in a pool bob backs.
  const enclave = privateKeyToAccount(keccak256(toHex("demo enclave key")));
  await registry.write.registerSecp256k1([enclave.address, address(operator), WORKLOAD]);
  await staking.write.assign([enclave.address, 1n]);
  await ctx.gas(
    await bob.writeContract({
      address: pha,
      abi: phaAbi,
      functionName: "approve",
      args: [staking.address, parseEther("100000")],
      chain: bob.chain,
      account: bob.account as never,
    }),
  );
  await staking.write.addStake([1n, parseEther("100000")], { account: address(bob) });
  ctx.note(`worker ${enclave.address} attested for the workload; operator dave; pool 1 backed by 100,000 PHA (bob)`);

  const now = async () => Number((await alice.getBlock()).timestamp);
  const status = async (job: Hex) => (await payer.escrow.getJob({ ...target, job })).status;
  const balance = (who: Hex) =>
    alice.readContract({
      address: pha,
      abi: phaAbi,
      functionName: "balanceOf",
      args: [who],
    });
  const terms = async (price: string, input: string) =>
    newJobTerms({
      payer: address(payer),
      price: parseEther(price),
      workloadId: WORKLOAD,
      inputHash: keccak256(toHex(input)),
      now: await now(),
      ttl: DAY,
    });
  const mined = (hash: Hex) => ctx.gas(hash);

  ctx.step("Job 1: alice pays 100 PHA (permit), the worker delivers, the window passes, the payment is released");
  const t1 = await terms("100", "summarize this document");
  const { hash: created, jobId: job1 } = await payer.escrow.createJobSync({ ...target, terms: t1, permit: true });
  ctx.note(`created ${job1} with a permit (gas ${await mined(created)})`);
  ctx.note(
    `accepted by dave for the worker (gas ${await mined(await operator.escrow.acceptJob({ ...target, job: job1, worker: enclave.address }))})`,
  );
  const resultHash = keccak256(toHex("the summary"));
  ctx.note(
    `delivered, signed by the enclave key (gas ${await mined(await operator.escrow.deliverJob({ ...target, job: job1, resultHash, enclave }))}): ${await status(job1)}`,
  );
  await ctx.travel(DAY);
  const daveBefore = await balance(address(operator));
  ctx.note(
    `after the 1-day window carol releases it (gas ${await mined(await keeper.escrow.releaseJob({ ...target, job: job1 }))}): ${await status(job1)}`,
  );
  ctx.note(
    `dave received ${formatEther((await balance(address(operator))) - daveBefore)} PHA; 10 PHA to the pool, 1 PHA fee to the treasury`,
  );

  ctx.step("Job 2: accepted but not delivered by its deadline: refunded, the pool slashed the timeout penalty");
  const t2 = await terms("50", "translate this");
  const { jobId: job2 } = await payer.escrow.createJobSync({ ...target, terms: t2, permit: true });
  await mined(await operator.escrow.acceptJob({ ...target, job: job2, worker: enclave.address }));
  await ctx.travel(DAY + 1);
  const aliceBefore = await balance(address(payer));
  ctx.note(
    `after the deadline anyone refunds (gas ${await mined(await keeper.escrow.refundJob({ ...target, job: job2 }))}): ${await status(job2)}`,
  );
  ctx.note(`alice got back ${formatEther((await balance(address(payer))) - aliceBefore)} PHA (50 + 5 penalty)`);
  await staking.write.setJailed([enclave.address, false]); // the stand-in's version of re-attestation

  ctx.step("Job 3: the payer disputes the result; the arbiter finds the worker at fault");
  const t3 = await terms("20", "classify these images");
  const { jobId: job3 } = await payer.escrow.createJobSync({ ...target, terms: t3, permit: true });
  await mined(await operator.escrow.acceptJob({ ...target, job: job3, worker: enclave.address }));
  await mined(
    await operator.escrow.deliverJob({ ...target, job: job3, resultHash: keccak256(toHex("wrong")), enclave }),
  );
  await mined(
    await payer.writeContract({
      address: pha,
      abi: phaAbi,
      functionName: "approve",
      args: [proxy.address, parseEther("2")],
      chain: payer.chain,
      account: payer.account as never,
    }),
  );
  ctx.note(
    `alice disputes, posting a 2 PHA bond (gas ${await mined(await payer.escrow.disputeJob({ ...target, job: job3 }))}): ${await status(job3)}`,
  );
  const beforeResolve = await balance(address(payer));
  ctx.note(
    `the arbiter resolves: worker at fault (gas ${await mined(await arbiter.escrow.resolveDispute({ ...target, job: job3, workerAtFault: true }))}): ${await status(job3)}`,
  );
  ctx.note(
    `alice got ${formatEther((await balance(address(payer))) - beforeResolve)} PHA (20 price + 2 bond + 10 slash)`,
  );
  const listed = await payer.escrow.listJobs({ ...target, payer: address(payer) });
  ctx.note(
    `alice's jobs: ${listed.length} (${listed.map((id) => id.slice(0, 10)).join(", ")}); ids are hashes of their terms: ${getJobId(t1) === job1}`,
  );
}
