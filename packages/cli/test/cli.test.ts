import { addresses } from "@phala/l2-sdk";
import { describe, expect, test } from "vitest";
import { pha } from "./run.ts";

// Hardhat's first test account (no real value): the CLI reads keys from the environment only.
const KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

describe("pha CLI against a real node", () => {
  test("reads a balance as JSON", async () => {
    const { code, stdout } = await pha(["balance", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ account: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" });
  });

  test("names the custom error and its arguments when the contract refuses", async () => {
    const { code, stdout } = await pha(
      ["transfer", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "5", "--json", "--dry-run"],
      { PHA_PRIVATE_KEY: KEY },
    );
    const out = JSON.parse(stdout);
    expect(out.message).toBeUndefined();
    expect(code).toBe(1);
    expect(out.error).toBe("ERC20InsufficientBalance");
    expect(out.args[0]).toBe("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  });

  test("refuses to sign without a key (usage error, exit 2)", async () => {
    const { code, stderr } = await pha(["delegate", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"], {
      PHA_PRIVATE_KEY: "",
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/PHA_PRIVATE_KEY/);
  });

  test("rejects a zero amount before touching the chain", async () => {
    const { code, stderr } = await pha(["transfer", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "0"], {
      PHA_PRIVATE_KEY: KEY,
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/greater than zero/);
  });

  test("exports a proposal as a Safe transaction-builder batch", async () => {
    const { writeFileSync, readFileSync, mkdtempSync } = await import("node:fs");
    const dir = mkdtempSync("/tmp/pha-");
    const file = `${dir}/p.json`;
    writeFileSync(
      file,
      JSON.stringify({
        targets: [addresses[31337].governor],
        values: ["0"],
        calldatas: ["0x"],
        description: "Test",
      }),
    );
    const { code } = await pha(["gov", "export-safe", file, "--out", `${dir}/safe.json`]);
    expect(code).toBe(0);
    const batch = JSON.parse(readFileSync(`${dir}/safe.json`, "utf8"));
    expect(batch.chainId).toBe("31337");
    expect(batch.transactions[0].to).toBe(addresses[31337].governor);
    expect(batch.transactions[0].data.startsWith("0x7d5e81e2")).toBe(true); // propose(address[],uint256[],bytes[],string)
  });
});
