import type { Address, Chain, Client } from "viem";
import { ContractNotDeployedError } from "../errors/contract.ts";
import { addresses } from "../generated/addresses.ts";

export type ContractName = keyof (typeof addresses)[keyof typeof addresses];

/** Address of `contract` on the client's chain: the explicit one if given, else the generated deployment. */
export function resolveAddress(client: Client, contract: ContractName, explicit?: Address): Address {
  if (explicit) return explicit;
  const chain: Chain | undefined = client.chain;
  const deployed = chain ? (addresses as Record<number, Partial<Record<ContractName, Address>>>)[chain.id] : undefined;
  const address = deployed?.[contract];
  if (!address) throw new ContractNotDeployedError({ contract, chainId: chain?.id });
  return address;
}
