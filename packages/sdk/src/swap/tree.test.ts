import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { type Address, bytesToHex, type Hex, keccak256, zeroAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { compressedKeyAccountId, publicKeyAddress, transparentAccountId } from "./account.ts";
import type { SnapshotEntry } from "./snapshot.ts";
import { encodeSs58 } from "./ss58.ts";
import {
  buildSwapTree,
  claimFromShard,
  processSwapProof,
  shardOf,
  swapLeafEncoding,
  swapProofShards,
  swapTreeManifest,
} from "./tree.ts";

function entries(n: number, seed = 1): SnapshotEntry[] {
  const out: SnapshotEntry[] = [];
  for (let i = 0; i < n; i++) {
    const h = keccak256(`0x${(seed * 1_000_003 + i).toString(16).padStart(8, "0")}`);
    out.push({
      accountId: h,
      boundEvmAddress: i % 3 === 0 ? zeroAddress : (`0x${h.slice(26)}` as Address),
      plancks: BigInt(`0x${h.slice(2, 20)}`) + 1n,
    });
  }
  return out;
}

describe("buildSwapTree", () => {
  it("builds exactly the StandardMerkleTree (root and every proof) for sizes 1..257", async () => {
    for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 16, 31, 100, 257]) {
      const tree = await buildSwapTree(entries(n, n));
      const oz = StandardMerkleTree.of(
        tree.leaves.map((l) => [l.index, l.accountId, l.boundEvmAddress, l.plancks]),
        [...swapLeafEncoding],
      );
      expect(tree.root).toBe(oz.root);
      for (const [i, v] of oz.entries()) {
        expect(tree.getProof(Number(v[0]))).toEqual(oz.getProof(i));
      }
    }
  });

  it("assigns indices by AccountId32 whatever the input order, and proofs verify", async () => {
    const e = entries(50);
    const a = await buildSwapTree(e);
    const b = await buildSwapTree([...e].reverse());
    expect(a.root).toBe(b.root);
    const ids = a.leaves.map((l) => l.accountId);
    expect(ids).toEqual([...ids].sort());
    for (const leaf of a.leaves) {
      const claim = a.getClaim(leaf.accountId);
      expect(claim?.index).toBe(leaf.index);
      expect(processSwapProof(claim!)).toBe(a.root);
      expect(processSwapProof({ ...claim!, plancks: claim!.plancks + 1n })).not.toBe(a.root);
    }
    expect(a.totalPlancks).toBe(e.reduce((s, x) => s + x.plancks, 0n));
  });

  it("refuses duplicates and empty input", async () => {
    const e = entries(3);
    await expect(buildSwapTree([...e, e[1]])).rejects.toThrow(/Duplicate/);
    await expect(buildSwapTree([])).rejects.toThrow(/without entries/);
  });

  it("shards proofs so every account is found in exactly its shard", async () => {
    const tree = await buildSwapTree(entries(5000));
    const m = swapTreeManifest(tree);
    expect(m.shardPrefixLength).toBe(1);
    expect(m.totalWei).toBe((tree.totalPlancks * 10n ** 6n).toString());
    let seen = 0;
    for (const { shard, claims } of swapProofShards(tree)) {
      for (const id of Object.keys(claims)) {
        expect(shardOf(id as Hex, m.shardPrefixLength)).toBe(shard);
        const c = claimFromShard(claims, id as Hex)!;
        expect(processSwapProof(c)).toBe(tree.root);
        seen++;
      }
    }
    expect(seen).toBe(5000);
  });
});

describe("account mapping", () => {
  it("matches Phala's EVM account mapping vectors", () => {
    // phala-blockchain frontend/packages/sdk/tests/utils/addressConverter.test.ts
    const account = privateKeyToAccount("0x415ac5b1b9c3742f85f2536b1eb60a03bf64a590ea896b087182f9c92f41ea12");
    expect(account.publicKey).toBe(
      "0x047cf2fa7bfe66adad4149481ff86794ce7e1ab2f7ed615ad3918f91581d2c00f1b78639ed0e27ac2990496f3459b2c09ea4d5b3322a0ce7da7ec1fd86f069854c",
    );
    expect(encodeSs58(compressedKeyAccountId(account.publicKey), 42)).toBe(
      "5DT96geTS2iLpkH8fAhYAAphNpxddKCV36s5ShVFavf1xQiF",
    );
    expect(publicKeyAddress(account.publicKey)).toBe(account.address.toLowerCase());
    const transparent = transparentAccountId("0x77bb3d64ea13e4f0beafdd5d92508d4643bb09cb");
    expect(transparent).toBe("0x77bb3d64ea13e4f0beafdd5d92508d4643bb09cb4065766d5f61646472657373");
    expect(encodeSs58(transparent, 42)).toBe("5EmhBEe8vsSfqYseKctWsaQqNKCF9FFao6Mqa9hNfcdF25oE");
    expect(bytesToHex(new TextEncoder().encode("@evm_address"))).toBe("0x4065766d5f61646472657373");
  });
});
