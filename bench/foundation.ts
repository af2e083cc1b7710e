/** Gas of the token and governance operations: whole transactions (21k base included) on EDR (chainType "op"). */
import { network } from "hardhat";
import { encodeFunctionData, keccak256, parseEther, toHex } from "viem";
import SystemModule from "../deploy/modules/System.ts";
import { loadParameters } from "../deploy/parameters.ts";
import { signPermit } from "../packages/sdk/src/actions/token/signPermit.ts";

export async function run(): Promise<Record<string, bigint>> {
  const connection = await network.create();
  const { viem, ignition, networkHelpers } = connection;
  const publicClient = await viem.getPublicClient();
  const { pha, governor } = await ignition.deploy(SystemModule, { parameters: loadParameters("localOp") });
  const [, , alice, bob, carol, dave] = await viem.getWalletClients();
  const gas = async (hash: `0x${string}`) => (await publicClient.waitForTransactionReceipt({ hash })).gasUsed;

  // Mint as the bridge would (impersonating the L2StandardBridge predeploy).
  const bridge = "0x4200000000000000000000000000000000000010";
  await networkHelpers.impersonateAccount(bridge);
  await networkHelpers.setBalance(bridge, parseEther("1"));
  for (const who of [alice, bob, dave]) {
    await pha.write.mint([who.account.address, parseEther("3000000")], { account: bridge });
  }
  await pha.write.mint([carol.account.address, parseEther("10000")], { account: bridge });
  const out: Record<string, bigint> = {};

  // Warm recipient balance slot, as in a typical transfer between holders.
  out["pha.transfer"] = await gas(
    await pha.write.transfer([bob.account.address, parseEther("1")], { account: alice.account }),
  );
  await pha.write.delegate([carol.account.address], { account: carol.account });
  await pha.write.delegate([dave.account.address], { account: dave.account });
  out["pha.transfer.delegated"] = await gas(
    await pha.write.transfer([dave.account.address, parseEther("1")], { account: carol.account }),
  );
  out["pha.delegate"] = await gas(await pha.write.delegate([alice.account.address], { account: alice.account }));

  const deadline = (await publicClient.getBlock()).timestamp + 3600n;
  // The SDK's permit signer (domain read from the token, ERC-5267).
  const { v, r, s } = await signPermit(bob, {
    token: pha.address,
    spender: alice.account.address,
    value: 1n,
    deadline,
  });
  out["pha.permit"] = await gas(
    await pha.write.permit([bob.account.address, alice.account.address, 1n, deadline, v, r, s], {
      account: alice.account,
    }),
  );

  await pha.write.delegate([bob.account.address], { account: bob.account });
  await networkHelpers.time.increase(1);
  const targets = [governor.address];
  const values = [0n];
  const calldatas = [
    encodeFunctionData({ abi: governor.abi, functionName: "setProposalThreshold", args: [parseEther("500000")] }),
  ];
  const description = "Lower the proposal threshold";
  out["gov.propose"] = await gas(
    await governor.write.propose([targets, values, calldatas, description], { account: alice.account }),
  );
  const id = await governor.read.hashProposal([targets, values, calldatas, keccak256(toHex(description))]);
  await networkHelpers.time.increase(Number(await governor.read.votingDelay()) + 1);
  // A typical vote (quorum not reached yet), then the vote that reaches quorum (GovernorPreventLateQuorum records
  // the deadline extension once, which costs more).
  out["gov.castVote"] = await gas(await governor.write.castVote([id, 1], { account: carol.account }));
  out["gov.castVote.reachesQuorum"] = await gas(await governor.write.castVote([id, 1], { account: alice.account }));
  await governor.write.castVote([id, 1], { account: bob.account });
  await networkHelpers.time.increase(Number(await governor.read.votingPeriod()) + 1);
  out["gov.queue"] = await gas(await governor.write.queue([targets, values, calldatas, keccak256(toHex(description))]));
  await networkHelpers.time.increase(2 * 86400 + 1);
  out["gov.execute"] = await gas(
    await governor.write.execute([targets, values, calldatas, keccak256(toHex(description))]),
  );
  return out;
}
