/**
 * PHAMigrator end to end on EDR (chainType "op"): real trees from @openzeppelin/merkle-tree and the SDK's builder
 * (same root), real secp256k1 keys, the real BLAKE2 F precompile, PHA minted by the bridge, every claim route.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { network } from "hardhat";
import {
  type Address,
  bytesToHex,
  createWalletClient,
  custom,
  type Hex,
  parseEther,
  toFunctionSelector,
  zeroAddress,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { compressedKeyAccountId, transparentAccountId, uncompressedXY } from "../../packages/sdk/src/swap/account.ts";
import { validateSnapshot } from "../../packages/sdk/src/swap/snapshot.ts";
import { encodeSs58 } from "../../packages/sdk/src/swap/ss58.ts";
import { buildSwapTree, swapLeafEncoding } from "../../packages/sdk/src/swap/tree.ts";

const BRIDGE = "0x4200000000000000000000000000000000000010" as const;
const L1_PHA = "0x6c5bA91642F10282b576d91922Ae6448C9d52f4E" as const;

async function setup() {
  const connection = await network.create();
  const { viem } = connection;
  const publicClient = await viem.getPublicClient();
  const testClient = await viem.getTestClient();
  const [governance, alice, stranger] = await viem.getWalletClients();

  const ecdsaKey = generatePrivateKey();
  const ecdsa = privateKeyToAccount(ecdsaKey);
  const transparentKey = generatePrivateKey();
  const transparent = privateKeyToAccount(transparentKey);
  const wallet = (account: ReturnType<typeof privateKeyToAccount>) =>
    createWalletClient({ account, chain: publicClient.chain, transport: custom(connection.provider) });
  for (const a of [ecdsa.address, transparent.address])
    await testClient.setBalance({ address: a, value: parseEther("1") });

  const snapshot = [
    {
      account: encodeSs58(`0x${"a1".repeat(32)}`, 30),
      plancks: "123456789012345",
      boundEvmAddress: alice.account.address,
    },
    { account: compressedKeyAccountId(ecdsa.publicKey), plancks: "5000000000000" },
    { account: transparentAccountId(transparent.address), plancks: "42" },
    { account: encodeSs58(`0x${"b2".repeat(32)}`, 30), plancks: "7000000000000" },
  ];
  const { entries, totalPlancks, issues } = await validateSnapshot(snapshot, { ss58Prefix: 30 });
  assert.deepEqual(issues, []);
  const tree = await buildSwapTree(entries);
  const oz = StandardMerkleTree.of(
    tree.leaves.map((l) => [l.index, l.accountId, l.boundEvmAddress, l.plancks]),
    [...swapLeafEncoding],
  );
  assert.equal(tree.root, oz.root);

  const manager = await viem.deployContract("AccessManager", [governance.account.address]);
  const pha = await viem.deployContract("PHA", [L1_PHA, BRIDGE]);
  const staking = await viem.deployContract("StakingHooksDouble", [pha.address, 3n]);
  const latest = await publicClient.getBlock();
  const deadline = latest.timestamp + 30n * 86400n;
  const migrator = await viem.deployContract("PHAMigrator", [
    manager.address,
    pha.address,
    staking.address,
    governance.account.address,
    tree.root,
    deadline,
    totalPlancks,
  ]);
  await testClient.impersonateAccount({ address: BRIDGE });
  await testClient.setBalance({ address: BRIDGE, value: parseEther("1") });
  const bridge = await viem.getWalletClient(BRIDGE);
  await pha.write.mint([migrator.address, totalPlancks * 10n ** 6n], { account: bridge.account });

  const claimOf = (accountId: Hex) => {
    const c = tree.getClaim(accountId);
    assert.ok(c);
    // The SDK proof is the OZ proof.
    for (const [i, v] of oz.entries()) if (v[0] === c.index) assert.deepEqual(c.proof, oz.getProof(i));
    return c;
  };
  return {
    viem,
    publicClient,
    testClient,
    governance,
    alice,
    stranger,
    ecdsa,
    transparent,
    wallet,
    tree,
    manager,
    pha,
    staking,
    migrator,
    deadline,
    claimOf,
    totalPlancks,
  };
}

describe("PHAMigrator e2e", () => {
  let s: Awaited<ReturnType<typeof setup>>;
  before(async () => {
    s = await setup();
  });

  it("derives AccountId32 on-chain (BLAKE2 F precompile) exactly as the SDK does, for random keys", async () => {
    for (let i = 0; i < 8; i++) {
      const a = privateKeyToAccount(generatePrivateKey());
      const xy = bytesToHex(uncompressedXY(a.publicKey));
      assert.equal(await s.migrator.read.accountIdOf([xy, zeroAddress]), compressedKeyAccountId(a.publicKey));
      assert.equal(await s.migrator.read.accountIdOf(["0x", a.address]), transparentAccountId(a.address));
    }
  });

  it("route 1: a stranger submits, the bound address is paid plancks x 1e6", async () => {
    const c = s.claimOf(`0x${"a1".repeat(32)}`);
    await s.migrator.write.claim([BigInt(c.index), c.accountId, c.boundEvmAddress, c.plancks, c.proof], {
      account: s.stranger.account,
    });
    assert.equal(await s.pha.read.balanceOf([s.alice.account.address]), 123456789012345n * 10n ** 6n);
    assert.equal(await s.pha.read.balanceOf([s.stranger.account.address]), 0n);
    assert.equal(await s.migrator.read.isClaimed([BigInt(c.index)]), true);
    await assert.rejects(
      s.migrator.simulate.claim([BigInt(c.index), c.accountId, c.boundEvmAddress, c.plancks, c.proof]),
      /PHAMigratorAlreadyClaimed/,
    );
  });

  it("route 2: the ECDSA key holder shows its public key and is paid; another caller is refused", async () => {
    const c = s.claimOf(compressedKeyAccountId(s.ecdsa.publicKey));
    const xy = bytesToHex(uncompressedXY(s.ecdsa.publicKey));
    await assert.rejects(
      s.migrator.simulate.claimWithPublicKey([BigInt(c.index), xy, c.plancks, c.proof], {
        account: s.stranger.account.address,
      }),
      /PHAMigratorPublicKeyNotCaller/,
    );
    await assert.rejects(
      s.migrator.simulate.claimWithPublicKey([BigInt(c.index), xy, c.plancks + 1n, c.proof], {
        account: s.ecdsa.address,
      }),
      /PHAMigratorInvalidProof/,
    );
    const w = s.wallet(s.ecdsa);
    const hash = await w.writeContract({
      address: s.migrator.address,
      abi: s.migrator.abi,
      functionName: "claimWithPublicKey",
      args: [BigInt(c.index), xy, c.plancks, c.proof],
    });
    await s.publicClient.waitForTransactionReceipt({ hash });
    assert.equal(await s.pha.read.balanceOf([s.ecdsa.address]), 5_000_000_000_000n * 10n ** 6n);
  });

  it("route 2 into staking: the transparent-mapped holder claims and delegates in one transaction", async () => {
    const c = s.claimOf(transparentAccountId(s.transparent.address));
    const w = s.wallet(s.transparent);
    const hash = await w.writeContract({
      address: s.migrator.address,
      abi: s.migrator.abi,
      functionName: "claimWithPublicKeyAndDelegate",
      args: [BigInt(c.index), "0x", c.plancks, c.proof, 2n],
    });
    await s.publicClient.waitForTransactionReceipt({ hash });
    assert.equal(await s.staking.read.sharesOf([2n, s.transparent.address]), 42n * 10n ** 6n);
    assert.equal(await s.pha.read.balanceOf([s.transparent.address]), 0n);
  });

  it("the unbound sr25519 leaf has no route; after the deadline governance sweeps it to the treasury", async () => {
    const c = s.claimOf(`0x${"b2".repeat(32)}`);
    await assert.rejects(
      s.migrator.simulate.claim([BigInt(c.index), c.accountId, zeroAddress, c.plancks, c.proof]),
      /PHAMigratorNotBound/,
    );
    await assert.rejects(
      s.migrator.simulate.sweep({ account: s.governance.account.address }),
      /PHAMigratorClaimPeriodNotEnded/,
    );
    await s.testClient.setNextBlockTimestamp({ timestamp: s.deadline });
    await s.testClient.mine({ blocks: 1 });
    await assert.rejects(
      s.migrator.simulate.sweep({ account: s.stranger.account.address }),
      /AccessManagedUnauthorized/,
    );
    const before = await s.pha.read.balanceOf([s.governance.account.address as Address]);
    await s.migrator.write.sweep({ account: s.governance.account });
    const after = await s.pha.read.balanceOf([s.governance.account.address as Address]);
    assert.equal(after - before, 7_000_000_000_000n * 10n ** 6n);
    assert.equal(await s.pha.read.balanceOf([s.migrator.address]), 0n);
  });
});

describe("PHAMigrator deployment (Ignition) and SDK actions", () => {
  it("deploys on the system, is activated by the governance proposal, and the SDK claims through the right route", async () => {
    const { default: SwapModule } = await import("../../deploy/modules/Swap.ts");
    const { loadParameters } = await import("../../deploy/parameters.ts");
    const { claim, claimAndDelegate, isClaimed, swapActivationProposal, Roles } = await import(
      "../../packages/sdk/src/index.ts"
    );
    const connection = await network.create();
    const { viem, ignition } = connection;
    const publicClient = await viem.getPublicClient();
    const testClient = await viem.getTestClient();
    const [deployer, alice, bob] = await viem.getWalletClients();
    const holder = privateKeyToAccount(generatePrivateKey());
    await testClient.setBalance({ address: holder.address, value: parseEther("1") });

    const { entries, totalPlancks } = await validateSnapshot([
      { account: `0x${"c3".repeat(32)}`, plancks: "1000", boundEvmAddress: alice.account.address },
      { account: `0x${"d4".repeat(32)}`, plancks: "2000000000000000", boundEvmAddress: bob.account.address },
      { account: compressedKeyAccountId(holder.publicKey), plancks: "3000" },
    ]);
    const tree = await buildSwapTree(entries);
    const deadline = (await publicClient.getBlock()).timestamp + 86400n;
    const { migrator, pha, timelock, manager, staking } = await ignition.deploy(SwapModule, {
      parameters: {
        ...loadParameters("localOp"),
        Swap: { merkleRoot: tree.root, claimDeadline: deadline, snapshotTotalPlancks: totalPlancks },
      },
    });
    assert.equal((await migrator.read.treasury()).toLowerCase(), timelock.address.toLowerCase());
    assert.equal((await migrator.read.staking()).toLowerCase(), staking.address.toLowerCase());

    // Activation is a governance proposal; the timelock runs its calls (as an executed proposal would).
    await testClient.impersonateAccount({ address: BRIDGE });
    await testClient.setBalance({ address: BRIDGE, value: parseEther("1") });
    const bridge = await viem.getWalletClient(BRIDGE);
    await pha.write.mint([timelock.address, totalPlancks * 10n ** 6n], { account: bridge.account });
    const proposal = swapActivationProposal({
      migrator: migrator.address,
      pha: pha.address,
      manager: manager.address,
      snapshotTotalPlancks: await migrator.read.snapshotTotalPlancks(),
    });
    await testClient.impersonateAccount({ address: timelock.address });
    await testClient.setBalance({ address: timelock.address, value: parseEther("1") });
    for (let i = 0; i < proposal.targets.length; i++) {
      const hash = await deployer.sendTransaction({
        account: timelock.address,
        to: proposal.targets[i],
        data: proposal.calldatas[i],
      });
      assert.equal((await publicClient.waitForTransactionReceipt({ hash })).status, "success");
    }
    assert.equal(await pha.read.balanceOf([migrator.address]), totalPlancks * 10n ** 6n);
    assert.equal(
      await manager.read.getTargetFunctionRole([migrator.address, toFunctionSelector("halt()")]),
      Roles.GUARDIAN,
    );

    // Bound leaf, sent by someone else: alice is paid.
    const a = tree.getClaim(`0x${"c3".repeat(32)}`)!;
    const h1 = await claim(deployer, { migrator: migrator.address, claim: a });
    await publicClient.waitForTransactionReceipt({ hash: h1 });
    assert.equal(await pha.read.balanceOf([alice.account.address]), 1000n * 10n ** 6n);
    assert.equal(await isClaimed(publicClient, { migrator: migrator.address, index: a.index }), true);
    // Key leaf: the holder's public key picks claimWithPublicKey; without it the SDK explains what is missing.
    const k = tree.getClaim(compressedKeyAccountId(holder.publicKey))!;
    const w = createWalletClient({
      account: holder,
      chain: publicClient.chain,
      transport: custom(connection.provider),
    });
    await assert.rejects(claim(w, { migrator: migrator.address, claim: k }), /public key/);
    const h2 = await claim(w, { migrator: migrator.address, claim: k, publicKey: holder.publicKey });
    await publicClient.waitForTransactionReceipt({ hash: h2 });
    assert.equal(await pha.read.balanceOf([holder.address]), 3000n * 10n ** 6n);
    // Claim-to-stake by a stranger for bob's bound leaf is refused with the typed error, before any gas.
    const b = tree.getClaim(`0x${"d4".repeat(32)}`)!;
    await assert.rejects(
      claimAndDelegate(deployer, { migrator: migrator.address, claim: b, poolId: 1n }),
      /PHAMigratorCallerNotBoundAddress/,
    );
    // bob claims his 2,000 PHA straight into a real Staking pool (the system's, behind its proxy).
    const selfStake = parseEther("10000");
    await pha.write.mint([deployer.account.address, selfStake], { account: bridge.account });
    await pha.write.approve([staking.address, selfStake]);
    await publicClient.waitForTransactionReceipt({
      hash: await staking.write.openPool([selfStake, 1000, parseEther("1000000")]),
    });
    const poolId = await staking.read.poolCount();
    const h3 = await claimAndDelegate(bob, { migrator: migrator.address, claim: b, poolId });
    await publicClient.waitForTransactionReceipt({ hash: h3 });
    const position = await staking.read.delegation([poolId, bob.account.address]);
    assert.equal(position.bonding, parseEther("2000"));
    assert.equal(await pha.read.balanceOf([bob.account.address]), 0n);
    assert.equal(await pha.read.balanceOf([migrator.address]), 0n);
  });
});
