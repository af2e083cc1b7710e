import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import {
  buildSwapTree,
  claim as claimAction,
  claimAndDelegate,
  claimFromShard,
  decodeSs58,
  parseSnapshot,
  type SwapClaim,
  type SwapTreeManifest,
  shardOf,
  simulateCall,
  swapProofShards,
  swapTreeManifest,
  validateSnapshot,
} from "@phala/l2-sdk";
import { type Address, formatUnits, getAddress, type Hex } from "viem";
import { rawOption } from "../argv.ts";
import { createContext, type GlobalOptions, UsageError } from "../context.ts";
import { confirm, print } from "../output.ts";
import type { Cli } from "../types.ts";

type SwapOptions = GlobalOptions & {
  out?: string;
  dir?: string;
  ss58Prefix?: number;
  total?: string;
  migrator?: string;
  pool?: string;
};
type BuildOptions = SwapOptions & { out: string };
type ProofOptions = SwapOptions & { dir: string };

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x), 2);

/** AccountId32 from an SS58 address or 32-byte hex. */
function accountId(account: string): Hex {
  if (/^0x[0-9a-fA-F]{64}$/.test(account)) return account.toLowerCase() as Hex;
  try {
    return decodeSs58(account).accountId;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function buildTree(file: string, options: BuildOptions) {
  const ext = extname(file).toLowerCase();
  if (ext !== ".json" && ext !== ".csv") throw new UsageError(`snapshot must be .json or .csv: ${file}`);
  if (options.total !== undefined && !/^\d+$/.test(String(options.total))) {
    throw new UsageError(`--total must be an integer number of plancks: ${options.total}`);
  }
  const started = performance.now();
  const rows = parseSnapshot(readFileSync(file, "utf8"), ext === ".json" ? "json" : "csv");
  const validated = await validateSnapshot(rows, {
    ss58Prefix: options.ss58Prefix === undefined ? undefined : Number(options.ss58Prefix),
    expectedTotalPlancks: options.total === undefined ? undefined : BigInt(options.total),
  });
  if (validated.issues.length > 0) {
    if (options.json) console.log(json({ error: "InvalidSnapshot", issues: validated.issues }));
    else {
      console.error(`✗ ${validated.issues.length} problem(s) in ${file}:`);
      for (const i of validated.issues.slice(0, 50)) console.error(`  row ${i.row}: ${i.kind}: ${i.message}`);
      if (validated.issues.length > 50) console.error(`  … and ${validated.issues.length - 50} more`);
    }
    process.exit(1);
  }
  const tree = await buildSwapTree(validated.entries);
  const manifest = swapTreeManifest(tree);
  mkdirSync(join(options.out, "proofs"), { recursive: true });
  writeFileSync(join(options.out, "swap-tree.json"), `${json(manifest)}\n`);
  for (const { shard, claims } of swapProofShards(tree)) {
    writeFileSync(join(options.out, "proofs", `${shard || "all"}.json`), JSON.stringify(claims));
  }
  const seconds = (performance.now() - started) / 1000;
  print({ options }, { ...manifest, out: options.out, seconds }, () =>
    [
      `root           ${manifest.root}`,
      `accounts       ${manifest.count}`,
      `total          ${formatUnits(BigInt(manifest.totalPlancks), 12)} PHA (${manifest.totalPlancks} plancks)`,
      `to fund        ${manifest.totalWei} wei`,
      `written        ${join(options.out, "swap-tree.json")} + proofs/ (${seconds.toFixed(1)} s)`,
    ].join("\n"),
  );
}

/** The claim of `account` from a directory written by build-tree. */
function lookUp(account: string, dir: string): { root: Hex; claim: SwapClaim } {
  const id = accountId(account);
  const manifest = JSON.parse(readFileSync(join(dir, "swap-tree.json"), "utf8")) as SwapTreeManifest;
  const shard = shardOf(id, manifest.shardPrefixLength) || "all";
  let claims: Record<string, never> = {};
  try {
    claims = JSON.parse(readFileSync(join(dir, "proofs", `${shard}.json`), "utf8"));
  } catch {}
  const claim = claimFromShard(claims, id);
  if (!claim) throw new UsageError(`${account} is not in the snapshot (root ${manifest.root})`);
  return { root: manifest.root as Hex, claim };
}

async function proof(account: string, options: ProofOptions) {
  const id = accountId(account);
  const { root, claim } = lookUp(account, options.dir);
  print({ options }, { root, ...claim }, () =>
    [
      `account        ${id}`,
      `index          ${claim.index}`,
      `plancks        ${claim.plancks} (${formatUnits(claim.plancks, 12)} PHA)`,
      `bound address  ${claim.boundEvmAddress === "0x0000000000000000000000000000000000000000" ? "none (claim with your key)" : claim.boundEvmAddress}`,
      `proof          ${json(claim.proof)}`,
    ].join("\n"),
  );
}

/**
 * Claims `account`'s balance through the right route (bound address, or the signer's own ECDSA key), into a staking
 * pool with `--pool`. The migrator comes from `--migrator` (or the deployment's addresses).
 */
async function claim(account: string, options: ProofOptions) {
  const { root, claim } = lookUp(account, options.dir);
  const ctx = await createContext(options, { needsAccount: true });
  const given = rawOption("--migrator", options.migrator);
  const deployed = ctx.deployment?.migrator ?? ctx.deployment?.PHAMigrator;
  let migrator: Address;
  try {
    migrator = getAddress(given ?? deployed ?? "");
  } catch {
    throw new UsageError(
      given ? `--migrator is not an address: ${given}` : "no migrator deployed here: pass --migrator",
    );
  }
  if (options.pool !== undefined && !/^\d+$/.test(String(options.pool))) {
    throw new UsageError(`--pool must be a pool id: ${options.pool}`);
  }
  const poolId = options.pool === undefined ? undefined : BigInt(options.pool);
  const publicKey = ctx.account && "publicKey" in ctx.account ? (ctx.account.publicKey as Hex) : undefined;
  const parameters = { migrator, claim, publicKey, account: ctx.account };
  const summary = { root, account: claim.accountId, index: claim.index, plancks: claim.plancks, poolId };
  if (ctx.options.dryRun) {
    const call =
      poolId === undefined
        ? claimAction.call(ctx.client, parameters)
        : claimAndDelegate.call(ctx.client, { ...parameters, poolId });
    const result = await simulateCall(ctx.client, call, { account: ctx.account });
    return print(ctx, { dryRun: true, ...summary, result }, () => "dry run: the claim would succeed");
  }
  const hash =
    poolId === undefined
      ? await claimAction(ctx.client, parameters)
      : await claimAndDelegate(ctx.client, { ...parameters, poolId });
  const receipt = await confirm(ctx, "claim", hash);
  print(ctx, { hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed, ...summary }, () =>
    poolId === undefined
      ? `claimed ${formatUnits(claim.plancks, 12)} PHA`
      : `claimed ${formatUnits(claim.plancks, 12)} PHA into pool ${poolId}`,
  );
}

/**
 * `pha swap build-tree <snapshot> | proof <account> | claim <account>`: the parachain snapshot tree of the 1:1 PHA
 * swap (build-tree and proof are offline) and the claim itself.
 */
export function registerSwap(cli: Cli) {
  cli
    .command(
      "swap <action> [arg]",
      "Swap: build-tree <snapshot.json|csv> | proof <SS58 or hex account> | claim <SS58 or hex account>",
    )
    .option("--out <dir>", "build-tree: output directory (swap-tree.json + proofs/<shard>.json)")
    .option("--dir <dir>", "proof, claim: directory written by build-tree")
    .option("--migrator <address>", "claim: the PHAMigrator (default: the deployment's)")
    .option("--pool <poolId>", "claim: delegate the claim straight into this staking pool")
    .option("--ss58-prefix <n>", "build-tree: refuse SS58 addresses of another network (Phala: 30)")
    .option("--total <plancks>", "build-tree: expected sum of the snapshot in plancks")
    .action(async (action: string, arg: string | undefined, options: SwapOptions) => {
      if (!arg) throw new UsageError(`swap ${action}: missing argument`);
      switch (action) {
        case "build-tree":
          return buildTree(arg, { ...options, out: options.out ?? "swap-tree" });
        case "proof":
          return proof(arg, { ...options, dir: options.dir ?? "swap-tree" });
        case "claim":
          return claim(arg, { ...options, dir: options.dir ?? "swap-tree" });
        default:
          throw new UsageError(`unknown swap action "${action}" (build-tree | proof | claim)`);
      }
    });
}
