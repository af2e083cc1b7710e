/**
 * Vitest global setup: a fresh anvil (OP mode) on 127.0.0.1:8545 with the whole system deployed by the real
 * Ignition module, exactly as a production deployment would run (`hardhat ignition deploy --network localhost`).
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startAnvil } from "./anvil.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));

export default async function setup() {
  const anvil = await startAnvil(8545);
  try {
    execFileSync(
      "pnpm",
      [
        "exec",
        "hardhat",
        "ignition",
        "deploy",
        "deploy/modules/System.ts",
        "--network",
        "localhost",
        "--parameters",
        "deploy/parameters/localOp.json",
        "--deployment-id",
        "sdk-test",
        "--reset",
      ],
      { cwd: root, stdio: ["ignore", "ignore", "inherit"] },
    );
  } catch (error) {
    anvil.process.kill();
    throw error;
  }
  return () => {
    anvil.process.kill();
  };
}
