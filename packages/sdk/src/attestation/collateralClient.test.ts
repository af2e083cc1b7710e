/**
 * The collateral client against a local HTTP server (127.0.0.1) serving recorded PCS v4 / PCCS responses built from
 * the shared vectors' collateral files: bodies as Intel serves them, issuer chains URL-encoded in headers.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type CollateralFiles, collateralFileNames, readCollateralDir, toDcapQvlCollateral } from "./collateral.ts";
import { createCollateralClient, crlToDer } from "./collateralClient.ts";
import { CollateralFetchError, CollateralNotFoundError, CollateralResponseError } from "./errors.ts";
import { precheckQuote } from "./precheck.ts";
import { readVector, vectorPath } from "./vectors.ts";

type Platform = { vector: string; tee: "sgx" | "tdx"; fmspc: string; ca: "platform" | "processor"; at: number };
const platforms: Platform[] = [
  { vector: "sgx-v3-automata-00606A000000", tee: "sgx", fmspc: "00606A000000", ca: "platform", at: 1755236700 },
  { vector: "sgx-v3-dcapqvl-00A067110000", tee: "sgx", fmspc: "00A067110000", ca: "processor", at: 1752919277 },
  { vector: "tdx-v4-dcapqvl-B0C06F000000", tee: "tdx", fmspc: "B0C06F000000", ca: "platform", at: 1752919234 },
];

const files = new Map<string, CollateralFiles>();
let server: Server;
let base: string;
/** Server flavour: "pcs" (v4 headers, DER root CRL at /IntelSGXRootCA.der) or "pccs" (v3 header names, hex rootcacrl). */
let flavour: "pcs" | "pccs" = "pcs";
let brokenHeader = false;
let requests: string[] = [];
/** The platform whose collateral the server currently publishes (a real server serves one current set). */
let current: Platform;

function handler(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  requests.push(`${url.pathname}${url.search}`);
  const send = (status: number, body: string | Uint8Array, headers: Record<string, string> = {}) => {
    res.writeHead(status, headers);
    res.end(body);
  };
  const enc = (pem: string) => encodeURIComponent(pem);
  const m = url.pathname.match(/^\/(sgx|tdx)\/certification\/v4\/(.+)$/);
  if (url.pathname === "/IntelSGXRootCA.der" && flavour === "pcs") {
    return send(200, files.get(current.vector)!["root_ca_crl.der"], { "Content-Type": "application/pkix-crl" });
  }
  if (!m) return send(404, "not found");
  const [, tee, path] = m;
  if (path === "pckcrl") {
    if (url.searchParams.get("ca") !== current.ca) return send(400, "bad ca");
    const f = files.get(current.vector)!;
    const body =
      url.searchParams.get("encoding") === "der" ? f["pck_crl.der"] : Buffer.from(f["pck_crl.der"]).toString("hex");
    return send(200, body, { "SGX-PCK-CRL-Issuer-Chain": enc(f["pck_crl_issuer_chain.pem"]) });
  }
  if (path === "rootcacrl" && flavour === "pccs") {
    return send(200, Buffer.from(files.get(current.vector)!["root_ca_crl.der"]).toString("hex"));
  }
  if (path === "tcb") {
    const fmspc = url.searchParams.get("fmspc");
    if (tee !== current.tee || fmspc !== current.fmspc) return send(404, "");
    const f = files.get(current.vector)!;
    const name = flavour === "pcs" ? "TCB-Info-Issuer-Chain" : "SGX-TCB-Info-Issuer-Chain";
    return send(
      200,
      f["tcb_info.json"],
      brokenHeader ? {} : { [name]: enc(f["tcb_info_issuer_chain.pem"]), "Content-Type": "application/json" },
    );
  }
  if (path === "qe/identity") {
    if (tee !== current.tee) return send(404, "");
    const f = files.get(current.vector)!;
    return send(200, f["qe_identity.json"], {
      "SGX-Enclave-Identity-Issuer-Chain": enc(f["qe_identity_issuer_chain.pem"]),
    });
  }
  return send(500, "unexpected");
}

