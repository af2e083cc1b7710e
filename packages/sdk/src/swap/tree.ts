import { keccak_256 } from "@noble/hashes/sha3.js";
import { type Address, bytesToHex, getAddress, type Hex, hexToBytes } from "viem";
import { bulkHashers, hexInto } from "./hashing.ts";
import type { SnapshotEntry } from "./snapshot.ts";

/**
 * Leaf encoding shared with `PHAMigrator` and `@openzeppelin/merkle-tree`'s `StandardMerkleTree`:
 * `keccak256(keccak256(abi.encode(uint256 index, bytes32 accountId, address boundEvmAddress, uint256 plancks)))`.
 */
export const swapLeafEncoding = ["uint256", "bytes32", "address", "uint256"] as const;

/** A leaf of the swap tree. `index` selects the claims-bitmap bit: the rank of `accountId` in ascending order. */
export type SwapLeaf = { index: number; accountId: Hex; boundEvmAddress: Address; plancks: bigint };

/** A claim as a website or the CLI needs it: the leaf plus its proof. */
export type SwapClaim = SwapLeaf & { proof: Hex[] };

function writeUint256(buf: Uint8Array, offset: number, value: bigint): void {
  for (let i = 31; i >= 0 && value > 0n; i--) {
    buf[offset + i] = Number(value & 0xffn);
    value >>= 8n;
  }
}

/** The StandardMerkleTree leaf hash of a swap leaf. */
export function swapLeafHash(leaf: Omit<SwapLeaf, "index"> & { index: number | bigint }): Uint8Array {
  const buf = new Uint8Array(128);
  writeUint256(buf, 0, BigInt(leaf.index));
  buf.set(hexToBytes(leaf.accountId), 32);
  buf.set(hexToBytes(leaf.boundEvmAddress), 76);
  writeUint256(buf, 96, leaf.plancks);
  return keccak_256(keccak_256(buf));
}

function compareAt(a: Uint8Array, ia: number, b: Uint8Array, ib: number): number {
  for (let k = 0; k < 32; k++) {
    const d = a[ia + k] - b[ib + k];
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Indices 0..n-1 ordered by the 32-byte words `data[32i..32i+32)`. Sorts numeric keys (first 32 bits × 2^21 + index,
 * exact in a double for n ≤ 2^21) with the native numeric sort, then orders the rare runs that share their first 32
 * bits with a full comparison: several times faster than a comparator sort over a million entries.
 */
function orderByWord(data: Uint8Array, n: number): Int32Array {
  if (n > 1 << 21) throw new Error(`Too many leaves (${n} > 2^21).`);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = 32 * i;
    const prefix = ((data[o] << 24) >>> 0) + (data[o + 1] << 16) + (data[o + 2] << 8) + data[o + 3];
    keys[i] = prefix * 2097152 + i;
  }
  keys.sort();
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = keys[i] % 2097152;
  // Fix up runs with an equal 32-bit prefix (insertion sort on the full word).
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && Math.floor(keys[i] / 2097152) === Math.floor(keys[start] / 2097152)) continue;
    for (let a = start + 1; a < i; a++) {
      const v = order[a];
      let b = a - 1;
      while (b >= start && compareAt(data, 32 * order[b], data, 32 * v) > 0) {
        order[b + 1] = order[b];
        b--;
      }
      order[b + 1] = v;
    }
    start = i;
  }
  return order;
}

/**
 * The swap Merkle tree: node for node the tree `StandardMerkleTree.of(values, swapLeafEncoding)` builds (leaves sorted
 * by hash, complete binary tree in an array, sorted-pair keccak256), computed on flat byte arrays so that a million
 * accounts build in seconds.
 */
export class SwapTree {
  readonly totalPlancks: bigint;
  /** Entries in index order (ascending AccountId32). */
  private readonly sorted: readonly SnapshotEntry[];
  /** Sorted AccountId32s, 32 bytes each, for lookups by binary search. */
  private readonly accounts: Uint8Array;
  /** (2n - 1) × 32 bytes: node i at [32i, 32i + 32). */
  private readonly nodes: Uint8Array;
  /** Tree position of the leaf with a given index. */
  private readonly position: Int32Array;
  private materialized: SwapLeaf[] | undefined;

  constructor(
    sorted: readonly SnapshotEntry[],
    accounts: Uint8Array,
    nodes: Uint8Array,
    position: Int32Array,
    total: bigint,
  ) {
    this.sorted = sorted;
    this.accounts = accounts;
    this.nodes = nodes;
    this.position = position;
    this.totalPlancks = total;
  }

  get root(): Hex {
    return bytesToHex(this.nodes.subarray(0, 32));
  }

