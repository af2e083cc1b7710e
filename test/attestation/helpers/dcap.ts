/**
 * Helpers shared by the DCAP vector tests and the DCAP benchmark: load the shared vectors, deploy the PCCS + verifier,
 * upload a vector's collateral, decode our custom errors, convert quotes to the compact form, and map error names to
 * the implementation-neutral error classes of `vectors/README.md`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { decodeErrorResult, type Hex, keccak256, toHex } from "viem";

const here = path.dirname(fileURLToPath(import.meta.url));
/** The shared vectors folder (beside the worktree). */
export const VECTORS_DIR = process.env.DCAP_VECTORS_DIR ?? path.resolve(here, "../../../../shared/vectors");

export interface VectorEntry {
  id: string;
  kind: "positive" | "real-negative" | "policy" | "negative-mutation";
  base_vector?: string;
  quote: { bin: string; tee?: string };
  pck_cert_chain_pem?: string;
  collateral: Record<string, string>;
  verification_time: number;
  expected: {
    result: "ok" | "error";
    tcb_status?: string;
    advisory_ids?: string[];
    error_class?: string;
    also_acceptable?: string[];
  };
}

export function loadManifest(): { vectors: VectorEntry[]; common: Record<string, string> } {
  return JSON.parse(readFileSync(path.join(VECTORS_DIR, "manifest.json"), "utf8"));
}

export const readBytes = (rel: string): Buffer => readFileSync(path.join(VECTORS_DIR, rel));

/** All PEM blocks of a file, each as `{ pem, der }`. */
export function pemBlocks(text: string): { pem: string; der: Buffer }[] {
  const re = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
  return [...text.matchAll(re)].map((m) => ({
    pem: m[0],
    der: Buffer.from(m[0].replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, ""), "base64"),
  }));
}

/** Collateral files of a vector, whichever way the manifest names them. */
export function collateralOf(v: VectorEntry) {
  const c = v.collateral;
  const p = (key: string, file: string) => c[key] ?? path.join(c.dir, file);
  return {
    tcbInfoBody: readBytes(p("tcb_info_signed_body", "tcb_info.body.json")),
    tcbInfoSig: readBytes(p("tcb_info_signature_hex", "tcb_info.signature.hex")).toString("utf8").trim(),
    tcbIssuerChain: readBytes(p("tcb_info_issuer_chain_pem", "tcb_info_issuer_chain.pem")).toString("utf8"),
    qeIdentityBody: readBytes(p("qe_identity_signed_body", "qe_identity.body.json")),
    qeIdentitySig: readBytes(p("qe_identity_signature_hex", "qe_identity.signature.hex")).toString("utf8").trim(),
    qeIssuerChain: readBytes(p("qe_identity_issuer_chain_pem", "qe_identity_issuer_chain.pem")).toString("utf8"),
    pckCrl: readBytes(p("pck_crl_der", "pck_crl.der")),
    pckCrlIssuerChain: readBytes(p("pck_crl_issuer_chain_pem", "pck_crl_issuer_chain.pem")).toString("utf8"),
    rootCrl: readBytes(p("root_ca_crl_der", "root_ca_crl.der")),
  };
}

