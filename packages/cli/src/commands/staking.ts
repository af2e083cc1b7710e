import {
  addWorker,
  type ContractCall,
  claimRewards,
  delegateStake,
  openPool,
  removeWorker,
  restakeRewards,
  setCapacity,
  setCommission,
  simulateCall,
  undelegateStake,
  withdrawUnbonded,
} from "@phala/l2-sdk";
import { type Address, formatEther, getAddress, type Hash, parseEther } from "viem";
import { type Context, createContext, type GlobalOptions, UsageError } from "../context.ts";
import { confirm, print } from "../output.ts";
import type { Cli } from "../types.ts";

function address(value: string | undefined, what: string): Address {
  if (!value) throw new UsageError(`missing ${what}`);
  try {
    return getAddress(value);
  } catch {
    throw new UsageError(`${what} is not an address: ${value}`);
  }
}

function pha(value: string | undefined, what: string): bigint {
  if (!value || !/^\d+(\.\d{1,18})?$/.test(value)) throw new UsageError(`${what} must be a positive PHA number`);
  const wei = parseEther(value);
  if (wei === 0n) throw new UsageError(`${what} must be greater than zero`);
  return wei;
}

function integer(value: string | undefined, what: string): bigint {
  if (!value || !/^\d+$/.test(value)) throw new UsageError(`${what} must be a non-negative integer`);
  return BigInt(value);
}

/** Simulates (--dry-run) or sends `call`, then prints. */
async function send(ctx: Context, label: string, call: ContractCall, write: () => Promise<Hash>, summary: object) {
  if (ctx.options.dryRun) {
    const result = await simulateCall(ctx.client, call, { account: ctx.account });
    return print(ctx, { dryRun: true, ...summary, result }, () => `dry run: ${label} would succeed`);
  }
  const hash = await write();
  const receipt = await confirm(ctx, label, hash);
  print(ctx, { hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed, ...summary }, () => `${label}: done`);
}

/** `pha pool …` (operators) and `pha stake …` (delegators): Staking. */
export function registerStaking(cli: Cli) {
  cli
    .command(
      "pool <action> [...args]",
      "Operator pools: open <selfStake> <commissionBps> <capacity> | info <poolId> | commission <poolId> <bps> | " +
        "capacity <poolId> <capacity> | add-worker <poolId> <worker> | remove-worker <poolId> <worker>",
    )
    .action(async (action: string, args: string[], options: GlobalOptions) => {
      const [a, b, c] = args;
      if (action === "info") {
        const ctx = await createContext(options, { needsAccount: false });
        const stats = await ctx.client.staking.getPoolStats({ poolId: integer(a, "poolId") });
        return print(
          ctx,
          stats,
          () =>
            `pool ${a}: operator ${stats.operator}, active ${formatEther(stats.activeStake)} PHA, effective ` +
            `${formatEther(stats.effectiveStake)} PHA, ${stats.countedWorkers}/${stats.workers} workers counted, ` +
            `commission ${stats.commissionBps / 100}%, APR ${Number(stats.aprBps) / 100}%`,
        );
      }
      const ctx = await createContext(options, { needsAccount: true });
      switch (action) {
        case "open": {
          const params = {
            selfStake: pha(a, "selfStake"),
            commissionBps: Number(integer(b, "commissionBps")),
            capacity: pha(c, "capacity"),
          };
          return send(ctx, "pool open", openPool.call(ctx.client, params), () => openPool(ctx.client, params), params);
        }
        case "commission": {
          const params = { poolId: integer(a, "poolId"), commissionBps: Number(integer(b, "commissionBps")) };
          return send(
            ctx,
            "pool commission",
            setCommission.call(ctx.client, params),
            () => setCommission(ctx.client, params),
            params,
          );
        }
        case "capacity": {
          const params = { poolId: integer(a, "poolId"), capacity: pha(b, "capacity") };
          return send(
            ctx,
            "pool capacity",
            setCapacity.call(ctx.client, params),
            () => setCapacity(ctx.client, params),
            params,
          );
        }
        case "add-worker":
        case "remove-worker": {
          const params = { poolId: integer(a, "poolId"), worker: address(b, "worker") };
          const fn = action === "add-worker" ? addWorker : removeWorker;
          return send(ctx, `pool ${action}`, fn.call(ctx.client, params), () => fn(ctx.client, params), params);
        }
        default:
          throw new UsageError(`unknown pool action: ${action}`);
      }
    });

  cli
    .command(
      "stake <action> [...args]",
      "Delegators: delegate <poolId> <amount> | undelegate <poolId> <shares|all> | withdraw <unbondingId> | " +
        "claim <poolId> | restake <poolId> | position <poolId> [account]",
    )
    .option("--no-permit", "stake delegate: use the existing allowance instead of signing a permit")
    .action(async (action: string, args: string[], options: GlobalOptions & { permit?: boolean }) => {
      const [a, b] = args;
      if (action === "position") {
        const ctx = await createContext(options, { needsAccount: !b });
        const account = b ? address(b, "account") : (ctx.account?.address as Address);
        const position = await ctx.client.staking.getPosition({ poolId: integer(a, "poolId"), account });
        return print(
          ctx,
          position,
          () =>
            `active ${formatEther(position.active)} PHA (${position.shares} shares), bonding ` +
            `${formatEther(position.bonding)} PHA, claimable ${formatEther(position.claimable)} PHA, ` +
            `${position.unbonding.length} unbonding position(s)` +
            position.unbonding
              .map((u) => `\n  unbonding ${u.id}: ${formatEther(u.amount)} PHA, withdrawable from ${u.maturity}`)
              .join(""),
        );
      }
      const ctx = await createContext(options, { needsAccount: true });
      switch (action) {
        case "delegate": {
          const params = { poolId: integer(a, "poolId"), amount: pha(b, "amount") };
          return send(
            ctx,
            "stake delegate",
            delegateStake.call(ctx.client, params),
            () => delegateStake(ctx.client, { ...params, permit: options.permit === false ? false : undefined }),
            params,
          );
        }
        case "undelegate": {
          const poolId = integer(a, "poolId");
          let shares: bigint;
          if (b === "all") {
            const position = await ctx.client.staking.getPosition({ poolId, account: ctx.account?.address as Address });
            shares = position.shares;
          } else shares = integer(b, "shares");
          const params = { poolId, shares };
          return send(
            ctx,
            "stake undelegate",
            undelegateStake.call(ctx.client, params),
            () => undelegateStake(ctx.client, params),
            params,
          );
        }
        case "withdraw": {
          const params = { unbondingId: integer(a, "unbondingId") };
          return send(
            ctx,
            "stake withdraw",
            withdrawUnbonded.call(ctx.client, params),
            () => withdrawUnbonded(ctx.client, params),
            params,
          );
        }
        case "claim":
        case "restake": {
          const params = { poolId: integer(a, "poolId") };
          const fn = action === "claim" ? claimRewards : restakeRewards;
          return send(ctx, `stake ${action}`, fn.call(ctx.client, params), () => fn(ctx.client, params), params);
        }
        default:
          throw new UsageError(`unknown stake action: ${action}`);
      }
    });
}
