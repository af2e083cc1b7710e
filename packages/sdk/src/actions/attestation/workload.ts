/**
 * Off-chain mirrors of the registry's pure derivations (see IAttestationRegistry NatSpec): the report-data binding
 * an enclave must produce, worker ids and workload ids. Tested against the contract.
 */
import { type Address, encodeAbiParameters, type Hex, keccak256, size, stringToHex, toHex } from "viem";
import { type KeyType, keyTypeIndex, type TeeType, teeTypeIndex } from "./types.ts";

export const BINDING_TAG = keccak256(stringToHex("phala.attestation.registry.binding.v1"));
export const SGX_ENCLAVE_TAG = keccak256(stringToHex("phala.attestation.workload.sgx.enclave.v1"));
export const SGX_SIGNER_TAG = keccak256(stringToHex("phala.attestation.workload.sgx.signer.v1"));
export const TDX_TAG = keccak256(stringToHex("phala.attestation.workload.tdx.v1"));
export const GENERIC_TAG = keccak256(stringToHex("phala.attestation.workload.generic.v1"));

/** Uncompressed 64-byte x‖y key from a 65-byte 0x04‖x‖y or 64-byte key. */
export function rawPublicKey(publicKey: Hex): Hex {
  if (size(publicKey) === 65 && publicKey.slice(2, 4) === "04") return `0x${publicKey.slice(4)}`;
  if (size(publicKey) === 64) return publicKey;
  throw new Error(`expected a 64- or 65-byte uncompressed public key, got ${size(publicKey)} bytes`);
}

/** Worker id: low 20 bytes of keccak256(x‖y) (the Ethereum address for a secp256k1 key). */
export function workerIdOf(publicKey: Hex): Address {
  return `0x${keccak256(rawPublicKey(publicKey)).slice(26)}` as Address;
}

/** The 64-byte report data the enclave must bind (second half: `appData`, not read by the registry). */
export function computeReportData(parameters: {
  chainId: number | bigint;
  registry: Address;
  operator: Address;
  keyType: KeyType;
  publicKey: Hex;
  nonce: bigint;
  appData?: Hex;
}): Hex {
  const binding = keccak256(
    encodeAbiParameters(
      [
        { type: "bytes32" },
        { type: "uint256" },
        { type: "address" },
        { type: "address" },
        { type: "uint8" },
        { type: "bytes" },
        { type: "uint64" },
      ],
      [
        BINDING_TAG,
        BigInt(parameters.chainId),
        parameters.registry,
        parameters.operator,
        keyTypeIndex(parameters.keyType),
        rawPublicKey(parameters.publicKey),
        parameters.nonce,
      ],
    ),
  );
  const appData = parameters.appData ?? toHex(new Uint8Array(32));
  if (size(appData) !== 32) throw new Error("appData must be 32 bytes");
  return `${binding}${appData.slice(2)}` as Hex;
}

export function sgxEnclaveWorkloadId(mrEnclave: Hex): Hex {
  return keccak256(encodeAbiParameters([{ type: "bytes32" }, { type: "bytes32" }], [SGX_ENCLAVE_TAG, mrEnclave]));
}

export function sgxSignerWorkloadId(mrSigner: Hex, isvProdId: number): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: "bytes32" }, { type: "bytes32" }, { type: "uint16" }],
      [SGX_SIGNER_TAG, mrSigner, isvProdId],
    ),
  );
}

export type TdxMeasurements = {
  mrTd: Hex;
  mrConfigId: Hex;
  rtmr0: Hex;
  rtmr1: Hex;
  rtmr2: Hex;
  rtmr3: Hex;
  tdAttributes: Hex;
  xfam: Hex;
};

export function tdxWorkloadId(m: TdxMeasurements): Hex {
  return keccak256(
    encodeAbiParameters(
      [
        { type: "bytes32" },
        { type: "bytes" },
        { type: "bytes" },
        { type: "bytes" },
        { type: "bytes" },
        { type: "bytes" },
        { type: "bytes" },
        { type: "bytes8" },
        { type: "bytes8" },
      ],
      [TDX_TAG, m.mrTd, m.mrConfigId, m.rtmr0, m.rtmr1, m.rtmr2, m.rtmr3, m.tdAttributes, m.xfam],
    ),
  );
}

export function genericWorkloadId(teeType: TeeType, measurements: Hex): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: "bytes32" }, { type: "uint8" }, { type: "bytes" }],
      [GENERIC_TAG, teeTypeIndex(teeType), measurements],
    ),
  );
}