  get length(): number {
    return this.sorted.length;
  }

  /** The leaf with `index`. */
  leaf(index: number): SwapLeaf {
    const e = this.sorted[index];
    if (e === undefined) throw new Error(`No leaf with index ${index}.`);
    return {
      index,
      accountId: e.accountId.toLowerCase() as Hex,
      boundEvmAddress: getAddress(e.boundEvmAddress),
      plancks: e.plancks,
    };
  }

  /** All leaves by index (materialized on first use). */
  get leaves(): readonly SwapLeaf[] {
    this.materialized ??= this.sorted.map((_, i) => this.leaf(i));
    return this.materialized;
  }

  /** The proof of the leaf with `index`, leaf-to-root order (OZ `MerkleProof.verify`). */
  getProof(index: number): Hex[] {
    let i = this.position[index];
    if (i === undefined) throw new Error(`No leaf with index ${index}.`);
    const proof: Hex[] = [];
    while (i > 0) {
      const s = i % 2 === 1 ? i + 1 : i - 1;
      proof.push(bytesToHex(this.nodes.subarray(32 * s, 32 * s + 32)));
      i = (i - 1) >> 1;
    }
    return proof;
  }

  /** The index of `accountId` (32-byte hex), or -1. */
  indexOf(accountId: Hex): number {
    const key = new Uint8Array(32);
    if (accountId.length !== 66 || !hexInto(accountId, key, 0)) return -1;
    let lo = 0;
    let hi = this.sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = compareAt(this.accounts, 32 * mid, key, 0);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The claim of `accountId` (32-byte hex), or undefined if it is not in the snapshot. */
  getClaim(accountId: Hex): SwapClaim | undefined {
    const index = this.indexOf(accountId);
    if (index < 0) return undefined;
    return { ...this.leaf(index), proof: this.getProof(index) };
  }
}

/** Recomputes the root from a claim (what `PHAMigrator` checks on-chain). */
export function processSwapProof(claim: SwapClaim): Hex {
  let node = swapLeafHash(claim);
  const pair = new Uint8Array(64);
  for (const p of claim.proof) {
    const sibling = hexToBytes(p);
    if (compareAt(node, 0, sibling, 0) <= 0) {
      pair.set(node, 0);
      pair.set(sibling, 32);
    } else {
      pair.set(sibling, 0);
      pair.set(node, 32);
    }
    node = keccak_256(pair);
  }
  return bytesToHex(node);
}

/**
 * Builds the swap tree from validated entries. Indices are assigned by ascending AccountId32, so the same snapshot
 * always gives the same root whatever the input order.
 */
export async function buildSwapTree(entries: readonly SnapshotEntry[]): Promise<SwapTree> {
  const n = entries.length;
  if (n === 0) throw new Error("Cannot build a tree without entries.");
  const { keccak256 } = await bulkHashers();
  // Parse every AccountId32 once, then order by bytes (much faster than comparing strings).
  const raw = new Uint8Array(32 * n);
  for (let i = 0; i < n; i++) {
    const id = entries[i].accountId;
    if (id.length !== 66 || !hexInto(id, raw, 32 * i)) throw new Error(`Malformed AccountId32 ${id}.`);
  }
  const byAccount = orderByWord(raw, n);
  const sorted: SnapshotEntry[] = new Array(n);
  const accounts = new Uint8Array(32 * n);
  const hashes = new Uint8Array(32 * n);
  const buf = new Uint8Array(128);
  let total = 0n;
  for (let i = 0; i < n; i++) {
    const src = byAccount[i];
    if (i > 0 && compareAt(raw, 32 * src, raw, 32 * byAccount[i - 1]) === 0) {
      throw new Error(`Duplicate account ${entries[src].accountId}.`);
    }
    const e = entries[src];
    sorted[i] = e;
    total += e.plancks;
    // abi.encode(uint256 index, bytes32 accountId, address bound, uint256 plancks)
    buf.fill(0);
    buf[28] = i >>> 24;
    buf[29] = (i >>> 16) & 0xff;
    buf[30] = (i >>> 8) & 0xff;
    buf[31] = i & 0xff;
    for (let k = 0, o = 32 * src, d = 32 * i; k < 32; k++) {
      accounts[d + k] = raw[o + k];
      buf[32 + k] = raw[o + k];
    }
    if (e.boundEvmAddress.length !== 42 || !hexInto(e.boundEvmAddress, buf, 76)) {
      throw new Error(`Malformed bound address ${e.boundEvmAddress}.`);
    }
    const p = e.plancks;
    if (p < 0n || p >= 1n << 256n) throw new Error(`Amount out of range: ${p}.`);
    if (p <= 9007199254740991n) {
      // Fast path below 2^53 (every real balance): bytes straight from the number.
      let v = Number(p);
      for (let k = 127; v > 0; k--) {
        buf[k] = v % 256;
        v = Math.floor(v / 256);
      }
    } else {
      const hx = p.toString(16);
      const padded = hx.length % 2 === 0 ? `0x${hx}` : `0x0${hx}`;
      hexInto(padded, buf, 128 - (padded.length - 2) / 2);
    }
    hashes.set(keccak256(keccak256(buf)), 32 * i);
  }
  // StandardMerkleTree sorts leaf hashes ascending and puts the k-th smallest at tree position (2n - 2 - k).
  const order = orderByWord(hashes, n);
  const size = 2 * n - 1;
  const nodes = new Uint8Array(32 * size);
  const position = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const pos = size - 1 - k;
    const leaf = order[k];
    nodes.set(hashes.subarray(32 * leaf, 32 * leaf + 32), 32 * pos);
    position[leaf] = pos;
  }
  const pair = new Uint8Array(64);
  for (let i = size - 1 - n; i >= 0; i--) {
    const l = 32 * (2 * i + 1);
    const r = 32 * (2 * i + 2);
    if (compareAt(nodes, l, nodes, r) <= 0) {
      pair.set(nodes.subarray(l, l + 32), 0);
      pair.set(nodes.subarray(r, r + 32), 32);
    } else {
      pair.set(nodes.subarray(r, r + 32), 0);
      pair.set(nodes.subarray(l, l + 32), 32);
    }
    nodes.set(keccak256(pair), 32 * i);
  }
  return new SwapTree(sorted, accounts, nodes, position, total);
}

