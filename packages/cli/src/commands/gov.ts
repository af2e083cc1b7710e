import { readFileSync, writeFileSync } from "node:fs";
import { castVote, execute, type Proposal, propose, queue, simulateCall, type VoteSupport } from "@phala/l2-sdk";
import { encodeFunctionData, getAddress, type Hex, isHex } from "viem";
import { createContext, type GlobalOptions, UsageError } from "../context.ts";
import { confirm, print } from "../output.ts";
import type { Cli } from "../types.ts";

/** A proposal file: `{ "targets": [...], "values": ["0"], "calldatas": ["0x…"], "description": "…" }`. */
function readProposal(file: string): Proposal {
  let raw: { targets?: string[]; values?: (string | number)[]; calldatas?: string[]; description?: string };
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`cannot read proposal file ${file}: ${(error as Error).message}`);
  }
  const { targets, values, calldatas, description } = raw;
  if (!targets?.length || !values || !calldatas || typeof description !== "string")
    throw new UsageError(`${file}: needs targets, values, calldatas and description`);
  if (targets.length !== values.length || targets.length !== calldatas.length)
    throw new UsageError(`${file}: targets, values and calldatas must have the same length`);
  if (!calldatas.every((c) => isHex(c))) throw new UsageError(`${file}: calldatas must be hex`);
  return {
    targets: targets.map((t) => getAddress(t)),
    values: values.map((v) => BigInt(v)),
    calldatas: calldatas as Hex[],
    description,
  };
}

const supports: Record<string, VoteSupport> = { for: 1, against: 0, abstain: 2 };

/** `pha gov …`: proposals through the governor and the timelock. */
export function registerGov(cli: Cli) {
  cli
    .command(
      "gov <action> [arg]",
      "Governance: propose <file> | vote <id> | queue <file> | execute <file> | state <id> | export-safe <file>",
    )
    .option("--support <for|against|abstain>", "Vote (gov vote)", { default: "for" })
    .option("--reason <text>", "Reason recorded with the vote")
    .option("--out <file>", "Output file (gov export-safe)")
    .action(
      async (
        action: string,
        arg: string | undefined,
        options: GlobalOptions & { support: string; reason?: string; out?: string },
      ) => {
        if (!arg) throw new UsageError(`gov ${action}: missing argument`);
        switch (action) {
          case "state": {
            const ctx = await createContext(options, { needsAccount: false });
            const state = await ctx.client.governance.getProposalState({ proposalId: BigInt(arg) });
            return print(ctx, { proposalId: arg, state }, () => state);
          }
          case "vote": {
            const support = supports[options.support];
            if (support === undefined) throw new UsageError("--support must be for, against or abstain");
            const ctx = await createContext(options, { needsAccount: true });
            const params = { proposalId: BigInt(arg), support, reason: options.reason };
            if (ctx.options.dryRun) {
              await simulateCall(ctx.client, castVote.call(ctx.client, params), { account: ctx.account });
              return print(ctx, { dryRun: true }, () => "dry run: the vote would be accepted");
            }
            const hash = await castVote(ctx.client, params);
            await confirm(ctx, "vote", hash);
            return print(ctx, { hash, proposalId: arg, support: options.support }, () => `voted ${options.support}`);
          }
          case "propose":
          case "queue":
          case "execute": {
            const proposal = readProposal(arg);
            const ctx = await createContext(options, { needsAccount: true });
            const fn = { propose, queue, execute }[action];
            if (ctx.options.dryRun) {
              await simulateCall(ctx.client, fn.call(ctx.client, proposal), { account: ctx.account });
              return print(ctx, { dryRun: true, action }, () => `dry run: ${action} would succeed`);
            }
            const hash = await fn(ctx.client, proposal);
            await confirm(ctx, action, hash);
            const proposalId = await ctx.client.governance.getProposalId(proposal);
            return print(ctx, { hash, proposalId }, () => `${action}: proposal ${proposalId}`);
          }
          case "export-safe": {
            const proposal = readProposal(arg);
            const ctx = await createContext(options, { needsAccount: false });
            const governor = ctx.deployment?.governor;
            if (!governor) throw new UsageError(`no governor deployment known on chain ${ctx.chain.id}`);
            const call = propose.call(ctx.client, proposal);
            // Safe Transaction Builder batch format (version 1.0): one transaction, the governor's propose(...).
            const batch = {
              version: "1.0",
              chainId: String(ctx.chain.id),
              createdAt: Date.now(),
              meta: { name: proposal.description.split("\n")[0].slice(0, 80), description: proposal.description },
              transactions: [
                {
                  to: governor,
                  value: "0",
                  data: encodeFunctionData({ abi: call.abi, functionName: "propose", args: call.args as never }),
                },
              ],
            };
            const out = options.out ?? "proposal.safe.json";
            writeFileSync(out, `${JSON.stringify(batch, null, 2)}\n`);
            return print(ctx, { out, ...batch }, () => `wrote Safe transaction-builder batch to ${out}`);
          }
          default:
            throw new UsageError(`unknown gov action "${action}"`);
        }
      },
    );
}
