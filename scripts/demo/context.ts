/** What every demo step gets: the embedded chain, the deployed system, SDK clients per actor, and a reporter. */

import type { NetworkConnection } from "hardhat/types/network";
import { custom, type PublicClient, type TestClient, type WalletClient } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { createPhalaClient, phalaLocal } from "../../packages/sdk/src/index.ts";
import { finalizeDeposit } from "../lib/op-bridge.ts";

/** The local chain's accounts (Hardhat's default mnemonic; the first 20 are funded). */
export const MNEMONIC = "test test test test test test test test test test test junk";
export const L1_PHA = "0x6c5bA91642F10282b576d91922Ae6448C9d52f4E" as const;

export function actors(connection: NetworkConnection) {
  const transport = custom(connection.provider);
  const make = (i: number) =>
    createPhalaClient({ chain: phalaLocal, transport, account: mnemonicToAccount(MNEMONIC, { addressIndex: i }) });
  return { deployer: make(0), guardian: make(1), alice: make(2), bob: make(3), carol: make(4), dave: make(5) };
}

export type DemoContext = {
  connection: NetworkConnection;
  system: Record<string, { address: `0x${string}` }>;
  actors: ReturnType<typeof actors>;
  bridge: { publicClient: PublicClient; walletClient: WalletClient; testClient: TestClient };
  /** Bridges `amount` of L1 PHA to `to` (a deposit finalized by the real L2 messenger and bridge). */
  deposit(to: `0x${string}`, amount: bigint): Promise<void>;
  /** Advances the chain clock. */
  travel(seconds: bigint | number): Promise<void>;
  /** What one step leaves for the next ones. */
  shared: { worker?: `0x${string}` };
  /** Prints one step of the report. */
  step(title: string): void;
  note(line: string): void;
  /** Gas of a mined transaction. */
  gas(hash: `0x${string}`): Promise<bigint>;
};

export function makeContext(
  connection: NetworkConnection,
  system: DemoContext["system"],
  bridge: DemoContext["bridge"],
): DemoContext {
  let n = 0;
  const ctx: DemoContext = {
    connection,
    system,
    actors: actors(connection),
    bridge,
    shared: {},
    async deposit(to, amount) {
      await finalizeDeposit(bridge, { l2Token: system.pha.address, l1Token: L1_PHA, from: to, to, amount });
    },
    async travel(seconds) {
      await connection.networkHelpers.time.increase(Number(seconds));
    },
    step(title) {
      console.log(`\n${String(++n).padStart(2, " ")}. ${title}`);
    },
    note(line) {
      console.log(`    ${line}`);
    },
    async gas(hash) {
      return (await bridge.publicClient.waitForTransactionReceipt({ hash })).gasUsed;
    },
  };
  return ctx;
}
