import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import {
  buildSwapTree,
  claimFromShard,
  decodeSs58,
  parseSnapshot,
  type SwapTreeManifest,
  shardOf,
  swapProofShards,
  swapTreeManifest,
  validateSnapshot,
} from "@phala/l2-sdk";
import { formatUnits, type Hex } from "viem";
import { type GlobalOptions, UsageError } from "../context.ts";
import { print } from "../output.ts";
import type { Cli } from "../types.ts";

type SwapOptions = GlobalOptions & { out?: string; dir?: string; ss58Prefix?: number; total?: string };
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

async function proof(account: string, options: ProofOptions) {
  const id = accountId(account);
  const manifest = JSON.parse(readFileSync(join(options.dir, "swap-tree.json"), "utf8")) as SwapTreeManifest;
  const shard = shardOf(id, manifest.shardPrefixLength) || "all";
  let claims: Record<string, never> = {};
  try {
    claims = JSON.parse(readFileSync(join(options.dir, "proofs", `${shard}.json`), "utf8"));
  } catch {}
  const claim = claimFromShard(claims, id);
  if (!claim) throw new UsageError(`${account} is not in the snapshot (root ${manifest.root})`);
  print({ options }, { root: manifest.root, ...claim }, () =>
    [
      `account        ${id}`,
      `index          ${claim.index}`,
      `plancks        ${claim.plancks} (${formatUnits(claim.plancks, 12)} PHA)`,
      `bound address  ${claim.boundEvmAddress === "0x0000000000000000000000000000000000000000" ? "none (claim with your key)" : claim.boundEvmAddress}`,
      `proof          ${json(claim.proof)}`,
    ].join("\n"),
  );
}

/** `pha swap build-tree <snapshot> | proof <account>`: the parachain snapshot tree of the 1:1 PHA swap (offline). */
export function registerSwap(cli: Cli) {
  cli
    .command("swap <action> [arg]", "Swap: build-tree <snapshot.json|csv> | proof <SS58 or hex account>")
    .option("--out <dir>", "build-tree: output directory (swap-tree.json + proofs/<shard>.json)")
    .option("--dir <dir>", "proof: directory written by build-tree")
    .option("--ss58-prefix <n>", "build-tree: refuse SS58 addresses of another network (Phala: 30)")
    .option("--total <plancks>", "build-tree: expected sum of the snapshot in plancks")
    .action(async (action: string, arg: string | undefined, options: SwapOptions) => {
      if (!arg) throw new UsageError(`swap ${action}: missing argument`);
      switch (action) {
        case "build-tree":
          return buildTree(arg, { ...options, out: options.out ?? "swap-tree" });
        case "proof":
          return proof(arg, { ...options, dir: options.dir ?? "swap-tree" });
        default:
          throw new UsageError(`unknown swap action "${action}" (build-tree | proof)`);
      }
    });
}
