import {
  acceptJob,
  type ContractCall,
  createJob,
  deliverJob,
  disputeJob,
  getJobId,
  getJobTerms,
  type JobTerms,
  newJobTerms,
  refundJob,
  releaseJob,
  releaseJobs,
  resolveDispute,
  resolveDisputeByDefault,
  settlePool,
  simulateCall,
  sweepFees,
  withdrawCredit,
} from "@phala/l2-sdk";
import { jobEscrowAbi, phaAbi } from "@phala/l2-sdk/abis";
import { type Address, formatEther, getAddress, type Hex, isHex, keccak256, parseEther, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { type Context, createContext, type GlobalOptions, UsageError } from "../context.ts";
import { confirm, print } from "../output.ts";
import type { Cli } from "../types.ts";

/**
 * The raw text of an option, read from argv: cac's parser turns `0x…` values into (imprecise) numbers, so hex
 * arguments are taken as typed. Repeated options: the last one wins.
 */
function raw(name: string, parsed: unknown): string | undefined {
  let value: string | undefined;
  const argv = process.argv;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}` && i + 1 < argv.length) value = argv[i + 1];
    else if (argv[i]?.startsWith(`--${name}=`)) value = argv[i]?.slice(name.length + 3);
  }
  return value ?? (parsed === undefined ? undefined : String(parsed));
}

type JobOptions = GlobalOptions & {
  escrow?: string;
  workload?: string;
  input?: string;
  price?: string;
  worker?: string;
  ttl: number;
  permit?: boolean;
  result?: string;
  signature?: string;
  fault?: string;
  payer?: string;
  to?: string;
  operators?: string;
  account?: string;
};

function address(value: string, what: string): Address {
  try {
    return getAddress(value);
  } catch {
    throw new UsageError(`${what} is not an address: ${value}`);
  }
}

/** A 32-byte hex value as is, anything else hashed (so `--workload my-model` and `--input file-contents` work). */
function bytes32(value: string | undefined, what: string): Hex {
  if (!value) throw new UsageError(`--${what} is required`);
  return isHex(value) && value.length === 66 ? value : keccak256(toHex(value));
}

function jobId(value: string | undefined): Hex {
  if (!value || !isHex(value) || value.length !== 66) throw new UsageError(`job id must be 32 bytes of hex: ${value}`);
  return value;
}

function escrowOf(ctx: Context, options: JobOptions): Address {
  if (options.escrow) return address(options.escrow, "--escrow");
  const deployed = ctx.deployment?.escrow;
  if (!deployed) throw new UsageError(`no escrow deployed on chain ${ctx.chain.id}: pass --escrow <address>`);
  return deployed;
}

/** Sends `call` (or only simulates it with --dry-run), waits, prints. */
async function send(ctx: Context, label: string, call: ContractCall, send: () => Promise<Hex>, extra: object) {
  if (ctx.options.dryRun) {
    await simulateCall(ctx.client, call, { account: ctx.account });
    return print(ctx, { dryRun: true, action: label, ...extra }, () => `dry run: ${label} would succeed`);
  }
  const hash = await send();
  const receipt = await confirm(ctx, label, hash);
  print(ctx, { hash, gasUsed: receipt.gasUsed, ...extra }, () => `${label}: done`);
}

/** `pha job …`: compute jobs paid through the escrow. */
export function registerJob(cli: Cli) {
  cli
    .command(
      "job <action> [id]",
      "Compute jobs: create | accept <id> | deliver <id> | release <id[,id…]> | refund <id> | dispute <id> | " +
        "resolve <id> | status <id> | list | watch <id> | credit | withdraw | settle <poolId> | sweep-fees",
    )
    .option("--escrow <address>", "JobEscrow address (default: the chain's deployment)")
    .option("--workload <id>", "create: registry workload id (32-byte hex, or a name to hash)")
    .option("--input <hash>", "create: input commitment (32-byte hex, or data to hash)")
    .option("--price <PHA>", "create: price in PHA")
    .option("--worker <address>", "create: named worker (default: any); accept: the worker (default: you)")
    .option("--ttl <seconds>", "create: time to the delivery deadline", { default: 3600 })
    .option("--permit", "create: pay with an EIP-2612 permit instead of an allowance")
    .option("--result <hash>", "deliver: result commitment (32-byte hex, or data to hash)")
    .option("--signature <hex>", "deliver: the enclave's signature (else signed with PHA_ENCLAVE_KEY)")
    .option("--fault <worker|payer|none>", "resolve: who was wrong (arbiter); none = default outcome after expiry")
    .option("--payer <address>", "list: jobs of this payer (default: you, or --worker's jobs)")
    .option("--to <address>", "withdraw: where the credit goes (default: you)")
    .option("--operators <a,b,…>", "sweep-fees: operators whose credits hold booked fees (default: none)")
    .option("--account <address>", "credit: whose credit (default: you)")
    .action(async (action: string, arg: string | undefined, parsed: JobOptions) => {
      const options: JobOptions = { ...parsed };
      for (const name of [
        "escrow",
        "workload",
        "input",
        "price",
        "worker",
        "result",
        "signature",
        "payer",
        "to",
        "operators",
        "account",
      ] as const)
        options[name] = raw(name, parsed[name]);
      const readOnly = action === "status" || action === "watch" || action === "list" || action === "credit";
      const ctx = await createContext(options, { needsAccount: !readOnly });
      const escrow = escrowOf(ctx, options);
      const terms = async (): Promise<JobTerms> => getJobTerms(ctx.client, { escrow, jobId: jobId(arg) });

      switch (action) {
        case "create": {
          if (!ctx.account) throw new UsageError("create needs an account");
          if (!options.price || !/^\d+(\.\d{1,18})?$/.test(options.price))
            throw new UsageError("--price <PHA> is required (a positive number)");
          const t = newJobTerms({
            payer: ctx.account.address,
            price: parseEther(options.price),
            workloadId: bytes32(options.workload, "workload"),
            inputHash: bytes32(options.input, "input"),
            worker: options.worker ? address(options.worker, "--worker") : undefined,
            now: Number((await ctx.client.getBlock()).timestamp),
            ttl: Number(options.ttl),
          });
          const id = getJobId(t);
          const call = createJob.call(ctx.client, { escrow, terms: t });
          const terms_ = { ...t, price: t.price.toString() };
          if (ctx.options.dryRun && options.permit)
            return print(
              ctx,
              { dryRun: true, jobId: id, terms: terms_ },
              () => `dry run: job ${id} (permit not signed)`,
            );
          return send(
            ctx,
            "create",
            call,
            () => ctx.client.escrow.createJob({ escrow, terms: t, permit: options.permit, account: ctx.account }),
            { jobId: id, terms: terms_ },
          );
        }
        case "accept": {
          if (!ctx.account) throw new UsageError("accept needs an account");
          const worker = options.worker ? address(options.worker, "--worker") : ctx.account.address;
          const job = await terms();
          return send(
            ctx,
            "accept",
            acceptJob.call(ctx.client, { escrow, job, worker }),
            () => ctx.client.escrow.acceptJob({ escrow, job, worker }),
            { jobId: arg, worker },
          );
        }
        case "deliver": {
          const job = await terms();
          const resultHash = bytes32(options.result, "result");
          let signature = options.signature as Hex | undefined;
          if (!signature) {
            const key = process.env.PHA_ENCLAVE_KEY;
            if (!key || !isHex(key)) throw new UsageError("deliver: pass --signature or set PHA_ENCLAVE_KEY");
            signature = await ctx.client.escrow.signJobResult({
              escrow,
              job,
              resultHash,
              enclave: privateKeyToAccount(key),
            });
          }
          return send(
            ctx,
            "deliver",
            deliverJob.call(ctx.client, { escrow, job, resultHash, signature }),
            () => ctx.client.escrow.deliverJob({ escrow, job, resultHash, signature }),
            { jobId: arg, resultHash },
          );
        }
        case "release": {
          const ids = (arg ?? "").split(",").map(jobId);
          if (ids.length === 1) {
            const job = await terms();
            return send(
              ctx,
              "release",
              releaseJob.call(ctx.client, { escrow, job }),
              () => ctx.client.escrow.releaseJob({ escrow, job }),
              { jobId: arg },
            );
          }
          const jobs = await Promise.all(ids.map((id) => getJobTerms(ctx.client, { escrow, jobId: id })));
          return send(
            ctx,
            "release",
            releaseJobs.call(ctx.client, { escrow, jobs }),
            () => ctx.client.escrow.releaseJobs({ escrow, jobs }),
            { jobIds: ids },
          );
        }
        case "refund": {
          const job = await terms();
          return send(
            ctx,
            "refund",
            refundJob.call(ctx.client, { escrow, job }),
            () => ctx.client.escrow.refundJob({ escrow, job }),
            { jobId: arg },
          );
        }
        case "dispute": {
          if (!ctx.account) throw new UsageError("dispute needs an account");
          const job = await terms();
          const [params, token] = await Promise.all([
            ctx.client.readContract({ address: escrow, abi: jobEscrowAbi, functionName: "parameters" }),
            ctx.client.readContract({ address: escrow, abi: jobEscrowAbi, functionName: "token" }),
          ]);
          const bond = (job.price * BigInt(params.disputeBondBps)) / 10_000n;
          const allowance = await ctx.client.readContract({
            address: token,
            abi: phaAbi,
            functionName: "allowance",
            args: [ctx.account.address, escrow],
          });
          if (allowance < bond && !ctx.options.dryRun) {
            const hash = await ctx.client.writeContract({
              address: token,
              abi: phaAbi,
              functionName: "approve",
              args: [escrow, bond],
              account: ctx.account,
              chain: ctx.chain,
            });
            await confirm(ctx, "approve bond", hash);
          }
          return send(
            ctx,
            "dispute",
            disputeJob.call(ctx.client, { escrow, job }),
            () => ctx.client.escrow.disputeJob({ escrow, job }),
            { jobId: arg, bond: formatEther(bond) },
          );
        }
        case "resolve": {
          const job = await terms();
          const fault = options.fault ?? "";
          if (fault === "none")
            return send(
              ctx,
              "resolve (default outcome)",
              resolveDisputeByDefault.call(ctx.client, { escrow, job }),
              () => ctx.client.escrow.resolveDisputeByDefault({ escrow, job }),
              { jobId: arg, outcome: "ArbitrationExpired" },
            );
          if (fault !== "worker" && fault !== "payer") throw new UsageError("--fault must be worker, payer or none");
          const workerAtFault = fault === "worker";
          return send(
            ctx,
            "resolve",
            resolveDispute.call(ctx.client, { escrow, job, workerAtFault }),
            () => ctx.client.escrow.resolveDispute({ escrow, job, workerAtFault }),
            { jobId: arg, workerAtFault },
          );
        }
        case "credit": {
          const account = options.account ? address(options.account, "--account") : ctx.account?.address;
          if (!account) throw new UsageError("credit: pass --account");
          const credit = await ctx.client.escrow.getCredit({ escrow, account });
          const unswept = await ctx.client.escrow.getUnsweptFees({ escrow });
          return print(
            ctx,
            { account, amount: credit.amount, fees: credit.fees, unsweptFees: unswept },
            () =>
              `${account}: ${formatEther(credit.amount)} PHA to withdraw (${formatEther(credit.fees)} PHA of fees ` +
              `booked with it); unswept fees ${formatEther(unswept)} PHA`,
          );
        }
        case "withdraw": {
          if (!ctx.account) throw new UsageError("withdraw needs an account");
          const to = options.to ? address(options.to, "--to") : ctx.account.address;
          const { amount } = await ctx.client.escrow.getCredit({ escrow, account: ctx.account.address });
          return send(
            ctx,
            "withdraw",
            withdrawCredit.call(ctx.client, { escrow, to }),
            () => ctx.client.escrow.withdrawCredit({ escrow, to }),
            { to, amount: formatEther(amount) },
          );
        }
        case "settle": {
          if (!arg || !/^\d+$/.test(arg)) throw new UsageError("settle <poolId>: a pool id is required");
          const poolId = BigInt(arg);
          const pending = await ctx.client.escrow.getPendingSettlement({ escrow, poolId });
          return send(
            ctx,
            "settle",
            settlePool.call(ctx.client, { escrow, poolId }),
            () => ctx.client.escrow.settlePool({ escrow, poolId }),
            { poolId: arg, reward: formatEther(pending.reward), collateral: formatEther(pending.collateral) },
          );
        }
        case "sweep-fees": {
          const operators = (options.operators ?? "")
            .split(",")
            .filter((a) => a.length > 0)
            .map((a) => address(a, "--operators"));
          return send(
            ctx,
            "sweep-fees",
            sweepFees.call(ctx.client, { escrow, operators }),
            () => ctx.client.escrow.sweepFees({ escrow, operators }),
            { operators },
          );
        }
        case "status": {
          const job = await ctx.client.escrow.getJob({ escrow, job: jobId(arg) });
          return print(
            ctx,
            job,
            () =>
              `${job.id}: ${job.status} (price ${formatEther(job.terms.price)} PHA, deadline ${job.terms.deadline}` +
              `${job.worker !== "0x0000000000000000000000000000000000000000" ? `, worker ${job.worker}` : ""})`,
          );
        }
        case "list": {
          const payer = options.payer
            ? address(options.payer, "--payer")
            : options.worker
              ? undefined
              : ctx.account?.address;
          const worker = options.worker ? address(options.worker, "--worker") : undefined;
          if (!payer && !worker) throw new UsageError("list: pass --payer or --worker");
          const ids = await ctx.client.escrow.listJobs({ escrow, payer, worker });
          return print(ctx, { jobs: ids }, () => (ids.length ? ids.join("\n") : "no jobs"));
        }
        case "watch": {
          const id = jobId(arg);
          process.stderr.write(`watching job ${id} (Ctrl-C to stop)\n`);
          await new Promise<void>((_resolve, reject) => {
            ctx.client.escrow.watchJob({
              escrow,
              jobId: id,
              onError: reject,
              onEvent: (event) =>
                print(ctx, event, () => `${event.blockNumber}: ${event.eventName} ${JSON.stringify(event.args, big)}`),
            });
          });
          return;
        }
        default:
          throw new UsageError(`unknown job action "${action}" (see pha job --help)`);
      }
    });
}

const big = (_k: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);
