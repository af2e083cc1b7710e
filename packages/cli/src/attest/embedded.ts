/**
 * The embedded chain of `pha attest verify` without `--rpc`: a throwaway anvil (OP mode, from the
 * `@foundry-rs/anvil` npm package) starting before the verification time, with the on-chain PCCS + DCAP verifier
 * deployed (pinned to the given root CA), the collateral uploaded through the SDK, and the clock set to `at`.
 *
 * Bytecode comes from the repository's Hardhat artifacts (`pnpm build`); set PHA_ARTIFACTS_DIR to point elsewhere.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type CollateralFiles, decodeContractError, uploadCollateral } from "@phala/l2-sdk";
import { dcapVerifierAbi } from "@phala/l2-sdk/abis";
import {
  type Address,
  createPublicClient,
  createTestClient,
  createWalletClient,
  type Hex,
  http,
  type PublicClient,
  toHex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { UsageError } from "../context.ts";

const require = createRequire(import.meta.url);
// anvil's first default account (a well-known test key, only ever used on this throwaway chain).
const ANVIL_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

type Artifact = {
  abi: unknown[];
  bytecode: Hex;
  linkReferences: Record<string, Record<string, { start: number; length: number }[]>>;
};

function artifactsDir(): string {
  if (process.env.PHA_ARTIFACTS_DIR) return process.env.PHA_ARTIFACTS_DIR;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, "artifacts");
    if (existsSync(join(candidate, "contracts/attestation/pccs/Pccs.sol/Pccs.json"))) return candidate;
    dir = dirname(dir);
  }
  throw new UsageError(
    "the embedded chain needs the DCAP contract artifacts: run `pnpm build` (or set PHA_ARTIFACTS_DIR), or pass --rpc",
  );
}

function artifact(path: string): Artifact {
  return JSON.parse(readFileSync(join(artifactsDir(), path), "utf8"));
}

/** Links libraries into `bytecode` at the offsets the artifact records. */
function link(a: Artifact, libraries: Record<string, Address>): Hex {
  let code = a.bytecode.slice(2);
  for (const [, libs] of Object.entries(a.linkReferences ?? {})) {
    for (const [name, refs] of Object.entries(libs)) {
      const address = libraries[name];
      if (!address) throw new Error(`missing library ${name}`);
      for (const { start, length } of refs) {
        code = code.slice(0, start * 2) + address.slice(2).toLowerCase() + code.slice((start + length) * 2);
      }
    }
  }
  return `0x${code}`;
}