/** The summary a deployment needs (`root`, `totalPlancks`) plus how proofs are sharded. */
export type SwapTreeManifest = {
  root: Hex;
  totalPlancks: string;
  totalWei: string;
  count: number;
  leafEncoding: typeof swapLeafEncoding;
  /** Proof shards are keyed by the first `shardPrefixLength` hex digits of the AccountId32 (after 0x). */
  shardPrefixLength: number;
};

/** A proofs shard: AccountId32 → claim (amounts as decimal strings). */
export type SwapProofShard = Record<string, { index: number; boundEvmAddress: Address; plancks: string; proof: Hex[] }>;

/** Shard prefix length giving ~≤ 512 claims per shard (a website fetches one small file per lookup). */
export function shardPrefixLength(count: number): number {
  let len = 0;
  while (count / 16 ** len > 512 && len < 6) len++;
  return len;
}

export function swapTreeManifest(tree: SwapTree): SwapTreeManifest {
  return {
    root: tree.root,
    totalPlancks: tree.totalPlancks.toString(),
    totalWei: (tree.totalPlancks * 10n ** 6n).toString(),
    count: tree.length,
    leafEncoding: swapLeafEncoding,
    shardPrefixLength: shardPrefixLength(tree.length),
  };
}

/** The shard name an AccountId32 falls in (`""` when there is a single shard). */
export function shardOf(accountId: Hex, prefixLength: number): string {
  return accountId.slice(2, 2 + prefixLength).toLowerCase();
}

/**
 * Yields the proofs shards of `tree` (leaves are sorted by AccountId32, so each shard is a contiguous run), one at a
 * time to keep memory flat for a million accounts.
 */
export function* swapProofShards(tree: SwapTree): Generator<{ shard: string; claims: SwapProofShard }> {
  const len = shardPrefixLength(tree.length);
  let current: string | undefined;
  let claims: SwapProofShard = {};
  for (let i = 0; i < tree.length; i++) {
    const leaf = tree.leaf(i);
    const shard = shardOf(leaf.accountId, len);
    if (current !== undefined && shard !== current) {
      yield { shard: current, claims };
      claims = {};
    }
    current = shard;
    claims[leaf.accountId] = {
      index: leaf.index,
      boundEvmAddress: leaf.boundEvmAddress,
      plancks: leaf.plancks.toString(),
      proof: tree.getProof(leaf.index),
    };
  }
  if (current !== undefined) yield { shard: current, claims };
}

/** Reads one claim back from a shard (as fetched by a website). */
export function claimFromShard(shard: SwapProofShard, accountId: Hex): SwapClaim | undefined {
  const c = shard[accountId.toLowerCase()];
  if (!c) return undefined;
  return {
    index: c.index,
    accountId: accountId.toLowerCase() as Hex,
    boundEvmAddress: c.boundEvmAddress,
    plancks: BigInt(c.plancks),
    proof: c.proof,
  };
}
