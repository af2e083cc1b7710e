import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseEther, parseEventLogs } from "viem";
import { bridgeAbis, PREDEPLOYS } from "../../scripts/lib/op-bridge.ts";
import { deploySystem, L1_PHA } from "./fixture.ts";

describe("PHA on the real OP L2StandardBridge", async () => {
  const { system, accounts, publicClient, deposit, viem } = await deploySystem();
  const { alice } = accounts;

  it("a deposit finalized by the messenger mints PHA", async () => {
    await deposit(alice.account.address, parseEther("1000"));
    assert.equal(await system.pha.read.balanceOf([alice.account.address]), parseEther("1000"));
    assert.equal(await system.pha.read.totalSupply(), parseEther("1000"));
  });

  it("a withdrawal through the bridge burns PHA and passes the message to L1", async () => {
    const bridge = await viem.getContractAt("PHA", system.pha.address); // typed handle for events
    const hash = await alice.writeContract({
      address: PREDEPLOYS.L2StandardBridge,
      abi: bridgeAbis.L2StandardBridge,
      functionName: "withdraw",
      args: [system.pha.address, parseEther("400"), 200_000, "0x"],
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, "success");
    assert.equal(await system.pha.read.balanceOf([alice.account.address]), parseEther("600"));
    assert.equal(await system.pha.read.totalSupply(), parseEther("600"));
    const burns = parseEventLogs({ abi: bridge.abi, logs: receipt.logs, eventName: "Burn" });
    assert.equal(burns.length, 1);
    const passed = parseEventLogs({
      abi: bridgeAbis.L2ToL1MessagePasser,
      logs: receipt.logs,
      eventName: "MessagePassed",
    });
    assert.equal(passed.length, 1);
  });

  it("the bridge recognises PHA as the pair of L1 PHA", async () => {
    assert.equal(await system.pha.read.remoteToken(), L1_PHA);
    assert.equal(await system.pha.read.l1Token(), L1_PHA);
    assert.equal((await system.pha.read.bridge()).toLowerCase(), PREDEPLOYS.L2StandardBridge);
  });
});
