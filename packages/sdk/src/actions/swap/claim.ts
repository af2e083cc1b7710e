import {
  type Account,
  type Address,
  bytesToHex,
  type Chain,
  type Client,
  type Hash,
  type Hex,
  type Transport,
  zeroAddress,
} from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { phaMigratorAbi } from "../../generated/abis.ts";
import { transparentAccountId, uncompressedXY } from "../../swap/account.ts";
import type { SwapClaim } from "../../swap/tree.ts";
import { type ContractCall, simulateAndWrite, type WriteOptions } from "../../utils/write.ts";

export type ClaimParameters = WriteOptions & {
  /** The PHAMigrator (not part of the System deployment's generated addresses yet). */
  migrator: Address;
  /** The claim from the proofs file (`pha swap proof`, or a shard fetched by a website). */
  claim: SwapClaim;
  /**
   * For an unbound ECDSA account mapped with BLAKE2b-256(compressed key): the sender's uncompressed public key
   * (65 bytes 0x04‖x‖y or 64 bytes). Not needed for bound leaves or transparent-mapped accounts.
   */
  publicKey?: Hex;
};
export type ClaimReturnType = Hash;
export type ClaimErrorType = PhalaContractErrorType | Error;

/**
 * The right route for a claim. A bound leaf pays its bound address, whoever sends; an unbound leaf is claimed by
 * the key that controls it: transparent-mapped (`address ‖ "@evm_address"`) with an empty key, otherwise with the
 * sender's public key.
 */
export function claimRoute(
  claim: SwapClaim,
  sender: Address | undefined,
  publicKey: Hex | undefined,
): { kind: "bound" } | { kind: "key"; key: Hex } {
  if (claim.boundEvmAddress !== zeroAddress) return { kind: "bound" };
  if (sender && transparentAccountId(sender) === claim.accountId.toLowerCase()) return { kind: "key", key: "0x" };
  if (!publicKey) {
    throw new Error(
      `Account ${claim.accountId} is unbound: pass the claiming key's public key (or claim from its transparent-mapped address).`,
    );
  }
  return { kind: "key", key: bytesToHex(uncompressedXY(publicKey)) };
}

function senderOf(client: Client, options: WriteOptions): Address | undefined {
  const a = options.account ?? (client as Client<Transport, Chain | undefined, Account | undefined>).account;
  return typeof a === "string" ? a : a?.address;
}

/**
 * Claims a parachain balance 1:1 (plancks × 10^6 PHA wei). Simulates first, so a wrong proof or key surfaces as a
 * typed error (`PHAMigratorInvalidProof`, `PHAMigratorPublicKeyNotCaller`, …) before any gas is spent.
 *
 * @example
 * const hash = await claim(walletClient, { migrator, claim, publicKey: account.publicKey })
 */
export async function claim(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: ClaimParameters,
): Promise<ClaimReturnType> {
  return simulateAndWrite(client, claim.call(client, parameters), parameters);
}

/** The claim as call data. */
claim.call = (client: Client, parameters: ClaimParameters): ContractCall<typeof phaMigratorAbi> => {
  const c = parameters.claim;
  const route = claimRoute(c, senderOf(client, parameters), parameters.publicKey);
  if (route.kind === "bound") {
    return {
      address: parameters.migrator,
      abi: phaMigratorAbi,
      functionName: "claim",
      args: [BigInt(c.index), c.accountId, c.boundEvmAddress, c.plancks, c.proof],
    };
  }
  return {
    address: parameters.migrator,
    abi: phaMigratorAbi,
    functionName: "claimWithPublicKey",
    args: [BigInt(c.index), route.key, c.plancks, c.proof],
  };
};
