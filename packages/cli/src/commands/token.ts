import { delegate, simulateCall, transfer } from "@phala/l2-sdk";
import { type Address, formatEther, getAddress, parseEther } from "viem";
import { createContext, type GlobalOptions, UsageError } from "../context.ts";
import { confirm, print } from "../output.ts";
import type { Cli } from "../types.ts";

function address(value: string, what: string): Address {
  try {
    return getAddress(value);
  } catch {
    throw new UsageError(`${what} is not an address: ${value}`);
  }
}

function amount(value: string): bigint {
  if (!/^\d+(\.\d{1,18})?$/.test(value)) throw new UsageError(`amount must be a positive PHA number: ${value}`);
  const wei = parseEther(value);
  if (wei === 0n) throw new UsageError("amount must be greater than zero");
  return wei;
}

/** `pha balance|transfer|delegate|votes|permit`: the PHA token. */
export function registerToken(cli: Cli) {
  cli
    .command("balance <account>", "PHA balance of an account")
    .action(async (account: string, options: GlobalOptions) => {
      const ctx = await createContext(options, { needsAccount: false });
      const owner = address(account, "account");
      const balance = await ctx.client.pha.getBalance({ owner });
      print(ctx, { account: owner, balance }, () => `${formatEther(balance)} PHA`);
    });

  cli
    .command("transfer <to> <amount>", "Send PHA (amount in PHA, e.g. 12.5)")
    .action(async (to: string, value: string, options: GlobalOptions) => {
      const ctx = await createContext(options, { needsAccount: true });
      const params = { to: address(to, "recipient"), amount: amount(value) };
      if (ctx.options.dryRun) {
        await simulateCall(ctx.client, transfer.call(ctx.client, params), { account: ctx.account });
        return print(ctx, { dryRun: true, ...params }, () => "dry run: the transfer would succeed");
      }
      const hash = await ctx.client.pha.transfer(params);
      const receipt = await confirm(ctx, "transfer", hash);
      print(
        ctx,
        { hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed },
        () => `transferred ${value} PHA`,
      );
    });

  cli
    .command("delegate <delegatee>", "Delegate your voting power")
    .action(async (to: string, options: GlobalOptions) => {
      const ctx = await createContext(options, { needsAccount: true });
      const delegatee = address(to, "delegatee");
      if (ctx.options.dryRun) {
        await simulateCall(ctx.client, delegate.call(ctx.client, { delegatee }), { account: ctx.account });
        return print(ctx, { dryRun: true, delegatee }, () => `dry run: would delegate to ${delegatee}`);
      }
      const hash = await ctx.client.pha.delegate({ delegatee });
      await confirm(ctx, "delegate", hash);
      print(ctx, { hash, delegatee }, () => `voting power delegated to ${delegatee}`);
    });

  cli
    .command("votes <account>", "Current voting power (or at --at <unix seconds>)")
    .option("--at <timestamp>", "Past timestamp")
    .action(async (account: string, options: GlobalOptions & { at?: string }) => {
      const ctx = await createContext(options, { needsAccount: false });
      const votes = await ctx.client.pha.getVotes({
        account: address(account, "account"),
        timepoint: options.at ? BigInt(options.at) : undefined,
      });
      print(ctx, { account, votes }, () => `${formatEther(votes)} votes`);
    });

  cli
    .command("permit <spender> <amount>", "Sign an EIP-2612 permit (off-chain; prints the signature)")
    .option("--deadline <seconds>", "Validity from now in seconds", { default: 3600 })
    .action(async (spender: string, value: string, options: GlobalOptions & { deadline: number }) => {
      const ctx = await createContext(options, { needsAccount: true });
      const now = (await ctx.client.getBlock()).timestamp;
      const permit = await ctx.client.pha.signPermit({
        spender: address(spender, "spender"),
        value: amount(value),
        deadline: now + BigInt(options.deadline),
        account: ctx.account,
      });
      print(ctx, permit, () => `permit signature: ${permit.signature} (deadline ${permit.deadline})`);
    });
}
