import type { Hash, TransactionReceipt } from "viem";
import type { Context } from "./context.ts";

/** Prints `value` as JSON (bigints as strings) with --json, else `human()`. */
export function print(ctx: Pick<Context, "options">, value: unknown, human: () => string) {
  if (ctx.options.json) console.log(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2));
  else console.log(human());
}

/** Waits for a transaction with a progress line on stderr (kept off stdout so --json stays parseable). */
export async function confirm(ctx: Context, label: string, hash: Hash): Promise<TransactionReceipt> {
  const tty = process.stderr.isTTY;
  const frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
  let i = 0;
  process.stderr.write(`${label}: sent ${hash}, waiting for confirmation…${tty ? "" : "\n"}`);
  const timer = tty
    ? setInterval(() => process.stderr.write(`\r${frames[i++ % frames.length]} ${label}: waiting for ${hash}`), 100)
    : undefined;
  try {
    const receipt = await ctx.client.waitForTransactionReceipt({ hash });
    if (tty) process.stderr.write("\r\x1b[2K");
    process.stderr.write(
      `${receipt.status === "success" ? "✓" : "✗"} ${label}: block ${receipt.blockNumber}, gas ${receipt.gasUsed}\n`,
    );
    if (receipt.status !== "success") throw new Error(`${label}: transaction ${hash} reverted`);
    return receipt;
  } finally {
    if (timer) clearInterval(timer);
  }
}
