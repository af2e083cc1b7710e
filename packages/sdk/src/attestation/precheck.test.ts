import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { readCollateralDir } from "./collateral.ts";
import { DcapVerificationError } from "./errors.ts";
import { advisoryNumber, precheckQuote } from "./precheck.ts";
import { loadManifest, readVector, vectorPath } from "./vectors.ts";

/**
 * Where @phala/dcap-qvl 0.3.9 knowingly differs from the expected (Intel) verdict — the short written list of
 * cases where the on-chain verifier is stricter or follows Intel (see shared/vectors/README.md).
 */
const DCAP_QVL_DIFFERENCES: Record<string, { accepts?: string; errorClass?: string; why: string }> = {
  "neg-tdx-v4-pck-crl-expired-only": { accepts: "UpToDate", why: "dcap-qvl does not check CRL nextUpdate" },
  "neg-tdx-v4-root-crl-as-pck-crl": { accepts: "OutOfDate", why: "dcap-qvl does not demand the issuing CA's CRL" },
  "neg-sgx-v3-wrong-ca-pck-crl": {
    accepts: "ConfigurationAndSWHardeningNeeded",
    why: "dcap-qvl does not demand the issuing CA's CRL",
  },
  "tdx-v4-gcp-cos113-quote-automata-collateral-00806F050000": {
    accepts: "OutOfDate",
    why: "dcap-qvl compares all 16 TDX components; Intel skips 0/1 when teeTcbSvn[1] > 0",
  },
  "tdx-v5-dcapqvl-90C06F000000-unsupported-version": {
    errorClass: "TcbLevelNotFound",
    why: "dcap-qvl accepts quote v5; the on-chain verifier rejects the version",
  },
  "sgx-v3-debug-enclave-solana-quote-dcapqvl-collateral-00A067110000": {
    errorClass: "DebugEnclave",
    why: "dcap-qvl refuses debug enclaves itself; Intel QVL leaves it to policy",
  },
};

const manifest = loadManifest();

describe("precheckQuote on every shared vector", () => {
  for (const v of manifest) {
    test(`${v.id} (${v.kind})`, () => {
      const quote = readVector(v.quote.bin);
      const collateral = JSON.parse(readFileSync(vectorPath(v.collateral.collateral_json_dcap_qvl_layout), "utf8"));
      const run = () => precheckQuote({ quote, collateral, at: v.verification_time });
      const diff = DCAP_QVL_DIFFERENCES[v.id];
      if (diff?.accepts) {
        expect(run().status).toBe(diff.accepts);
        return;
      }
      if (diff?.errorClass) {
        const error = (() => {
          try {
            run();
          } catch (e) {
            return e;
          }
        })();
        expect(error).toBeInstanceOf(DcapVerificationError);
        expect((error as DcapVerificationError).code).toBe(diff.errorClass);
        return;
      }
      if (v.expected.result === "ok") {
        const result = run();
        expect(result.status).toBe(v.expected.tcb_status);
        expect(new Set(result.advisoryIds)).toEqual(new Set(v.expected.advisory_ids));
        expect(result.advisoryNumbers).toEqual(result.advisoryIds.map(advisoryNumber));
        expect(result.teeType).toBe(v.quote.tee ?? result.teeType);
        return;
      }
      let error: unknown;
      try {
        run();
      } catch (e) {
        error = e;
      }
      expect(error, "must not verify").toBeInstanceOf(DcapVerificationError);
      const accepted = [v.expected.error_class, ...(v.expected.also_acceptable ?? [])];
      expect(accepted).toContain((error as DcapVerificationError).code);
    });
  }
});

describe("precheckQuote inputs", () => {
  const positive = manifest.find((v) => v.id === "tdx-v4-dcapqvl-B0C06F000000")!;

  test("reads the collateral/ directory layout and returns measurements and report data", async () => {
    const collateral = await readCollateralDir(vectorPath("tdx-v4-dcapqvl-B0C06F000000/collateral"));
    const quote = readVector(positive.quote.bin);
    const result = precheckQuote({ quote, collateral, at: positive.verification_time });
    expect(result.status).toBe("UpToDate");
    expect(result.teeType).toBe("TDX");
    expect(result.quoteVersion).toBe(4);
    expect(result.reportData).toBe(`0x${Buffer.from(quote.slice(48 + 520, 48 + 584)).toString("hex")}`);
    if (result.body.type !== "TDX") throw new Error("expected a TDX body");
    expect(result.body.mrTd).toMatch(/^0x[0-9a-f]{96}$/);
  });

  test("accepts hex quotes and classifies short input", () => {
    expect(() => precheckQuote({ quote: "0x0300", collateral: {} as never, at: 0 })).toThrow(/QuoteFormat/);
  });

  test("the SGX debug enclave carries the debug flag in its body", () => {
    const v = manifest.find((x) => x.kind === "policy")!;
    expect(() =>
      precheckQuote({
        quote: readVector(v.quote.bin),
        collateral: JSON.parse(readFileSync(vectorPath(v.collateral.collateral_json_dcap_qvl_layout), "utf8")),
        at: v.verification_time,
      }),
    ).toThrow(DcapVerificationError);
  });
});