/** Error name -> vectors README error class. */
export const ERROR_CLASS: Record<string, string> = {
  QuoteTruncated: "QuoteFormat",
  QuoteLengthInvalid: "QuoteFormat",
  QuoteCertDataInvalid: "QuoteFormat",
  QuoteCertTypeUnsupported: "QuoteFormat",
  QuoteVersionUnsupported: "UnsupportedVersion",
  QuoteKeyTypeUnsupported: "UnsupportedKeyType",
  QuoteSignatureInvalid: "QuoteSignatureInvalid",
  QeReportSignatureInvalid: "QeReportSignatureInvalid",
  QeReportDataMismatch: "QeReportDataMismatch",
  QeIdentityMismatch: "QeIdentityMismatch",
  CollateralSignatureInvalid: "CollateralSignatureInvalid",
  TcbInfoExpired: "CollateralExpired",
  QeIdentityExpired: "CollateralExpired",
  TcbInfoNotYetValid: "CollateralNotYetValid",
  QeIdentityNotYetValid: "CollateralNotYetValid",
  CrlExpired: "CrlExpired",
  CrlNotYetValid: "CrlNotYetValid",
  CrlMissing: "CrlMissing",
  CrlIssuerUnknown: "CrlMismatch",
  CertSignatureInvalid: "CertChainInvalid",
  CertIssuerUnknown: "CertChainInvalid",
  CertNotCa: "CertChainInvalid",
  PckLeafNotCached: "CertChainInvalid",
  CertificateExpired: "CertificateExpired",
  CertificateNotYetValid: "CertificateExpired",
  CertRevoked: "CertRevoked",
  TcbInfoNotFound: "CollateralMismatch",
  QeIdentityNotFound: "CollateralMismatch",
  PceIdMismatch: "CollateralMismatch",
  TdxModuleNotFound: "CollateralMismatch",
  TdxModuleMismatch: "CollateralMismatch",
  TcbLevelNotFound: "TcbLevelNotFound",
  QeTcbLevelNotFound: "TcbLevelNotFound",
  TdxModuleTcbLevelNotFound: "TcbLevelNotFound",
  TcbRevoked: "TcbRevoked",
};

/** Finds the revert data in a viem error chain and decodes it with `abi`; returns the error name (or a fallback). */
export function revertName(err: unknown, abi: readonly unknown[]): string {
  let e: any = err;
  for (let i = 0; e && i < 12; i++) {
    if (e.data?.errorName) return e.data.errorName as string;
    const raw: Hex | undefined = typeof e.raw === "string" ? e.raw : typeof e.data === "string" ? e.data : undefined;
    if (raw && raw.length >= 10) {
      try {
        return decodeErrorResult({ abi: abi as any, data: raw }).errorName;
      } catch {
        return `undecoded:${raw.slice(0, 10)}`;
      }
    }
    e = e.cause;
  }
  return `unknown:${String((err as Error)?.message ?? err).slice(0, 200)}`;
}

/** Advisory "INTEL-SA-00615" -> 615. */
export const advisoryNumber = (id: string): number => Number(id.replace(/^INTEL-SA-/, ""));

export const TCB_STATUS = [
  "UpToDate",
  "SWHardeningNeeded",
  "ConfigurationNeeded",
  "ConfigurationAndSWHardeningNeeded",
  "OutOfDate",
  "OutOfDateConfigurationNeeded",
] as const;

/** Deploys the parser libraries (CollateralJson, X509, Crl: linked, to keep Pccs under the code size limit), Pccs
 *  (pinned Intel root by default) and DcapVerifier. */
export async function deployDcap(viem: any, rootDer: Buffer = readBytes("common/intel_sgx_root_ca.der")) {
  const lib = "project/contracts/attestation/dcap";
  const json = await viem.deployContract("CollateralJson");
  const x509 = await viem.deployContract("X509");
  const crl = await viem.deployContract("Crl");
  const pccs = await viem.deployContract("Pccs", [toHex(rootDer)], {
    libraries: {
      [`${lib}/CollateralJson.sol:CollateralJson`]: json.address,
      [`${lib}/X509.sol:X509`]: x509.address,
      [`${lib}/Crl.sol:Crl`]: crl.address,
    },
  });
  const verifier = await viem.deployContract("DcapVerifier", [pccs.address]);
  return { json, x509, crl, pccs, verifier };
}

export type UploadStep = { name: string; send: () => Promise<Hex> };

