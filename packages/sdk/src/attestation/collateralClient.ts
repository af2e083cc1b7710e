/**
 * Collateral client for Intel's PCS v4 API and for PCCS servers (Intel's reference PCCS, Phala's, ...): fetches
 * the PCK CRL, root CA CRL, TCB info (SGX or TDX) and QE / TD_QE identity, with their issuer chains (URL-encoded
 * PEM response headers), and returns them in the `collateral/` file layout.
 *
 * Endpoints (base URL + `/{sgx|tdx}/certification/v4/...`):
 * | item | path | issuer-chain header |
 * |---|---|---|
 * | PCK CRL | `sgx/.../pckcrl?ca={platform,processor}&encoding=der` | `SGX-PCK-CRL-Issuer-Chain` |
 * | TCB info | `{sgx,tdx}/.../tcb?fmspc=` | `TCB-Info-Issuer-Chain` (v4), `SGX-TCB-Info-Issuer-Chain` (PCCS, v3) |
 * | QE identity | `{sgx,tdx}/.../qe/identity` | `SGX-Enclave-Identity-Issuer-Chain` |
 * | root CA CRL | PCCS: `sgx/.../rootcacrl`; PCS: the root certificate's CRL distribution point | — |
 */
import type { CollateralFiles } from "./collateral.ts";
import { splitSignedResponse } from "./collateral.ts";
import { CollateralFetchError, CollateralNotFoundError, CollateralResponseError } from "./errors.ts";

export const INTEL_PCS_URL = "https://api.trustedservices.intel.com";
export const INTEL_ROOT_CA_CRL_URL = "https://certificates.trustedservices.intel.com/IntelSGXRootCA.der";

export type TeeKind = "sgx" | "tdx";
export type PckCa = "platform" | "processor";

export type CollateralClientOptions = {
  /** Server root, e.g. `https://api.trustedservices.intel.com` or a PCCS `https://host:8081`. A trailing `/sgx/certification/v4` is accepted. */
  baseUrl: string;
  /** `pcs` (Intel) or `pccs`; default: `pcs` for Intel's host, `pccs` otherwise. */
  kind?: "pcs" | "pccs";
  /** Where a PCS client gets the root CA CRL; default: Intel's distribution point. */
  rootCaCrlUrl?: string;
  /** TCB info / QE identity update channel (`standard` by default). */
  update?: "standard" | "early";
  /** Intel PCS subscription key, sent as `Ocp-Apim-Subscription-Key` if given (not needed for collateral). */
  apiKey?: string;
  /** fetch implementation (default: global fetch). */
  fetch?: typeof fetch;
};

export type SignedCollateral = {
  /** The whole response body (`{"tcbInfo"|"enclaveIdentity": ..., "signature": ...}`). */
  response: string;
  /** The signed bytes. */
  body: string;
  signatureHex: string;
  /** Issuer chain from the response header, PEM. */
  issuerChain: string;
};

export type CollateralClient = {
  readonly baseUrl: string;
  readonly kind: "pcs" | "pccs";
  getPckCrl(ca: PckCa): Promise<{ crl: Uint8Array; issuerChain: string }>;
  getRootCaCrl(): Promise<Uint8Array>;
  getTcbInfo(tee: TeeKind, fmspc: string): Promise<SignedCollateral>;
  getQeIdentity(tee: TeeKind): Promise<SignedCollateral>;
  /** Everything needed to verify quotes of one platform (FMSPC, PCK CA) in the `collateral/` layout. */
  getCollateral(parameters: { tee: TeeKind; fmspc: string; ca: PckCa }): Promise<CollateralFiles>;
};

/**
 * Creates a collateral client.
 *
 * @example
 * const client = createCollateralClient({ baseUrl: "https://pccs.phala.network" })
 * const files = await client.getCollateral({ tee: "tdx", fmspc: "B0C06F000000", ca: "platform" })
 */
