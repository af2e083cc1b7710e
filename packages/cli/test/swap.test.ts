/**
 * `pha swap build-tree | proof | claim` against the real node (anvil with the system deployed): a snapshot becomes a
 * tree on disk, a migrator is deployed for its root on top of the system and funded by the bridge, and the CLI claims
 * through the right route (a transparent-mapped ECDSA account, no key shown) and refuses a stolen claim-to-stake.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addresses, phalaLocal, transparentAccountId } from "@phala/l2-sdk";
import { phaAbi } from "@phala/l2-sdk/abis";
import { createTestClient, createWalletClient, type Hex, http, parseEther, publicActions } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, test } from "vitest";
import { pha } from "./run.ts";

const artifact = new URL("../../../artifacts/contracts/token/PHAMigrator.sol/PHAMigrator.json", import.meta.url);
const BRIDGE = "0x4200000000000000000000000000000000000010";
// Anvil's default accounts (no real value). #3 claims its transparent-mapped parachain account; #4 is bound.
const CLAIMER_KEY = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";
const BOUND = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
const STRANGER_KEY = "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba"; // #5

describe("pha swap", () => {
  test("builds the tree, prints a proof, and claims on chain through the right route", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pha-swap-"));
    const claimer = privateKeyToAccount(CLAIMER_KEY);
    const claimerAccountId = transparentAccountId(claimer.address);
    const bound = `0x${"b0".repeat(32)}`;
    writeFileSync(
      join(dir, "snapshot.csv"),
      `account,plancks,boundEvmAddress\n${claimerAccountId},2500000000000000,\n${bound},1000000000000000,${BOUND}\n`,
    );
    const built = await pha(["swap", "build-tree", join(dir, "snapshot.csv"), "--out", join(dir, "tree"), "--json"]);
    expect(built.code).toBe(0);
    const manifest = JSON.parse(built.stdout);
    expect(manifest).toMatchObject({ count: 2, totalPlancks: "3500000000000000" });
    const proof = await pha(["swap", "proof", claimerAccountId, "--dir", join(dir, "tree"), "--json"]);
    expect(JSON.parse(proof.stdout)).toMatchObject({ root: manifest.root, plancks: "2500000000000000" });

    // A migrator for this root on top of the deployed system, funded by the bridge (impersonated on anvil).
    const local = addresses[31337];
    const deployer = createWalletClient({
      chain: phalaLocal,
      transport: http(),
      account: privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"),
    }).extend(publicActions);
    const { abi, bytecode } = JSON.parse(readFileSync(artifact, "utf8")) as { abi: never; bytecode: Hex };
    const now = (await deployer.getBlock()).timestamp;
    const deployed = await deployer.waitForTransactionReceipt({
      hash: await deployer.deployContract({
        abi,
        bytecode,
        args: [
          local.manager,
          local.pha,
          local.staking,
          local.timelock,
          manifest.root,
          now + 86_400n,
          3_500_000_000_000_000n,
        ],
      }),
    });
    const migrator = deployed.contractAddress as Hex;
    const anvil = createTestClient({ chain: phalaLocal, mode: "anvil", transport: http() });
    await anvil.impersonateAccount({ address: BRIDGE });
    await anvil.setBalance({ address: BRIDGE, value: parseEther("1") });
    await deployer.waitForTransactionReceipt({
      hash: await deployer.writeContract({
        account: BRIDGE,
        address: local.pha,
        abi: phaAbi,
        functionName: "mint",
        args: [migrator, parseEther("3500")],
      }),
    });
    await anvil.stopImpersonatingAccount({ address: BRIDGE });

    const tree = join(dir, "tree");
    const dry = await pha(
      ["swap", "claim", claimerAccountId, "--dir", tree, "--migrator", migrator, "--dry-run", "--json"],
      {
        PHA_PRIVATE_KEY: CLAIMER_KEY,
      },
    );
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, result: "2500000000000000000000" });
    const claimed = await pha(["swap", "claim", claimerAccountId, "--dir", tree, "--migrator", migrator, "--json"], {
      PHA_PRIVATE_KEY: CLAIMER_KEY,
    });
    expect(claimed.code).toBe(0);
    const balance = await deployer.readContract({
      address: local.pha,
      abi: phaAbi,
      functionName: "balanceOf",
      args: [claimer.address],
    });
    expect(balance).toBe(parseEther("2500"));

    // A replay, and a stranger choosing the bound holder's pool: typed errors, exit 1, nothing sent.
    const replay = await pha(["swap", "claim", claimerAccountId, "--dir", tree, "--migrator", migrator, "--json"], {
      PHA_PRIVATE_KEY: CLAIMER_KEY,
    });
    expect(replay.code).toBe(1);
    expect(JSON.parse(replay.stdout).error).toBe("PHAMigratorAlreadyClaimed");
    const stolen = await pha(["swap", "claim", bound, "--dir", tree, "--migrator", migrator, "--pool", "1", "--json"], {
      PHA_PRIVATE_KEY: STRANGER_KEY,
    });
    expect(stolen.code).toBe(1);
    expect(JSON.parse(stolen.stdout)).toMatchObject({ error: "PHAMigratorCallerNotBoundAddress" });
    // Usage errors never reach the chain.
    const bad = await pha(["swap", "claim", bound, "--dir", tree, "--migrator", "0x1234", "--json"], {
      PHA_PRIVATE_KEY: STRANGER_KEY,
    });
    expect(bad.code).toBe(2);
  });
});
