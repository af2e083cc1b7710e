/**
 * `pnpm bench`: runs every `bench/*.ts` scenario (each exports `run(): Promise<Record<string, bigint>>` returning the
 * whole-transaction gas of each operation), prints a table and writes `bench/results.json` as `{ "<op>": gas }`.
 * Gas is deterministic: the same code gives the same figures.
 *
 * `BENCH_BREAKDOWN=1 pnpm bench` also writes `bench/breakdown.json`: for the operations whose bench records it, where
 * the gas goes (intrinsic, storage, account access, logs, code; see scripts/lib/gas-breakdown.ts) and the floor of the
 * operation's storage/call/log set, and prints that table.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { breakdownEnabled, recordedBreakdowns } from "./lib/gas-breakdown.ts";

const dir = new URL("../bench/", import.meta.url);
const only = process.env.BENCH_ONLY?.split(",");
const resultsFile = new URL("results.json", dir);
// A partial run (BENCH_ONLY) updates its own keys and keeps the others.
const previous: Record<string, number> =
  only && existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, "utf8")) : {};
const results: Record<string, number> = {};
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith(".ts"))
  .sort()) {
  if (only && !only.some((o) => file.startsWith(o))) continue;
  const started = Date.now();
  const { run } = (await import(new URL(file, dir).href)) as { run: () => Promise<Record<string, bigint | number>> };
  const figures = await run();
  for (const [key, value] of Object.entries(figures)) results[key] = Number(value);
  console.error(
    `bench/${file}: ${Object.keys(figures).length} figures in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
const width = Math.max(...Object.keys(results).map((k) => k.length));
console.log(`\n${"operation".padEnd(width)}  gas`);
console.log(`${"-".repeat(width)}  ${"-".repeat(10)}`);
for (const [key, value] of Object.entries(results))
  console.log(`${key.padEnd(width)}  ${value.toLocaleString("en-US").padStart(10)}`);
const sorted = Object.fromEntries(Object.entries({ ...previous, ...results }).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(resultsFile, `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`\nwrote bench/results.json (${Object.keys(results).length} operations)`);

if (breakdownEnabled) {
  const rows = Object.entries(recordedBreakdowns).sort(([a], [b]) => a.localeCompare(b));
  const w = Math.max(...rows.map(([k]) => k.length));
  const cols = [
    "gasUsed",
    "intrinsic",
    "coldReads",
    "newSlots",
    "writes",
    "accountAccess",
    "logs",
    "code+warm",
    "floor",
  ];
  console.log(`\n${"operation".padEnd(w)}  ${cols.map((c) => c.padStart(14)).join("")}`);
  for (const [key, b] of rows) {
    const overhead = b.code + b.warmReads + b.rewrites;
    const values = [
      b.gasUsed,
      b.intrinsic,
      b.coldReads,
      b.newSlots,
      b.writes,
      b.accountAccess,
      b.logs,
      overhead,
      b.floor,
    ];
    console.log(`${key.padEnd(w)}  ${values.map((v) => v.toLocaleString("en-US").padStart(14)).join("")}`);
  }
  const file = new URL("breakdown.json", dir);
  writeFileSync(file, `${JSON.stringify(Object.fromEntries(rows), null, 2)}\n`);
  console.log(`\nwrote bench/breakdown.json (${rows.length} operations)`);
}
