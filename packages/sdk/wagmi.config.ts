import { defineConfig } from "@wagmi/cli";
import { hardhat } from "@wagmi/cli/plugins";

/** ABIs reach TypeScript only through this generator, from the Hardhat artifacts of the repo root. */
export default defineConfig({
  out: "src/generated/abis.ts",
  plugins: [
    hardhat({
      project: "../..",
      artifacts: "artifacts",
      include: [
        "contracts/**/*.json",
        "@openzeppelin/contracts/access/manager/AccessManager.sol/AccessManager.json",
        "@openzeppelin/contracts/governance/TimelockController.sol/TimelockController.json",
      ],
      exclude: [
        "contracts/interfaces/**",
        "contracts/access/ManagedUpgradeable.sol/**",
        "contracts/access/Roles.sol/**",
        "build-info/**",
        "**/*.dbg.json",
      ],
      commands: { build: false, clean: false, rebuild: false },
    }),
  ],
});
