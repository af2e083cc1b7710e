/**
 * Gas of the compute-payment escrow: whole transactions (21k base included) on EDR (chainType "op"), escrow behind
 * its ERC1967 proxy as deployed. Steady state of a busy pool: another job is running (the escrow holds deposits, the
 * pool holds reservations) and one job has ended since the pool was last settled, so the payer holds PHA, the
 * operator has a credit and the pool a pending settlement (reward + collateral still reserved in Staking). The
 * measured job's `accept` therefore takes its collateral from that pending collateral (no Staking write);
 * `acceptReserving` is an accept with nothing pending (the collateral is reserved in Staking, restricted call), and
 * `settlePool`, `withdraw`, `sweepFees` are the pull side of releases (run once per many jobs). A release to an
 * operator or pool with nothing booked writes fresh slots (~17k more each). The payer has a standing allowance
 * (create) or signs a permit (createWithPermit). `refund` is the timeout of an accepted job (pool slashed); `resolve`
 * finds the worker at fault (refund, bond back, slash).
 *
 * Staking is the real one (proxy, linked libraries, hooks restricted to the escrow's roles through the AccessManager),
 * and so is the attestation registry (proxy, on the real DCAP verifier and PCCS pinned to the synthetic Intel root of
 * test/fixtures/dcap/synth.ts): the worker registers from a TDX quote binding its enclave key. The registry's reads
 * are a large part of accept and deliver: a cold proxy and implementation, then the worker's validity slot and its
 * workload's slot (which carries a copy of the TCB/max-age policy), plus the operator's slot on accept (~15k in accept,
 * ~13k in deliver). Accept also makes one Staking call (pool, jail flag, free stake, pool operator: ~15k). Figures:
 * create 83,990, accept 103,283, deliver 59,738, release 52,903, lifecycle 299,914 (issue 6's target: lifecycle ≤
 * 300,000).
 */
