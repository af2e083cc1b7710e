import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  advisoryName,
  type CollateralFiles,
  DcapVerificationError,
  decodeContractError,
  getReportData,
  getWorkerHistory,
  getWorkerStatus,
  intelRootCaDer,
  precheckQuote,
  readCollateralDir,
  registerWorker,
  simulateCall,
  tcbStatuses,
  uploadCollateral,
  workerIdOf,
} from "@phala/l2-sdk";
import { dcapVerifierAbi } from "@phala/l2-sdk/abis";
import { type Address, getAddress, type Hex, isHex, toHex } from "viem";
import { rawOption } from "../argv.ts";
import { verifyOnEmbeddedChain } from "../attest/embedded.ts";
import { type Context, createContext, type GlobalOptions, UsageError } from "../context.ts";
import { confirm, print } from "../output.ts";
import type { Cli } from "../types.ts";

/** A quote file: raw bytes, or hex text (with or without 0x). */
function readQuote(path: string): Uint8Array {
  if (!existsSync(path)) throw new UsageError(`no such quote file: ${path}`);
  const raw = readFileSync(path);
  const text = raw.toString("latin1").trim();
  if (/^(0x)?([0-9a-fA-F]{2})+$/.test(text)) return new Uint8Array(Buffer.from(text.replace(/^0x/, ""), "hex"));
  return new Uint8Array(raw);
}

function address(value: string | undefined, what: string): Address | undefined {
  if (value === undefined) return undefined;
  try {
    return getAddress(value);
  } catch {
    throw new UsageError(`${what} is not an address: ${value}`);
  }
}

function deployed(ctx: Context, name: string, explicit: string | undefined, flag: string): Address {
  const a = address(explicit, flag) ?? (ctx.deployment?.[name] as Address | undefined);
  if (!a) throw new UsageError(`no ${name} known on this chain: pass ${flag} <address>`);
  return a;
}

type Side = { status: string; advisoryIds: string[] } | { error: string };

function sideLine(label: string, side: Side): string {
  if ("error" in side) return `${label.padEnd(10)} ✗ ${side.error}`;
  return `${label.padEnd(10)} ✓ ${side.status}${side.advisoryIds.length ? ` [${side.advisoryIds.join(", ")}]` : ""}`;
}

type AttestOptions = GlobalOptions & {
  collateral?: string;
  at?: string;
  rootCa?: string;
  verifier?: string;
  operator?: string;
  keyType: string;
  registry?: string;
  tee: string;
  publicKey?: string;
};

/** `pha attest verify|register|report-data`, `pha collateral upload`, `pha worker status`. */
export function registerAttest(cli: Cli) {
  cli
    .command("attest <action> <arg>", "Attestation: verify <quote> | register <quote> | report-data <publicKey>")
    .option("--collateral <dir>", "verify: collateral directory (collateral/ layout); default <quote dir>/collateral")
    .option("--at <unix>", "verify: verification time (default: now)")
    .option("--root-ca <der>", "verify: pinned root CA certificate, DER (default: Intel SGX Root CA)")
    .option("--verifier <address>", "verify --rpc: the DCAP verifier (default: the chain's deployment)")
    .option("--tee <type>", "register: sgx | tdx", { default: "tdx" })
    .option("--public-key <hex>", "register: enclave public key (uncompressed)")
    .option("--key-type <type>", "register, report-data: secp256k1 | p256", { default: "secp256k1" })
    .option("--operator <address>", "report-data: operator that will register (default: the signer)")
    .option("--registry <address>", "Attestation registry (default: the chain's deployment)")
    .action(async (action: string, arg: string, options: AttestOptions) => {
      switch (action) {
        case "verify":
          return attestVerify(arg, options);
        case "register":
          return attestRegister(arg, options);
        case "report-data":
          return attestReportData(arg, options);
        default:
          throw new UsageError(`attest ${action}: unknown action (verify | register | report-data)`);
      }
    });

  cli
    .command("collateral <action> <dir>", "Collateral: upload <dir> (collateral/ layout) to the on-chain PCCS")
    .option("--pccs <address>", "On-chain PCCS (default: the chain's deployment)")
    .action(async (action: string, dir: string, options: GlobalOptions & { pccs?: string }) => {
      if (action !== "upload") throw new UsageError(`collateral ${action}: unknown action (upload)`);
      return collateralUpload(dir, options);
    });

  cli
    .command("worker <action> <worker>", "Workers: status <worker> (attestation, TCB, expiry; --history)")
    .option("--history", "Also print the attestation history")
    .option("--registry <address>", "Attestation registry (default: the chain's deployment)")
    .action(
      async (action: string, worker: string, options: GlobalOptions & { history?: boolean; registry?: string }) => {
        if (action !== "status") throw new UsageError(`worker ${action}: unknown action (status)`);
        return workerStatus(worker, options);
      },
    );
}

