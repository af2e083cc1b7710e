import { type Abi, toFunctionSelector } from "viem";
import { formatAbiItem } from "viem/utils";
import * as abis from "../generated/abis.ts";

type AbiError = Extract<Abi[number], { type: "error" }>;

/**
 * Every custom error of every system contract, deduplicated. A call can revert in a contract other than the one
 * called (the governor's `execute` reverts in the timelock); decoding with this list names the error anyway.
 */
export const systemErrorsAbi: readonly AbiError[] = (() => {
  const seen = new Map<string, AbiError>();
  for (const abi of Object.values(abis) as Abi[]) {
    for (const item of abi) {
      if (item.type !== "error") continue;
      const selector = toFunctionSelector(formatAbiItem(item));
      if (!seen.has(selector)) seen.set(selector, item);
    }
  }
  return [...seen.values()];
})();
