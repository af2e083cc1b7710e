/**
 * Off-chain pre-check of a DCAP quote with Phala's `@phala/dcap-qvl` (pure JS), run before spending gas: verifies
 * a quote against a given collateral at a given time and maps the library's results and errors to typed values
 * (`DcapVerificationError.code`, see errors.ts).
 *
 * Known leniencies of dcap-qvl 0.3.9 that the on-chain verifier does not share (see shared/vectors/README.md): it
 * does not check CRL freshness (thisUpdate / nextUpdate), nor that each CRL comes from the CA that issued the
 * certificate it should cover; it accepts TDX quote v5. A pre-check pass is therefore necessary, not sufficient.
 */
import { createRequire } from "node:module";
import { type Hex, hexToBytes, toHex } from "viem";
import type { CollateralFiles, DcapQvlCollateral } from "./collateral.ts";
import { toDcapQvlCollateral } from "./collateral.ts";
import { type DcapErrorCode, DcapVerificationError } from "./errors.ts";

const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: dcap-qvl is CommonJS with loose typings.
const qvl: any = require("@phala/dcap-qvl");

export type TcbStatusName =
  | "UpToDate"
  | "SWHardeningNeeded"
  | "ConfigurationNeeded"
  | "ConfigurationAndSWHardeningNeeded"
  | "OutOfDate"
  | "OutOfDateConfigurationNeeded";

/** Order of `ITeeVerifier.TcbStatus` on chain. */
export const tcbStatusNames: readonly TcbStatusName[] = [
  "UpToDate",
  "SWHardeningNeeded",
  "ConfigurationNeeded",
  "ConfigurationAndSWHardeningNeeded",
  "OutOfDate",
  "OutOfDateConfigurationNeeded",
];

export type PrecheckParameters = {
  /** Raw quote bytes or hex. */
  quote: Uint8Array | Hex;
  /** Collateral files (the `collateral/` layout) or dcap-qvl's collateral JSON. */
  collateral: CollateralFiles | DcapQvlCollateral;
  /** Verification time, unix seconds (default: now). */
  at?: number | bigint;
  /** Pinned root CA certificate (DER); default Intel SGX Root CA. Tests pass a synthetic root. */
  rootCaDer?: Uint8Array;
};

export type SgxQuoteBody = {
  type: "SGX";
  mrEnclave: Hex;
  mrSigner: Hex;
  isvProdId: number;
  isvSvn: number;
  attributes: Hex;
  miscSelect: number;
  debug: boolean;
};
export type TdxQuoteBody = {
  type: "TDX";
  mrTd: Hex;
  mrConfigId: Hex;
  rtmr0: Hex;
  rtmr1: Hex;
  rtmr2: Hex;
  rtmr3: Hex;
  tdAttributes: Hex;
  xfam: Hex;
  teeTcbSvn: Hex;
};

export type PrecheckReturnType = {
  status: TcbStatusName;
  /** As Intel writes them, e.g. `INTEL-SA-00615`. */
  advisoryIds: string[];
  /** Numeric advisory ids as the on-chain verdict carries them (`INTEL-SA-00615` -> 615). */
  advisoryNumbers: number[];
  teeType: "SGX" | "TDX";
  quoteVersion: number;
  reportData: Hex;
  body: SgxQuoteBody | TdxQuoteBody;
};

export type PrecheckErrorType = DcapVerificationError;

/**
 * Verifies a quote off-chain with `@phala/dcap-qvl` and returns its TCB status, advisories and measurements.
 * Throws `DcapVerificationError` with a `code` naming the fault.
 *
 * @example
 * const { status, advisoryIds } = precheckQuote({ quote, collateral: await readCollateralDir(dir), at: 1752919277 })
 */
export function precheckQuote(parameters: PrecheckParameters): PrecheckReturnType {
  const quote = typeof parameters.quote === "string" ? hexToBytes(parameters.quote) : parameters.quote;
  const at = Number(parameters.at ?? Math.floor(Date.now() / 1000));
  const collateral =
    "tcb_info.json" in parameters.collateral ? toDcapQvlCollateral(parameters.collateral) : parameters.collateral;

  const headerFault = classifyHeader(quote);
  if (headerFault) throw headerFault;

  const verifier = parameters.rootCaDer
    ? qvl.QuoteVerifier.newWithRootCa(Buffer.from(parameters.rootCaDer))
    : qvl.QuoteVerifier.newProd();
  // biome-ignore lint/suspicious/noExplicitAny: see above.
  let report: any;
  try {
    report = verifier.verify(Buffer.from(quote), collateral, at);
  } catch (error) {
    throw toDcapError(error);
  }
  const status = report.status as TcbStatusName;
  const advisoryIds = [...(report.advisory_ids as string[])];
  const version = quote[0] | (quote[1] << 8);
  const body = describeBody(report.report);
  const reportData = body.type === "SGX" ? report.report.asSgx().reportData : report.report.asTd10().reportData;
  return {
    status,
    advisoryIds,
    advisoryNumbers: advisoryIds.map(advisoryNumber),
    teeType: body.type,
    quoteVersion: version,
    reportData: toHex(reportData),
    body,
  };
}

/** DER of the Intel SGX Root CA that dcap-qvl (and a production verifier) pins. */
export function intelRootCaDer(): Uint8Array {
  return new Uint8Array(qvl.constants.TRUSTED_ROOT_CA_DER);
}

