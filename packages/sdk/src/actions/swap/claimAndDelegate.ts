import type { Account, Chain, Client, Hash, Transport } from "viem";
import type { PhalaContractErrorType } from "../../errors/contract.ts";
import { phaMigratorAbi } from "../../generated/abis.ts";
import { type ContractCall, simulateAndWrite } from "../../utils/write.ts";
import { type ClaimParameters, claimRoute } from "./claim.ts";

export type ClaimAndDelegateParameters = ClaimParameters & {
  /** The staking pool the claimed PHA is delegated to, on behalf of the rightful recipient. */
  poolId: bigint;
};
export type ClaimAndDelegateReturnType = Hash;
export type ClaimAndDelegateErrorType = PhalaContractErrorType | Error;

/**
 * Claims straight into a staking pool (no claim-then-stake gap). For a bound leaf, only the bound address may send.
 *
 * @example
 * const hash = await claimAndDelegate(walletClient, { migrator, claim, poolId: 1n })
 */
export async function claimAndDelegate(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: ClaimAndDelegateParameters,
): Promise<ClaimAndDelegateReturnType> {
  return simulateAndWrite(client, claimAndDelegate.call(client, parameters), parameters);
}

/** The claim-to-stake as call data. */
claimAndDelegate.call = (
  client: Client,
  parameters: ClaimAndDelegateParameters,
): ContractCall<typeof phaMigratorAbi> => {
  const c = parameters.claim;
  const a = parameters.account ?? (client as Client<Transport, Chain | undefined, Account | undefined>).account;
  const sender = typeof a === "string" ? a : a?.address;
  const route = claimRoute(c, sender, parameters.publicKey);
  if (route.kind === "bound") {
    return {
      address: parameters.migrator,
      abi: phaMigratorAbi,
      functionName: "claimAndDelegate",
      args: [BigInt(c.index), c.accountId, c.boundEvmAddress, c.plancks, c.proof, parameters.poolId],
    };
  }
  return {
    address: parameters.migrator,
    abi: phaMigratorAbi,
    functionName: "claimWithPublicKeyAndDelegate",
    args: [BigInt(c.index), route.key, c.plancks, c.proof, parameters.poolId],
  };
};
