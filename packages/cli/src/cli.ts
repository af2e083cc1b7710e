#!/usr/bin/env node
/**
 * `pha`: a thin command layer over @phala/l2-sdk. It never loads Hardhat, so it starts fast.
 * Exit codes: 0 ok, 1 the chain or a contract refused, 2 usage error.
 */
import { decodeContractError } from "@phala/l2-sdk";
import { cac } from "cac";
import { registerAttest } from "./commands/attest.ts";
import { registerGov } from "./commands/gov.ts";
import { registerJob } from "./commands/job.ts";
import { registerStaking } from "./commands/staking.ts";
import { registerSwap } from "./commands/swap.ts";
import { registerToken } from "./commands/token.ts";
import { UsageError } from "./context.ts";

const cli = cac("pha");
cli
  .option("--rpc <url>", "JSON-RPC URL (default: the chain's public RPC; local: http://127.0.0.1:8545)")
  .option("--chain <name>", "local | phala | op-sepolia", { default: "local" })
  .option("--json", "Machine-readable output")
  .option("--dry-run", "Simulate only; send nothing")
  .option("--keystore <file>", "Encrypted JSON keystore (password in PHA_KEYSTORE_PASSWORD); else PHA_PRIVATE_KEY");

registerToken(cli);
registerGov(cli);
registerSwap(cli);
registerAttest(cli);
registerStaking(cli);
registerJob(cli);
cli.help();
cli.version("0.1.0");

function fail(error: unknown): never {
  const json = process.argv.includes("--json");
  const contractError = decodeContractError(error);
  if (contractError) {
    const args = contractError.args.map((a) => (typeof a === "bigint" ? a.toString() : a));
    if (json) console.log(JSON.stringify({ error: contractError.errorName, args }));
    else console.error(`✗ refused by the contract: ${contractError.shortMessage}`);
    process.exit(1);
  }
  const usage = error instanceof UsageError || (error as Error)?.name === "CACError";
  const message = (error as { shortMessage?: string })?.shortMessage ?? (error as Error)?.message ?? String(error);
  if (json) console.log(JSON.stringify({ error: usage ? "UsageError" : "Error", message }));
  else console.error(`✗ ${message}`);
  process.exit(usage ? 2 : 1);
}

try {
  cli.parse(process.argv, { run: false });
  if (!cli.matchedCommand && cli.args.length > 0)
    throw new UsageError(`unknown command "${cli.args[0]}" (see pha --help)`);
  await cli.runMatchedCommand();
} catch (error) {
  fail(error);
}
