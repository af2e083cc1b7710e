/**
 * `pnpm demo`: starts an embedded OP-stack chain (in-process EDR, chainType "op"), deploys the whole system through
 * Ignition (the System module, then the swap's migrator for a demo snapshot), installs Optimism's real L2 bridge
 * contracts at their predeploys, and exercises everything through the SDK and the `pha` CLI, printing a report of each
 * step.
 */
import { network } from "hardhat";
import SwapModule from "../deploy/modules/Swap.ts";
import { loadParameters } from "../deploy/parameters.ts";
import { attestation } from "./demo/attestation.ts";
import { actors, makeContext } from "./demo/context.ts";
import { escrow } from "./demo/escrow.ts";
import { foundation } from "./demo/foundation.ts";
import { staking } from "./demo/staking.ts";
import { prepareSwap, swap } from "./demo/swap.ts";
import { installOpBridge } from "./lib/op-bridge.ts";

const connection = await network.create();
const { viem, ignition } = connection;
console.log("Phala L2 demo: embedded OP-stack chain (EDR, chain id 31337)");
const people = actors(connection);
// The swap's tree is built first: its root is immutable in the migrator, deployed right after the system.
const prepared = await prepareSwap({ carol: people.carol.account.address, bob: people.bob.account.address });
const parameters = { ...loadParameters("localOp"), Swap: prepared.parameters };
const system = await ignition.deploy(SwapModule, { parameters, displayUi: false });
for (const [name, c] of Object.entries(system)) console.log(`  deployed ${name.padEnd(10)} ${c.address}`);
const [deployer] = await viem.getWalletClients();
const bridge = {
  publicClient: (await viem.getPublicClient()) as never,
  walletClient: deployer as never,
  testClient: (await viem.getTestClient()) as never,
};
await installOpBridge(bridge);
console.log("  installed L2ToL1MessagePasser, L2CrossDomainMessenger, L2StandardBridge (contracts-bedrock)");

const ctx = makeContext(connection, system as never, bridge);
await foundation(ctx);
const tcbRecovery = await attestation(ctx);
await staking(ctx);
await escrow(ctx);
await swap(ctx, prepared);
await tcbRecovery();
console.log("\n✓ demo complete");