beforeAll(async () => {
  for (const p of platforms) files.set(p.vector, await readCollateralDir(vectorPath(`${p.vector}/collateral`)));
  current = platforms[0];
  server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("collateral client", () => {
  for (const kind of ["pcs", "pccs"] as const) {
    for (const p of platforms) {
      test(`${kind}: fetches ${p.vector}'s collateral byte-for-byte and it verifies its quote`, async () => {
        flavour = kind;
        current = p;
        requests = [];
        const client = createCollateralClient({
          baseUrl: `${base}/sgx/certification/v4/`,
          kind,
          rootCaCrlUrl: `${base}/IntelSGXRootCA.der`,
        });
        const got = await client.getCollateral({ tee: p.tee, fmspc: p.fmspc, ca: p.ca });
        const want = files.get(p.vector)!;
        for (const name of collateralFileNames) {
          const a = got[name];
          const b = want[name];
          if (a instanceof Uint8Array) expect(Buffer.from(a).equals(Buffer.from(b as Uint8Array)), name).toBe(true);
          else expect(a, name).toBe(b);
        }
        // The signed bodies are the exact bytes of the vector's .body.json (never re-serialized).
        expect(got["tcb_info.body.json"]).toBe(
          readFileSync(vectorPath(`${p.vector}/collateral/tcb_info.body.json`), "utf8"),
        );
        expect(requests).toContain(`/${p.tee}/certification/v4/tcb?fmspc=${p.fmspc}&update=standard`);
        expect(requests).toContain(`/sgx/certification/v4/pckcrl?ca=${p.ca}&encoding=der`);
        const result = precheckQuote({ quote: readVector(`${p.vector}/quote.bin`), collateral: got, at: p.at });
        expect(result.teeType).toBe(p.tee.toUpperCase());
        expect(toDcapQvlCollateral(got).pck_crl).toBe(Buffer.from(want["pck_crl.der"]).toString("hex"));
      });
    }
  }

  test("an unknown FMSPC is a CollateralNotFoundError", async () => {
    flavour = "pcs";
    const client = createCollateralClient({ baseUrl: base, kind: "pcs" });
    await expect(client.getTcbInfo("tdx", "FFFFFFFFFFFF")).rejects.toBeInstanceOf(CollateralNotFoundError);
  });

  test("a missing issuer-chain header is a CollateralResponseError", async () => {
    brokenHeader = true;
    current = platforms[0];
    try {
      const client = createCollateralClient({ baseUrl: base, kind: "pcs" });
      await expect(client.getTcbInfo("sgx", "00606A000000")).rejects.toBeInstanceOf(CollateralResponseError);
    } finally {
      brokenHeader = false;
    }
  });

  test("server errors and unreachable servers are CollateralFetchError", async () => {
    const client = createCollateralClient({ baseUrl: base, kind: "pcs" });
    current = platforms[0];
    const error = await client.getPckCrl("processor").catch((e) => e);
    expect(error).toBeInstanceOf(CollateralFetchError);
    expect(error.status).toBe(400);
    const dead = createCollateralClient({ baseUrl: "http://127.0.0.1:1", kind: "pccs" });
    await expect(dead.getRootCaCrl()).rejects.toBeInstanceOf(CollateralFetchError);
  });

  test("defaults: Intel's host is PCS, anything else PCCS", () => {
    expect(createCollateralClient({ baseUrl: "https://api.trustedservices.intel.com/sgx/certification/v4" }).kind).toBe(
      "pcs",
    );
    expect(createCollateralClient({ baseUrl: "https://pccs.phala.network" }).kind).toBe("pccs");
  });

  test("crlToDer accepts DER, hex and PEM, and rejects anything else", () => {
    const der = files.get(platforms[0].vector)!["root_ca_crl.der"];
    const pem = `-----BEGIN X509 CRL-----\n${Buffer.from(der).toString("base64")}\n-----END X509 CRL-----\n`;
    for (const body of [
      der,
      new TextEncoder().encode(Buffer.from(der).toString("hex")),
      new TextEncoder().encode(pem),
    ]) {
      expect(Buffer.from(crlToDer(body)).equals(Buffer.from(der))).toBe(true);
    }
    expect(() => crlToDer(new TextEncoder().encode("<html>"))).toThrow(CollateralResponseError);
  });
});
