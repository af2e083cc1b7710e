import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { toHex } from "viem";
import {
  collateralOf,
  deployDcap,
  loadManifest,
  pemBlocks,
  readBytes,
  revertName,
  TCB_STATUS,
  toCompactQuote,
  uploadSteps,
  type VectorEntry,
} from "./helpers/dcap.ts";

const byId = (id: string) => loadManifest().vectors.find((v) => v.id === id)! as VectorEntry;
const JAN = byId("tdx-v4-automata-quote-zkdcap-collateral-00806F050000-2025-01");
const JUN = byId("tdx-v4-automata-00806F050000-2025-06");
const B0C = byId("tdx-v4-dcapqvl-B0C06F000000");

async function chainAt(t: number) {
  const conn = await network.create({ override: { initialDate: new Date((t - 3600) * 1000) } });
  const { viem, networkHelpers } = conn as any;
  const dcap = await deployDcap(viem);
  return { viem, networkHelpers, ...dcap };
}

async function uploadAll(pccs: any, v: VectorEntry, networkHelpers: any, at: number) {
  await networkHelpers.time.setNextBlockTimestamp(at);
  for (const step of uploadSteps(pccs, v, readBytes(v.quote.bin))) {
    try {
      await step.send();
    } catch (e) {
      if (revertName(e, pccs.abi) !== "CollateralNotNewer") throw e;
    }
  }
}

const expectRevert = async (p: Promise<unknown>, abi: readonly unknown[], name: string) => {
  try {
    await p;
  } catch (e) {
    assert.equal(revertName(e, abi), name);
    return;
  }
  assert.fail(`expected ${name}`);
};

describe("Pccs", () => {
  it("test_uploads_requireTheirIssuersFirst", async () => {
    const { pccs, networkHelpers } = await chainAt(B0C.verification_time);
    const c = collateralOf(B0C);
    await networkHelpers.time.setNextBlockTimestamp(B0C.verification_time - 100);
    const ca = pemBlocks(c.pckCrlIssuerChain)[0].der;
    await expectRevert(pccs.write.uploadCaCertificate([toHex(ca)]), pccs.abi, "CrlMissing"); // root CRL first
    await expectRevert(pccs.write.uploadCrl([toHex(c.pckCrl)]), pccs.abi, "CrlIssuerUnknown"); // its CA first
    await expectRevert(
      pccs.write.uploadTcbInfo([toHex(c.tcbInfoBody), `0x${c.tcbInfoSig}`]),
      pccs.abi,
      "TcbSigningCertMissing",
    );
    // the root CA itself is the anchor, not a PCK CA
    await pccs.write.uploadCrl([toHex(c.rootCrl)]);
    await expectRevert(
      pccs.write.uploadCaCertificate([toHex(readBytes("common/intel_sgx_root_ca.der"))]),
      pccs.abi,
      "CertNotCa",
    );
    // the TCB signing certificate is not a CA
    const signer = pemBlocks(c.tcbIssuerChain)[0].der;
    await expectRevert(pccs.write.uploadCaCertificate([toHex(signer)]), pccs.abi, "CertNotCa");
    await expectRevert(pccs.write.uploadTcbSigningCertificate([toHex(ca)]), pccs.abi, "CertNotCa");
  });

  it("test_uploads_neverGoBackwards", async () => {
    const { pccs, networkHelpers } = await chainAt(B0C.verification_time);
    await uploadAll(pccs, B0C, networkHelpers, B0C.verification_time - 100);
    const c = collateralOf(B0C);
    await expectRevert(
      pccs.write.uploadTcbInfo([toHex(c.tcbInfoBody), `0x${c.tcbInfoSig}`]),
      pccs.abi,
      "CollateralNotNewer",
    );
    await expectRevert(
      pccs.write.uploadQeIdentity([toHex(c.qeIdentityBody), `0x${c.qeIdentitySig}`]),
      pccs.abi,
      "CollateralNotNewer",
    );
    await expectRevert(pccs.write.uploadCrl([toHex(c.pckCrl)]), pccs.abi, "CollateralNotNewer");
    await expectRevert(pccs.write.uploadCrl([toHex(c.rootCrl)]), pccs.abi, "CollateralNotNewer");
  });

  it("test_verify_collateralExpiresAtVerificationTime_thenNewerUploadRestores", async () => {
    const { pccs, verifier, networkHelpers } = await chainAt(JAN.verification_time);
    await uploadAll(pccs, JAN, networkHelpers, JAN.verification_time - 100);
    const quote = toHex(readBytes(JUN.quote.bin)); // same platform, same quote bytes in both vectors
    await networkHelpers.time.increaseTo(JAN.verification_time);
    const jan = await verifier.read.verify([quote]);
    assert.equal(TCB_STATUS[jan.tcbStatus], JAN.expected.tcb_status);
    await verifier.write.verifyAndCache([quote]);
    const { compact } = toCompactQuote(readBytes(JUN.quote.bin));
    // five months later the January collateral is stale: the verifier names the first expired piece
    await networkHelpers.time.increaseTo(JUN.verification_time - 100);
    let err = "";
    try {
      await verifier.read.verify([compact]);
    } catch (e) {
      err = revertName(e, verifier.abi);
    }
    assert.ok(["CrlExpired", "TcbInfoExpired", "QeIdentityExpired", "CertificateExpired"].includes(err), err);
    // the June collateral supersedes it; the cached PCK leaf is reused
    await uploadAll(pccs, JUN, networkHelpers, JUN.verification_time - 90);
    await networkHelpers.time.increaseTo(JUN.verification_time);
    const jun = await verifier.read.verify([compact]);
    assert.equal(TCB_STATUS[jun.tcbStatus], JUN.expected.tcb_status);
    assert.deepEqual(
      [...jun.advisoryIds].map(Number).sort((a, b) => a - b),
      JUN.expected.advisory_ids!.map((a) => Number(a.slice(9))).sort((a, b) => a - b),
    );
    // and the January TCB info can no longer be uploaded
    const c = collateralOf(JAN);
    await expectRevert(
      pccs.write.uploadTcbInfo([toHex(c.tcbInfoBody), `0x${c.tcbInfoSig}`]),
      pccs.abi,
      "TcbInfoExpired",
    );
  });

  it("test_verify_pckCrlPastNextUpdate_revertsCrlExpired", async () => {
    const { pccs, verifier, networkHelpers } = await chainAt(B0C.verification_time);
    await uploadAll(pccs, B0C, networkHelpers, B0C.verification_time - 100);
    const quote = toHex(readBytes(B0C.quote.bin));
    await networkHelpers.time.increaseTo(B0C.verification_time);
    await verifier.read.verify([quote]);
    // one second after the PCK CRL's nextUpdate (the first collateral to expire for this vector)
    await networkHelpers.time.increaseTo(B0C.verification_time + 2);
    await expectRevert(verifier.read.verify([quote]), verifier.abi, "CrlExpired");
  });

  it("test_verify_compactQuoteOfUnknownLeaf_revertsPckLeafNotCached", async () => {
    const { pccs, verifier, networkHelpers } = await chainAt(B0C.verification_time);
    await uploadAll(pccs, B0C, networkHelpers, B0C.verification_time - 100);
    const { compact } = toCompactQuote(readBytes(B0C.quote.bin));
    await expectRevert(verifier.read.verify([compact]), verifier.abi, "PckLeafNotCached");
  });
});
