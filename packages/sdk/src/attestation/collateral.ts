/**
 * DCAP collateral in the file layout of `shared/vectors/<vector>/collateral/` (one file per item, as Intel PCS
 * serves them), conversions to dcap-qvl's `QuoteCollateralV3` JSON, and directory I/O.
 */

/** Collateral files, keyed by file name. Text files are strings, DER files bytes. */
export type CollateralFiles = {
  /** PCS v4 TCB info response body `{"tcbInfo":{...},"signature":"<hex>"}`. */
  "tcb_info.json": string;
  /** The exact signed bytes (the `tcbInfo` value). */
  "tcb_info.body.json": string;
  /** Raw r‖s P-256 signature over the body, hex. */
  "tcb_info.signature.hex": string;
  /** TCB signing certificate + root, PEM. */
  "tcb_info_issuer_chain.pem": string;
  "qe_identity.json": string;
  "qe_identity.body.json": string;
  "qe_identity.signature.hex": string;
  "qe_identity_issuer_chain.pem": string;
  /** CRL of the PCK CA (platform or processor), DER. */
  "pck_crl.der": Uint8Array;
  /** That PCK CA + root, PEM. */
  "pck_crl_issuer_chain.pem": string;
  /** Intel SGX Root CA CRL, DER. */
  "root_ca_crl.der": Uint8Array;
};

/** dcap-qvl's `QuoteCollateralV3` JSON (CRLs and signatures hex, chains PEM, bodies as the signed strings). */
export type DcapQvlCollateral = {
  pck_crl_issuer_chain: string;
  root_ca_crl: string;
  pck_crl: string;
  tcb_info_issuer_chain: string;
  tcb_info: string;
  tcb_info_signature: string;
  qe_identity_issuer_chain: string;
  qe_identity: string;
  qe_identity_signature: string;
};

export const collateralFileNames = [
  "tcb_info.json",
  "tcb_info.body.json",
  "tcb_info.signature.hex",
  "tcb_info_issuer_chain.pem",
  "qe_identity.json",
  "qe_identity.body.json",
  "qe_identity.signature.hex",
  "qe_identity_issuer_chain.pem",
  "pck_crl.der",
  "pck_crl_issuer_chain.pem",
  "root_ca_crl.der",
] as const satisfies readonly (keyof CollateralFiles)[];

const toHex = (b: Uint8Array) => Buffer.from(b).toString("hex");

/** The dcap-qvl collateral JSON of a set of collateral files. */
export function toDcapQvlCollateral(files: CollateralFiles): DcapQvlCollateral {
  return {
    pck_crl_issuer_chain: files["pck_crl_issuer_chain.pem"],
    root_ca_crl: toHex(files["root_ca_crl.der"]),
    pck_crl: toHex(files["pck_crl.der"]),
    tcb_info_issuer_chain: files["tcb_info_issuer_chain.pem"],
    tcb_info: files["tcb_info.body.json"],
    tcb_info_signature: files["tcb_info.signature.hex"].trim(),
    qe_identity_issuer_chain: files["qe_identity_issuer_chain.pem"],
    qe_identity: files["qe_identity.body.json"],
    qe_identity_signature: files["qe_identity.signature.hex"].trim(),
  };
}

/**
 * The exact bytes of the value of top-level `key` in a JSON document, without re-serializing (a signature
 * covers Intel's bytes, which JSON.parse + JSON.stringify need not reproduce). Returns undefined if absent.
 */
