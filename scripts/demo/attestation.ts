/**
 * Demo steps of attestation: the on-chain PCCS + DCAP verifier (pinned to a synthetic Intel root: only a quote made for
 * this registry can carry its binding), governance enabling the verifier and a TDX workload, Intel collateral
 * uploaded, a worker attested (full quote) and renewed (compact quote); it then backs dave's staking pool and takes
 * jobs. `tcbRecovery` runs last: a newer TCB info rates the platform OutOfDate and anyone revokes the worker.
 * Runs after the foundation step (alice and bob hold delegated votes; the proposal threshold is 500,000 PHA).
 */
import { encodeFunctionData, type Hex, keccak256, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { attestationRegistryAbi, stakingAbi } from "../../packages/sdk/src/abis.ts";
import type { Proposal } from "../../packages/sdk/src/index.ts";
import { precheckQuote, tdxWorkloadId } from "../../packages/sdk/src/index.ts";
import { makeScenario, type Scenario } from "../../test/fixtures/dcap/synth.ts";
import type { DemoContext } from "./context.ts";

export async function attestation(ctx: DemoContext) {
  const { deployer, alice, bob, dave } = ctx.actors;
  const { viem } = ctx.connection;
  const registry = ctx.system.attestationRegistry.address;
  const SEED = "demo";
  const enclave = privateKeyToAccount(keccak256(toHex("demo enclave key")));

  ctx.step("Attestation: deploy the on-chain PCCS and DCAP verifier (root key pinned at construction)");
  const probe = makeScenario({ tee: "tdx", reportData: new Uint8Array(64), at: new Date(), seed: SEED });
  const json = await viem.deployContract("CollateralJson");
  const x509 = await viem.deployContract("X509");
  const crl = await viem.deployContract("Crl");
  const pccs = await viem.deployContract("Pccs", [toHex(probe.pki.root.der)], {
    libraries: {
      "project/contracts/attestation/dcap/CollateralJson.sol:CollateralJson": json.address,
      "project/contracts/attestation/dcap/X509.sol:X509": x509.address,
      "project/contracts/attestation/dcap/Crl.sol:Crl": crl.address,
    },
  });
  const verifier = await viem.deployContract("DcapVerifier", [pccs.address]);
  ctx.note(`PCCS ${pccs.address}, verifier ${verifier.address}`);

  ctx.step("Governance enables the verifier for SGX and TDX and allows one TDX workload");
  const pre = precheckQuote({
    quote: probe.quote,
    collateral: probe.collateral as never,
    at: probe.at,
    rootCaDer: probe.pki.root.der,
  });
  if (pre.body.type !== "TDX") throw new Error("expected a TDX quote");
  const workload = tdxWorkloadId(pre.body);
  const call = (functionName: "setVerifier" | "setWorkload", args: readonly unknown[]) =>
    encodeFunctionData({ abi: attestationRegistryAbi, functionName, args } as never);
  const proposal: Proposal = {
    targets: [registry, registry, registry],
    values: [0n, 0n, 0n],
    calldatas: [
      call("setVerifier", [0, verifier.address]),
      call("setVerifier", [1, verifier.address]),
      call("setWorkload", [workload, true, 1, 0]),
    ],
    description: `Attestation: DCAP verifier ${verifier.address}; allow TDX workload ${workload}`,
  };
  const { proposalId } = await alice.governance.proposeSync(proposal);
  await ctx.travel(2n * 86400n + 1n);
  await alice.governance.castVote({ proposalId, support: 1 });
  await bob.governance.castVote({ proposalId, support: 1 });
  await ctx.travel(7n * 86400n + 1n);
  await alice.governance.queue(proposal);
  await ctx.travel(2n * 86400n + 1n);
  await ctx.gas(await alice.governance.execute(proposal));
  ctx.note(`executed: workload ${workload} allowed (TDX), verifier set`);

  // Collateral and quotes are issued for the chain's current time.
  const now = Number((await dave.getBlock()).timestamp);
  const at = new Date((now + 60) * 1000);
  const quoteFor = async (
    opts: { status?: "UpToDate" | "OutOfDate"; tcbEvaluationDataNumber?: number; at?: Date } = {},
  ) => {
    const reportData = await dave.attestation.getReportData({
      operator: dave.account.address,
      keyType: "Secp256k1",
      publicKey: enclave.publicKey,
    });
    return makeScenario({ tee: "tdx", seed: SEED, at, ...opts, reportData: Buffer.from(reportData.slice(2), "hex") });
  };

  ctx.step("Anyone uploads Intel collateral (root CRL, PCK CA, TCB signer, PCK CRL, TCB info, TD_QE identity)");
  const first: Scenario = await quoteFor();
  const steps = await deployer.attestation.uploadCollateral({
    pccs: pccs.address,
    collateral: first.collateral as never,
  });
  for (const s of steps) ctx.note(`${s.step.padEnd(10)} gas ${s.hash ? await ctx.gas(s.hash) : "(already stored)"}`);
  await ctx.travel(60);

  ctx.step("A worker registers: its TDX quote binds its enclave key, the chain, the registry and its operator");
  const check = precheckQuote({
    quote: first.quote,
    collateral: first.collateral as never,
    at: Number((await dave.getBlock()).timestamp),
    rootCaDer: first.pki.root.der,
  });
  ctx.note(`off-chain pre-check (dcap-qvl): ${check.status}`);
  const stolen = await bob.attestation
    .registerWorker({
      teeType: "TDX",
      evidence: toHex(first.quote),
      keyType: "Secp256k1",
      publicKey: enclave.publicKey,
    })
    .catch((e: Error) => e);
  ctx.note(`bob replaying dave's quote is refused: ${(stolen as Error).message.split("\n")[0]}`);
  const reg = await dave.attestation.registerWorkerSync({
    teeType: "TDX",
    evidence: toHex(first.quote),
    keyType: "Secp256k1",
    publicKey: enclave.publicKey,
  });
  ctx.note(`worker ${reg.worker} attested (full quote, PCK verified in the call): gas ${await ctx.gas(reg.hash)}`);

  ctx.step("Renewal with the compact quote (PCK leaf cached once, referenced by hash)");
  const second = await quoteFor();
  await ctx.gas(await verifier.write.verifyAndCache([toHex(second.quote)]));
  const [compact] = (await verifier.read.compactQuote([toHex(second.quote)])) as [Hex, Hex];
  const renewal = await dave.attestation.registerWorkerSync({
    teeType: "TDX",
    evidence: compact,
    keyType: "Secp256k1",
    publicKey: enclave.publicKey,
  });
  ctx.note(
    `renewed: ${renewal.renewed}, ${second.quote.length} B quote -> ${(compact.length - 2) / 2} B, gas ${await ctx.gas(renewal.hash)}`,
  );
  const status = await dave.attestation.getWorkerStatus({ worker: reg.worker });
  ctx.note(
    `status ${status.status}, attested ${status.attested}, TCB ${status.tcbStatus}, expires ${status.expiresAt}`,
  );

  ctx.shared.worker = reg.worker;
  return async function tcbRecovery() {
    ctx.step("Intel TCB recovery: a newer TCB info rates the platform OutOfDate; anyone revokes the worker");
    // Weeks of demo time later: the worker renews with a fresh quote and fresh collateral, then Intel's TCB recovery
    // (a newer TCB evaluation) rates its platform OutOfDate.
    const now = new Date(Number((await dave.getBlock()).timestamp) * 1000);
    const upload = async (scenario: Scenario) => {
      for (const s of await deployer.attestation.uploadCollateral({
        pccs: pccs.address,
        collateral: scenario.collateral as never,
      }))
        if (s.hash) await ctx.gas(s.hash);
    };
    const fresh = await quoteFor({ at: now });
    await upload(fresh);
    const renewed = await dave.attestation.registerWorkerSync({
      teeType: "TDX",
      evidence: toHex(fresh.quote),
      keyType: "Secp256k1",
      publicKey: enclave.publicKey,
    });
    ctx.note(
      `dave re-attests the worker with a fresh quote: ${renewed.renewed ? "a renewal" : "a new attestation (the last one had expired)"}`,
    );
    await upload(await quoteFor({ status: "OutOfDate", tcbEvaluationDataNumber: 18, at: now }));
    const revoke = await bob.attestation.reverifyWorker({ worker: reg.worker });
    ctx.note(`bob re-verifies (evidence found in the registry's logs): gas ${await ctx.gas(revoke)}`);
    const { entries } = await dave.attestation.getWorkerHistory({ worker: reg.worker });
    for (const e of entries) ctx.note(`history: ${e.kind}${e.reason !== "None" ? ` (${e.reason})` : ""} at ${e.at}`);
    ctx.note(`attested now: ${(await dave.attestation.getWorkerStatus({ worker: reg.worker })).attested}`);
    await ctx.gas(
      await bob.writeContract({
        address: ctx.system.staking.address,
        abi: stakingAbi,
        functionName: "syncWorker",
        args: [reg.worker],
      }),
    );
    const pool = await bob.staking.getPoolStats({ poolId: 1n });
    ctx.note(
      `bob syncs the worker in Staking: pool 1 counts ${pool.countedWorkers} attested workers, effective stake ` +
        `${pool.effectiveStake} (idle stake earns nothing)`,
    );
  };
}
