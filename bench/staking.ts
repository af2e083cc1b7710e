/**
 * Gas of Staking: whole transactions (21k base included) on EDR (chainType "op"), Staking behind its ERC1967 proxy
 * with its linked libraries, wired to a real AccessManager as deployed (deploy/modules/Staking.ts), measured with 1 and
 * with 10,000 delegators in the pool (`.n1`, `.n10000`).
 *
 * The 10,000 delegators are real delegations through the public `delegateFor` path (a batch helper, 250 per
 * transaction), activated by the protocol's own bonding (warp + poke), exactly as if each had delegated itself.
 * Each figure runs the same sequence in a fresh network, so `.n1` and `.n10000` differ only by the pool's population.
 * Steady state: the measured accounts already hold PHA and an allowance, the pool has had deposits and unbondings by
 * other accounts in the current 6-hour epoch (the scenario starts on an epoch boundary, so this holds whatever the wall
 * clock); `delegate` and `delegateWithPermit` are a delegator's first delegation to the pool (a new position slot);
 * `claim` pays the emission since its last claim to a delegator that has claimed before and has a small delegation
 * still bonding; `undelegate` unbonds a quarter of the active position of that delegator, its first request of the
 * epoch (it unbonded in an earlier epoch): a new unbonding position slot, as every account's usual undelegation;
 * `undelegate.sameEpoch` is a second request of the same account in the same epoch, which merges into that position
 * (positions are one per account, pool and epoch: a non-zero write instead of a new slot, -17,100); `withdraw` closes
 * the merged position after the unbonding period; `slash` cuts the pool (active stake and its unbonding epochs) for a
 * fault an hour old and jails its worker (the escrow's timeout/dispute path). First-time costs on top: the epoch's
 * first deposit (+~25k, its bonding bucket), the epoch's first undelegation (+~17k, its unbonding bucket).
 *
 * The attestation registry is the test-only one of test/staking/helpers (settable attestation): the real registry
 * answers `isAttestedAny`/`operatorOf` only in worker-management calls, none of which is measured here.
 */
import { network } from "hardhat";
import { type Address, encodeFunctionData, type Hex, parseEther, parseEventLogs, toFunctionSelector } from "viem";
import GovernanceModule from "../deploy/modules/Governance.ts";
import { STAKING_LIBRARIES } from "../deploy/modules/Staking.ts";
import { loadParameters } from "../deploy/parameters.ts";
import { signPermit } from "../packages/sdk/src/actions/token/signPermit.ts";
import { recordBreakdown } from "../scripts/lib/gas-breakdown.ts";

const SLASHER = 2n;
const HOUR = 3600n;
const DAY = 86_400n;
const EPOCH = 6n * HOUR;
const BATCH = 250;
const FIRST_BENEFICIARY = 0x10000000000000000000000000000000000000n;

