import { blake2b } from "@noble/hashes/blake2.js";
import { base58 } from "@scure/base";
import { bytesToHex, type Hex, hexToBytes } from "viem";

const SS58_PRE = new TextEncoder().encode("SS58PRE");

/** A decoded SS58 address of a 32-byte account (AccountId32). */
export type Ss58Account = { accountId: Hex; prefix: number };

/** Thrown (as a plain `Error` subclass) when a string is not a valid SS58 AccountId32 address. */
export class InvalidSs58AddressError extends Error {
  override name = "InvalidSs58AddressError" as const;
  readonly address: string;
  readonly reason: string;
  constructor(address: string, reason: string) {
    super(`Invalid SS58 address "${address}": ${reason}.`);
    this.address = address;
    this.reason = reason;
  }
}

const B58 = new Int8Array(128).fill(-1);
for (const [i, c] of [..."123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"].entries())
  B58[c.charCodeAt(0)] = i;

/**
 * Base58 (Bitcoin alphabet) decoding, specialised for short strings: ~20× faster than a generic radix converter,
 * which matters when validating a million addresses. Cross-checked against @scure/base in the tests.
 */
export function base58Decode(s: string): Uint8Array {
  const size = Math.ceil((s.length * 733) / 1000) + 1; // log(58) / log(256) ≈ 0.7322
  const b = new Uint8Array(size);
  let length = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    let carry = code < 128 ? B58[code] : -1;
    if (carry < 0) throw new Error(`Invalid base58 character "${s[i]}".`);
    let j = 0;
    for (let k = size - 1; (carry !== 0 || j < length) && k >= 0; k--, j++) {
      carry += 58 * b[k];
      b[k] = carry & 0xff;
      carry >>= 8;
    }
    length = j;
  }
  let zeros = 0;
  while (zeros < s.length && s[zeros] === "1") zeros++;
  const out = new Uint8Array(zeros + length);
  out.set(b.subarray(size - length), zeros);
  return out;
}

const nobleBlake2b512 = (data: Uint8Array): Uint8Array => blake2b(data, { dkLen: 64 });

function checksum(
  prefixBytes: Uint8Array,
  payload: Uint8Array,
  blake2b512: (data: Uint8Array) => Uint8Array = nobleBlake2b512,
): Uint8Array {
  const data = new Uint8Array(SS58_PRE.length + prefixBytes.length + payload.length);
  data.set(SS58_PRE, 0);
  data.set(prefixBytes, SS58_PRE.length);
  data.set(payload, SS58_PRE.length + prefixBytes.length);
  return blake2b512(data).subarray(0, 2);
}

/**
 * Decodes an SS58 address of an AccountId32 (the SS58 spec: base58 of prefix ‖ 32-byte payload ‖ 2-byte checksum,
 * checksum = BLAKE2b-512("SS58PRE" ‖ prefix ‖ payload)[0..2]; prefixes < 64 take one byte, 64..16383 two).
 *
 * @example
 * decodeSs58("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY")
 * // { accountId: "0xd43593c7…a56da27d", prefix: 42 }
 */
export function decodeSs58(address: string, blake2b512?: (data: Uint8Array) => Uint8Array): Ss58Account {
  let bytes: Uint8Array;
  try {
    bytes = base58Decode(address);
  } catch {
    throw new InvalidSs58AddressError(address, "not base58");
  }
  if (bytes.length === 0) throw new InvalidSs58AddressError(address, "empty");
  let prefix: number;
  let prefixLength: number;
  if (bytes[0] < 64) {
    prefix = bytes[0];
    prefixLength = 1;
  } else if (bytes[0] < 128 && bytes.length > 1) {
    prefix = ((bytes[0] & 0x3f) << 2) | (bytes[1] >> 6) | ((bytes[1] & 0x3f) << 8);
    prefixLength = 2;
  } else {
    throw new InvalidSs58AddressError(address, "reserved prefix");
  }
  if (bytes.length !== prefixLength + 32 + 2) {
    throw new InvalidSs58AddressError(
      address,
      `payload is ${bytes.length - prefixLength - 2} bytes, not an AccountId32`,
    );
  }
  const payload = bytes.subarray(prefixLength, prefixLength + 32);
  const expected = checksum(bytes.subarray(0, prefixLength), payload, blake2b512);
  if (expected[0] !== bytes[prefixLength + 32] || expected[1] !== bytes[prefixLength + 33]) {
    throw new InvalidSs58AddressError(address, "bad checksum");
  }
  return { accountId: bytesToHex(payload), prefix };
}

/**
 * Encodes an AccountId32 as SS58 under `prefix` (30 = Phala, 42 = generic Substrate).
 *
 * @example
 * encodeSs58("0xd43593c7…a56da27d", 42) // "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
 */
export function encodeSs58(accountId: Hex, prefix = 42): string {
  const payload = hexToBytes(accountId);
  if (payload.length !== 32) throw new Error(`AccountId32 must be 32 bytes, got ${payload.length}.`);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 16383 || prefix === 46 || prefix === 47) {
    throw new Error(`Invalid SS58 prefix ${prefix}.`);
  }
  const prefixBytes =
    prefix < 64
      ? Uint8Array.of(prefix)
      : Uint8Array.of(((prefix & 0xfc) >> 2) | 0x40, (prefix >> 8) | ((prefix & 0x03) << 6));
  const sum = checksum(prefixBytes, payload);
  const out = new Uint8Array(prefixBytes.length + 34);
  out.set(prefixBytes, 0);
  out.set(payload, prefixBytes.length);
  out.set(sum, prefixBytes.length + 32);
  return base58.encode(out);
}
