/**
 * Places Optimism's real L2 bridge contracts (from `@eth-optimism/contracts-bedrock` forge artifacts) at their
 * predeploy addresses on a local OP-stack chain (EDR `chainType: "op"` or `anvil --optimism`), and drives deposits
 * the way op-node does: `relayMessage` from the aliased L1 messenger.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import {
  type Abi,
  type Address,
  encodeFunctionData,
  type Hex,
  type PublicClient,
  parseEventLogs,
  type TestClient,
  type WalletClient,
} from "viem";

const require = createRequire(import.meta.url);

export const PREDEPLOYS = {
  L2CrossDomainMessenger: "0x4200000000000000000000000000000000000007",
  L2StandardBridge: "0x4200000000000000000000000000000000000010",
  L2ToL1MessagePasser: "0x4200000000000000000000000000000000000016",
} as const satisfies Record<string, Address>;

/** Stand-ins for the L1 side on a local chain (no L1 runs here; only their addresses matter on L2). */
export const LOCAL_L1 = {
  crossDomainMessenger: "0x25ace71c97B33Cc4729CF772ae268934F7ab5fA1",
  standardBridge: "0x99C9fc46f92E8a1c0deC1b1747d010903E884bE1",
} as const satisfies Record<string, Address>;

const ALIAS_OFFSET = 0x1111000000000000000000000000000000001111n;

/** L1 -> L2 address aliasing (AddressAliasHelper.applyL1ToL2Alias). */
export function applyL1ToL2Alias(l1: Address): Address {
  const aliased = (BigInt(l1) + ALIAS_OFFSET) % 2n ** 160n;
  return `0x${aliased.toString(16).padStart(40, "0")}`;
}

type Artifact = { abi: Abi; deployedBytecode: { object: Hex } };
function artifact(name: keyof typeof PREDEPLOYS): Artifact {
  const file = require.resolve(`@eth-optimism/contracts-bedrock/forge-artifacts/${name}.sol/${name}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as Artifact;
}

export const bridgeAbis = {
  L2CrossDomainMessenger: artifact("L2CrossDomainMessenger").abi,
  L2StandardBridge: artifact("L2StandardBridge").abi,
  L2ToL1MessagePasser: artifact("L2ToL1MessagePasser").abi,
};

export interface OpBridgeClients {
  publicClient: PublicClient;
  walletClient: WalletClient;
  testClient: TestClient;
}

/** Installs and initializes the three predeploys. Idempotent per chain (initialize runs once). */
export async function installOpBridge({ publicClient, walletClient, testClient }: OpBridgeClients): Promise<void> {
  for (const name of Object.keys(PREDEPLOYS) as (keyof typeof PREDEPLOYS)[]) {
    await testClient.setCode({ address: PREDEPLOYS[name], bytecode: artifact(name).deployedBytecode.object });
  }
  const [account] = await walletClient.getAddresses();
  const init = async (address: Address, abi: Abi, other: Address) => {
    const hash = await walletClient.writeContract({
      address,
      abi,
      functionName: "initialize",
      args: [other],
      account,
      chain: walletClient.chain,
    });
    await publicClient.waitForTransactionReceipt({ hash });
  };
  await init(PREDEPLOYS.L2CrossDomainMessenger, bridgeAbis.L2CrossDomainMessenger, LOCAL_L1.crossDomainMessenger);
  await init(PREDEPLOYS.L2StandardBridge, bridgeAbis.L2StandardBridge, LOCAL_L1.standardBridge);
}

// Unique across processes that share one node (the messenger refuses a relayed message twice).
let depositNonce = BigInt(Date.now()) * 1000n;

/**
 * Finalizes an L1 -> L2 ERC-20 deposit exactly as the sequencer would: the aliased L1 messenger calls
 * `relayMessage`, which calls `L2StandardBridge.finalizeBridgeERC20`, which mints the L2 token.
 * The gas is explicit: with an estimate the messenger records a failed relay and mints nothing.
 */
export async function finalizeDeposit(
  { publicClient, walletClient, testClient }: OpBridgeClients,
  args: { l2Token: Address; l1Token: Address; from: Address; to: Address; amount: bigint },
): Promise<Hex> {
  const sender = applyL1ToL2Alias(LOCAL_L1.crossDomainMessenger);
  await testClient.impersonateAccount({ address: sender });
  await testClient.setBalance({ address: sender, value: 10n ** 18n });
  const message = encodeFunctionData({
    abi: bridgeAbis.L2StandardBridge,
    functionName: "finalizeBridgeERC20",
    args: [args.l2Token, args.l1Token, args.from, args.to, args.amount, "0x"],
  });
  // Versioned nonce (version 1 in the top two bytes), as CrossDomainMessenger encodes it.
  const nonce = (1n << 240n) | depositNonce++;
  const hash = await walletClient.writeContract({
    address: PREDEPLOYS.L2CrossDomainMessenger,
    abi: bridgeAbis.L2CrossDomainMessenger,
    functionName: "relayMessage",
    args: [nonce, LOCAL_L1.standardBridge, PREDEPLOYS.L2StandardBridge, 0n, 200_000n, message],
    account: sender,
    chain: walletClient.chain,
    gas: 1_000_000n,
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  await testClient.stopImpersonatingAccount({ address: sender });
  const logs = parseEventLogs({ abi: bridgeAbis.L2CrossDomainMessenger, logs: receipt.logs });
  if (!logs.some((l) => l.eventName === "RelayedMessage")) {
    throw new Error(`deposit relay failed (tx ${hash}): the messenger recorded FailedRelayedMessage`);
  }
  return hash;
}
