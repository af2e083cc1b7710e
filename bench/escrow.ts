/**
 * Gas of the compute-payment escrow: whole transactions (21k base included) on EDR (chainType "op"), escrow behind
 * its ERC1967 proxy as deployed. Steady state: payer, operator, treasury and pool already hold PHA, and another job is
 * running (the escrow holds deposits, the pool holds reservations); a first-ever payment to an empty balance costs
 * ~17k more. The payer has a standing allowance (create) or signs a permit (createWithPermit). `refund` is the
 * timeout of an accepted job (pool slashed); `resolve` finds the worker at fault (refund, bond back, slash).
 *
 * Until the attestation registry and Staking land in main, the registry and staking are the test-only
 * implementations of the frozen interfaces (test/escrow/helpers/); the real ones will cost more in their hooks
 * (AccessManager checks, reward accounting), which moves accept, release, refund and resolve.
 */
import { network } from "hardhat";
import { encodeFunctionData, type Hex, keccak256, parseEther, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import SystemModule from "../deploy/modules/System.ts";
import { loadParameters } from "../deploy/parameters.ts";

const WORKLOAD = keccak256(toHex("phala/workload/llm-inference"));
const POOL = 1n;
const PRICE = parseEther("100");
const HOUR = 3600n;

export async function run(): Promise<Record<string, bigint>> {
  const connection = await network.create();
  const { viem, ignition, networkHelpers } = connection;
  const publicClient = await viem.getPublicClient();
  const { pha, manager } = await ignition.deploy(SystemModule, { parameters: loadParameters("localOp") });
  const [deployer, , payer, operator, keeper, arbiter, treasury] = await viem.getWalletClients();
  const enclave = privateKeyToAccount(keccak256(toHex("bench enclave key")));
  const gas = async (hash: Hex) => (await publicClient.waitForTransactionReceipt({ hash })).gasUsed;

  const registry = await viem.deployContract("TestWorkerRegistry");
  const staking = await viem.deployContract("TestStaking", [pha.address]);
  const implementation = await viem.deployContract("JobEscrow", [pha.address, registry.address, staking.address]);
  const init = encodeFunctionData({
    abi: implementation.abi,
    functionName: "initialize",
    args: [
      manager.address,
      {
        treasury: treasury.account.address,
        protocolFeeBps: 100,
        stakingShareBps: 1_000,
        challengeWindow: Number(HOUR),
        collateralBps: 15_000,
        timeoutPenaltyBps: 1_000,
        arbiter: arbiter.account.address,
        disputeBondBps: 1_000,
        disputeSlashBps: 5_000,
        arbitrationPeriod: 3 * 86_400,
        maxJobDuration: 7 * 86_400,
      },
    ],
  });
  const proxy = await viem.deployContract("ERC1967Proxy", [implementation.address, init]);
  const escrow = await viem.getContractAt("JobEscrow", proxy.address);
  await staking.write.setAuthorized([escrow.address, true]);

  const bridge = "0x4200000000000000000000000000000000000010";
  await networkHelpers.impersonateAccount(bridge);
  await networkHelpers.setBalance(bridge, parseEther("1"));
  await pha.write.mint([payer.account.address, parseEther("1000000")], { account: bridge });
  await pha.write.mint([deployer.account.address, parseEther("1000000")], { account: bridge });
  await pha.write.approve([staking.address, parseEther("1000000")]);
  await staking.write.addStake([POOL, parseEther("1000000")]);
  await staking.write.assign([enclave.address, POOL]);
  await registry.write.registerSecp256k1([enclave.address, operator.account.address, WORKLOAD]);
  await pha.write.approve([escrow.address, 2n ** 256n - 1n], { account: payer.account });

  let salt = 0n;
  const terms = async () => ({
    payer: payer.account.address,
    worker: "0x0000000000000000000000000000000000000000" as const,
    price: PRICE,
    deadline: Number((await publicClient.getBlock()).timestamp + 86_400n),
    workloadId: WORKLOAD,
    inputHash: keccak256(toHex(`input ${salt}`)),
    salt: toHex(++salt, { size: 32 }),
  });
  type Terms = Awaited<ReturnType<typeof terms>>;
  const chainId = await publicClient.getChainId();
  const sign = (t: Terms, resultHash: Hex, jobId: Hex) =>
    enclave.signTypedData({
      domain: { name: "PhalaJobEscrow", version: "1", chainId, verifyingContract: escrow.address },
      types: {
        JobResult: [
          { name: "jobId", type: "bytes32" },
          { name: "workloadId", type: "bytes32" },
          { name: "inputHash", type: "bytes32" },
          { name: "resultHash", type: "bytes32" },
          { name: "deadline", type: "uint40" },
        ],
      },
      primaryType: "JobResult",
      message: { jobId, workloadId: t.workloadId, inputHash: t.inputHash, resultHash, deadline: t.deadline },
    });
  const result = keccak256(toHex("result"));
  const create = async (t: Terms) => gas(await escrow.write.create([t], { account: payer.account }));
  const accept = async (t: Terms) => gas(await escrow.write.accept([t, enclave.address], { account: operator.account }));
  const deliver = async (t: Terms) => {
    const signature = await sign(t, result, await escrow.read.jobId([t]));
    return gas(await escrow.write.deliver([t, result, signature], { account: operator.account }));
  };
  const release = async (t: Terms) => gas(await escrow.write.release([t], { account: keeper.account }));

  // Warm-up: one full lifecycle so every recipient already holds PHA; then one long job stays running throughout, so
  // the escrow holds deposits and the pool holds reservations, as when many jobs run at once.
  const warm = await terms();
  await create(warm);
  await accept(warm);
  await deliver(warm);
  await networkHelpers.time.increase(HOUR);
  await release(warm);
  const background = { ...(await terms()), deadline: Number((await publicClient.getBlock()).timestamp + 6n * 86_400n) };
  await create(background);
  await accept(background);

  const out: Record<string, bigint> = {};
  const job = await terms();
  out["escrow.create"] = await create(job);
  out["escrow.accept"] = await accept(job);
  out["escrow.deliver"] = await deliver(job);
  await networkHelpers.time.increase(HOUR);
  out["escrow.release"] = await release(job);
  out["escrow.lifecycle"] =
    out["escrow.create"] + out["escrow.accept"] + out["escrow.deliver"] + out["escrow.release"];

  // createWithPermit: the payer signs an EIP-2612 permit for the price instead of a standing allowance.
  await pha.write.approve([escrow.address, 0n], { account: payer.account });
  const permitted = await terms();
  const permitDeadline = BigInt(permitted.deadline);
  const [, name, version, , verifyingContract] = await pha.read.eip712Domain();
  const permit = await payer.signTypedData({
    domain: { name, version, chainId, verifyingContract },
    types: {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    primaryType: "Permit",
    message: {
      owner: payer.account.address,
      spender: escrow.address,
      value: PRICE,
      nonce: await pha.read.nonces([payer.account.address]),
      deadline: permitDeadline,
    },
  });
  const r = `0x${permit.slice(2, 66)}` as Hex;
  const s = `0x${permit.slice(66, 130)}` as Hex;
  const v = Number.parseInt(permit.slice(130, 132), 16);
  out["escrow.createWithPermit"] = await gas(
    await escrow.write.createWithPermit([permitted, permitDeadline, v, r, s], { account: payer.account }),
  );
  await pha.write.approve([escrow.address, 2n ** 256n - 1n], { account: payer.account });

  // releaseBatch of 10 jobs of the same worker (one pool, one operator): per job.
  const batch: Terms[] = [];
  for (let i = 0; i < 10; i++) {
    const t = await terms();
    await create(t);
    await accept(t);
    await deliver(t);
    batch.push(t);
  }
  await networkHelpers.time.increase(HOUR);
  out["escrow.releaseBatch10"] =
    (await gas(await escrow.write.releaseBatch([batch], { account: keeper.account }))) / 10n;

  // refund: an accepted job that timed out (full refund + timeout penalty slashed from the pool to the payer).
  const late = await terms();
  await create(late);
  await accept(late);
  await networkHelpers.time.increase(86_401n);
  out["escrow.refund"] = await gas(await escrow.write.refund([late], { account: keeper.account }));

  // The timeout slash jailed the worker; the test staking lets the bench lift it (real Staking: re-attestation).
  await staking.write.setJailed([enclave.address, false]);
  // dispute (payer posts the bond) and resolve (arbiter: worker at fault → refund, bond back, pool slashed).
  const contested = await terms();
  await create(contested);
  await accept(contested);
  await deliver(contested);
  out["escrow.dispute"] = await gas(await escrow.write.dispute([contested], { account: payer.account }));
  out["escrow.resolve"] = await gas(await escrow.write.resolve([contested, true], { account: arbiter.account }));
  return out;
}