import { network } from "hardhat";
import {
  decodeAbiParameters,
  encodeFunctionData,
  type Hex,
  keccak256,
  parseEther,
  toFunctionSelector,
  toHex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { DCAP_INCONCLUSIVE_ERRORS } from "../deploy/modules/Attestation.ts";
import { Roles } from "../deploy/modules/roles.ts";
import { STAKING_LIBRARIES } from "../deploy/modules/Staking.ts";
import SystemModule from "../deploy/modules/System.ts";
import { loadParameters } from "../deploy/parameters.ts";
import { signPermit } from "../packages/sdk/src/actions/token/signPermit.ts";
import { makeScenario } from "../test/fixtures/dcap/synth.ts";

const PRICE = parseEther("100");
const HOUR = 3600n;

const AT = Math.floor(Date.parse("2025-09-01T12:00:00Z") / 1000);
const SEED = "bench";

export async function run(): Promise<Record<string, bigint>> {
  const connection = await network.create({ override: { initialDate: new Date((AT - 3600) * 1000) } });
  const { viem, ignition, networkHelpers } = connection;
  const publicClient = await viem.getPublicClient();
  const { pha, manager, timelock } = await ignition.deploy(SystemModule, { parameters: loadParameters("localOp") });
  const [, , payer, operator, keeper, arbiter, treasury] = await viem.getWalletClients();
  const enclave = privateKeyToAccount(keccak256(toHex("bench enclave key")));
  const gas = async (hash: Hex) => (await publicClient.waitForTransactionReceipt({ hash })).gasUsed;

  // The real AttestationRegistry behind its proxy, on the real DCAP verifier and PCCS pinned to the synthetic Intel root
  // (test/fixtures/dcap/synth.ts): the worker registers from a TDX quote binding its enclave key, as in production.
  const root = makeScenario({ tee: "tdx", reportData: new Uint8Array(64), at: new Date(AT * 1000), seed: SEED }).pki
    .root;
  const dcapLibraries = {
    "project/contracts/attestation/dcap/CollateralJson.sol:CollateralJson": (
      await viem.deployContract("CollateralJson")
    ).address,
    "project/contracts/attestation/dcap/X509.sol:X509": (await viem.deployContract("X509")).address,
    "project/contracts/attestation/dcap/Crl.sol:Crl": (await viem.deployContract("Crl")).address,
  };
  const pccs = await viem.deployContract("Pccs", [toHex(root.der)], { libraries: dcapLibraries });
  const verifier = await viem.deployContract("DcapVerifier", [pccs.address]);
  const registryImplementation = await viem.deployContract("AttestationRegistry");
  const registryProxy = await viem.deployContract("ERC1967Proxy", [
    registryImplementation.address,
    encodeFunctionData({
      abi: registryImplementation.abi,
      functionName: "initialize",
      args: [manager.address, 30n * 86_400n, DCAP_INCONCLUSIVE_ERRORS],
    }),
  ]);
  const registry = await viem.getContractAt("AttestationRegistry", registryProxy.address);
  // The real Staking behind its proxy (external libraries linked), hooks restricted to their roles as in production.
  const libraries: Record<string, Hex> = {};
  for (const name of STAKING_LIBRARIES) {
    libraries[name] = (await viem.deployContract(name)).address;
  }
  const stakingImplementation = await viem.deployContract("Staking", [pha.address], { libraries });
  const stakingInit = encodeFunctionData({
    abi: stakingImplementation.abi,
    functionName: "initialize",
    args: [
      manager.address,
      registry.address,
      {
        minSelfStake: parseEther("1000"),
        minDelegation: parseEther("1"),
        maxStakePerWorker: parseEther("1000000"),
        maxCommissionBps: 5_000,
        maxSlashBps: 1_000,
        unbondingPeriod: 7 * 86_400,
        bondingPeriod: 86_400,
        commissionRaiseDelay: 7 * 86_400,
        jailPeriod: 86_400,
      },
    ],
  });
  const stakingProxy = await viem.deployContract("ERC1967Proxy", [stakingImplementation.address, stakingInit]);
  const staking = await viem.getContractAt("Staking", stakingProxy.address);
  const escrowLogic = await viem.deployContract("EscrowLogic");
  const implementation = await viem.deployContract("JobEscrow", [pha.address, registry.address, staking.address], {
    libraries: { EscrowLogic: escrowLogic.address },
  });
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
  // After System.ts the manager's admin is the timelock: act as it to map Staking's hooks to their roles and grant
  // them to the escrow (what the system wiring does once Staking and the escrow are in System.ts).
  await networkHelpers.impersonateAccount(timelock.address);
  await networkHelpers.setBalance(timelock.address, parseEther("1"));
  const asTimelock = { account: timelock.address };
  const selector = (signature: string) => toFunctionSelector(signature);
  await manager.write.setTargetFunctionRole(
    [staking.address, [selector("slash(uint256,address,uint256,uint256,address)")], Roles.SLASHER],
    asTimelock,
  );
  await manager.write.setTargetFunctionRole(
    [staking.address, [selector("notifyReward(uint256,uint256)")], Roles.REWARDER],
    asTimelock,
  );
  await manager.write.setTargetFunctionRole(
    [
      staking.address,
      [selector("reserveCollateral(uint256,uint256)"), selector("releaseCollateral(uint256,uint256)")],
      Roles.COLLATERAL_MANAGER,
    ],
    asTimelock,
  );
  for (const role of [Roles.SLASHER, Roles.REWARDER, Roles.COLLATERAL_MANAGER]) {
    await manager.write.grantRole([role, escrow.address, 0], asTimelock);
  }

  const bridge = "0x4200000000000000000000000000000000000010";
  await networkHelpers.impersonateAccount(bridge);
  await networkHelpers.setBalance(bridge, parseEther("1"));
  await pha.write.mint([payer.account.address, parseEther("1000000")], { account: bridge });
  await pha.write.mint([operator.account.address, parseEther("1000000")], { account: bridge });
  // The operator opens a pool with a 500,000 PHA self-stake backing the enclave worker; it activates after bonding.
  await registry.write.setVerifier([1, verifier.address], asTimelock);
  await networkHelpers.time.setNextBlockTimestamp(AT - 600);
  const collateral = makeScenario({
    tee: "tdx",
    reportData: new Uint8Array(64),
    at: new Date(AT * 1000),
    seed: SEED,
  }).collateral;
  const pem = (text: string) =>
    toHex(Buffer.from(text.split("-----END CERTIFICATE-----")[0].split("-----\n")[1].replace(/\s+/g, ""), "base64"));
  await pccs.write.uploadCrl([toHex(collateral["root_ca_crl.der"])]);
  await pccs.write.uploadCaCertificate([pem(collateral["pck_crl_issuer_chain.pem"])]);
  await pccs.write.uploadTcbSigningCertificate([pem(collateral["tcb_info_issuer_chain.pem"])]);
  await pccs.write.uploadCrl([toHex(collateral["pck_crl.der"])]);
  await pccs.write.uploadTcbInfo([
    toHex(collateral["tcb_info.body.json"]),
    `0x${collateral["tcb_info.signature.hex"]}`,
  ]);
  await pccs.write.uploadQeIdentity([
    toHex(collateral["qe_identity.body.json"]),
    `0x${collateral["qe_identity.signature.hex"]}`,
  ]);
  await networkHelpers.time.increaseTo(AT);
  const key = `0x${enclave.publicKey.slice(4)}` as Hex;
  const reportData = await registry.read.reportDataFor([operator.account.address, 1, key]);
  const quote = toHex(
    makeScenario({
      tee: "tdx",
      seed: SEED,
      at: new Date(AT * 1000),
      reportData: Buffer.from(reportData.slice(2), "hex"),
    }).quote,
  );
  const measurements = (await verifier.read.verify([quote])).measurements;
  const WORKLOAD = await registry.read.tdxWorkloadId([
    decodeAbiParameters(
      [
        {
          type: "tuple",
          components: [
            { name: "mrTd", type: "bytes" },
            { name: "mrConfigId", type: "bytes" },
            { name: "rtmr0", type: "bytes" },
            { name: "rtmr1", type: "bytes" },
            { name: "rtmr2", type: "bytes" },
            { name: "rtmr3", type: "bytes" },
            { name: "tdAttributes", type: "bytes8" },
            { name: "xfam", type: "bytes8" },
          ],
        },
      ],
      measurements,
    )[0],
  ]);
  await registry.write.setWorkload([WORKLOAD, true, 1, 0], asTimelock);
  await registry.write.register([1, quote, 1, key], { account: operator.account });
  await pha.write.approve([staking.address, parseEther("1000000")], { account: operator.account });
  await staking.write.openPool([parseEther("500000"), 1_000, parseEther("10000000")], { account: operator.account });
  const POOL = await staking.read.poolCount();
  await staking.write.addWorker([POOL, enclave.address], { account: operator.account });
  await networkHelpers.time.increase(Number(await staking.read.EPOCH()) + 86_400);
  await staking.write.poke([POOL]);
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
  const accept = async (t: Terms) =>
    gas(await escrow.write.accept([t, enclave.address], { account: operator.account }));
  const deliver = async (t: Terms) => {
    const signature = await sign(t, result, await escrow.read.jobId([t]));
    return gas(await escrow.write.deliver([t, result, signature], { account: operator.account }));
  };
  const release = async (t: Terms) => gas(await escrow.write.release([t], { account: keeper.account }));

  // Warm-up: one long job stays running throughout (the escrow holds deposits, the pool holds reservations, as when
  // many jobs run at once) and one job ends, so that every recipient already has a balance or credit and the pool has
  // a pending settlement (a busy pool between two settlePool calls): the measured job takes its collateral from the
  // ended job's pending collateral (see escrow.acceptReserving for an accept that reserves in Staking).
  const background = { ...(await terms()), deadline: Number((await publicClient.getBlock()).timestamp + 6n * 86_400n) };
  await create(background);
  await accept(background);
  const warm = await terms();
  await create(warm);
  await accept(warm);
  await deliver(warm);
  await networkHelpers.time.increase(HOUR);
  await release(warm);

  const out: Record<string, bigint> = {};
  const job = await terms();
  out["escrow.create"] = await create(job);
  out["escrow.accept"] = await accept(job);
  out["escrow.deliver"] = await deliver(job);
  await networkHelpers.time.increase(HOUR);
  out["escrow.release"] = await release(job);
  out["escrow.lifecycle"] = out["escrow.create"] + out["escrow.accept"] + out["escrow.deliver"] + out["escrow.release"];

  // The pull side of releases: the pool's pending reward and collateral passed to Staking (notifyReward +
  // releaseCollateral, both restricted), the operator's credit withdrawn, the fees booked with it swept.
  out["escrow.settlePool"] = await gas(await escrow.write.settlePool([POOL], { account: keeper.account }));
  out["escrow.withdraw"] = await gas(
    await escrow.write.withdraw([operator.account.address], { account: operator.account }),
  );
  out["escrow.sweepFees"] = await gas(await escrow.write.sweepFees([[]], { account: keeper.account }));
  // accept when the pool has no pending collateral to take over: the collateral is reserved in Staking (restricted).
  const fresh = await terms();
  await create(fresh);
  out["escrow.acceptReserving"] = await accept(fresh);

  // createWithPermit: the payer signs an EIP-2612 permit for the price instead of a standing allowance.
  await pha.write.approve([escrow.address, 0n], { account: payer.account });
  const permitted = await terms();
  const permitDeadline = BigInt(permitted.deadline);
  // The SDK's permit signer (domain read from the token, ERC-5267).
  const { v, r, s } = await signPermit(payer, {
    token: pha.address,
    spender: escrow.address,
    value: PRICE,
    deadline: permitDeadline,
  });
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

  // The timeout slash jailed the worker: after the jail period, it is unjailed (still attested).
  await networkHelpers.time.increase(86_400);
  await staking.write.unjail([enclave.address], { account: operator.account });
  // dispute (payer posts the bond) and resolve (arbiter: worker at fault → refund, bond back, pool slashed).
  const contested = await terms();
  await create(contested);
  await accept(contested);
  await deliver(contested);
  out["escrow.dispute"] = await gas(await escrow.write.dispute([contested], { account: payer.account }));
  out["escrow.resolve"] = await gas(await escrow.write.resolve([contested, true], { account: arbiter.account }));
  return out;
}
