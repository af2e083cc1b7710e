/**
 * `pnpm demo`: starts an embedded OP-stack chain (in-process EDR, chainType "op"), deploys the whole system through
 * Ignition, installs Optimism's real L2 bridge contracts at their predeploys, and exercises everything through the SDK,
 * printing a report of each step.
 */
import { network } from "hardhat";
import SystemModule from "../deploy/modules/System.ts";
import { loadParameters } from "../deploy/parameters.ts";
import { attestation } from "./demo/attestation.ts";
import { makeContext } from "./demo/context.ts";
import { foundation } from "./demo/foundation.ts";
import { staking } from "./demo/staking.ts";
import { installOpBridge } from "./lib/op-bridge.ts";

const steps = [foundation, attestation, staking];

const connection = await network.create();
const { viem, ignition } = connection;
console.log("Phala L2 demo: embedded OP-stack chain (EDR, chain id 31337)");
const system = await ignition.deploy(SystemModule, { parameters: loadParameters("localOp"), displayUi: false });
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
for (const step of steps) await step(ctx);
console.log("\n✓ demo complete");