export function createCollateralClient(options: CollateralClientOptions): CollateralClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "").replace(/\/(sgx|tdx)\/certification\/v4$/, "");
  const kind = options.kind ?? (baseUrl.startsWith(INTEL_PCS_URL) ? "pcs" : "pccs");
  const doFetch = options.fetch ?? globalThis.fetch;
  const update = options.update ?? "standard";
  const url = (tee: TeeKind, path: string) => `${baseUrl}/${tee}/certification/v4/${path}`;

  async function get(target: string): Promise<Response> {
    let response: Response;
    try {
      response = await doFetch(target, {
        headers: options.apiKey ? { "Ocp-Apim-Subscription-Key": options.apiKey } : undefined,
      });
    } catch (cause) {
      throw new CollateralFetchError({ url: target, cause: cause as Error });
    }
    if (response.status === 404) throw new CollateralNotFoundError({ url: target });
    if (!response.ok) throw new CollateralFetchError({ url: target, status: response.status });
    return response;
  }

  function header(response: Response, target: string, ...names: string[]): string {
    for (const name of names) {
      const value = response.headers.get(name);
      if (value) {
        const pem = decodeURIComponent(value);
        if (!pem.includes("-----BEGIN CERTIFICATE-----")) {
          throw new CollateralResponseError({ url: target, reason: `header ${name} is not a PEM chain` });
        }
        return pem;
      }
    }
    throw new CollateralResponseError({ url: target, reason: `missing header ${names.join(" / ")}` });
  }

  async function signed(target: string, wrapper: "tcbInfo" | "enclaveIdentity", ...headers: string[]) {
    const response = await get(target);
    const issuerChain = header(response, target, ...headers);
    const text = await response.text();
    try {
      const { body, signatureHex } = splitSignedResponse(text, wrapper);
      return { response: text, body, signatureHex, issuerChain };
    } catch (cause) {
      throw new CollateralResponseError({ url: target, reason: (cause as Error).message });
    }
  }

  const client: CollateralClient = {
    baseUrl,
    kind,
    async getPckCrl(ca) {
      const target = url("sgx", `pckcrl?ca=${ca}&encoding=der`);
      const response = await get(target);
      const issuerChain = header(response, target, "SGX-PCK-CRL-Issuer-Chain");
      return { crl: crlToDer(new Uint8Array(await response.arrayBuffer()), target), issuerChain };
    },
    async getRootCaCrl() {
      const target = kind === "pccs" ? url("sgx", "rootcacrl") : (options.rootCaCrlUrl ?? INTEL_ROOT_CA_CRL_URL);
      const response = await get(target);
      return crlToDer(new Uint8Array(await response.arrayBuffer()), target);
    },
    getTcbInfo(tee, fmspc) {
      return signed(
        url(tee, `tcb?fmspc=${fmspc.toUpperCase()}&update=${update}`),
        "tcbInfo",
        "TCB-Info-Issuer-Chain",
        "SGX-TCB-Info-Issuer-Chain",
      );
    },
    getQeIdentity(tee) {
      return signed(url(tee, `qe/identity?update=${update}`), "enclaveIdentity", "SGX-Enclave-Identity-Issuer-Chain");
    },
    async getCollateral({ tee, fmspc, ca }) {
      const [pck, rootCrl, tcb, qe] = await Promise.all([
        client.getPckCrl(ca),
        client.getRootCaCrl(),
        client.getTcbInfo(tee, fmspc),
        client.getQeIdentity(tee),
      ]);
      return {
        "tcb_info.json": tcb.response,
        "tcb_info.body.json": tcb.body,
        "tcb_info.signature.hex": tcb.signatureHex,
        "tcb_info_issuer_chain.pem": tcb.issuerChain,
        "qe_identity.json": qe.response,
        "qe_identity.body.json": qe.body,
        "qe_identity.signature.hex": qe.signatureHex,
        "qe_identity_issuer_chain.pem": qe.issuerChain,
        "pck_crl.der": pck.crl,
        "pck_crl_issuer_chain.pem": pck.issuerChain,
        "root_ca_crl.der": rootCrl,
      };
    },
  };
  return client;
}

/** A CRL served as DER, PEM (`X509 CRL`) or hex text (some PCCS versions), as DER. */
export function crlToDer(body: Uint8Array, source = "CRL"): Uint8Array {
  if (body.length > 0 && body[0] === 0x30) return body;
  const text = new TextDecoder().decode(body).trim();
  const pem = text.match(/-----BEGIN X509 CRL-----([\s\S]+?)-----END X509 CRL-----/);
  if (pem) return new Uint8Array(Buffer.from(pem[1].replace(/\s+/g, ""), "base64"));
  if (/^([0-9a-fA-F]{2})+$/.test(text)) {
    const der = new Uint8Array(Buffer.from(text, "hex"));
    if (der[0] === 0x30) return der;
  }
  throw new CollateralResponseError({ url: source, reason: "CRL is neither DER, PEM nor hex" });
}
