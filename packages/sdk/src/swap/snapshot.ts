import { type Address, type Hex, zeroAddress } from "viem";
import { type BulkHashers, bulkHashers } from "./hashing.ts";
import { decodeSs58, InvalidSs58AddressError } from "./ss58.ts";

/** One row of a final-balance snapshot as read from JSON or CSV, before validation. */
export type SnapshotRow = {
  /** SS58 address or 0x-prefixed 32-byte hex AccountId32. */
  account: string;
  /** Final balance in plancks (10^-12 PHA): a non-negative integer as a string, bigint or safe integer. */
  plancks: string | number | bigint;
  /** EVM address bound on the parachain before the sunset, or empty/absent/zero. */
  boundEvmAddress?: string | null;
};

/** A validated snapshot entry (accountId and boundEvmAddress in lowercase hex). */
export type SnapshotEntry = { accountId: Hex; boundEvmAddress: Address; plancks: bigint };

export type SnapshotIssueKind =
  | "invalid-account"
  | "wrong-ss58-prefix"
  | "duplicate-account"
  | "invalid-amount"
  | "zero-amount"
  | "negative-amount"
  | "invalid-bound-address"
  | "total-mismatch"
  | "empty-snapshot";

/** A problem found in the snapshot; `row` is 1-based over data rows (0 for snapshot-wide issues). */
export type SnapshotIssue = { kind: SnapshotIssueKind; row: number; message: string };

export type ValidateSnapshotOptions = {
  /** Refuse SS58 addresses of another network (e.g. 30 for Phala). Hex accounts are not affected. */
  ss58Prefix?: number;
  /** The total the snapshot must add up to, in plancks (e.g. from the parachain's total issuance minus exclusions). */
  expectedTotalPlancks?: bigint;
};

export type ValidatedSnapshot = {
  /** Valid entries in input order (only meaningful when `issues` is empty). */
  entries: SnapshotEntry[];
  /** Sum of the valid entries' plancks. */
  totalPlancks: bigint;
  issues: SnapshotIssue[];
};

/** Largest balance accepted for one account: 2^128 - 1 plancks (far above PHA's supply; keeps × 10^6 in uint256). */
export const MAX_PLANCKS = (1n << 128n) - 1n;

const HEX32 = /^0x[0-9a-fA-F]{64}$/;
const INTEGER = /^-?[0-9]+$/;

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const ASCII = new TextEncoder();

/** EIP-55: the i-th hex letter is upper case iff the i-th nibble of keccak256(lowercase hex) is >= 8. */
function hasValidChecksum(address: string, h: BulkHashers): boolean {
  const lower = address.slice(2).toLowerCase();
  const hash = h.keccak256(ASCII.encode(lower));
  for (let i = 0; i < 40; i++) {
    const c = address[2 + i];
    if (c >= "0" && c <= "9") continue;
    const nibble = (hash[i >> 1] >> (i % 2 === 0 ? 4 : 0)) & 0xf;
    if (nibble >= 8 !== (c >= "A" && c <= "F")) return false;
  }
  return true;
}

function parseAccount(account: string, options: ValidateSnapshotOptions, h: BulkHashers): Hex | SnapshotIssue {
  const a = account.trim();
  if (a.startsWith("0x")) {
    if (!HEX32.test(a)) return { kind: "invalid-account", row: 0, message: `"${a}" is not 32-byte hex` };
    return a.toLowerCase() as Hex;
  }
  try {
    const { accountId, prefix } = decodeSs58(a, h.blake2b512);
    if (options.ss58Prefix !== undefined && prefix !== options.ss58Prefix) {
      return {
        kind: "wrong-ss58-prefix",
        row: 0,
        message: `"${a}" has SS58 prefix ${prefix}, expected ${options.ss58Prefix}`,
      };
    }
    return accountId;
  } catch (e) {
    const reason = e instanceof InvalidSs58AddressError ? e.reason : String(e);
    return { kind: "invalid-account", row: 0, message: `"${a}" is not an SS58 AccountId32 (${reason})` };
  }
}

