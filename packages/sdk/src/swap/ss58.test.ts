import { base58 } from "@scure/base";
import { describe, expect, it } from "vitest";
import { base58Decode, decodeSs58, encodeSs58, InvalidSs58AddressError } from "./ss58.ts";

const ALICE = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";

describe("ss58", () => {
  it("decodes well-known addresses under several prefixes", () => {
    expect(decodeSs58("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY")).toEqual({ accountId: ALICE, prefix: 42 });
    expect(decodeSs58("15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5")).toEqual({ accountId: ALICE, prefix: 0 });
    expect(decodeSs58("HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F")).toEqual({ accountId: ALICE, prefix: 2 });
    // Phala EVM account mapping vector (pallet tests.rs): compressed key 0x027cf2fa…2c00f1.
    expect(decodeSs58("5DT96geTS2iLpkH8fAhYAAphNpxddKCV36s5ShVFavf1xQiF").accountId).toBe(
      "0x3d589a72aacea3f5f98494fdb5a7c3c70296b2410fa7552444d0206f61aa8e91",
    );
  });

  it("round-trips one- and two-byte prefixes (30 = Phala, 2035, 16383)", () => {
    for (const prefix of [0, 2, 30, 42, 63, 64, 255, 2035, 16383]) {
      const address = encodeSs58(ALICE, prefix);
      expect(decodeSs58(address)).toEqual({ accountId: ALICE, prefix });
    }
    expect(encodeSs58(ALICE, 42)).toBe("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
  });

  it("decodes base58 exactly like @scure/base", () => {
    let x = 1n;
    for (let i = 0; i < 500; i++) {
      x = (x * 6364136223846793005n + 1442695040888963407n) % (1n << 300n);
      const len = i % 40;
      const bytes = new Uint8Array(len);
      for (let k = 0; k < len; k++) bytes[k] = Number((x >> BigInt(k * 7)) & 0xffn) * (k < i % 3 ? 0 : 1);
      const s = base58.encode(bytes);
      expect(base58Decode(s)).toEqual(bytes);
    }
    expect(() => base58Decode("0")).toThrow(/base58/);
  });

  it("rejects a bad checksum, bad base58, wrong lengths and reserved prefixes", () => {
    const good = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
    const flipped = `${good.slice(0, -1)}Z`;
    expect(() => decodeSs58(flipped)).toThrow(/bad checksum/);
    expect(() => decodeSs58("0OIl")).toThrow(InvalidSs58AddressError);
    expect(() => decodeSs58(good.slice(0, 20))).toThrow(/not an AccountId32/);
    expect(() => decodeSs58("")).toThrow(InvalidSs58AddressError);
    expect(() => encodeSs58(ALICE, 46)).toThrow(/prefix/);
    expect(() => encodeSs58("0x1234", 42)).toThrow(/32 bytes/);
  });
});