/** 615 -> `INTEL-SA-00615` (the on-chain verdict carries numbers). */
export function advisoryName(n: number | bigint): string {
  return `INTEL-SA-${n.toString().padStart(5, "0")}`;
}

/** `INTEL-SA-00615` -> 615. */
export function advisoryNumber(id: string): number {
  const m = id.match(/(\d+)\s*$/);
  if (!m) throw new Error(`not an advisory id: ${id}`);
  return Number(m[1]);
}

// biome-ignore lint/suspicious/noExplicitAny: dcap-qvl Report.
function describeBody(r: any): SgxQuoteBody | TdxQuoteBody {
  if (r.type === "sgx") {
    const s = r.data;
    return {
      type: "SGX",
      mrEnclave: toHex(s.mrEnclave),
      mrSigner: toHex(s.mrSigner),
      isvProdId: s.isvProdId,
      isvSvn: s.isvSvn,
      attributes: toHex(s.attributes),
      miscSelect: s.miscSelect,
      debug: (s.attributes[0] & 0x02) !== 0,
    };
  }
  const t = r.type === "td15" ? r.data.base : r.data;
  return {
    type: "TDX",
    mrTd: toHex(t.mrTd),
    mrConfigId: toHex(t.mrConfigId),
    rtmr0: toHex(t.rtMr0),
    rtmr1: toHex(t.rtMr1),
    rtmr2: toHex(t.rtMr2),
    rtmr3: toHex(t.rtMr3),
    tdAttributes: toHex(t.tdAttributes),
    xfam: toHex(t.xfam),
    teeTcbSvn: toHex(t.teeTcbSvn),
  };
}

/** Header faults dcap-qvl reports only as "Failed to decode quote": classify them precisely first. */
function classifyHeader(quote: Uint8Array): DcapVerificationError | undefined {
  if (quote.length < 48)
    return new DcapVerificationError({
      code: "QuoteFormat",
      detail: `quote is ${quote.length} bytes, shorter than its 48-byte header`,
    });
  const version = quote[0] | (quote[1] << 8);
  const keyType = quote[2] | (quote[3] << 8);
  const teeType = (quote[4] | (quote[5] << 8) | (quote[6] << 16) | (quote[7] << 24)) >>> 0;
  const tee = teeType === 0 ? "SGX" : teeType === 0x81 ? "TDX" : undefined;
  if (!tee)
    return new DcapVerificationError({
      code: "UnsupportedVersion",
      detail: `unknown TEE type 0x${teeType.toString(16)}`,
    });
  const versionOk = tee === "SGX" ? version === 3 : version === 4 || version === 5;
  if (!versionOk)
    return new DcapVerificationError({ code: "UnsupportedVersion", detail: `${tee} quote version ${version}` });
  if (keyType !== 2)
    return new DcapVerificationError({ code: "UnsupportedKeyType", detail: `attestation key type ${keyType}` });
  return undefined;
}

const messageCodes: [RegExp, DcapErrorCode][] = [
  [
    /Unsupported DCAP quote version|must have version|Unsupported quote version|Invalid tee type|Unsupported DCAP TEE type/i,
    "UnsupportedVersion",
  ],
  [/attestation key type/i, "UnsupportedKeyType"],
  [
    /Failed to decode quote|Not enough data|Unsupported cert type|PCK cert format|Failed to extract PCK|too short in quote|auth data version/i,
    "QuoteFormat",
  ],
  [/Failed to decode (TcbInfo|QeIdentity)/i, "CollateralFormat"],
  [/issue date is in the future/i, "CollateralNotYetValid"],
  [/TCBInfo expired|QE Identity expired/i, "CollateralExpired"],
  [/Signature is invalid for (tcb_info|qe_identity)/i, "CollateralSignatureInvalid"],
  [/Signature is invalid for qe_report/i, "QeReportSignatureInvalid"],
  [/QE report hash mismatch/i, "QeReportDataMismatch"],
  [/QE (MRSIGNER|ISVPRODID|MISCSELECT|ATTRIBUTES) mismatch/i, "QeIdentityMismatch"],
  [/QE ISVSVN .* below minimum|No matching TCB level|No TCB levels/i, "TcbLevelNotFound"],
  [/ISV enclave report signature is invalid/i, "QuoteSignatureInvalid"],
  [/Fmspc mismatch|non-(TDX|SGX) TCB info|Unsupported QE Identity id/i, "CollateralMismatch"],
  [/Certificate is revoked/i, "CertRevoked"],
  [/expired or not yet valid/i, "CertificateExpired"],
  [/certificate chain|CaUsedAsEndEntity|chain is too short/i, "CertChainInvalid"],
  [/TCB status is invalid: Revoked/i, "TcbRevoked"],
  [/Debug mode is enabled/i, "DebugEnclave"],
  [/TD attributes|SEPT_VE_DISABLE|mr service td/i, "AttributesRejected"],
];

/** Maps any dcap-qvl failure to a `DcapVerificationError`. */
export function toDcapError(error: unknown): DcapVerificationError {
  if (error instanceof DcapVerificationError) return error;
  const e = error instanceof Error ? error : new Error(String(error));
  const messages = [e.message];
  for (let c = e.cause; c instanceof Error; c = c.cause) messages.push(c.message);
  const all = messages.join(" | ");
  const code = messageCodes.find(([re]) => re.test(all))?.[1] ?? "Unknown";
  return new DcapVerificationError({ code, detail: all, cause: e });
}
