/**
 * End to end: AttestationRegistry (behind its proxy) with the REAL DCAP verifier and on-chain PCCS, deployed with the
 * pinned root key of a synthetic Intel PKI (test/fixtures/dcap/synth.ts), collateral uploaded through the SDK, quotes
 * whose report data binds the registry, registration / renewal / re-verification through the SDK actions.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { type Address, decodeErrorResult, type Hex, keccak256, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { DCAP_INCONCLUSIVE_ERRORS } from "../../deploy/modules/Attestation.ts";
import { getReportData } from "../../packages/sdk/src/actions/attestation/getReportData.ts";
import { getWorkerHistory } from "../../packages/sdk/src/actions/attestation/getWorkerHistory.ts";
import { getWorkerStatus } from "../../packages/sdk/src/actions/attestation/getWorkerStatus.ts";
import { registerWorkerSync } from "../../packages/sdk/src/actions/attestation/registerWorker.ts";
import { reverifyWorker } from "../../packages/sdk/src/actions/attestation/reverifyWorker.ts";
import { uploadCollateral } from "../../packages/sdk/src/actions/attestation/uploadCollateral.ts";
import {
  computeReportData,
  sgxEnclaveWorkloadId,
  tdxWorkloadId,
  workerIdOf,
} from "../../packages/sdk/src/actions/attestation/workload.ts";
import type { CollateralFiles } from "../../packages/sdk/src/attestation/collateral.ts";
import { precheckQuote } from "../../packages/sdk/src/attestation/precheck.ts";
import { decodeContractError } from "../../packages/sdk/src/errors/contract.ts";
import { issueCrl, makeScenario, type Scenario, type ScenarioOptions } from "../fixtures/dcap/synth.ts";

const AT = Math.floor(Date.parse("2025-09-01T12:00:00Z") / 1000);
const MAX_AGE = 7n * 86_400n;
const SEED = "e2e";
const ENCLAVE = privateKeyToAccount(keccak256(toHex("enclave signing key")));
const ENCLAVE_KEY = ENCLAVE.publicKey; // 0x04 ‖ x ‖ y

const files = (s: Scenario): CollateralFiles => s.collateral as unknown as CollateralFiles;

async function deploy() {
  const conn = await network.create({ override: { initialDate: new Date((AT - 3600) * 1000) } });
  const { viem, networkHelpers } = conn;
  const [deployer, operator, stranger] = await viem.getWalletClients();
  const publicClient = await viem.getPublicClient();
  // The real PCCS + verifier, pinned to the synthetic root.
  const root = makeScenario({ tee: "sgx", reportData: new Uint8Array(64), at: new Date(AT * 1000), seed: SEED }).pki
    .root;
  const json = await viem.deployContract("CollateralJson");
  const x509 = await viem.deployContract("X509");
  const crl = await viem.deployContract("Crl");
  const pccs = await viem.deployContract("Pccs", [toHex(root.der)], {
    libraries: {
      "project/contracts/attestation/dcap/CollateralJson.sol:CollateralJson": json.address,
      "project/contracts/attestation/dcap/X509.sol:X509": x509.address,
      "project/contracts/attestation/dcap/Crl.sol:Crl": crl.address,
    },
  });
  const verifier = await viem.deployContract("DcapVerifier", [pccs.address]);
  // The registry behind its proxy, governed by an AccessManager whose admin is `deployer` (the timelock here).
  const manager = await viem.deployContract("AccessManager", [deployer.account.address]);
  const impl = await viem.deployContract("AttestationRegistry");
  const { encodeFunctionData } = await import("viem");
  const proxy = await viem.deployContract("ERC1967Proxy", [
    impl.address,
    encodeFunctionData({
      abi: impl.abi,
      functionName: "initialize",
      args: [manager.address, MAX_AGE, DCAP_INCONCLUSIVE_ERRORS],
    }),
  ]);
  const registry = await viem.getContractAt("AttestationRegistry", proxy.address);
  await registry.write.setVerifier([0, verifier.address]);
  await registry.write.setVerifier([1, verifier.address]);
  return { viem, networkHelpers, publicClient, deployer, operator, stranger, pccs, verifier, registry };
}

type Env = Awaited<ReturnType<typeof deploy>>;

/** A quote of the synthetic platform binding `operator` and the enclave key with the registry's current nonce. */
async function quoteFor(env: Env, opts: Partial<ScenarioOptions> & { tee: "sgx" | "tdx"; operator?: Address }) {
  const operator = opts.operator ?? env.operator.account.address;
  const reportData = await getReportData(env.publicClient, {
    operator,
    keyType: "Secp256k1",
    publicKey: ENCLAVE_KEY,
    registry: env.registry.address,
  });
  // The SDK's offline binding agrees with the contract's.
  const nonce = await env.registry.read.attestationNonce([workerIdOf(ENCLAVE_KEY)]);
  assert.equal(
    reportData,
    computeReportData({
      chainId: await env.publicClient.getChainId(),
      registry: env.registry.address,
      operator,
      keyType: "Secp256k1",
      publicKey: ENCLAVE_KEY,
      nonce,
    }),
  );
  return makeScenario({
    seed: SEED,
    at: new Date(AT * 1000),
    ...opts,
    reportData: Buffer.from(reportData.slice(2), "hex"),
  });
}