function anvilBinary(): string {
  const wrapper = createRequire(require.resolve("@foundry-rs/anvil/package.json"));
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  return join(dirname(wrapper.resolve(`@foundry-rs/anvil-${process.platform}-${arch}/package.json`)), "bin", "anvil");
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export type EmbeddedVerdict =
  | { ok: true; tcbStatus: number; advisoryIds: readonly number[]; teeType: number }
  | { ok: false; error: string; stage: "upload" | "verify" };

/** A throwaway anvil (OP mode) whose genesis block is at `genesisTime`, with clients on it. */
export async function startEmbeddedChain(genesisTime: number) {
  const port = await freePort();
  const child: ChildProcess = spawn(
    anvilBinary(),
    ["--optimism", "--port", String(port), "--chain-id", "31337", "--timestamp", String(genesisTime), "--silent"],
    { stdio: "ignore" },
  );
  const url = `http://127.0.0.1:${port}`;
  const transport = http(url);
  const chain = { ...foundry, id: 31337 };
  const publicClient = createPublicClient({ chain, transport }) as PublicClient;
  for (let i = 0; ; i++) {
    try {
      await publicClient.getChainId();
      break;
    } catch (error) {
      if (i > 100) {
        child.kill();
        throw error;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const wallet = createWalletClient({ chain, transport, account: privateKeyToAccount(ANVIL_KEY) });
  const test = createTestClient({ chain, transport, mode: "anvil" });
  return { url, publicClient, wallet, test, stop: () => child.kill() };
}

export type EmbeddedChain = Awaited<ReturnType<typeof startEmbeddedChain>>;

/** Deploys the parser libraries (CollateralJson, X509, Crl), the PCCS (pinned to `rootCaDer`) and the DCAP verifier
 *  from the Hardhat artifacts. */
export async function deployDcap(
  c: EmbeddedChain,
  rootCaDer: Uint8Array,
): Promise<{ pccs: Address; verifier: Address }> {
  const deploy = async (a: Artifact, args: unknown[] = [], libraries: Record<string, Address> = {}) => {
    const hash = await c.wallet.deployContract({ abi: a.abi, bytecode: link(a, libraries), args } as never);
    const receipt = await c.publicClient.waitForTransactionReceipt({ hash });
    if (!receipt.contractAddress) throw new Error("deployment failed");
    return receipt.contractAddress;
  };
  const json = await deploy(artifact("contracts/attestation/dcap/CollateralJson.sol/CollateralJson.json"));
  const x509 = await deploy(artifact("contracts/attestation/dcap/X509.sol/X509.json"));
  const crl = await deploy(artifact("contracts/attestation/dcap/Crl.sol/Crl.json"));
  const pccs = await deploy(artifact("contracts/attestation/pccs/Pccs.sol/Pccs.json"), [toHex(rootCaDer)], {
    CollateralJson: json,
    X509: x509,
    Crl: crl,
  });
  const verifier = await deploy(artifact("contracts/attestation/dcap/DcapVerifier.sol/DcapVerifier.json"), [pccs]);
  return { pccs, verifier };
}

/**
 * Uploads `collateral` one block per second from `at - 16` (collateral issued in the last ~17 s before `at` would be
 * refused as not yet valid; anything older is accepted as on a live chain). Returns the refusal's error name, if any.
 */
export async function uploadBefore(
  c: EmbeddedChain,
  pccs: Address,
  collateral: CollateralFiles,
  at: number,
): Promise<string | undefined> {
  await c.test.setBlockTimestampInterval({ interval: 1 });
  await c.test.setNextBlockTimestamp({ timestamp: BigInt(at - 16) });
  await c.test.mine({ blocks: 1 });
  try {
    await uploadCollateral(c.wallet, { pccs, collateral });
    return undefined;
  } catch (error) {
    return decodeContractError(error)?.errorName ?? String((error as Error).message);
  }
}

/**
 * Starts anvil, deploys PCCS + verifier pinned to `rootCaDer`, uploads `collateral` shortly before `at`, sets the
 * clock to `at` and verifies `quote` with an eth_call. Always stops anvil.
 */
export async function verifyOnEmbeddedChain(parameters: {
  quote: Uint8Array;
  collateral: CollateralFiles;
  at: number;
  rootCaDer: Uint8Array;
}): Promise<EmbeddedVerdict> {
  const c = await startEmbeddedChain(parameters.at - 3600);
  try {
    const { pccs, verifier } = await deployDcap(c, parameters.rootCaDer);
    const uploadError = await uploadBefore(c, pccs, parameters.collateral, parameters.at);
    if (uploadError) return { ok: false, stage: "upload", error: uploadError };
    await c.test.setNextBlockTimestamp({ timestamp: BigInt(parameters.at) });
    await c.test.mine({ blocks: 1 });
    try {
      const verdict = await c.publicClient.readContract({
        address: verifier,
        abi: dcapVerifierAbi,
        functionName: "verify",
        args: [toHex(parameters.quote)],
      });
      return { ok: true, tcbStatus: verdict.tcbStatus, advisoryIds: verdict.advisoryIds, teeType: verdict.teeType };
    } catch (error) {
      return { ok: false, stage: "verify", error: decodeContractError(error)?.errorName ?? (error as Error).message };
    }
  } finally {
    c.stop();
  }
}