async function scenario(delegators: number): Promise<Record<string, bigint>> {
  const connection = await network.create();
  const { viem, ignition, networkHelpers } = connection;
  const publicClient = await viem.getPublicClient();
  const { pha, manager } = await ignition.deploy(GovernanceModule, { parameters: loadParameters("localOp") });
  const [deployer, operator, member, fresh, permitter, slasher, treasury, other] = await viem.getWalletClients();
  // Start on an epoch boundary so every figure is measured at the same offset within its 6-hour epoch, whatever the
  // wall clock (otherwise the setup's deposit and unbonding may fall in the previous epoch and the measured calls pay
  // the epoch's first-time costs on some runs and not on others).
  const start = (await publicClient.getBlock()).timestamp;
  await networkHelpers.time.increaseTo((start / EPOCH + 1n) * EPOCH);
  const gas = async (op: string, hash: Hex) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`bench transaction reverted: ${hash}`);
    await recordBreakdown(connection.provider, `staking.${op}.n${delegators}`, hash);
    return receipt.gasUsed;
  };

  // Staking as deployed: libraries, implementation, proxy + initialize, role wiring.
  const registry = await viem.deployContract("MockWorkerRegistry");
  const libraries: Record<string, Address> = {};
  for (const name of STAKING_LIBRARIES) libraries[name] = (await viem.deployContract(name)).address;
  const implementation = await viem.deployContract("Staking", [pha.address], { libraries });
  const init = encodeFunctionData({
    abi: implementation.abi,
    functionName: "initialize",
    args: [
      manager.address,
      registry.address,
      {
        minSelfStake: parseEther("10000"),
        minDelegation: parseEther("1"),
        maxStakePerWorker: parseEther("100000000"),
        maxCommissionBps: 5_000,
        maxSlashBps: 1_000,
        unbondingPeriod: Number(7n * DAY),
        bondingPeriod: Number(8n * DAY),
        commissionRaiseDelay: Number(7n * DAY),
        jailPeriod: Number(DAY),
      },
    ],
  });
  const proxy = await viem.deployContract("ERC1967Proxy", [implementation.address, init]);
  const staking = await viem.getContractAt("Staking", proxy.address);
  await manager.write.setTargetFunctionRole([
    staking.address,
    [toFunctionSelector("slash(uint256,address,uint256,uint256,address)")],
    SLASHER,
  ]);
  await manager.write.grantRole([SLASHER, slasher.account.address, 0]);

  // Accounts hold PHA and an allowance.
  const bridge = "0x4200000000000000000000000000000000000010";
  await networkHelpers.impersonateAccount(bridge);
  await networkHelpers.setBalance(bridge, parseEther("1"));
  for (const w of [deployer, operator, member, fresh, permitter, treasury, other]) {
    await pha.write.mint([w.account.address, parseEther("100000000")], { account: bridge });
    if (w !== permitter) await pha.write.approve([staking.address, 2n ** 256n - 1n], { account: w.account });
  }

  // A pool with an attested worker, emission running.
  const worker = "0x00000000000000000000000000000000000000aa" as const;
  await registry.write.set([worker, operator.account.address, true]);
  await staking.write.openPool([parseEther("10000"), 1_000, parseEther("1000000000")], { account: operator.account });
  const poolId = 1n;
  await staking.write.addWorker([poolId, worker], { account: operator.account });
  await staking.write.fundEmission([parseEther("10000000")], { account: treasury.account });

  // The pool's population: `delegators` in all, the measured member among them.
  const helper = await viem.deployContract("BatchDelegator");
  await pha.write.approve([helper.address, 2n ** 256n - 1n]);
  for (let done = 0; done < delegators - 1; done += BATCH) {
    const count = Math.min(BATCH, delegators - 1 - done);
    await helper.write.delegateMany([
      pha.address,
      staking.address,
      poolId,
      FIRST_BENEFICIARY + BigInt(done),
      BigInt(count),
      parseEther("10"),
    ]);
  }
  await staking.write.delegate([poolId, parseEther("1000")], { account: member.account });
  await staking.write.delegate([poolId, parseEther("1000")], { account: other.account });
  await networkHelpers.time.increase(9n * DAY);
  await staking.write.poke([poolId]);
  // Governance-only; the deployer is still the manager's admin here (as in System.ts before it renounces).
  await staking.write.setEmissionRate([parseEther("1")]);
  await networkHelpers.time.increase(HOUR);
  // Steady state of the measured member: it has claimed and unbonded before, and this epoch already has deposits
  // and unbondings (what a pool with any activity has).
  await staking.write.claim([poolId], { account: member.account });
  const setupShares = (await staking.read.delegation([poolId, member.account.address])).shares;
  await staking.write.undelegate([poolId, setupShares / 4n], { account: member.account });
  // The measured calls run in the next epoch, where the member has no unbonding position yet (its undelegation is
  // then an account's usual one: a new position slot) but other accounts have already delegated and undelegated.
  await networkHelpers.time.increase(EPOCH);
  const otherShares = (await staking.read.delegation([poolId, other.account.address])).shares;
  await staking.write.undelegate([poolId, otherShares / 4n], { account: other.account });
  await staking.write.delegate([poolId, parseEther("1")], { account: other.account });
  await staking.write.delegate([poolId, parseEther("1")], { account: member.account });
  await networkHelpers.time.increase(HOUR);

  const out: Record<string, bigint> = {};
  out.delegate = await gas(
    "delegate",
    await staking.write.delegate([poolId, parseEther("100")], { account: fresh.account }),
  );

  // A fixed deadline (2100-01-01): a clock-derived one changes the signature and so the calldata's gas between runs.
  const deadline = 4_102_444_800n;
  // The SDK's permit signer (domain read from the token, ERC-5267).
  const { v, r, s } = await signPermit(permitter, {
    token: pha.address,
    spender: staking.address,
    value: parseEther("100"),
    deadline,
  });
  out.delegateWithPermit = await gas(
    "delegateWithPermit",
    await staking.write.delegateWithPermit([poolId, parseEther("100"), deadline, v, r, s], {
      account: permitter.account,
    }),
  );

  out.claim = await gas("claim", await staking.write.claim([poolId], { account: member.account }));
  const undelegation = await staking.write.undelegate([poolId, setupShares / 4n], { account: member.account });
  out.undelegate = await gas("undelegate", undelegation);
  out["undelegate.sameEpoch"] = await gas(
    "undelegate.sameEpoch",
    await staking.write.undelegate([poolId, setupShares / 8n], { account: member.account }),
  );
  // The position's id, from the event (`poolId << 32 | ` its first request's time: the member's position of this epoch).
  const [undelegated] = parseEventLogs({
    abi: staking.abi,
    eventName: "Undelegated",
    logs: (await publicClient.getTransactionReceipt({ hash: undelegation })).logs,
  });
  await networkHelpers.time.increase(7n * DAY);
  out.withdraw = await gas(
    "withdraw",
    await staking.write.withdraw([undelegated.args.unbondingId], { account: member.account }),
  );
  await staking.write.poke([poolId]);
  const now = (await publicClient.getBlock()).timestamp;
  out.slash = await gas(
    "slash",
    await staking.write.slash([poolId, worker, parseEther("100"), now - HOUR, treasury.account.address], {
      account: slasher.account,
    }),
  );
  return out;
}

export async function run(): Promise<Record<string, bigint>> {
  const results: Record<string, bigint> = {};
  for (const n of [1, 10_000]) {
    const figures = await scenario(n);
    for (const [op, gasUsed] of Object.entries(figures)) results[`staking.${op}.n${n}`] = gasUsed;
  }
  return results;
}
