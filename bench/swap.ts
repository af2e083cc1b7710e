/**
 * Swap benchmarks (COMMON protocol): gas of whole transactions against a 100,000-account tree, plus the time the SDK
 * takes to validate and build a 1,000,000-account tree (printed).
 *
 * - swap.claim.bound: route 1, a fresh recipient, the claims-bitmap word already touched by an earlier claim (the
 *   common case once claiming is under way); swap.claim.bound.coldWord: the first claim of a 256-leaf bitmap word.
 * - swap.claim.ecdsa: route 2 with a real secp256k1 key (on-curve check, address check, BLAKE2 F precompile).
 * - swap.claimAndDelegate: route 1 into a pool of the system's Staking (behind its proxy, as deployed), the pool opened
 *   earlier in the same bonding epoch.
 * Deployed as in production: the Swap Ignition module (the system, then the migrator); funded by the bridge.
 */
import { network } from "hardhat";
import {
  type Address,
  bytesToHex,
  createWalletClient,
  custom,
  type Hex,
  keccak256,
  parseEther,
  toHex,
  zeroAddress,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import SwapModule from "../deploy/modules/Swap.ts";
import { loadParameters } from "../deploy/parameters.ts";
import { compressedKeyAccountId, uncompressedXY } from "../packages/sdk/src/swap/account.ts";
import { type SnapshotEntry, type SnapshotRow, validateSnapshot } from "../packages/sdk/src/swap/snapshot.ts";
import { encodeSs58 } from "../packages/sdk/src/swap/ss58.ts";
import { buildSwapTree } from "../packages/sdk/src/swap/tree.ts";

const BRIDGE = "0x4200000000000000000000000000000000000010" as const;
const ACCOUNTS = 100_000;

function syntheticEntries(n: number): SnapshotEntry[] {
  const out: SnapshotEntry[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const id = keccak256(toHex(i, { size: 32 }));
    out[i] = {
      accountId: id,
      boundEvmAddress: `0x${id.slice(26)}` as Address,
      plancks: 1_000_000_000_000n + BigInt(i),
    };
  }
  return out;
}

/** Validates and builds a snapshot of `n` accounts (half SS58, half hex, two thirds bound); returns seconds. */
export async function timeTreeBuild(n: number): Promise<{ validate: number; build: number }> {
  const rows: SnapshotRow[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const id = keccak256(toHex(i, { size: 32 }));
    rows[i] = {
      account: i % 2 ? encodeSs58(id, 30) : id,
      plancks: String(1_000_000_000_000 + i),
      boundEvmAddress: i % 3 ? `0x${id.slice(26)}` : "",
    };
  }
  const t0 = performance.now();
  const v = await validateSnapshot(rows, { ss58Prefix: 30 });
  const t1 = performance.now();
  await buildSwapTree(v.entries);
  const t2 = performance.now();
  return { validate: (t1 - t0) / 1000, build: (t2 - t1) / 1000 };
}

export async function run(): Promise<Record<string, bigint>> {
  const connection = await network.create();
  const { viem } = connection;
  const publicClient = await viem.getPublicClient();
  const testClient = await viem.getTestClient();
  const [governance, relayer] = await viem.getWalletClients();

  // A fixed key: the tree (hence every proof and the calldata's zero bytes) and so every figure are reproducible.
  const holder = privateKeyToAccount(keccak256(toHex("swap bench holder")));
  await testClient.setBalance({ address: holder.address, value: parseEther("1") });
  const holderWallet = createWalletClient({
    account: holder,
    chain: publicClient.chain,
    transport: custom(connection.provider),
  });

  const entries = syntheticEntries(ACCOUNTS - 1);
  entries.push({
    accountId: compressedKeyAccountId(holder.publicKey),
    boundEvmAddress: zeroAddress,
    plancks: 5_000_000_000_000n,
  });
  const tree = await buildSwapTree(entries);

  const deadline = (await publicClient.getBlock()).timestamp + 365n * 86400n;
  const { migrator, pha, staking } = await connection.ignition.deploy(SwapModule, {
    parameters: {
      ...loadParameters("localOp"),
      Swap: { merkleRoot: tree.root, claimDeadline: deadline, snapshotTotalPlancks: tree.totalPlancks },
    },
  });
  await testClient.impersonateAccount({ address: BRIDGE });
  await testClient.setBalance({ address: BRIDGE, value: parseEther("1") });
  const bridge = await viem.getWalletClient(BRIDGE);
  await pha.write.mint([migrator.address, tree.totalPlancks * 10n ** 6n], { account: bridge.account });
  const selfStake = parseEther("10000");
  await pha.write.mint([governance.account.address, selfStake], { account: bridge.account });
  await pha.write.approve([staking.address, selfStake], { account: governance.account });
  await staking.write.openPool([selfStake, 1000, parseEther("100000000")], { account: governance.account });
  const poolId = await staking.read.poolCount();

  const gasOf = async (hash: Hex) => (await publicClient.waitForTransactionReceipt({ hash })).gasUsed;
  const bound = (index: number) => {
    const c = tree.getClaim(tree.leaf(index).accountId)!;
    return [BigInt(c.index), c.accountId, c.boundEvmAddress, c.plancks, c.proof] as const;
  };
  // Find bound leaves: two sharing a bitmap word (indices 256k and 256k+1) and one alone in its word.
  const isBound = (i: number) => tree.leaf(i).boundEvmAddress !== zeroAddress;
  let w = 512;
  while (!(isBound(w) && isBound(w + 1) && isBound(w + 2))) w += 256;
  const coldWord = await gasOf(await migrator.write.claim(bound(w), { account: relayer.account }));
  const warmWord = await gasOf(await migrator.write.claim(bound(w + 1), { account: relayer.account }));

  const ecdsa = tree.getClaim(compressedKeyAccountId(holder.publicKey))!;
  // Touch the ECDSA leaf's bitmap word first so it is measured like the bound claim.
  let n = Math.floor(ecdsa.index / 256) * 256;
  while (n === ecdsa.index || !isBound(n)) n++;
  await migrator.write.claim(bound(n), { account: relayer.account });
  const ecdsaGas = await gasOf(
    await holderWallet.writeContract({
      address: migrator.address,
      abi: migrator.abi,
      functionName: "claimWithPublicKey",
      args: [BigInt(ecdsa.index), bytesToHex(uncompressedXY(holder.publicKey)), ecdsa.plancks, ecdsa.proof],
    }),
  );

  const d = tree.leaf(w + 2);
  await testClient.impersonateAccount({ address: d.boundEvmAddress });
  await testClient.setBalance({ address: d.boundEvmAddress, value: parseEther("1") });
  const owner = await viem.getWalletClient(d.boundEvmAddress);
  const delegateGas = await gasOf(
    await migrator.write.claimAndDelegate([...bound(w + 2), poolId], { account: owner.account }),
  );

  const { validate, build } = await timeTreeBuild(1_000_000);
  console.log(
    `swap: 1,000,000-account snapshot validated in ${validate.toFixed(1)} s and tree built in ${build.toFixed(1)} s ` +
      `(total ${(validate + build).toFixed(1)} s; proof depth ${tree.getProof(0).length} at 100k)`,
  );
  return {
    "swap.claim.bound": warmWord,
    "swap.claim.bound.coldWord": coldWord,
    "swap.claim.ecdsa": ecdsaGas,
    "swap.claimAndDelegate": delegateGas,
  };
}
