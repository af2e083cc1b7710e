import {
  type Account,
  type Chain,
  type Client,
  createWalletClient,
  http,
  type ParseAccount,
  type PublicActions,
  publicActions,
  type Transport,
  type WalletActions,
  type WalletRpcSchema,
} from "viem";
import { phalaL2 } from "./chains.ts";
import { type PhalaActions, phalaActions } from "./decorators/phala.ts";

export type CreatePhalaClientParameters<account extends Account | undefined = Account | undefined> = {
  /** Defaults to Phala's L2. */
  chain?: Chain;
  /** JSON-RPC URL; defaults to the chain's public RPC. */
  rpcUrl?: string;
  /** Signer for writes (optional for read-only use). */
  account?: account;
  /** A transport of your own (e.g. `custom(eip1193Provider)`); overrides `rpcUrl`. */
  transport?: Transport;
};

/**
 * A viem client with public, wallet and Phala actions in one, for scripts and tools.
 *
 * @example
 * const client = createPhalaClient({ account: privateKeyToAccount(key) })
 * await client.pha.transfer({ to, amount: parseEther("1") })
 */
export function createPhalaClient<account extends Account | undefined = undefined>({
  chain = phalaL2,
  rpcUrl,
  account,
  transport,
}: CreatePhalaClientParameters<account> = {}): PhalaClient<account> {
  return createWalletClient({ chain, transport: transport ?? http(rpcUrl), account: account as account })
    .extend(publicActions)
    .extend(phalaActions());
}

/** A wallet client with viem's public actions and the Phala actions (named, so declaration files stay portable). */
export type PhalaClient<account extends Account | undefined = Account | undefined> = Client<
  Transport,
  Chain,
  ParseAccount<account>,
  WalletRpcSchema,
  PhalaActions & PublicActions<Transport, Chain, ParseAccount<account>> & WalletActions<Chain, ParseAccount<account>>
>;