function parseAmount(value: SnapshotRow["plancks"]): bigint | SnapshotIssue {
  let s: string;
  if (typeof value === "bigint") s = value.toString();
  else if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) {
      return {
        kind: "invalid-amount",
        row: 0,
        message: `${value} is not a safe integer (write big amounts as strings)`,
      };
    }
    s = value.toString();
  } else if (typeof value === "string") s = value.trim();
  else return { kind: "invalid-amount", row: 0, message: `missing amount` };
  if (!INTEGER.test(s))
    return { kind: "invalid-amount", row: 0, message: `"${s}" is not an integer number of plancks` };
  const n = BigInt(s);
  if (n < 0n) return { kind: "negative-amount", row: 0, message: `${n} is negative` };
  if (n === 0n) return { kind: "zero-amount", row: 0, message: `zero balance (leave the account out)` };
  if (n > MAX_PLANCKS) return { kind: "invalid-amount", row: 0, message: `${n} exceeds 2^128 - 1 plancks` };
  return n;
}

function parseBound(value: SnapshotRow["boundEvmAddress"], h: BulkHashers): Address | SnapshotIssue {
  if (value === undefined || value === null) return zeroAddress;
  const v = value.trim();
  if (v === "") return zeroAddress;
  // Mixed case must carry a valid EIP-55 checksum; all-lowercase is accepted as unchecked.
  const lower = v.toLowerCase();
  if (!ADDRESS.test(v) || (v !== lower && !hasValidChecksum(v, h))) {
    return { kind: "invalid-bound-address", row: 0, message: `"${v}" is not an EVM address (or has a bad checksum)` };
  }
  return lower as Address;
}

/**
 * Validates snapshot rows: accounts (SS58 with checksum, or 32-byte hex), duplicates (the same AccountId32 under any
 * spelling), amounts (integers > 0), bound EVM addresses (EIP-55 when mixed case; empty or zero = unbound) and the
 * total. Collects every issue instead of stopping at the first.
 */
export async function validateSnapshot(
  rows: readonly SnapshotRow[],
  options: ValidateSnapshotOptions = {},
): Promise<ValidatedSnapshot> {
  const h = await bulkHashers();
  const issues: SnapshotIssue[] = [];
  const entries: SnapshotEntry[] = [];
  const seen = new Map<string, number>();
  let totalPlancks = 0n;
  if (rows.length === 0) issues.push({ kind: "empty-snapshot", row: 0, message: "the snapshot has no rows" });
  rows.forEach((r, i) => {
    const row = i + 1;
    const accountId = parseAccount(String(r.account ?? ""), options, h);
    const plancks = parseAmount(r.plancks);
    const bound = parseBound(r.boundEvmAddress, h);
    let ok = true;
    for (const v of [accountId, plancks, bound]) {
      if (typeof v === "object" && v !== null && "kind" in v) {
        issues.push({ ...v, row });
        ok = false;
      }
    }
    if (typeof accountId === "string") {
      const first = seen.get(accountId);
      if (first !== undefined) {
        issues.push({ kind: "duplicate-account", row, message: `${accountId} already appears on row ${first}` });
        ok = false;
      } else seen.set(accountId, row);
    }
    if (ok) {
      const entry = { accountId: accountId as Hex, boundEvmAddress: bound as Address, plancks: plancks as bigint };
      entries.push(entry);
      totalPlancks += entry.plancks;
    }
  });
  if (options.expectedTotalPlancks !== undefined && options.expectedTotalPlancks !== totalPlancks) {
    issues.push({
      kind: "total-mismatch",
      row: 0,
      message: `the valid rows add up to ${totalPlancks} plancks, expected ${options.expectedTotalPlancks}`,
    });
  }
  return { entries, totalPlancks, issues };
}

/**
 * Parses a snapshot file's text. JSON: an array of `{ account, plancks, boundEvmAddress? }`. CSV: a header naming the
 * columns `account`, `plancks` and optionally `boundEvmAddress` (any order), one row per line; no quoted fields.
 */
export function parseSnapshot(text: string, format: "json" | "csv"): SnapshotRow[] {
  if (format === "json") {
    const data = JSON.parse(text) as unknown;
    if (!Array.isArray(data))
      throw new Error("A JSON snapshot must be an array of { account, plancks, boundEvmAddress? }.");
    return data as SnapshotRow[];
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "" && !l.startsWith("#"));
  if (lines.length === 0) return [];
  const header = lines[0].split(",").map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  const [ia, ip, ib] = [col("account"), col("plancks"), col("boundEvmAddress")];
  if (ia < 0 || ip < 0) throw new Error(`CSV header must name "account" and "plancks" (got: ${lines[0]}).`);
  const rows: SnapshotRow[] = new Array(lines.length - 1);
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i].split(",");
    rows[i - 1] = { account: f[ia] ?? "", plancks: f[ip] ?? "", boundEvmAddress: ib >= 0 ? f[ib] : undefined };
  }
  return rows;
}