/** Uploads a scenario's collateral through the SDK, ten minutes before AT (one block per item). */
async function uploadAll(env: Env, s: Scenario) {
  await env.networkHelpers.time.setNextBlockTimestamp(AT - 600);
  const steps = await uploadCollateral(env.deployer, { pccs: env.pccs.address, collateral: files(s) });
  assert.deepEqual(
    steps.map((x) => x.step),
    ["rootCrl", "pckCa", "tcbSigner", "pckCrl", "tcbInfo", "qeIdentity"],
  );
  return steps;
}

function errorName(env: Env, e: unknown): string {
  const decoded = decodeContractError(e);
  if (decoded) return decoded.errorName;
  type Link = { raw?: unknown; data?: unknown; cause?: unknown };
  let c = e as Link | undefined;
  while (c) {
    const raw = typeof c.raw === "string" ? c.raw : typeof c.data === "string" ? c.data : undefined;
    if (raw) {
      for (const abi of [env.registry.abi, env.verifier.abi, env.pccs.abi]) {
        try {
          return decodeErrorResult({ abi, data: raw as Hex }).errorName;
        } catch {}
      }
    }
    c = c.cause as Link | undefined;
  }
  return `unknown: ${(e as Error).message.slice(0, 300)}`;
}

async function rejects(env: Env, p: Promise<unknown>, name: string) {
  const e = await p.then(
    () => undefined,
    (err) => err,
  );
  assert.ok(e, `expected ${name}, but it succeeded`);
  assert.equal(errorName(env, e), name);
}

