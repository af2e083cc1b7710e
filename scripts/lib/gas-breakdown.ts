/**
 * Where a transaction's gas goes, from the node's opcode trace (`debug_traceTransaction`): the intrinsic cost (21,000
 * plus calldata), storage (cold and warm reads, new slots, writes, re-writes of a slot already written), account access
 * of calls, precompiles, logs, and what is left: the code's own execution. `floor` is what the operation pays for the
 * slots, accounts and events it touches alone (gasUsed less code, warm re-reads and re-writes): what it would cost if
 * its code were free, so no code change without touching fewer slots/accounts/events can go below it.
 *
 * Used by `pnpm bench` when `BENCH_BREAKDOWN=1` (see scripts/bench.ts); the categories sum to `gasUsed` exactly (the
 * `refund` entry is negative).
 */

type Step = { op: string; gas: number; gasCost: number; depth: number };

export type GasBreakdown = {
  gasUsed: number;
  intrinsic: number;
  coldReads: number;
  warmReads: number;
  newSlots: number;
  writes: number;
  rewrites: number;
  accountAccess: number;
  precompiles: number;
  logs: number;
  code: number;
  refund: number;
  floor: number;
  /** Number of cold storage reads, new slots and other writes (all contracts of the transaction). */
  counts: { coldReads: number; newSlots: number; writes: number };
};

type Provider = { request(args: { method: string; params: unknown[] }): Promise<unknown> };

const CALLS = new Set(["CALL", "CALLCODE", "DELEGATECALL", "STATICCALL"]);

export async function gasBreakdown(provider: Provider, hash: string): Promise<GasBreakdown> {
  const receipt = (await provider.request({ method: "eth_getTransactionReceipt", params: [hash] })) as {
    gasUsed: string;
  };
  const tx = (await provider.request({ method: "eth_getTransactionByHash", params: [hash] })) as { input: string };
  const trace = (await provider.request({
    method: "debug_traceTransaction",
    params: [hash, { disableStorage: true, disableMemory: true, disableStack: true }],
  })) as { structLogs: Step[] };
  const steps = trace.structLogs;
  const gasUsed = Number(BigInt(receipt.gasUsed));
  let intrinsic = 21_000;
  for (let i = 2; i < tx.input.length; i += 2) intrinsic += tx.input.slice(i, i + 2) === "00" ? 4 : 16;
  const out: GasBreakdown = {
    gasUsed,
    intrinsic,
    coldReads: 0,
    warmReads: 0,
    newSlots: 0,
    writes: 0,
    rewrites: 0,
    accountAccess: 0,
    precompiles: 0,
    logs: 0,
    code: 0,
    refund: 0,
    floor: 0,
    counts: { coldReads: 0, newSlots: 0, writes: 0 },
  };
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (CALLS.has(s.op)) {
      // The caller pays: access (2,600 cold / 100 warm) + memory expansion, and for a precompile (no steps of its
      // own) its execution. The gas forwarded to a callee with code is counted in the callee's own steps.
      let j = i + 1;
      while (j < steps.length && steps[j].depth > s.depth) j++;
      const after = j < steps.length ? steps[j].gas : 0;
      if (i + 1 < j) {
        const last = steps[j - 1];
        const calleeUsed = steps[i + 1].gas - (last.gas - last.gasCost);
        out.accountAccess += s.gas - after - calleeUsed;
      } else {
        const spent = s.gas - after;
        const access = Math.min(spent, 2_600);
        out.accountAccess += access;
        out.precompiles += spent - access;
      }
    } else if (s.op === "SLOAD") {
      if (s.gasCost >= 2_100) {
        out.coldReads += s.gasCost;
        out.counts.coldReads++;
      } else out.warmReads += s.gasCost;
    } else if (s.op === "SSTORE") {
      if (s.gasCost >= 20_000) {
        out.newSlots += s.gasCost;
        out.counts.newSlots++;
      } else if (s.gasCost >= 2_900) {
        out.writes += s.gasCost;
        out.counts.writes++;
      } else out.rewrites += s.gasCost;
    } else if (s.op.startsWith("LOG")) out.logs += s.gasCost;
    else out.code += s.gasCost;
  }
  const counted =
    out.intrinsic +
    out.coldReads +
    out.warmReads +
    out.newSlots +
    out.writes +
    out.rewrites +
    out.accountAccess +
    out.precompiles +
    out.logs +
    out.code;
  out.refund = gasUsed - counted;
  // A refund only lowers gasUsed: anything else means a step was missed or counted twice.
  if (out.refund > 0) throw new Error(`gas breakdown of ${hash} does not add up (${counted} counted, ${gasUsed} used)`);
  out.floor = gasUsed - out.code - out.warmReads - out.rewrites;
  return out;
}

/** Breakdowns recorded by the benches of this run (`pnpm bench` writes them when `BENCH_BREAKDOWN=1`). */
export const recordedBreakdowns: Record<string, GasBreakdown> = {};

export const breakdownEnabled = process.env.BENCH_BREAKDOWN === "1";

/** Records the breakdown of `hash` under `key` when breakdowns are enabled. */
export async function recordBreakdown(provider: Provider, key: string, hash: string): Promise<void> {
  if (breakdownEnabled) recordedBreakdowns[key] = await gasBreakdown(provider, hash);
}
