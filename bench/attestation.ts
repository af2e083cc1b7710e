/**
 * Gas of the attestation registry on top of the real DCAP verifier and PCCS (whole transactions, 21k base included,
 * EDR chainType "op"). Quotes come from the synthetic Intel PKI (test/fixtures/dcap/synth.ts): only a quote generated
 * for this registry can carry its binding, so real quotes cannot be registered; the verifier's cost per quote is the
 * same (same formats, same checks).
 *
 * - attestation.register.{sgx,tdx}.full      first registration, full quote, PCK leaf verified in the call (not cached)
 * - attestation.register.{sgx,tdx}.compact   renewal with the compact quote (PCK leaf cached), the steady state
 * - attestation.reverify.revoke              re-verification that revokes after a TCB recovery (verifier runs)
 * - attestation.reverify.expire              re-verification that marks an aged-out attestation expired
 */
import { network } from "hardhat";
import { encodeFunctionData, type Hex, keccak256, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { DCAP_INCONCLUSIVE_ERRORS } from "../deploy/modules/Attestation.ts";
import { makeScenario } from "../test/fixtures/dcap/synth.ts";

const AT = Math.floor(Date.parse("2025-09-01T12:00:00Z") / 1000);
const SEED = "bench";

export async function run(): Promise<Record<string, bigint>> {
  const { viem, networkHelpers } = await network.create({ override: { initialDate: new Date((AT - 3600) * 1000) } });
  const publicClient = await viem.getPublicClient();
  const [deployer, operator, stranger] = await viem.getWalletClients();
  const gas = async (hash: Hex) => (await publicClient.waitForTransactionReceipt({ hash })).gasUsed;
  const out: Record<string, bigint> = {};

  const root = makeScenario({ tee: "sgx", reportData: new Uint8Array(64), at: new Date(AT * 1000), seed: SEED }).pki
    .root;
  const json = await viem.deployContract("CollateralJson");
  const x509 = await viem.deployContract("X509");
  const crl = await viem.deployContract("Crl");
  const pccs = await viem.deployContract("Pccs", [toHex(root.der)], {
    libraries: {
      "project/contracts/attestation/dcap/CollateralJson.sol:CollateralJson": json.address,
      "project/contracts/attestation/dcap/X509.sol:X509": x509.address,
      "project/contracts/attestation/dcap/Crl.sol:Crl": crl.address,
    },
  });
  const verifier = await viem.deployContract("DcapVerifier", [pccs.address]);
  const manager = await viem.deployContract("AccessManager", [deployer.account.address]);
  const impl = await viem.deployContract("AttestationRegistry");
  const proxy = await viem.deployContract("ERC1967Proxy", [
    impl.address,
    encodeFunctionData({
      abi: impl.abi,
      functionName: "initialize",
      args: [manager.address, 7n * 86_400n, DCAP_INCONCLUSIVE_ERRORS],
    }),
  ]);
  const registry = await viem.getContractAt("AttestationRegistry", proxy.address);
  await registry.write.setVerifier([0, verifier.address]);
  await registry.write.setVerifier([1, verifier.address]);
  await registry.write.setAcceptedTcbStatuses([0x03]);

  await networkHelpers.time.setNextBlockTimestamp(AT - 600);
  for (const tee of ["sgx", "tdx"] as const) {
    const c = makeScenario({ tee, reportData: new Uint8Array(64), at: new Date(AT * 1000), seed: SEED }).collateral;
    const pem = (s: string) =>
      toHex(Buffer.from(s.split("-----END CERTIFICATE-----")[0].split("-----\n")[1].replace(/\s+/g, ""), "base64"));
    for (const send of [
      () => pccs.write.uploadCrl([toHex(c["root_ca_crl.der"])]),
      () => pccs.write.uploadCaCertificate([pem(c["pck_crl_issuer_chain.pem"])]),
      () => pccs.write.uploadTcbSigningCertificate([pem(c["tcb_info_issuer_chain.pem"])]),
      () => pccs.write.uploadCrl([toHex(c["pck_crl.der"])]),
      () => pccs.write.uploadTcbInfo([toHex(c["tcb_info.body.json"]), `0x${c["tcb_info.signature.hex"]}`]),
      () => pccs.write.uploadQeIdentity([toHex(c["qe_identity.body.json"]), `0x${c["qe_identity.signature.hex"]}`]),
    ]) {
      await send().catch(() => undefined); // the shared root CRL / CA / signer are stored once
    }
  }
  await networkHelpers.time.increaseTo(AT);

  const enclave = (label: string) => privateKeyToAccount(keccak256(toHex(label)));
  async function quote(tee: "sgx" | "tdx", key: Hex, status: "UpToDate" | "OutOfDate" = "UpToDate") {
    const rd = await registry.read.reportDataFor([operator.account.address, 1, `0x${key.slice(4)}`]);
    return makeScenario({
      tee,
      seed: SEED,
      at: new Date(AT * 1000),
      status,
      reportData: Buffer.from(rd.slice(2), "hex"),
    }).quote;
  }
  async function register(tee: "sgx" | "tdx", key: Hex, evidence: Hex) {
    return gas(
      await registry.write.register([tee === "sgx" ? 0 : 1, evidence, 1, `0x${key.slice(4)}`], {
        account: operator.account,
      }),
    );
  }

  for (const tee of ["sgx", "tdx"] as const) {
    const w = enclave(`bench ${tee}`);
    const first = await quote(tee, w.publicKey);
    const verdict = await verifier.read.verify([toHex(first)]);
    const m = verdict.measurements;
    const workload =
      tee === "sgx"
        ? await registry.read.sgxEnclaveWorkloadId([`0x${m.slice(2, 66)}` as Hex])
        : await registry.read.tdxWorkloadId([
            (await import("viem")).decodeAbiParameters(
              [
                {
                  type: "tuple",
                  components: [
                    { name: "mrTd", type: "bytes" },
                    { name: "mrConfigId", type: "bytes" },
                    { name: "rtmr0", type: "bytes" },
                    { name: "rtmr1", type: "bytes" },
                    { name: "rtmr2", type: "bytes" },
                    { name: "rtmr3", type: "bytes" },
                    { name: "tdAttributes", type: "bytes8" },
                    { name: "xfam", type: "bytes8" },
                  ],
                },
              ],
              m,
            )[0],
          ]);
    await registry.write.setWorkload([workload, true, tee === "sgx" ? 0 : 1, 0]);
    out[`attestation.register.${tee}.full`] = await register(tee, w.publicKey, toHex(first));
    const second = await quote(tee, w.publicKey);
    await verifier.write.verifyAndCache([toHex(second)]);
    const [compact] = (await verifier.read.compactQuote([toHex(second)])) as [Hex, Hex];
    out[`attestation.register.${tee}.compact`] = await register(tee, w.publicKey, compact);
    if (tee === "tdx") {
      // TCB recovery: a newer TCB info rates the platform OutOfDate; anyone revokes the worker.
      const recovered = makeScenario({
        tee,
        seed: SEED,
        at: new Date(AT * 1000),
        reportData: new Uint8Array(64),
        status: "OutOfDate",
        tcbEvaluationDataNumber: 18,
      }).collateral;
      await pccs.write.uploadTcbInfo([
        toHex(recovered["tcb_info.body.json"]),
        `0x${recovered["tcb_info.signature.hex"]}`,
      ]);
      out["attestation.reverify.revoke"] = await gas(
        await registry.write.reverify([w.address, compact], { account: stranger.account }),
      );
    }
  }
  // Expiry of the SGX worker (no verifier call).
  await networkHelpers.time.increase(7 * 86_400);
  out["attestation.reverify.expire"] = await gas(
    await registry.write.reverify([enclave("bench sgx").address, "0x"], { account: stranger.account }),
  );
  return out;
}
