/**
 * Demo steps of the compute escrow, on the System deployment (the escrow proxy, the real AttestationRegistry and
 * Staking): the worker of the attestation step (attested from a TDX quote, in dave's pool since the staking step)
 * takes three jobs a dApp (alice) pays for. Job 1 is delivered with an enclave-signed
 * result, the challenge window passes and the payment is released (booked: dave withdraws his credit, anyone settles
 * the pool and sweeps the fee); job 2 times out and is refunded (the pool slashed the timeout penalty); job 3 is
 * disputed and the arbiter finds the worker at fault.
 *
 * Runs after the attestation step (worker attested for a TDX workload) and the staking step (dave's pool 1 backs it).
 */
import { erc20Abi, formatEther, type Hex, keccak256, parseEther, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { attestationRegistryAbi, stakingAbi } from "../../packages/sdk/src/abis.ts";
import { getJobId, newJobTerms } from "../../packages/sdk/src/index.ts";
import { makeScenario } from "../../test/fixtures/dcap/synth.ts";
import type { DemoContext } from "./context.ts";

const DAY = 86_400;
const POOL = 1n;

export async function escrow(ctx: DemoContext) {
  const { alice, carol, dave, guardian } = ctx.actors;
  const [payer, operator, keeper, arbiter] = [alice, dave, carol, guardian];
  const pha = ctx.system.pha.address;
  const registry = ctx.system.attestationRegistry.address;
  const target = { escrow: ctx.system.escrow.address };
  const mined = (hash: Hex) => ctx.gas(hash);
  const now = async () => Number((await alice.getBlock()).timestamp);
  const balance = (who: Hex) =>
    alice.readContract({ address: pha, abi: erc20Abi, functionName: "balanceOf", args: [who] });

  // The attestation step's worker (attested from a TDX quote, its enclave key bound by the registry), which the staking
  // step added to dave's pool 1.
  const enclave = privateKeyToAccount(keccak256(toHex("demo enclave key")));
  const worker = ctx.shared.worker;
  if (!worker) throw new Error("demo: the attestation step attests a worker first");
  const workload = await alice.readContract({
    address: registry,
    abi: attestationRegistryAbi,
    functionName: "workloadOf",
    args: [worker],
  });

  ctx.step("Escrow: weeks after its attestation, dave renews the worker (fresh Intel collateral, fresh quote)");
  // The verifier governance set for TDX (the attestation step's, pinned to the synthetic Intel root) and its PCCS.
  const verifier = await ctx.connection.viem.getContractAt(
    "DcapVerifier",
    await alice.readContract({ address: registry, abi: attestationRegistryAbi, functionName: "verifierOf", args: [1] }),
  );
  const pccs = await verifier.read.pccs();
  const reportData = await dave.attestation.getReportData({
    operator: dave.account.address,
    keyType: "Secp256k1",
    publicKey: enclave.publicKey,
  });
  const fresh = makeScenario({
    tee: "tdx",
    seed: "demo",
    at: new Date((await now()) * 1000),
    reportData: Buffer.from(reportData.slice(2), "hex"),
  });
  for (const s of await ctx.actors.deployer.attestation.uploadCollateral({
    pccs,
    collateral: fresh.collateral as never,
  }))
    if (s.hash) await mined(s.hash);
  const renewal = await dave.attestation.registerWorkerSync({
    teeType: "TDX",
    evidence: toHex(fresh.quote),
    keyType: "Secp256k1",
    publicKey: enclave.publicKey,
  });
  ctx.note(
    `worker ${worker} attested again (${renewal.renewed ? "renewal" : "its attestation had expired: registered anew"}) for workload ${workload.slice(0, 10)}… (gas ${await mined(renewal.hash)})`,
  );

  const terms = async (price: string, input: string) =>
    newJobTerms({
      payer: payer.account.address,
      price: parseEther(price),
      workloadId: workload,
      inputHash: keccak256(toHex(input)),
      now: await now(),
      ttl: DAY,
    });
  const status = async (job: Hex) => (await payer.escrow.getJob({ ...target, job })).status;

  ctx.step("alice pays for three jobs (permits, no approve); the worker accepts them, its pool reserving collateral");
  const t1 = await terms("100", "summarize this document");
  const t2 = await terms("50", "translate this");
  const t3 = await terms("20", "classify these images");
  const jobs: Hex[] = [];
  for (const t of [t1, t2, t3]) {
    const { hash, jobId } = await payer.escrow.createJobSync({ ...target, terms: t, permit: true });
    const accepted = await operator.escrow.acceptJob({ ...target, job: jobId, worker });
    ctx.note(
      `${jobId.slice(0, 10)}… ${formatEther(t.price)} PHA: created (gas ${await mined(hash)}), accepted (gas ${await mined(accepted)})`,
    );
    jobs.push(jobId);
  }
  const [job1, job2, job3] = jobs as [Hex, Hex, Hex];
  const pool = await alice.staking.getPoolStats({ poolId: POOL });
  ctx.note(`pool ${POOL} free stake ${formatEther(pool.freeStake)} PHA (255 PHA reserved: 150% of the prices)`);

  ctx.step("Job 1 and job 3 are delivered, signed by the enclave key; alice disputes job 3, posting a 2 PHA bond");
  ctx.note(
    `job 1 delivered (gas ${await mined(await operator.escrow.deliverJob({ ...target, job: job1, resultHash: keccak256(toHex("the summary")), enclave }))}): ${await status(job1)}`,
  );
  await mined(
    await operator.escrow.deliverJob({ ...target, job: job3, resultHash: keccak256(toHex("wrong")), enclave }),
  );
  await mined(
    await payer.writeContract({
      address: pha,
      abi: erc20Abi,
      functionName: "approve",
      args: [target.escrow, parseEther("2")],
      chain: payer.chain,
      account: payer.account,
    }),
  );
  ctx.note(
    `alice disputes job 3 (gas ${await mined(await payer.escrow.disputeJob({ ...target, job: job3 }))}): ${await status(job3)}`,
  );

  ctx.step("The 1-day window passes: anyone releases job 1 (booked), dave withdraws, anyone settles the pool and fees");
  await ctx.travel(DAY + 1);
  ctx.note(
    `carol releases job 1 (gas ${await mined(await keeper.escrow.releaseJob({ ...target, job: job1 }))}): ${await status(job1)}`,
  );
  const credit = await keeper.escrow.getCredit({ ...target, account: dave.account.address });
  const pending = await keeper.escrow.getPendingSettlement({ ...target, poolId: POOL });
  ctx.note(
    `booked: dave's credit ${formatEther(credit.amount)} PHA (+ ${formatEther(credit.fees)} PHA fee for the treasury); ` +
      `pool ${POOL}: ${formatEther(pending.reward)} PHA reward, ${formatEther(pending.collateral)} PHA collateral to release`,
  );
  const daveBefore = await balance(dave.account.address);
  await mined(await operator.escrow.withdrawCredit({ ...target }));
  ctx.note(`dave withdrew ${formatEther((await balance(dave.account.address)) - daveBefore)} PHA`);

  ctx.step("Job 2 was not delivered by its deadline: anyone refunds it, the pool is slashed the timeout penalty");
  const aliceBefore = await balance(payer.account.address);
  ctx.note(
    `carol refunds job 2 (gas ${await mined(await keeper.escrow.refundJob({ ...target, job: job2 }))}): ${await status(job2)}`,
  );
  ctx.note(
    `alice got back ${formatEther((await balance(payer.account.address)) - aliceBefore)} PHA (the price; the 5 PHA penalty went to the treasury)`,
  );

  ctx.step("The arbiter decides job 3: the worker was at fault (refund, bond back, pool slashed to the treasury)");
  const beforeResolve = await balance(payer.account.address);
  ctx.note(
    `resolved (gas ${await mined(await arbiter.escrow.resolveDispute({ ...target, job: job3, workerAtFault: true }))}): ${await status(job3)}`,
  );
  ctx.note(
    `alice got ${formatEther((await balance(payer.account.address)) - beforeResolve)} PHA (20 price + 2 bond; the 10 PHA slash went to the treasury)`,
  );

  ctx.step("Anyone settles the pool (reward + collateral to Staking in one call) and sweeps the fee to the treasury");
  const beforeSettle = await alice.staking.getPoolStats({ poolId: POOL });
  const settling = await keeper.escrow.getPendingSettlement({ ...target, poolId: POOL });
  ctx.note(
    `pending for pool ${POOL}: ${formatEther(settling.reward)} PHA reward, ${formatEther(settling.collateral)} PHA collateral (3 jobs)`,
  );
  ctx.note(`settled (gas ${await mined(await keeper.escrow.settlePool({ ...target, poolId: POOL }))})`);
  const afterSettle = await alice.staking.getPoolStats({ poolId: POOL });
  ctx.note(
    `pool ${POOL} free stake ${formatEther(beforeSettle.freeStake)} -> ${formatEther(afterSettle.freeStake)} PHA (slashes taken)`,
  );
  const treasury = ctx.system.timelock.address;
  const treasuryBefore = await balance(treasury);
  ctx.note(
    `fees swept (gas ${await mined(await keeper.escrow.sweepFees({ ...target, operators: [dave.account.address] }))}): ` +
      `treasury +${formatEther((await balance(treasury)) - treasuryBefore)} PHA`,
  );
  ctx.note(`escrow holds ${formatEther(await balance(target.escrow))} PHA`);
  const jailed = await alice.readContract({
    address: ctx.system.staking.address,
    abi: stakingAbi,
    functionName: "isJailed",
    args: [worker],
  });
  const listed = await payer.escrow.listJobs({ ...target, payer: payer.account.address });
  ctx.note(
    `worker jailed after the slashes: ${jailed}; alice's jobs: ${listed.length}; ids are hashes of their terms: ${getJobId(t1) === job1}`,
  );
}
