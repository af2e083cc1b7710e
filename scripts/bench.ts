/**
 * `pnpm bench`: runs every `bench/*.ts` scenario (each exports `run(): Promise<Record<string, bigint>>` returning the
 * whole-transaction gas of each operation), prints a table and writes `bench/results.json` as `{ "<op>": gas }`.
 * Gas is deterministic: the same code gives the same figures.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";

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