async function attestVerify(quotePath: string, options: AttestOptions) {
  const quote = readQuote(quotePath);
  const dir = options.collateral ?? join(dirname(quotePath), "collateral");
  if (!existsSync(join(dir, "tcb_info.json"))) throw new UsageError(`no collateral in ${dir} (use --collateral <dir>)`);
  const collateral: CollateralFiles = await readCollateralDir(dir);
  const at = options.at !== undefined ? Number(options.at) : Math.floor(Date.now() / 1000);
  if (!Number.isSafeInteger(at) || at <= 0) throw new UsageError(`--at must be a unix time in seconds: ${options.at}`);
  const rootCaDer = options.rootCa ? new Uint8Array(readFileSync(options.rootCa)) : intelRootCaDer();

  let offchain: Side;
  try {
    const r = precheckQuote({ quote, collateral, at, rootCaDer });
    offchain = { status: r.status, advisoryIds: r.advisoryIds };
  } catch (error) {
    if (!(error instanceof DcapVerificationError)) throw error;
    offchain = { error: error.code };
  }

  let onchain: Side;
  if (options.rpc) {
    const ctx = await createContext(options, { needsAccount: false });
    const verifier = deployed(ctx, "dcapVerifier", rawOption("--verifier", options.verifier), "--verifier");
    try {
      // With --at, the call runs with the block time overridden (eth_call block overrides).
      const verdict = await ctx.client.readContract({
        address: verifier,
        abi: dcapVerifierAbi,
        functionName: "verify",
        args: [toHex(quote)],
        blockOverrides: options.at !== undefined ? { time: BigInt(at) } : undefined,
      });
      onchain = { status: tcbStatuses[verdict.tcbStatus], advisoryIds: verdict.advisoryIds.map(advisoryName) };
    } catch (error) {
      const decoded = decodeContractError(error);
      if (!decoded) throw error;
      onchain = { error: decoded.errorName };
    }
  } else {
    const v = await verifyOnEmbeddedChain({ quote, collateral, at, rootCaDer });
    onchain = v.ok
      ? { status: tcbStatuses[v.tcbStatus], advisoryIds: v.advisoryIds.map(advisoryName) }
      : { error: v.error };
  }
  print({ options }, { offchain, onchain }, () =>
    [
      `verification time ${at} (${new Date(at * 1000).toISOString()})`,
      sideLine("off-chain", offchain),
      sideLine("on-chain", onchain),
    ].join("\n"),
  );
}

async function attestReportData(publicKey: string, options: AttestOptions) {
  const ctx = await createContext(options, { needsAccount: options.operator === undefined });
  const operator =
    address(rawOption("--operator", options.operator), "--operator") ?? (ctx.account?.address as Address);
  const reportData = await getReportData(ctx.client, {
    operator,
    keyType: keyType(options.keyType),
    publicKey: hexArg(publicKey, "public key"),
    registry: deployed(ctx, "attestationRegistry", rawOption("--registry", options.registry), "--registry"),
  });
  print(ctx, { operator, reportData }, () => reportData);
}

