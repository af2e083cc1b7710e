import { blake2b } from "@noble/hashes/blake2.js";
import { type Address, bytesToHex, type Hex, hexToBytes, keccak256 } from "viem";

/**
 * The parachain AccountId32 an Ethereum key controls under Phala's EVM account mapping
 * (Phala-Network/substrate-evm_account_mapping, `SubstrateAddressConverter`): BLAKE2b-256 of the 33-byte compressed
 * secp256k1 public key. `publicKey` is the 65-byte uncompressed key (0x04 ‖ x ‖ y) or the 64-byte x ‖ y.
 */
export function compressedKeyAccountId(publicKey: Hex): Hex {
  const xy = uncompressedXY(publicKey);
  const compressed = new Uint8Array(33);
  compressed[0] = 2 | (xy[63] & 1);
  compressed.set(xy.subarray(0, 32), 1);
  return bytesToHex(blake2b(compressed, { dkLen: 32 }));
}

/** `EvmTransparentConverter`: the EVM address followed by the ASCII bytes "@evm_address". */
export function transparentAccountId(address: Address): Hex {
  return `${address.toLowerCase()}${"4065766d5f61646472657373"}` as Hex;
}

/** The 64-byte x ‖ y of a public key (what `PHAMigrator.claimWithPublicKey` takes). */
export function uncompressedXY(publicKey: Hex): Uint8Array {
  const b = hexToBytes(publicKey);
  if (b.length === 65 && b[0] === 4) return b.subarray(1);
  if (b.length === 64) return b;
  throw new Error(`Expected an uncompressed secp256k1 public key (65 bytes with 0x04, or 64), got ${b.length} bytes.`);
}

/** The EVM address of a public key. */
export function publicKeyAddress(publicKey: Hex): Address {
  return `0x${keccak256(uncompressedXY(publicKey)).slice(26)}` as Address;
}
