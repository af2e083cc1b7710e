import type { Account, Address, Chain, Client, Hash, Hex, Transport } from "viem";
import { toHex } from "viem";
import { waitForTransactionReceipt } from "viem/actions";
import type { CollateralFiles } from "../../attestation/collateral.ts";
import { decodeContractError, type PhalaContractErrorType } from "../../errors/contract.ts";
import { pccsAbi } from "../../generated/abis.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";

export type UploadCollateralParameters = WriteOptions & {
  /** The on-chain PCCS. */
  pccs: Address;
  /** Collateral in the `collateral/` layout (e.g. from `readCollateralDir` or the collateral client). */
  collateral: CollateralFiles;
  /** PCK leaf certificates (PEM blocks or DER) to verify and cache so their quotes can use the compact form. */
  pckCertificates?: Hex[];
};
export type UploadStepResult = {
  step: "rootCrl" | "pckCa" | "tcbSigner" | "pckCrl" | "tcbInfo" | "qeIdentity" | "pckCertificate";
  /** Transaction hash, or undefined if the store already held this item or a newer one (`CollateralNotNewer`). */
  hash?: Hash;
};
export type UploadCollateralReturnType = UploadStepResult[];
export type UploadCollateralErrorType = PhalaContractErrorType | Error;

const pemBlocks = (pem: string): Hex[] =>
  [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) =>
    toHex(Buffer.from(m[1].replace(/\s+/g, ""), "base64")),
  );

/** The uploads of one platform's collateral, in dependency order, as call data. */
export function uploadCollateralCalls(parameters: Omit<UploadCollateralParameters, keyof WriteOptions>) {
  const c = parameters.collateral;
  const call = (functionName: string, args: readonly unknown[]) =>
    ({ address: parameters.pccs, abi: pccsAbi, functionName, args }) as unknown as ContractCall<typeof pccsAbi>;
  const [pckCa] = pemBlocks(c["pck_crl_issuer_chain.pem"]);
  const [tcbSigner] = pemBlocks(c["tcb_info_issuer_chain.pem"]);
  const [qeSigner] = pemBlocks(c["qe_identity_issuer_chain.pem"]);
  const steps: { step: UploadStepResult["step"]; call: ContractCall<typeof pccsAbi> }[] = [
    { step: "rootCrl", call: call("uploadCrl", [toHex(c["root_ca_crl.der"])]) },
    { step: "pckCa", call: call("uploadCaCertificate", [pckCa]) },
    { step: "tcbSigner", call: call("uploadTcbSigningCertificate", [tcbSigner]) },
  ];
  if (qeSigner !== tcbSigner) steps.push({ step: "tcbSigner", call: call("uploadTcbSigningCertificate", [qeSigner]) });
  steps.push(
    { step: "pckCrl", call: call("uploadCrl", [toHex(c["pck_crl.der"])]) },
    {
      step: "tcbInfo",
      call: call("uploadTcbInfo", [toHex(c["tcb_info.body.json"]), `0x${c["tcb_info.signature.hex"].trim()}`]),
    },
    {
      step: "qeIdentity",
      call: call("uploadQeIdentity", [toHex(c["qe_identity.body.json"]), `0x${c["qe_identity.signature.hex"].trim()}`]),
    },
  );
  for (const cert of parameters.pckCertificates ?? []) {
    steps.push({ step: "pckCertificate", call: call("cachePckCertificate", [cert]) });
  }
  return steps;
}

/**
 * Uploads one platform's Intel collateral to the on-chain PCCS (root CRL, PCK CA, TCB signing certificate, PCK CRL,
 * TCB info, QE identity, optionally PCK leaves), one transaction each, waiting for each. Items the store already
 * holds (or holds newer) are skipped; any other refusal is a typed error (e.g. `CollateralSignatureInvalid`).
 *
 * @example
 * await uploadCollateral(client, { pccs, collateral: await readCollateralDir("vectors/x/collateral") })
 */
export async function uploadCollateral(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: UploadCollateralParameters,
): Promise<UploadCollateralReturnType> {
  const results: UploadStepResult[] = [];
  for (const { step, call } of uploadCollateralCalls(parameters)) {
    try {
      const hash = await simulateAndWrite(client, call, parameters);
      await waitForTransactionReceipt(client, { hash });
      results.push({ step, hash });
    } catch (error) {
      if (decodeContractError(error)?.errorName === "CollateralNotNewer") {
        results.push({ step });
        continue;
      }
      throw error;
    }
  }
  return results;
}