async function attestRegister(quotePath: string, options: AttestOptions) {
  if (!options.publicKey) throw new UsageError("--public-key <hex> is required");
  const ctx = await createContext(options, { needsAccount: true });
  const tee = options.tee.toLowerCase();
  if (tee !== "sgx" && tee !== "tdx") throw new UsageError(`--tee must be sgx or tdx: ${options.tee}`);
  const params = {
    teeType: tee === "sgx" ? ("SGX" as const) : ("TDX" as const),
    evidence: toHex(readQuote(quotePath)),
    keyType: keyType(options.keyType),
    publicKey: hexArg(rawOption("--public-key", options.publicKey) as string, "--public-key"),
    registry: deployed(ctx, "attestationRegistry", rawOption("--registry", options.registry), "--registry"),
  };
  if (ctx.options.dryRun) {
    const worker = await simulateCall(ctx.client, registerWorker.call(ctx.client, params), {
      account: ctx.account,
    });
    return print(ctx, { dryRun: true, worker }, () => `dry run: worker ${worker} would be attested`);
  }
  const hash = await registerWorker(ctx.client, { ...params, account: ctx.account });
  const receipt = await confirm(ctx, "register", hash);
  const status = await getWorkerStatus(ctx.client, {
    worker: workerIdOf(params.publicKey),
    registry: params.registry,
  });
  print(
    ctx,
    { hash, gasUsed: receipt.gasUsed, ...status },
    () => `worker ${status.worker} ${status.status} until ${status.expiresAt}`,
  );
}

async function collateralUpload(dir: string, options: GlobalOptions & { pccs?: string }) {
  const ctx = await createContext(options, { needsAccount: true });
  const pccs = deployed(ctx, "pccs", rawOption("--pccs", options.pccs), "--pccs");
  const collateral = await readCollateralDir(dir);
  const steps = await uploadCollateral(ctx.client, { pccs, collateral, account: ctx.account });
  print(ctx, { pccs, steps }, () =>
    steps
      .map((s) => `${s.step.padEnd(14)} ${s.hash ? `uploaded in ${s.hash}` : "already stored (or newer)"}`)
      .join("\n"),
  );
}

async function workerStatus(worker: string, options: GlobalOptions & { history?: boolean; registry?: string }) {
  const ctx = await createContext(options, { needsAccount: false });
  const registry = deployed(ctx, "attestationRegistry", rawOption("--registry", options.registry), "--registry");
  const w = address(worker, "worker") as Address;
  const status = await getWorkerStatus(ctx.client, { worker: w, registry });
  const history = options.history ? (await getWorkerHistory(ctx.client, { worker: w, registry })).entries : undefined;
  print(ctx, history ? { ...status, history } : status, () => {
    if (status.status === "None") return `worker ${w} is unknown`;
    const lines = [
      `worker     ${w}: ${status.status}${status.attested ? " (attested now)" : " (not attested now)"}`,
      `operator   ${status.operator}`,
      `tee        ${status.teeType}, TCB ${status.tcbStatus}${status.advisoryIds.length ? ` [${status.advisoryIds.map(advisoryName).join(", ")}]` : ""}`,
      `workload   ${status.workloadId}`,
      `attested   ${new Date(Number(status.attestedAt) * 1000).toISOString()}, expires ${new Date(Number(status.expiresAt) * 1000).toISOString()}`,
    ];
    for (const e of history ?? []) {
      lines.push(
        `  ${new Date(Number(e.at) * 1000).toISOString()} ${e.kind}${e.reason !== "None" ? ` (${e.reason})` : ""} ${e.evidenceHash}`,
      );
    }
    return lines.join("\n");
  });
}

function keyType(value: string): "Secp256k1" | "P256" {
  const v = value.toLowerCase();
  if (v === "secp256k1") return "Secp256k1";
  if (v === "p256" || v === "p-256") return "P256";
  throw new UsageError(`--key-type must be secp256k1 or p256: ${value}`);
}

function hexArg(value: string, what: string): Hex {
  const v = (value.startsWith("0x") ? value : `0x${value}`) as Hex;
  if (!isHex(v)) throw new UsageError(`${what} is not hex: ${value}`);
  return v;
}
