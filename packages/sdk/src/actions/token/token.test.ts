import { parseEther } from "viem";
import { beforeAll, describe, expect, test } from "vitest";
import { accounts, deployedAddresses, fund, walletFor } from "../../../test/clients.ts";
import { decodeContractError, PhalaContractError } from "../../errors/contract.ts";
import { addresses } from "../../generated/addresses.ts";

const alice = walletFor(2);
const bob = walletFor(3);

describe("token actions on a real node", () => {
  beforeAll(async () => {
    await fund(alice.account.address, parseEther("1000"));
  });

  test("the generated addresses are the ones Ignition deployed", () => {
    // Ignition also records libraries, implementations and proxies; every generated address must be among them.
    expect(deployedAddresses()).toMatchObject(addresses[31337]);
  });

  test("getBalance and transfer", async () => {
    const before = await bob.pha.getBalance({ owner: bob.account.address });
    const hash = await alice.pha.transfer({ to: bob.account.address, amount: parseEther("25") });
    await alice.waitForTransactionReceipt({ hash });
    expect(await bob.pha.getBalance({ owner: bob.account.address })).toBe(before + parseEther("25"));
  });

  test("a transfer above the balance is a typed error and sends nothing", async () => {
    const error = await bob.pha.transfer({ to: alice.account.address, amount: parseEther("1000000") }).catch((e) => e);
    expect(error).toBeInstanceOf(PhalaContractError);
    expect(error.errorName).toBe("ERC20InsufficientBalance");
    expect(error.args[0]).toBe(bob.account.address);
    expect(error.shortMessage).toMatch(/^ERC20InsufficientBalance\(0x/);
  });

  test("delegate then getVotes", async () => {
    const hash = await alice.pha.delegate({ delegatee: alice.account.address });
    await alice.waitForTransactionReceipt({ hash });
    expect(await alice.pha.getVotes({ account: alice.account.address })).toBe(
      await alice.pha.getBalance({ owner: alice.account.address }),
    );
  });

  test("signPermit produces a permit the token accepts, once", async () => {
    const deadline = (await alice.getBlock()).timestamp + 3600n;
    const permit = await alice.pha.signPermit({ spender: bob.account.address, value: parseEther("3"), deadline });
    const { phaAbi } = await import("../../generated/abis.ts");
    const args = [permit.owner, permit.spender, permit.value, permit.deadline, permit.v, permit.r, permit.s] as const;
    const hash = await bob.writeContract({ address: addresses[31337].pha, abi: phaAbi, functionName: "permit", args });
    await bob.waitForTransactionReceipt({ hash });
    expect(
      await bob.readContract({
        address: addresses[31337].pha,
        abi: phaAbi,
        functionName: "allowance",
        args: [alice.account.address, bob.account.address],
      }),
    ).toBe(parseEther("3"));
    const replay = await bob
      .simulateContract({ address: addresses[31337].pha, abi: phaAbi, functionName: "permit", args })
      .catch((e) => e);
    expect(decodeContractError(replay)?.errorName).toBe("ERC2612InvalidSigner");
  });

  test("accounts are the standard test mnemonic", () => {
    expect(accounts[0].address).toBe("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  });
});
