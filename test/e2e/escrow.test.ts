/**
 * The escrow end to end through the SDK on the embedded OP chain: deployed by its Ignition module (proxy + role grants),
 * a job released, one refunded after its deadline, one disputed and resolved, typed refusals, listing by payer/worker.
 * Registry and staking are the test-only implementations of the frozen interfaces until the real ones land.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { custom, type Hex, keccak256, parseEther, toHex, zeroAddress } from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { Roles } from "../../deploy/modules/roles.ts";
import { loadParameters } from "../../deploy/parameters.ts";
import {
  createPhalaClient,
  decodeContractError,
  getJobId,
  newJobTerms,
  phalaLocal,
} from "../../packages/sdk/src/index.ts";
import EscrowModule from "./modules/EscrowStandalone.ts";

const MNEMONIC = "test test test test test test test test test test test junk";
const WORKLOAD = keccak256(toHex("phala/workload/llm-inference"));
const BRIDGE = "0x4200000000000000000000000000000000000010";
const DAY = 86_400;

describe("escrow through the SDK: released, refunded after timeout, disputed and resolved", async () => {
  const connection = await network.create();
  const { viem, ignition, networkHelpers } = connection;
  const publicClient = await viem.getPublicClient();
  const registry = await viem.deployContract("TestWorkerRegistry");
  const staking = await viem.deployContract("TestStaking", [zeroAddress]);
  const parameters = loadParameters("localOp");
  const { escrow } = await ignition.deploy(EscrowModule, {
    parameters: {
      ...parameters,
      EscrowStandalone: { ...parameters.Escrow, registry: registry.address, staking: staking.address },
    },
  });
  const pha = await viem.getContractAt("PHA", await escrow.read.token());
  await staking.write.setToken([pha.address]);
  await staking.write.setAuthorized([escrow.address, true]);

  const transport = custom(connection.provider);
  const accountAt = (i: number) => mnemonicToAccount(MNEMONIC, { addressIndex: i });
  const client = (i: number) => createPhalaClient({ chain: phalaLocal, transport, account: accountAt(i) });
  const [arbiter, payer, operator, keeper] = [1, 2, 3, 4].map(client);
  const address = {
    deployer: accountAt(0).address,
    arbiter: accountAt(1).address,
    payer: accountAt(2).address,
    operator: accountAt(3).address,
  };
  const enclave = privateKeyToAccount(keccak256(toHex("e2e enclave key")));
  const target = { escrow: escrow.address };

  await networkHelpers.impersonateAccount(BRIDGE);
  await networkHelpers.setBalance(BRIDGE, parseEther("1"));
  await pha.write.mint([address.payer, parseEther("10000")], { account: BRIDGE });
  await pha.write.mint([address.deployer, parseEther("100000")], { account: BRIDGE });
  await pha.write.approve([staking.address, parseEther("100000")]);
  await staking.write.addStake([1n, parseEther("100000")]);
  await staking.write.assign([enclave.address, 1n, address.operator]);
  await registry.write.registerSecp256k1([enclave.address, address.operator, WORKLOAD]);

  const now = async () => Number((await publicClient.getBlock()).timestamp);
  const status = async (job: Hex) => (await payer.escrow.getJob({ ...target, job })).status;
  const mined = (hash: Hex) => publicClient.waitForTransactionReceipt({ hash });
  const balance = (who: Hex) => pha.read.balanceOf([who]);
  const newTerms = async (price: string) =>
    newJobTerms({
      payer: address.payer,
      price: parseEther(price),
      workloadId: WORKLOAD,
      inputHash: keccak256(toHex(`input ${price}`)),
      now: await now(),
      ttl: DAY,
    });

  it("the module wires the escrow: proxy initialized, staking roles granted", async () => {
    const manager = await viem.getContractAt("AccessManager", await escrow.read.authority());
    for (const role of [Roles.COLLATERAL_MANAGER, Roles.SLASHER, Roles.REWARDER]) {
      const [member] = await manager.read.hasRole([role, escrow.address]);
      assert.equal(member, true);
    }
    const p = await escrow.read.parameters();
    assert.equal(p.challengeWindow, DAY);
    assert.equal(p.arbiter, address.arbiter);
  });

  it("a job paid with a permit is accepted, delivered with an enclave signature, and released", async () => {
    const terms = await newTerms("100");
    const { jobId } = await payer.escrow.createJobSync({ ...target, terms, permit: true });
    assert.equal(jobId, getJobId(terms));
    assert.equal(await status(jobId), "Open");

    await mined(await operator.escrow.acceptJob({ ...target, job: jobId, worker: enclave.address }));
    assert.equal(await status(jobId), "Accepted");

    // A signature by another key is refused with a typed error before anything is sent.
    const forged = await operator.escrow
      .deliverJob({
        ...target,
        job: jobId,
        resultHash: keccak256(toHex("out")),
        enclave: privateKeyToAccount(keccak256(toHex("x"))),
      })
      .catch((e: unknown) => e);
    assert.equal(decodeContractError(forged)?.errorName, "EscrowInvalidSignature");

    await mined(
      await operator.escrow.deliverJob({ ...target, job: jobId, resultHash: keccak256(toHex("out")), enclave }),
    );
    assert.equal(await status(jobId), "Delivered");

    const early = await keeper.escrow.releaseJob({ ...target, job: jobId }).catch((e: unknown) => e);
    assert.equal(decodeContractError(early)?.errorName, "EscrowChallengeWindowOpen");
    await networkHelpers.time.increase(DAY);
    const before = await balance(address.operator);
    await mined(await keeper.escrow.releaseJob({ ...target, job: jobId }));
    assert.equal(await status(jobId), "Released");
    // Release books the payment (no transfer): the operator pulls its credit, anyone settles the pool.
    assert.deepEqual(await keeper.escrow.getCredit({ ...target, account: address.operator }), {
      amount: parseEther("89"),
      fees: parseEther("1"),
    });
    assert.deepEqual(await keeper.escrow.getPendingSettlement({ ...target, poolId: 1n }), {
      reward: parseEther("10"),
      collateral: parseEther("150"),
    });
    await mined(await operator.escrow.withdrawCredit({ ...target }));
    assert.equal((await balance(address.operator)) - before, parseEther("89"));
    const nothing = await operator.escrow.withdrawCredit({ ...target }).catch((e: unknown) => e);
    assert.equal(decodeContractError(nothing)?.errorName, "EscrowNothingToWithdraw");
    await mined(await keeper.escrow.settlePool({ ...target, poolId: 1n }));
    assert.deepEqual(await keeper.escrow.getPendingSettlement({ ...target, poolId: 1n }), {
      reward: 0n,
      collateral: 0n,
    });
    const [, reserved, rewards] = (await staking.read.pools([1n])) as readonly [bigint, bigint, bigint];
    assert.equal(reserved, 0n);
    assert.equal(rewards, parseEther("10"));
    assert.equal(await keeper.escrow.getUnsweptFees({ ...target }), parseEther("1"));
    const treasury = (await escrow.read.parameters()).treasury;
    const treasuryBefore = await balance(treasury);
    await mined(await keeper.escrow.sweepFees({ ...target }));
    assert.equal((await balance(treasury)) - treasuryBefore, parseEther("1"));
  });

  it("a job not delivered by its deadline is refunded with the pool's timeout penalty", async () => {
    const terms = await newTerms("50");
    await mined(await pha.write.approve([escrow.address, terms.price], { account: address.payer }));
    const { jobId } = await payer.escrow.createJobSync({ ...target, terms });
    await mined(await operator.escrow.acceptJob({ ...target, job: jobId, worker: enclave.address }));
    await networkHelpers.time.increase(DAY + 1);
    const before = await balance(address.payer);
    const treasury = (await escrow.read.parameters()).treasury;
    const treasuryBefore = await balance(treasury);
    await mined(await keeper.escrow.refundJob({ ...target, job: jobId }));
    assert.equal(await status(jobId), "Refunded");
    assert.equal((await balance(address.payer)) - before, parseEther("50")); // the price back
    assert.equal((await balance(treasury)) - treasuryBefore, parseEther("5")); // the 10% timeout penalty
    await staking.write.setJailed([enclave.address, false]); // the test staking's stand-in for re-attestation
  });

  it("a disputed job is resolved by the arbiter: refund, bond back, pool slashed", async () => {
    const terms = await newTerms("20");
    const { jobId } = await payer.escrow.createJobSync({ ...target, terms, permit: true });
    await mined(await operator.escrow.acceptJob({ ...target, job: jobId, worker: enclave.address }));
    await mined(
      await operator.escrow.deliverJob({ ...target, job: jobId, resultHash: keccak256(toHex("bad")), enclave }),
    );
    await mined(await pha.write.approve([escrow.address, parseEther("2")], { account: address.payer }));
    const before = await balance(address.payer);
    await mined(await payer.escrow.disputeJob({ ...target, job: jobId }));
    assert.equal(await status(jobId), "Disputed");
    const notArbiter = await keeper.escrow
      .resolveDispute({ ...target, job: jobId, workerAtFault: true })
      .catch((e: unknown) => e);
    assert.equal(decodeContractError(notArbiter)?.errorName, "EscrowCallerNotArbiter");
    await mined(await arbiter.escrow.resolveDispute({ ...target, job: jobId, workerAtFault: true }));
    assert.equal(await status(jobId), "Refunded");
    assert.equal((await balance(address.payer)) - before, parseEther("20")); // the price (bond 2 posted, returned); the slash went to the treasury
  });

  it("lists a payer's and a worker's jobs from the escrow's events", async () => {
    const byPayer = await payer.escrow.listJobs({ ...target, payer: address.payer });
    const byWorker = await payer.escrow.listJobs({ ...target, worker: enclave.address });
    assert.equal(byPayer.length, 3);
    assert.deepEqual(byWorker, byPayer);
    assert.equal(
      await escrow.read.jobId([await payer.escrow.getJobTerms({ ...target, jobId: byPayer[0] })]),
      byPayer[0],
    );
  });
});
