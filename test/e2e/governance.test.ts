import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { encodeFunctionData, keccak256, parseEther, toHex } from "viem";
import { deploySystem } from "./fixture.ts";

describe("governance: propose → vote → queue → execute through the timelock", async () => {
  const { system, accounts, deposit, connection, viem } = await deploySystem();
  const { alice, bob, carol } = accounts;
  const { time } = connection.networkHelpers;
  const { governor, timelock } = system;

  await deposit(alice.account.address, parseEther("5000000"));
  await deposit(bob.account.address, parseEther("3000000"));
  await deposit(carol.account.address, parseEther("10"));
  for (const who of [alice, bob, carol]) {
    await system.pha.write.delegate([who.account.address], { account: who.account });
  }
  await time.increase(1);

  const newPeriod = 5n * 86400n;
  const targets = [governor.address];
  const values = [0n];
  const calldatas = [
    encodeFunctionData({ abi: governor.abi, functionName: "setVotingPeriod", args: [Number(newPeriod)] }),
  ];
  const description = "Shorten the voting period to 5 days";
  const descriptionHash = keccak256(toHex(description));

  it("refuses a proposal from a holder under the threshold", async () => {
    await viem.assertions.revertWithCustomError(
      governor.write.propose([targets, values, calldatas, description], { account: carol.account }),
      governor,
      "GovernorInsufficientProposerVotes",
    );
  });

  it("runs a parameter change end to end and refuses double votes and early execution", async () => {
    await governor.write.propose([targets, values, calldatas, description], { account: alice.account });
    const id = await governor.read.hashProposal([targets, values, calldatas, descriptionHash]);
    assert.equal(await governor.read.state([id]), 0); // Pending
    await time.increase(Number(await governor.read.votingDelay()) + 1);
    assert.equal(await governor.read.state([id]), 1); // Active

    await governor.write.castVote([id, 1], { account: alice.account });
    await viem.assertions.revertWithCustomError(
      governor.write.castVote([id, 1], { account: alice.account }),
      governor,
      "GovernorAlreadyCastVote",
    );
    await governor.write.castVote([id, 0], { account: bob.account });
    await time.increase(Number(await governor.read.votingPeriod()) + 1);
    assert.equal(await governor.read.state([id]), 4); // Succeeded

    await governor.write.queue([targets, values, calldatas, descriptionHash]);
    assert.equal(await governor.read.state([id]), 5); // Queued
    await viem.assertions.revertWithCustomError(
      governor.write.execute([targets, values, calldatas, descriptionHash]),
      timelock,
      "TimelockUnexpectedOperationState",
    );
    await time.increase(Number(await timelock.read.getMinDelay()) + 1);
    await governor.write.execute([targets, values, calldatas, descriptionHash]);
    assert.equal(await governor.read.state([id]), 7); // Executed
    assert.equal(await governor.read.votingPeriod(), newPeriod);
  });

  it("uses a timestamp clock", async () => {
    assert.equal(await system.pha.read.CLOCK_MODE(), "mode=timestamp");
    assert.equal(await governor.read.CLOCK_MODE(), "mode=timestamp");
  });
});
