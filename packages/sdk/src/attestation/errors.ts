import { BaseError } from "../errors/base.ts";

/**
 * Implementation-neutral classes of DCAP verification failures (the error classes of the test vectors'
 * README), plus three policy classes dcap-qvl reports (`DebugEnclave`, `AttributesRejected`) or we add
 * (`CollateralFormat`, `Unknown`).
 */
export const dcapErrorCodes = [
  "QuoteFormat",
  "UnsupportedVersion",
  "UnsupportedKeyType",
  "QuoteSignatureInvalid",
  "QeReportSignatureInvalid",
  "QeReportDataMismatch",
  "QeIdentityMismatch",
  "CollateralFormat",
  "CollateralSignatureInvalid",
  "CollateralExpired",
  "CollateralNotYetValid",
  "CrlExpired",
  "CrlNotYetValid",
  "CrlMissing",
  "CrlMismatch",
  "CertChainInvalid",
  "CertificateExpired",
  "CertRevoked",
  "CollateralMismatch",
  "TcbLevelNotFound",
  "TcbRevoked",
  "DebugEnclave",
  "AttributesRejected",
  "Unknown",
] as const;
export type DcapErrorCode = (typeof dcapErrorCodes)[number];

export type DcapVerificationErrorType = DcapVerificationError & { name: "DcapVerificationError" };

/** A quote did not verify off-chain; `code` classifies the fault, `detail` is the verifier's own message. */
export class DcapVerificationError extends BaseError {
  override name = "DcapVerificationError";
  readonly code: DcapErrorCode;
  readonly detail: string;
  constructor({ code, detail, cause }: { code: DcapErrorCode; detail: string; cause?: Error }) {
    super(`${code}: ${detail}`, { cause, docsPath: "#attestation-errors" });
    this.code = code;
    this.detail = detail;
  }
}

export type CollateralFetchErrorType = CollateralFetchError & { name: "CollateralFetchError" };

/** A PCS / PCCS request failed (network error or non-2xx status other than 404). */
export class CollateralFetchError extends BaseError {
  override name = "CollateralFetchError";
  readonly url: string;
  readonly status: number | undefined;
  constructor({ url, status, cause }: { url: string; status?: number; cause?: Error }) {
    super(`Fetching ${url} failed${status === undefined ? "" : ` with HTTP ${status}`}.`, {
      cause,
      docsPath: "#collateral-client",
    });
    this.url = url;
    this.status = status;
  }
}

export type CollateralNotFoundErrorType = CollateralNotFoundError & { name: "CollateralNotFoundError" };

/** The PCS / PCCS has no such collateral (HTTP 404: unknown FMSPC, CA, ...). */
export class CollateralNotFoundError extends BaseError {
  override name = "CollateralNotFoundError";
  readonly url: string;
  constructor({ url }: { url: string }) {
    super(`No collateral at ${url} (HTTP 404).`, { docsPath: "#collateral-client" });
    this.url = url;
  }
}

export type CollateralResponseErrorType = CollateralResponseError & { name: "CollateralResponseError" };

/** A PCS / PCCS response lacks a required header or has a body that is not what the API specifies. */
export class CollateralResponseError extends BaseError {
  override name = "CollateralResponseError";
  readonly url: string;
  constructor({ url, reason }: { url: string; reason: string }) {
    super(`Malformed collateral response from ${url}: ${reason}`, { docsPath: "#collateral-client" });
    this.url = url;
  }
}
