/**
 * Demo steps of the 1:1 swap of parachain balances: the final snapshot becomes a Merkle tree (`pha swap build-tree`),
 * governance activates the migrator (funds it from the treasury, gives the guardian `halt()`), and holders claim
 * through each route: a bound address paid by a relayer, a bound holder claiming straight into a staking pool, an
 * ECDSA holder showing its public key, a transparent-mapped holder with no key at all.
 *
 * The snapshot is the sample in `test/token/fixtures/swap-snapshot.csv` (its sr25519 rows have no on-chain route and
 * stay for the sweep) plus four demo holders whose keys this demo controls. The tree must exist before deployment
 * (its root is immutable in the migrator), so `prepareSwap` runs before the system is deployed.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { custom, formatEther, type Hex, parseUnits } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { phalaGovernorAbi, phaMigratorAbi, stakingAbi } from "../../packages/sdk/src/abis.ts";
import {
  claim,
  claimAndDelegate,
  compressedKeyAccountId,
  createPhalaClient,
  decodeContractError,
  phalaLocal,
  type SwapTree,
  swapActivationProposal,
  transparentAccountId,
} from "../../packages/sdk/src/index.ts";
import { parseSnapshot, validateSnapshot } from "../../packages/sdk/src/swap/snapshot.ts";
import { buildSwapTree } from "../../packages/sdk/src/swap/tree.ts";
import { type DemoContext, MNEMONIC } from "./context.ts";

const SAMPLE = new URL("../../test/token/fixtures/swap-snapshot.csv", import.meta.url);
const CLI = new URL("../../packages/cli/src/cli.ts", import.meta.url);
/** Two extra funded accounts of the local chain's mnemonic: ECDSA parachain accounts (Phala's EVM account mapping). */
const erin = mnemonicToAccount(MNEMONIC, { addressIndex: 6 });
const frank = mnemonicToAccount(MNEMONIC, { addressIndex: 7 });
const PHALA_SS58_PREFIX = 30;

export type PreparedSwap = { tree: SwapTree; csv: string; dir: string; parameters: Record<string, bigint | Hex> };

