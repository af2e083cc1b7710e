import { addresses, createPhalaClient, phalaL2, phalaLocal } from "@phala/l2-sdk";
import type { Account, Chain } from "viem";
import { optimismSepolia } from "viem/chains";
import { loadAccount } from "./keys.ts";

export type GlobalOptions = {
  rpc?: string;
  chain?: string;
  json?: boolean;
  dryRun?: boolean;
  keystore?: string;
};

const chains: Record<string, Chain> = { local: phalaLocal, phala: phalaL2, "op-sepolia": optimismSepolia };

/** Builds the client for a command: chain + RPC from flags, account from the environment or a keystore. */
export async function createContext(options: GlobalOptions, { needsAccount }: { needsAccount: boolean }) {
  const chain = chains[options.chain ?? "local"];
  if (!chain) throw new UsageError(`unknown chain "${options.chain}" (known: ${Object.keys(chains).join(", ")})`);
  const account: Account | undefined = needsAccount ? await loadAccount(options) : undefined;
  // The client comes from the SDK so that the SDK's viem decodes the errors its own transport raises.
  const client = createPhalaClient({ chain, rpcUrl: options.rpc, account });
  const deployment = (addresses as Record<number, Record<string, `0x${string}`>>)[chain.id];
  return { client, chain, account, deployment, options };
}

export type Context = Awaited<ReturnType<typeof createContext>>;

/** A mistake in how the command was called (exit code 2). */
export class UsageError extends Error {
  override name = "UsageError";
}