export function extractRawJsonValue(json: string, key: string): string | undefined {
  let depth = 0;
  let i = 0;
  const n = json.length;
  const skipString = (from: number): number => {
    // from points at the opening quote; returns the index after the closing quote.
    let j = from + 1;
    while (j < n) {
      const c = json[j];
      if (c === "\\") j += 2;
      else if (c === '"') return j + 1;
      else j++;
    }
    throw new SyntaxError("unterminated string");
  };
  while (i < n) {
    const c = json[i];
    if (c === '"') {
      const end = skipString(i);
      if (depth === 1 && json.slice(i + 1, end - 1) === key) {
        let j = end;
        while (/\s/.test(json[j])) j++;
        if (json[j] !== ":") {
          i = end;
          continue;
        }
        j++;
        while (/\s/.test(json[j])) j++;
        const start = j;
        if (json[j] === '"') return json.slice(start, skipString(j));
        if (json[j] !== "{" && json[j] !== "[") {
          while (j < n && json[j] !== "," && json[j] !== "}") j++;
          return json.slice(start, j).trimEnd();
        }
        let d = 0;
        while (j < n) {
          const ch = json[j];
          if (ch === '"') {
            j = skipString(j);
            continue;
          }
          if (ch === "{" || ch === "[") d++;
          else if (ch === "}" || ch === "]") {
            d--;
            if (d === 0) return json.slice(start, j + 1);
          }
          j++;
        }
        throw new SyntaxError("unterminated value");
      }
      i = end;
      continue;
    }
    if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
    i++;
  }
  return undefined;
}

/** Splits a PCS JSON response into its signed body and signature (hex), keeping the body's exact bytes. */
export function splitSignedResponse(
  response: string,
  wrapper: "tcbInfo" | "enclaveIdentity",
): { body: string; signatureHex: string } {
  const body = extractRawJsonValue(response, wrapper);
  const parsed = JSON.parse(response) as { signature?: unknown };
  if (body === undefined || typeof parsed.signature !== "string") {
    throw new SyntaxError(`expected {"${wrapper}": {...}, "signature": "<hex>"}`);
  }
  JSON.parse(body);
  return { body, signatureHex: parsed.signature };
}

/** Reads a collateral directory (the `collateral/` layout). Missing body/signature files are derived from the responses. */
export async function readCollateralDir(dir: string): Promise<CollateralFiles> {
  const { readFile } = await import("node:fs/promises");
  const { join } = await import("node:path");
  const text = (name: string) => readFile(join(dir, name), "utf8");
  const maybe = (name: string) => text(name).catch(() => undefined);
  const tcbResponse = await text("tcb_info.json");
  const qeResponse = await text("qe_identity.json");
  const tcb = splitSignedResponse(tcbResponse, "tcbInfo");
  const qe = splitSignedResponse(qeResponse, "enclaveIdentity");
  return {
    "tcb_info.json": tcbResponse,
    "tcb_info.body.json": (await maybe("tcb_info.body.json")) ?? tcb.body,
    "tcb_info.signature.hex": ((await maybe("tcb_info.signature.hex")) ?? tcb.signatureHex).trim(),
    "tcb_info_issuer_chain.pem": await text("tcb_info_issuer_chain.pem"),
    "qe_identity.json": qeResponse,
    "qe_identity.body.json": (await maybe("qe_identity.body.json")) ?? qe.body,
    "qe_identity.signature.hex": ((await maybe("qe_identity.signature.hex")) ?? qe.signatureHex).trim(),
    "qe_identity_issuer_chain.pem": await text("qe_identity_issuer_chain.pem"),
    "pck_crl.der": new Uint8Array(await readFile(join(dir, "pck_crl.der"))),
    "pck_crl_issuer_chain.pem": await text("pck_crl_issuer_chain.pem"),
    "root_ca_crl.der": new Uint8Array(await readFile(join(dir, "root_ca_crl.der"))),
  };
}

/** Writes collateral files (and `collateral.json`, dcap-qvl layout) into `dir`. */
export async function writeCollateralDir(dir: string, files: CollateralFiles): Promise<void> {
  const { mkdir, writeFile } = await import("node:fs/promises");
  const { join } = await import("node:path");
  await mkdir(dir, { recursive: true });
  for (const name of collateralFileNames) await writeFile(join(dir, name), files[name]);
  await writeFile(join(dir, "collateral.json"), JSON.stringify(toDcapQvlCollateral(files), null, 1));
}
