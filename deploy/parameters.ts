import { readFileSync } from "node:fs";
import type { DeploymentParameters } from "@nomicfoundation/ignition-core";

/** Network names that have a `deploy/parameters/<name>.json`. */
export type DeployNetwork = "localOp" | "opSepolia" | "phala";

/** Reads a parameters file the way `hardhat ignition deploy --parameters` does ("123n" strings become bigints). */
export function loadParameters(name: DeployNetwork): DeploymentParameters {
  const text = readFileSync(new URL(`./parameters/${name}.json`, import.meta.url), "utf8");
  return JSON.parse(text, (_key, value) =>
    typeof value === "string" && /^\d+n$/.test(value) ? BigInt(value.slice(0, -1)) : value,
  ) as DeploymentParameters;
}
