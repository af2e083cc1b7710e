/** viem clients on the test node, extended with the SDK's actions, plus helpers to fund accounts through the bridge. */
import { readFileSync } from "node:fs";
import { type Address, createTestClient, createWalletClient, http, publicActions } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { finalizeDeposit, installOpBridge } from "../../../scripts/lib/op-bridge.ts";
import { phalaLocal } from "../src/chains.ts";
import { phalaActions } from "../src/decorators/phala.ts";
import { addresses } from "../src/generated/addresses.ts";

const MNEMONIC = "test test test test test test test test test test test junk";
export const accounts = Array.from({ length: 10 }, (_, i) => mnemonicToAccount(MNEMONIC, { addressIndex: i }));
export const L1_PHA = "0x6c5bA91642F10282b576d91922Ae6448C9d52f4E" as const;
const transport = http("http://127.0.0.1:8545");

export function walletFor(index: number) {
  return createWalletClient({ chain: phalaLocal, transport, account: accounts[index] })
    .extend(publicActions)
    .extend(phalaActions());
}
export const testClient = createTestClient({ chain: phalaLocal, transport, mode: "anvil" });

/** Addresses Ignition wrote for this run's deployment (must equal the generated ones). */
export function deployedAddresses(): Record<string, Address> {
  const file = new URL("../../../deploy/deployments/sdk-test/deployed_addresses.json", import.meta.url);
  const raw = JSON.parse(readFileSync(file, "utf8")) as Record<string, Address>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.split("#")[1], v]));
}

let bridgeInstalled = false;
/** Mints PHA to `to` through the real OP bridge contracts (a finalized deposit). */
export async function fund(to: Address, amount: bigint) {
  const funder = walletFor(9);
  const clients = { publicClient: funder as never, walletClient: funder as never, testClient: testClient as never };
  if (!bridgeInstalled) {
    if (await isUninitialized(funder)) await installOpBridge(clients);
    bridgeInstalled = true;
  }
  await finalizeDeposit(clients, { l2Token: addresses[31337].pha, l1Token: L1_PHA, from: to, to, amount });
}

async function isUninitialized(client: ReturnType<typeof walletFor>) {
  const slot0 = await client.getStorageAt({ address: "0x4200000000000000000000000000000000000010", slot: "0x0" });
  return !slot0 || BigInt(slot0) === 0n;
}
