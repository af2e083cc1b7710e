/**
 * Deploys the whole system on a fresh embedded OP chain, with the real OP bridge predeploys installed, and the swap's
 * migrator on top of it (Swap module) for a placeholder snapshot root (not funded: activation is a proposal).
 */
import { network } from "hardhat";
import { keccak256, toHex } from "viem";
import SwapModule from "../../deploy/modules/Swap.ts";
import { loadParameters } from "../../deploy/parameters.ts";
import { finalizeDeposit, installOpBridge } from "../../scripts/lib/op-bridge.ts";

export const L1_PHA = "0x6c5bA91642F10282b576d91922Ae6448C9d52f4E" as const;

export async function deploySystem() {
  const connection = await network.create();
  const { viem, ignition } = connection;
  const parameters = {
    ...loadParameters("localOp"),
    Swap: {
      merkleRoot: keccak256(toHex("e2e placeholder snapshot")),
      claimDeadline: 4_102_444_800n, // 2100-01-01
      snapshotTotalPlancks: 1_000_000_000_000n,
    },
  };
  const [deployer, guardian, alice, bob, carol, stranger] = await viem.getWalletClients();
  const publicClient = await viem.getPublicClient();
  const testClient = await viem.getTestClient();
  const clients = { publicClient, walletClient: deployer, testClient };
  await installOpBridge(clients);
  const system = await ignition.deploy(SwapModule, { parameters });
  const deposit = (to: `0x${string}`, amount: bigint) =>
    finalizeDeposit(clients, { l2Token: system.pha.address, l1Token: L1_PHA, from: to, to, amount });
  return {
    connection,
    viem,
    publicClient,
    testClient,
    accounts: { deployer, guardian, alice, bob, carol, stranger },
    system,
    parameters,
    deposit,
  };
}
