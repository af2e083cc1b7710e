import { type Account, type Chain, createWalletClient, http, publicActions } from "viem";
import { phalaL2 } from "./chains.ts";
import { phalaActions } from "./decorators/phala.ts";

export type CreatePhalaClientParameters = {
  /** Defaults to Phala's L2. */
  chain?: Chain;
  /** JSON-RPC URL; defaults to the chain's public RPC. */
  rpcUrl?: string;
  /** Signer for writes (optional for read-only use). */
  account?: Account;
};

/**
 * A viem client with public, wallet and Phala actions in one, for scripts and tools.
 *
 * @example
 * const client = createPhalaClient({ account: privateKeyToAccount(key) })
 * await client.pha.transfer({ to, amount: parseEther("1") })
 */
export function createPhalaClient({ chain = phalaL2, rpcUrl, account }: CreatePhalaClientParameters = {}) {
  return createWalletClient({ chain, transport: http(rpcUrl), account })
    .extend(publicActions)
    .extend(phalaActions());
}

export type PhalaClient = ReturnType<typeof createPhalaClient>;
