import { readFileSync } from "node:fs";
import type { Account, Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { UsageError } from "./context.ts";

/**
 * The signing account: `--keystore <file>` (Web3 Secret Storage v3 JSON, password from `PHA_KEYSTORE_PASSWORD`),
 * else `PHA_PRIVATE_KEY`. Keys never come from a command-line argument (shell history, `ps`).
 */
export async function loadAccount(options: { keystore?: string }): Promise<Account> {
  if (options.keystore) {
    const password = process.env.PHA_KEYSTORE_PASSWORD;
    if (password === undefined) throw new UsageError("set PHA_KEYSTORE_PASSWORD to decrypt the keystore");
    // Loaded lazily: only keystore users pay for ethers' scrypt implementation.
    const { decryptKeystoreJson } = await import("ethers");
    const { privateKey } = await decryptKeystoreJson(readFileSync(options.keystore, "utf8"), password);
    return privateKeyToAccount(privateKey as Hex);
  }
  const key = process.env.PHA_PRIVATE_KEY;
  if (!key) throw new UsageError("no signer: set PHA_PRIVATE_KEY or pass --keystore <file>");
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new UsageError("PHA_PRIVATE_KEY must be 0x followed by 64 hex digits");
  return privateKeyToAccount(key as Hex);
}