/** The demo snapshot (sample + demo holders), written as CSV, validated and built into the tree the migrator pins. */
export async function prepareSwap(holders: { carol: Hex; bob: Hex }): Promise<PreparedSwap> {
  const dir = join(tmpdir(), `phala-demo-swap-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const csv = join(dir, "snapshot.csv");
  const id = (label: string) => `0x${Buffer.from(label.padEnd(32, "\0")).toString("hex")}`;
  const rows = [
    `${id("demo/carol")},${parseUnits("1200", 12)},${holders.carol}`,
    `${id("demo/bob")},${parseUnits("5000", 12)},${holders.bob}`,
    `${compressedKeyAccountId(erin.publicKey)},${parseUnits("800", 12)},`,
    `${transparentAccountId(frank.address)},${parseUnits("300", 12)},`,
  ];
  writeFileSync(csv, `${readFileSync(SAMPLE, "utf8").trimEnd()}\n${rows.join("\n")}\n`);
  const validated = await validateSnapshot(parseSnapshot(readFileSync(csv, "utf8"), "csv"), {
    ss58Prefix: PHALA_SS58_PREFIX,
  });
  if (validated.issues.length > 0) throw new Error(`demo snapshot: ${JSON.stringify(validated.issues)}`);
  const tree = await buildSwapTree(validated.entries);
  return {
    tree,
    csv,
    dir,
    parameters: {
      merkleRoot: tree.root,
      // Far enough for the demo's time travel; a real deployment takes the deadline governance announced.
      claimDeadline: BigInt(Math.floor(Date.now() / 1000) + 365 * 86400),
      snapshotTotalPlancks: tree.totalPlancks,
    },
  };
}

/** Runs the `pha` CLI from source (Node 22 strips the types), as `pnpm pha` does. */
function pha(...args: string[]): string {
  return execFileSync(process.execPath, ["--conditions=phala-source", CLI.pathname, ...args], { encoding: "utf8" });
}

export async function swap(ctx: DemoContext, prepared: PreparedSwap) {
  const { alice, bob, carol, dave, guardian } = ctx.actors;
  const { tree } = prepared;
  const migrator = ctx.system.migrator.address;
  const transport = custom(ctx.connection.provider);
  const client = (account: typeof erin) => createPhalaClient({ chain: phalaLocal, transport, account });
  const mined = (hash: Hex) => ctx.gas(hash);
  // The custom error and its arguments when the revert carries one (as the SDK actions throw), else the first line.
  const reason = (e: unknown) => decodeContractError(e)?.shortMessage ?? (e as Error).message.split("\n")[0];

  ctx.step("Swap: the final parachain snapshot becomes a Merkle tree (`pha swap build-tree`)");
  const out = join(prepared.dir, "tree");
  for (const line of pha("swap", "build-tree", prepared.csv, "--out", out, "--ss58-prefix", "30").trimEnd().split("\n"))
    ctx.note(line);
  const manifest = JSON.parse(readFileSync(join(out, "swap-tree.json"), "utf8")) as { root: Hex };
  if (manifest.root !== tree.root) throw new Error(`CLI root ${manifest.root} differs from the deployed ${tree.root}`);
  ctx.note(`the migrator ${migrator} pins this root, the total and the deadline (immutable)`);
  const proofLine = pha("swap", "proof", transparentAccountId(frank.address), "--dir", out)
    .split("\n")
    .filter((l) => /^(index|plancks|bound)/.test(l));
  ctx.note(`pha swap proof <frank's account>: ${proofLine.map((l) => l.replace(/\s+/g, " ")).join("; ")}`);

  ctx.step("Governance activates the swap: the treasury funds the migrator, the guardian gets halt()");
  const total = tree.totalPlancks * 10n ** 6n;
  await ctx.deposit(ctx.system.timelock.address, total);
  ctx.note(`${formatEther(total)} PHA bridged to the treasury (timelock)`);
  const proposal = swapActivationProposal({
    migrator,
    pha: ctx.system.pha.address,
    manager: ctx.system.manager.address,
    snapshotTotalPlancks: tree.totalPlancks,
  });
  const { proposalId } = await alice.governance.proposeSync(proposal);
  const governor = ctx.system.governor.address;
  const read = (functionName: "votingDelay" | "votingPeriod") =>
    alice.readContract({ address: governor, abi: phalaGovernorAbi, functionName });
  await ctx.travel((await read("votingDelay")) + 1n);
  await mined(await alice.governance.castVote({ proposalId, support: 1 }));
  await mined(await bob.governance.castVote({ proposalId, support: 1 }));
  await ctx.travel((await read("votingPeriod")) + 1n);
  await mined(await alice.governance.queue(proposal));
  await ctx.travel(2n * 86400n + 1n);
  await mined(await alice.governance.execute(proposal));
  ctx.note(
    `proposal ${await alice.governance.getProposalState({ proposalId })}: migrator holds ` +
      `${formatEther(await alice.pha.getBalance({ owner: migrator }))} PHA`,
  );

  ctx.step("Route 1: dave relays carol's claim (her EVM address was bound on the parachain); only carol is paid");
  const carolClaim = tree.getClaim(`0x${Buffer.from("demo/carol".padEnd(32, "\0")).toString("hex")}`);
  if (!carolClaim) throw new Error("carol is not in the tree");
  const carolBefore = await carol.pha.getBalance({ owner: carol.account.address });
  ctx.note(`gas ${await mined(await claim(dave, { migrator, claim: carolClaim }))}`);
  const carolGot = (await carol.pha.getBalance({ owner: carol.account.address })) - carolBefore;
  ctx.note(`carol received ${formatEther(carolGot)} PHA (1,200 PHA × 10^6 wei per planck)`);
  ctx.note(`a replay is refused: ${reason(await claim(dave, { migrator, claim: carolClaim }).catch((e) => e))}`);

  ctx.step("Route 1 into staking: bob claims his 5,000 PHA straight into pool 1 (no claim-then-stake gap)");
  const bobClaim = tree.getClaim(`0x${Buffer.from("demo/bob".padEnd(32, "\0")).toString("hex")}`);
  if (!bobClaim) throw new Error("bob is not in the tree");
  const stolen = await claimAndDelegate(dave, { migrator, claim: bobClaim, poolId: 1n }).catch((e) => e);
  ctx.note(`dave may not pick bob's pool: ${reason(stolen)}`);
  ctx.note(`gas ${await mined(await claimAndDelegate(bob, { migrator, claim: bobClaim, poolId: 1n }))}`);
  const position = await bob.readContract({
    address: ctx.system.staking.address,
    abi: stakingAbi,
    functionName: "delegation",
    args: [1n, bob.account.address],
  });
  ctx.note(`bob's pool-1 position: ${formatEther(position.bonding)} PHA bonding (active at the next epoch)`);

  ctx.step("Route 2: ECDSA parachain accounts (Phala's EVM account mapping) claim with their own key");
  const erinClient = client(erin);
  const erinClaim = tree.getClaim(compressedKeyAccountId(erin.publicKey));
  if (!erinClaim) throw new Error("erin is not in the tree");
  const impostor = await claim(dave, { migrator, claim: erinClaim, publicKey: erin.publicKey }).catch((e) => e);
  ctx.note(`dave showing erin's public key is refused: ${reason(impostor)}`);
  ctx.note(
    `erin (BLAKE2b-256 of her compressed key, via the BLAKE2 F precompile) claims: gas ${await mined(
      await claim(erinClient, { migrator, claim: erinClaim, publicKey: erin.publicKey }),
    )}; holds ${formatEther(await erinClient.pha.getBalance({ owner: erin.address }))} PHA`,
  );
  const frankClient = client(frank);
  const frankClaim = tree.getClaim(transparentAccountId(frank.address));
  if (!frankClaim) throw new Error("frank is not in the tree");
  ctx.note(
    `frank (transparent mapping: address ‖ "@evm_address") claims with no key: gas ${await mined(
      await claim(frankClient, { migrator, claim: frankClaim }),
    )}; holds ${formatEther(await frankClient.pha.getBalance({ owner: frank.address }))} PHA`,
  );

  ctx.step("What is left: sr25519 holders without a bound address, swept to the treasury after the deadline");
  const early = await guardian
    .simulateContract({ address: migrator, abi: phaMigratorAbi, functionName: "sweep" })
    .catch((e) => e);
  ctx.note(`the guardian may not sweep (governance only, after the deadline): ${reason(early)}`);
  ctx.note(`still held for unclaimed leaves: ${formatEther(await alice.pha.getBalance({ owner: migrator }))} PHA`);
}
