import { createBLAKE2b, createKeccak } from "hash-wasm";

/** Synchronous hash functions backed by WebAssembly (hash-wasm): ~10× @noble/hashes for millions of small inputs. */
export type BulkHashers = {
  keccak256: (data: Uint8Array) => Uint8Array;
  blake2b512: (data: Uint8Array) => Uint8Array;
};

let hashers: Promise<BulkHashers> | undefined;

/** The WebAssembly hashers, instantiated once per process. */
export function bulkHashers(): Promise<BulkHashers> {
  hashers ??= (async () => {
    const k = await createKeccak(256);
    const b = await createBLAKE2b(512);
    return {
      keccak256: (data) => {
        k.init();
        k.update(data);
        return k.digest("binary");
      },
      blake2b512: (data) => {
        b.init();
        b.update(data);
        return b.digest("binary");
      },
    };
  })();
  return hashers;
}

const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) NIBBLE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  NIBBLE[65 + i] = 10 + i;
  NIBBLE[97 + i] = 10 + i;
}

/** Writes the hex digits of `hex` (after its `0x`) into `out` at `offset`; false if a digit is not hex. */
export function hexInto(hex: string, out: Uint8Array, offset: number): boolean {
  const n = (hex.length - 2) >> 1;
  for (let i = 0; i < n; i++) {
    const hi = NIBBLE[hex.charCodeAt(2 + 2 * i)] ?? -1;
    const lo = NIBBLE[hex.charCodeAt(3 + 2 * i)] ?? -1;
    if (hi < 0 || lo < 0) return false;
    out[offset + i] = (hi << 4) | lo;
  }
  return true;
}