describe("AttestationRegistry with the real DCAP verifier (synthetic Intel PKI)", () => {
  for (const tee of ["sgx", "tdx"] as const) {
    it(`test_register_${tee}_endToEnd: collateral upload, pre-check, register, compact renewal, history`, async () => {
      const env = await deploy();
      const first = await quoteFor(env, { tee });
      await uploadAll(env, first);
      await env.networkHelpers.time.increaseTo(AT);

      // Off-chain pre-check (dcap-qvl, synthetic root) agrees with the on-chain verifier.
      const pre = precheckQuote({
        quote: first.quote,
        collateral: files(first),
        at: AT,
        rootCaDer: first.pki.root.der,
      });
      const onchain = await env.verifier.read.verify([toHex(first.quote)]);
      assert.equal(pre.status, "UpToDate");
      assert.equal(onchain.tcbStatus, 0);
      assert.equal(onchain.reportData, pre.reportData);

      const workload = pre.body.type === "SGX" ? sgxEnclaveWorkloadId(pre.body.mrEnclave) : tdxWorkloadId(pre.body);
      const onchainWorkload =
        pre.body.type === "SGX"
          ? await env.registry.read.sgxEnclaveWorkloadId([pre.body.mrEnclave])
          : await env.registry.read.tdxWorkloadId([pre.body]);
      assert.equal(workload, onchainWorkload, "SDK and contract derive the same workload id");

      // Not allowed yet: typed refusal, nothing stored.
      await rejects(
        env,
        registerWorkerSync(env.operator, {
          teeType: tee === "sgx" ? "SGX" : "TDX",
          evidence: toHex(first.quote),
          keyType: "Secp256k1",
          publicKey: ENCLAVE_KEY,
          registry: env.registry.address,
        }),
        tee === "sgx" ? "RegistrySgxWorkloadNotAllowed" : "RegistryWorkloadNotAllowed",
      );
      await env.registry.write.setWorkload([workload, true, tee === "sgx" ? 0 : 1, 0]);

      const reg = await registerWorkerSync(env.operator, {
        teeType: tee === "sgx" ? "SGX" : "TDX",
        evidence: toHex(first.quote),
        keyType: "Secp256k1",
        publicKey: ENCLAVE_KEY,
        registry: env.registry.address,
      });
      assert.equal(reg.worker, ENCLAVE.address, "worker id = the enclave key's Ethereum address");
      assert.equal(reg.renewed, false);
      assert.equal(await env.registry.read.isAttested([ENCLAVE.address, workload]), true);
      const status = await getWorkerStatus(env.publicClient, {
        worker: ENCLAVE.address,
        registry: env.registry.address,
      });
      assert.equal(status.status, "Active");
      assert.equal(status.attested, true);
      assert.equal(status.operator.toLowerCase(), env.operator.account.address.toLowerCase());
      assert.equal(status.teeType, tee === "sgx" ? "SGX" : "TDX");
      assert.equal(status.tcbStatus, "UpToDate");
      assert.equal(status.evidenceHash, keccak256(first.quote));

      // Renewal with a fresh quote (nonce 1) in the compact form, the PCK leaf cached by verifyAndCache.
      const second = await quoteFor(env, { tee });
      await env.verifier.write.verifyAndCache([toHex(second.quote)]);
      const [compact] = (await env.verifier.read.compactQuote([toHex(second.quote)])) as [Hex, Hex];
      assert.ok(compact.length < toHex(second.quote).length);
      const renewal = await registerWorkerSync(env.operator, {
        teeType: tee === "sgx" ? "SGX" : "TDX",
        evidence: compact,
        keyType: "Secp256k1",
        publicKey: ENCLAVE_KEY,
        registry: env.registry.address,
      });
      assert.equal(renewal.renewed, true);
      assert.equal(renewal.evidenceHash, keccak256(compact));

      // The first quote cannot be replayed (its binding has the old nonce).
      await rejects(
        env,
        registerWorkerSync(env.operator, {
          teeType: tee === "sgx" ? "SGX" : "TDX",
          evidence: toHex(first.quote),
          keyType: "Secp256k1",
          publicKey: ENCLAVE_KEY,
          registry: env.registry.address,
        }),
        "RegistryReportDataMismatch",
      );

      const history = await getWorkerHistory(env.publicClient, {
        worker: ENCLAVE.address,
        registry: env.registry.address,
      });
      assert.equal(history.total, 2n);
      assert.deepEqual(
        history.entries.map((e) => e.kind),
        ["Attested", "Renewed"],
      );
      // Still valid: re-verification has nothing to revoke (the SDK finds the evidence in the logs).
      await rejects(
        env,
        reverifyWorker(env.stranger, { worker: ENCLAVE.address, registry: env.registry.address }),
        "RegistryWorkerStillValid",
      );
    });
  }

  it("test_register_replayRejected: another operator, or a quote bound to another registry", async () => {
    const env = await deploy();
    const s = await quoteFor(env, { tee: "sgx" });
    await uploadAll(env, s);
    await env.networkHelpers.time.increaseTo(AT);
    const pre = precheckQuote({ quote: s.quote, collateral: files(s), at: AT, rootCaDer: s.pki.root.der });
    if (pre.body.type !== "SGX") throw new Error("sgx");
    await env.registry.write.setWorkload([sgxEnclaveWorkloadId(pre.body.mrEnclave), true, 0, 0]);
    const params = {
      teeType: "SGX" as const,
      evidence: toHex(s.quote),
      keyType: "Secp256k1" as const,
      publicKey: ENCLAVE_KEY,
      registry: env.registry.address,
    };
    await rejects(env, registerWorkerSync(env.stranger, params), "RegistryReportDataMismatch");
    // A quote binding a different registry address (e.g. a copy on the same chain) is refused here.
    const foreign = makeScenario({
      tee: "sgx",
      seed: SEED,
      at: new Date(AT * 1000),
      reportData: Buffer.from(
        computeReportData({
          chainId: 31337,
          registry: env.pccs.address,
          operator: env.operator.account.address,
          keyType: "Secp256k1",
          publicKey: ENCLAVE_KEY,
          nonce: 0n,
        }).slice(2),
        "hex",
      ),
    });
    await rejects(
      env,
      registerWorkerSync(env.operator, { ...params, evidence: toHex(foreign.quote) }),
      "RegistryReportDataMismatch",
    );
    // ... and for another chain id.
    const otherChain = makeScenario({
      tee: "sgx",
      seed: SEED,
      at: new Date(AT * 1000),
      reportData: Buffer.from(
        computeReportData({
          chainId: 2035,
          registry: env.registry.address,
          operator: env.operator.account.address,
          keyType: "Secp256k1",
          publicKey: ENCLAVE_KEY,
          nonce: 0n,
        }).slice(2),
        "hex",
      ),
    });
    await rejects(
      env,
      registerWorkerSync(env.operator, { ...params, evidence: toHex(otherChain.quote) }),
      "RegistryReportDataMismatch",
    );
    assert.equal(await env.registry.read.historyLength([ENCLAVE.address]), 0n, "nothing stored");
    await registerWorkerSync(env.operator, params);
  });

  it("test_reverify_revokesAfterTcbRecoveryAndPckRevocation", async () => {
    const env = await deploy();
    const s = await quoteFor(env, { tee: "tdx" });
    await uploadAll(env, s);
    await env.networkHelpers.time.increaseTo(AT);
    const pre = precheckQuote({ quote: s.quote, collateral: files(s), at: AT, rootCaDer: s.pki.root.der });
    if (pre.body.type !== "TDX") throw new Error("tdx");
    const workload = tdxWorkloadId(pre.body);
    await env.registry.write.setWorkload([workload, true, 1, 0]);
    await registerWorkerSync(env.operator, {
      teeType: "TDX",
      evidence: toHex(s.quote),
      keyType: "Secp256k1",
      publicKey: ENCLAVE_KEY,
      registry: env.registry.address,
    });

    // Intel TCB recovery: a newer TCB info (evaluation data number 18) rates the platform OutOfDate.
    const recovered = makeScenario({
      tee: "tdx",
      seed: SEED,
      at: new Date(AT * 1000),
      reportData: new Uint8Array(64),
      status: "OutOfDate",
      advisoryIds: ["INTEL-SA-01234"],
      tcbEvaluationDataNumber: 18,
    });
    await env.pccs.write.uploadTcbInfo([
      toHex(recovered.collateral["tcb_info.body.json"]),
      `0x${recovered.collateral["tcb_info.signature.hex"]}`,
    ]);
    const verdict = await env.verifier.read.verify([toHex(s.quote)]);
    assert.equal(verdict.tcbStatus, 4, "OutOfDate under the new collateral");
    assert.equal(await env.registry.read.isAttestedAny([ENCLAVE.address]), true, "views do not re-run the verifier");
    const hash = await reverifyWorker(env.stranger, { worker: ENCLAVE.address, registry: env.registry.address });
    await env.publicClient.waitForTransactionReceipt({ hash });
    const after = await getWorkerStatus(env.publicClient, { worker: ENCLAVE.address, registry: env.registry.address });
    assert.equal(after.status, "Revoked");
    assert.equal(after.attested, false);
    const { entries } = await getWorkerHistory(env.publicClient, {
      worker: ENCLAVE.address,
      registry: env.registry.address,
    });
    assert.equal(entries.at(-1)?.reason, "TcbStatusNotAccepted");

    // A PCK revocation in a newer CRL: a fresh registration (policy now accepting every status) is refused with the
    // verifier's typed error.
    await env.registry.write.setAcceptedTcbStatuses([0x3f]);
    const crl = issueCrl(s.pki.platformCa, {
      thisUpdate: new Date((AT - 3600) * 1000 + 1000),
      nextUpdate: new Date((AT + 30 * 86_400) * 1000),
      revoked: [s.pck.serial],
      crlNumber: 2,
    });
    await env.pccs.write.uploadCrl([toHex(crl)]);
    const again = await quoteFor(env, { tee: "tdx" });
    await rejects(
      env,
      registerWorkerSync(env.operator, {
        teeType: "TDX",
        evidence: toHex(again.quote),
        keyType: "Secp256k1",
        publicKey: ENCLAVE_KEY,
        registry: env.registry.address,
      }),
      "CertRevoked",
    );
  });

  it("test_reverify_revokesWithVerifierErrorOnPckRevocation", async () => {
    const env = await deploy();
    const s = await quoteFor(env, { tee: "sgx" });
    await uploadAll(env, s);
    await env.networkHelpers.time.increaseTo(AT);
    const pre = precheckQuote({ quote: s.quote, collateral: files(s), at: AT, rootCaDer: s.pki.root.der });
    if (pre.body.type !== "SGX") throw new Error("sgx");
    await env.registry.write.setWorkload([sgxEnclaveWorkloadId(pre.body.mrEnclave), true, 0, 0]);
    await registerWorkerSync(env.operator, {
      teeType: "SGX",
      evidence: toHex(s.quote),
      keyType: "Secp256k1",
      publicKey: ENCLAVE_KEY,
      registry: env.registry.address,
    });
    // The PCK gets revoked: re-verification by anyone revokes the worker, recording the verifier's error selector.
    const crl = issueCrl(s.pki.platformCa, {
      thisUpdate: new Date((AT - 60) * 1000),
      nextUpdate: new Date((AT + 30 * 86_400) * 1000),
      revoked: [s.pck.serial],
      crlNumber: 2,
    });
    await env.pccs.write.uploadCrl([toHex(crl)]);
    const hash = await reverifyWorker(env.stranger, { worker: ENCLAVE.address, registry: env.registry.address });
    const receipt = await env.publicClient.waitForTransactionReceipt({ hash });
    const { parseEventLogs, toFunctionSelector } = await import("viem");
    const [revoked] = parseEventLogs({ abi: env.registry.abi, logs: receipt.logs, eventName: "WorkerRevoked" });
    assert.equal(revoked.args.reason, 1, "EvidenceRejected");
    assert.equal(revoked.args.verifierError, toFunctionSelector("CertRevoked(bytes32,uint256)"));

    assert.equal(
      (await getWorkerStatus(env.publicClient, { worker: ENCLAVE.address, registry: env.registry.address })).status,
      "Revoked",
    );
  });

  it("test_reverify_staleCollateralIsInconclusiveNotARevocation", async () => {
    const env = await deploy();
    // Every inconclusive selector is one of the verifier's errors.
    const { toFunctionSelector } = await import("viem");
    const { formatAbiItem } = await import("viem/utils");
    const verifierErrors = env.verifier.abi.flatMap((item) =>
      item.type === "error" ? [toFunctionSelector(formatAbiItem(item))] : [],
    );
    for (const sel of DCAP_INCONCLUSIVE_ERRORS) assert.ok(verifierErrors.includes(sel), sel);

    await env.registry.write.setMaxAttestationAge([60n * 86_400n]);
    const s = await quoteFor(env, { tee: "sgx" });
    await uploadAll(env, s);
    await env.networkHelpers.time.increaseTo(AT);
    const pre = precheckQuote({ quote: s.quote, collateral: files(s), at: AT, rootCaDer: s.pki.root.der });
    if (pre.body.type !== "SGX") throw new Error("sgx");
    await env.registry.write.setWorkload([sgxEnclaveWorkloadId(pre.body.mrEnclave), true, 0, 0]);
    await registerWorkerSync(env.operator, {
      teeType: "SGX",
      evidence: toHex(s.quote),
      keyType: "Secp256k1",
      publicKey: ENCLAVE_KEY,
      registry: env.registry.address,
    });
    // Nobody uploads collateral for 35 days: the stored TCB info and CRLs expire. Re-verification revokes nothing.
    await env.networkHelpers.time.increase(35 * 86_400);
    await rejects(
      env,
      reverifyWorker(env.stranger, { worker: ENCLAVE.address, registry: env.registry.address }),
      "RegistryReverificationInconclusive",
    );
    assert.equal(await env.registry.read.isAttestedAny([ENCLAVE.address]), true);
    // Fresh collateral (issued a day ago): the evidence verifies again, nothing to revoke.
    const now = Number((await env.publicClient.getBlock()).timestamp);
    const fresh = makeScenario({
      tee: "sgx",
      seed: SEED,
      at: new Date((now + 60) * 1000),
      reportData: new Uint8Array(64),
    });
    await uploadCollateral(env.deployer, { pccs: env.pccs.address, collateral: files(fresh) });
    await rejects(
      env,
      reverifyWorker(env.stranger, { worker: ENCLAVE.address, registry: env.registry.address }),
      "RegistryWorkerStillValid",
    );
  });

  it("test_reverify_marksExpiredAfterMaxAge", async () => {
    const env = await deploy();
    const s = await quoteFor(env, { tee: "sgx" });
    await uploadAll(env, s);
    await env.networkHelpers.time.increaseTo(AT);
    const pre = precheckQuote({ quote: s.quote, collateral: files(s), at: AT, rootCaDer: s.pki.root.der });
    if (pre.body.type !== "SGX") throw new Error("sgx");
    await env.registry.write.setWorkload([sgxEnclaveWorkloadId(pre.body.mrEnclave), true, 0, 0]);
    await registerWorkerSync(env.operator, {
      teeType: "SGX",
      evidence: toHex(s.quote),
      keyType: "Secp256k1",
      publicKey: ENCLAVE_KEY,
      registry: env.registry.address,
    });
    await env.networkHelpers.time.increase(Number(MAX_AGE));
    assert.equal(await env.registry.read.isAttestedAny([ENCLAVE.address]), false);
    const hash = await reverifyWorker(env.stranger, { worker: ENCLAVE.address, registry: env.registry.address });
    await env.publicClient.waitForTransactionReceipt({ hash });
    const { entries } = await getWorkerHistory(env.publicClient, {
      worker: ENCLAVE.address,
      registry: env.registry.address,
    });
    assert.deepEqual(
      entries.map((e) => e.kind),
      ["Attested", "Expired"],
    );
  });
});
