import { describe, expect, it } from "vitest";
import { parseSnapshot, validateSnapshot } from "./snapshot.ts";
import { encodeSs58 } from "./ss58.ts";

const A = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
const B = `0x${"11".repeat(32)}` as const;
const BOUND = "0x5B38Da6a701c568545dCfcB03FcB875f56beddC4";

describe("snapshot", () => {
  it("accepts SS58 and hex accounts, bound or not, and totals them", async () => {
    const v = await validateSnapshot([
      { account: encodeSs58(A, 30), plancks: "1000000000000" },
      { account: B, plancks: 5, boundEvmAddress: BOUND.toLowerCase() },
      { account: `0x${"77".repeat(32)}`, plancks: 1n, boundEvmAddress: BOUND },
    ]);
    expect(v.issues).toEqual([]);
    expect(v.totalPlancks).toBe(1_000_000_000_006n);
    expect(v.entries[2].boundEvmAddress).toBe(BOUND.toLowerCase());
    expect(v.entries[0]).toEqual({
      accountId: A,
      boundEvmAddress: "0x0000000000000000000000000000000000000000",
      plancks: 1_000_000_000_000n,
    });
    expect(v.entries[1].boundEvmAddress).toBe(BOUND.toLowerCase());
  });

  it("reports every bad row with its kind and row number", async () => {
    const v = await validateSnapshot(
      [
        { account: encodeSs58(A, 42), plancks: "1" }, // wrong prefix for Phala
        { account: "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ", plancks: "1" }, // checksum
        { account: `0x${"66".repeat(32)}`, plancks: "0" },
        { account: `0x${"22".repeat(32)}`, plancks: "-4" },
        { account: `0x${"33".repeat(32)}`, plancks: "1.5" },
        {
          account: `0x${"44".repeat(32)}`,
          plancks: "7",
          boundEvmAddress: "0x5B38Da6a701c568545dCfcB03FcB875f56beddc4",
        },
        { account: `0x${"55".repeat(31)}`, plancks: "1" },
        { account: encodeSs58(B, 30), plancks: "2" },
        { account: `0x${B.slice(2).toUpperCase()}`, plancks: "3" }, // same account, other spelling
      ],
      { ss58Prefix: 30, expectedTotalPlancks: 100n },
    );
    expect(v.issues.map((i) => [i.kind, i.row])).toEqual([
      ["wrong-ss58-prefix", 1],
      ["invalid-account", 2],
      ["zero-amount", 3],
      ["negative-amount", 4],
      ["invalid-amount", 5],
      ["invalid-bound-address", 6],
      ["invalid-account", 7],
      ["duplicate-account", 9],
      ["total-mismatch", 0],
    ]);
    expect(v.totalPlancks).toBe(2n);
  });

  it("refuses an empty snapshot and unsafe JSON numbers", async () => {
    expect((await validateSnapshot([])).issues[0].kind).toBe("empty-snapshot");
    expect((await validateSnapshot([{ account: B, plancks: 2 ** 60 }])).issues[0].kind).toBe("invalid-amount");
  });

  it("parses CSV with any column order and JSON arrays", () => {
    const csv = `plancks,boundEvmAddress,account\n# comment\n12,,${A}\n7,${BOUND},${B}\n`;
    expect(parseSnapshot(csv, "csv")).toEqual([
      { account: A, plancks: "12", boundEvmAddress: "" },
      { account: B, plancks: "7", boundEvmAddress: BOUND },
    ]);
    expect(() => parseSnapshot("who,amount\n", "csv")).toThrow(/header/);
    expect(parseSnapshot(JSON.stringify([{ account: A, plancks: "1" }]), "json")).toEqual([
      { account: A, plancks: "1" },
    ]);
    expect(() => parseSnapshot("{}", "json")).toThrow(/array/);
  });
});