/** The uploads of one vector's whole collateral, in dependency order. */
export function uploadSteps(pccs: any, v: VectorEntry, quote: Buffer): UploadStep[] {
  const c = collateralOf(v);
  const tcbSigner = pemBlocks(c.tcbIssuerChain)[0].der;
  const qeSigner = pemBlocks(c.qeIssuerChain)[0].der;
  const cas: Buffer[] = [pemBlocks(c.pckCrlIssuerChain)[0].der];
  const chain = pemBlocks(quote.toString("latin1"));
  if (chain.length >= 2 && !chain[1].der.equals(cas[0])) cas.push(chain[1].der);
  const steps: UploadStep[] = [{ name: "rootCrl", send: () => pccs.write.uploadCrl([toHex(c.rootCrl)]) }];
  for (const ca of cas) steps.push({ name: "caCert", send: () => pccs.write.uploadCaCertificate([toHex(ca)]) });
  steps.push({ name: "tcbSigner", send: () => pccs.write.uploadTcbSigningCertificate([toHex(tcbSigner)]) });
  if (!qeSigner.equals(tcbSigner)) {
    steps.push({ name: "tcbSigner", send: () => pccs.write.uploadTcbSigningCertificate([toHex(qeSigner)]) });
  }
  steps.push({ name: "pckCrl", send: () => pccs.write.uploadCrl([toHex(c.pckCrl)]) });
  steps.push({
    name: "tcbInfo",
    send: () => pccs.write.uploadTcbInfo([toHex(c.tcbInfoBody), `0x${c.tcbInfoSig}`]),
  });
  steps.push({
    name: "qeIdentity",
    send: () => pccs.write.uploadQeIdentity([toHex(c.qeIdentityBody), `0x${c.qeIdentitySig}`]),
  });
  return steps;
}

/**
 * TypeScript encoder of the compact quote form (see IDcapVerifier): the PEM PCK chain is replaced by certification
 * data type 256 carrying keccak256(DER of the PCK leaf), enclosing lengths adjusted, trailing bytes dropped.
 */
export function toCompactQuote(quote: Uint8Array): { compact: Hex; leafDer: Buffer; leafId: Hex } {
  const q = Buffer.from(quote);
  const version = q.readUInt16LE(0);
  const tdx = q.readUInt32LE(4) === 0x81;
  const body = tdx ? 584 : 384;
  const sigLenAt = 48 + body;
  let p = sigLenAt + 4 + 128;
  const wrapAt = p + 2;
  if (version === 4) p += 6; // type-6 QE report certification data header
  p += 384 + 64;
  const authLen = q.readUInt16LE(p);
  p += 2 + authLen;
  const certTypeAt = p;
  const certLen = q.readUInt32LE(p + 2);
  const certData = q.subarray(p + 6, p + 6 + certLen).toString("latin1");
  const leafDer = pemBlocks(certData)[0].der;
  const leafId = keccak256(leafDer);
  const removed = certLen - 32;
  const out = Buffer.concat([
    q.subarray(0, certTypeAt),
    Buffer.from("000120000000", "hex"),
    Buffer.from(leafId.slice(2), "hex"),
  ]);
  out.writeUInt32LE(q.readUInt32LE(sigLenAt) - removed, sigLenAt);
  if (version === 4) out.writeUInt32LE(q.readUInt32LE(wrapAt) - removed, wrapAt);
  return { compact: toHex(out), leafDer, leafId };
}

/** A fresh chain just before the vector's verification time, with the PCCS + verifier deployed and the vector's
 *  collateral uploaded (a refused upload is recorded, except `CollateralNotNewer` for a certificate / CRL offered
 *  twice), and the chain time set to the verification time. */
export async function setupVector(network: any, v: VectorEntry) {
  const t = v.verification_time;
  const conn = await network.create({ override: { initialDate: new Date((t - 600) * 1000) } });
  const { viem, networkHelpers } = conn as any;
  const { pccs, verifier } = await deployDcap(viem);
  const quote = readBytes(v.quote.bin);
  const steps = uploadSteps(pccs, v, quote);
  let uploadError: string | undefined;
  let at = t - steps.length - 2;
  for (const step of steps) {
    await networkHelpers.time.setNextBlockTimestamp(at++);
    try {
      await step.send();
    } catch (e) {
      const name = revertName(e, pccs.abi);
      if (name === "CollateralNotNewer") continue;
      uploadError ??= `${name} (${step.name})`;
      await networkHelpers.mine();
    }
  }
  await networkHelpers.time.increaseTo(t);
  return { viem, networkHelpers, pccs, verifier, quote, uploadError };
}

/** End of a quote's signature data (bytes after it are unsigned padding). */
export function quoteEnd(q: Uint8Array): number {
  const b = Buffer.from(q);
  const sigLenAt = 48 + (b.readUInt32LE(4) === 0x81 ? 584 : 384);
  return sigLenAt + 4 + b.readUInt32LE(sigLenAt);
}
