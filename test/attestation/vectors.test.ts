import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { type Hex, toHex } from "viem";
import {
  advisoryNumber,
  ERROR_CLASS,
  loadManifest,
  revertName,
  setupVector,
  TCB_STATUS,
  toCompactQuote,
  type VectorEntry,
} from "./helpers/dcap.ts";

const manifest = loadManifest();

const setup = (v: VectorEntry) => setupVector(network, v);

function assertVerdict(v: VectorEntry, verdict: any, label: string) {
  assert.equal(TCB_STATUS[verdict.tcbStatus], v.expected.tcb_status, `${v.id} ${label}: status`);
  const got = [...verdict.advisoryIds].map(Number).sort((a, b) => a - b);
  const want = (v.expected.advisory_ids ?? []).map(advisoryNumber).sort((a, b) => a - b);
  assert.deepEqual(got, want, `${v.id} ${label}: advisories`);
}

describe("DCAP vectors (shared/vectors/manifest.json)", () => {
  for (const v of manifest.vectors) {
    if (v.expected.result === "ok") {
      it(`test_verify_${v.id}_gives ${v.expected.tcb_status}`, async () => {
        const { verifier, quote, uploadError } = await setup(v);
        assert.equal(uploadError, undefined, `${v.id}: upload failed`);
        // 1. full quote, PCK leaf not cached: verified in the call
        const full = await verifier.read.verify([toHex(quote)]);
        assertVerdict(v, full, "full/uncached");
        assert.equal(full.teeType, v.quote.tee === "TDX" ? 1 : 0);
        assert.equal(full.debug, v.kind === "policy");
        // 2. verify-and-cache, then the full quote again through the cached leaf
        await verifier.write.verifyAndCache([toHex(quote)]);
        assertVerdict(v, await verifier.read.verify([toHex(quote)]), "full/cached");
        // 3. compact form (on-chain helper and TypeScript encoder agree)
        const [compact, leafId] = (await verifier.read.compactQuote([toHex(quote)])) as [Hex, Hex];
        const ts = toCompactQuote(quote);
        assert.equal(ts.compact, compact);
        assert.equal(ts.leafId, leafId);
        assert.ok((compact.length - 2) / 2 < quote.length, "compact form is shorter");
        assertVerdict(v, await verifier.read.verify([compact]), "compact");
      });
      it(`test_verifyAndCacheCertificate_${v.id}_compactFirstQuote`, async () => {
        const { verifier, quote, uploadError } = await setup(v);
        assert.equal(uploadError, undefined);
        const { compact, leafDer } = toCompactQuote(quote);
        await assert.rejects(
          verifier.read.verify([compact]),
          (e) => revertName(e, verifier.abi) === "PckLeafNotCached",
        );
        await verifier.write.verifyAndCacheCertificate([compact, toHex(leafDer)]);
        assertVerdict(v, await verifier.read.verify([compact]), "compact after DER caching");
      });
    } else {
      const accepted = [v.expected.error_class!, ...(v.expected.also_acceptable ?? [])];
      it(`test_verify_${v.id}_reverts ${v.expected.error_class}`, async () => {
        const { verifier, quote, uploadError } = await setup(v);
        // The quote never verifies; the expected class is the first fault of the pipeline: an upload the PCCS
        // refuses (tampered, stale or expired collateral is never stored) or else the verification itself.
        let got: string;
        try {
          const verdict = await verifier.read.verify([toHex(quote)]);
          got = `ACCEPTED ${TCB_STATUS[verdict.tcbStatus]}`;
        } catch (e) {
          got = revertName(e, verifier.abi);
        }
        assert.ok(!got.startsWith("ACCEPTED"), `${v.id}: a negative vector verified (${got})`);
        const cls = (n?: string) => (n ? ERROR_CLASS[n.split(" ")[0]] : undefined);
        const first = uploadError ?? got;
        assert.ok(
          accepted.includes(cls(first)!) || accepted.includes(cls(got)!),
          `${v.id}: upload ${uploadError ?? "ok"}, verify ${got}; expected one of ${accepted.join(", ")}`,
        );
      });
    }
  }
});
