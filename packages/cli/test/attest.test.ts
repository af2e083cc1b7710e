/**
 * `pha attest verify` on real vectors (shared/vectors) and on quotes it has never seen (a synthetic Intel PKI with
 * its own root): the off-chain (dcap-qvl) and on-chain (embedded anvil + PCCS + DCAP verifier) verdicts side by side.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { intelRootCaDer, readCollateralDir } from "@phala/l2-sdk";
import { describe, expect, test } from "vitest";
import { makeScenario, writeScenario } from "../../../test/fixtures/dcap/synth.ts";
import { deployDcap, startEmbeddedChain, uploadBefore } from "../src/attest/embedded.ts";

const run = promisify(execFile);
const cliPath = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const VECTORS = process.env.DCAP_VECTORS_DIR ?? fileURLToPath(new URL("../../../../shared/vectors/", import.meta.url));

async function verify(args: string[]) {
  try {
    const { stdout } = await run(process.execPath, [
      "--conditions=phala-source",
      cliPath,
      "attest",
      "verify",
      ...args,
      "--json",
    ]);
    return { code: 0, out: JSON.parse(stdout) };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout ? JSON.parse(e.stdout) : undefined, stderr: e.stderr };
  }
}

const timeOf = (id: string) => JSON.parse(readFileSync(join(VECTORS, id, "expected.json"), "utf8")).verification_time;
const TIMEOUT = 180_000;

describe("pha attest verify", () => {
  test(
    "a real SGX quote: both sides give Intel's verdict",
    async () => {
      const id = "sgx-v3-automata-00606A000000";
      const { code, out } = await verify([join(VECTORS, id, "quote.bin"), "--at", String(timeOf(id))]);
      expect(code).toBe(0);
      expect(out).toEqual({
        offchain: { status: "SWHardeningNeeded", advisoryIds: ["INTEL-SA-00615"] },
        onchain: { status: "SWHardeningNeeded", advisoryIds: ["INTEL-SA-00615"] },
      });
    },
    TIMEOUT,
  );

  test(
    "where they differ: the PCK CRL has expired (dcap-qvl does not check CRL freshness)",
    async () => {
      const base = "tdx-v4-dcapqvl-B0C06F000000";
      const { out } = await verify([
        join(VECTORS, base, "quote.bin"),
        "--collateral",
        join(VECTORS, base, "collateral"),
        "--at",
        String(timeOf("neg-tdx-v4-pck-crl-expired-only")),
      ]);
      expect(out).toEqual({ offchain: { status: "UpToDate", advisoryIds: [] }, onchain: { error: "CrlExpired" } });
    },
    TIMEOUT,
  );

  test(
    "a tampered TCB info: refused on both sides (on chain at upload)",
    async () => {
      const id = "neg-sgx-v3-tcb-info-tampered";
      const { out } = await verify([
        join(VECTORS, "sgx-v3-automata-00606A000000", "quote.bin"),
        "--collateral",
        join(VECTORS, id, "collateral"),
        "--at",
        String(timeOf(id)),
      ]);
      expect(out).toEqual({
        offchain: { error: "CollateralSignatureInvalid" },
        onchain: { error: "CollateralSignatureInvalid" },
      });
    },
    TIMEOUT,
  );

  test(
    "quotes and collateral it has never seen: a synthetic Intel PKI, its own root pinned with --root-ca",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "pha-attest-"));
      const at = new Date("2025-10-01T00:00:00Z");
      const s = makeScenario({
        tee: "tdx",
        reportData: new Uint8Array(64).fill(7),
        at,
        seed: "cli",
        status: "SWHardeningNeeded",
        advisoryIds: ["INTEL-SA-00615"],
      });
      await writeScenario(dir, s);
      const args = [join(dir, "quote.bin"), "--root-ca", join(dir, "root_ca.der"), "--at", String(s.at)];
      const { out } = await verify(args);
      const verdict = { status: "SWHardeningNeeded", advisoryIds: ["INTEL-SA-00615"] };
      expect(out).toEqual({ offchain: verdict, onchain: verdict });
      // Against Intel's real root, the same files are refused on both sides.
      const { out: prod } = await verify(args.filter((_, i) => i !== 1 && i !== 2));
      expect(prod.offchain.error).toBe("CertChainInvalid");
      expect(prod.onchain.error).toMatch(/Cert|Crl|Signature/);
    },
    TIMEOUT,
  );

  test(
    "--rpc: asks a deployed verifier with eth_call, the block time overridden to --at",
    async () => {
      const id = "tdx-v4-automata-00806F050000-2025-06";
      const at = timeOf(id);
      const chain = await startEmbeddedChain(at - 3600);
      try {
        const { pccs, verifier } = await deployDcap(chain, intelRootCaDer());
        const collateral = await readCollateralDir(join(VECTORS, id, "collateral"));
        expect(await uploadBefore(chain, pccs, collateral, at)).toBeUndefined();
        // The chain's clock stays before `at`; only the call's block time is overridden.
        const { code, out } = await verify([
          join(VECTORS, id, "quote.bin"),
          "--rpc",
          chain.url,
          "--verifier",
          verifier,
          "--at",
          String(at),
        ]);
        expect({ code, out }).toMatchObject({ code: 0 });
        const verdict = { status: "OutOfDate", advisoryIds: ["INTEL-SA-00960", "INTEL-SA-00982", "INTEL-SA-00986"] };
        expect(out.onchain.status).toBe(verdict.status);
        expect(new Set(out.onchain.advisoryIds)).toEqual(new Set(verdict.advisoryIds));
        expect(out.offchain.status).toBe(verdict.status);
      } finally {
        chain.stop();
      }
    },
    TIMEOUT,
  );

  test("usage errors exit 2 before touching any chain", async () => {
    const { code, out } = await verify(["/nonexistent/quote.bin"]);
    expect(code).toBe(2);
    expect(out.error).toBe("UsageError");
  });
});
