import { createRequire } from "node:module";
import hardhatToolboxViem from "@nomicfoundation/hardhat-toolbox-viem";
import { configVariable, defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

/** Local chain id of the embedded OP-stack chain (distinct from Phala L2's 2035 so signatures never cross). */
export const LOCAL_CHAIN_ID = 31337;

/**
 * The swap's claim is paid once per parachain holder; the IR pipeline inlines OpenZeppelin's Merkle proof loop
 * (measured: ~2,000 gas less per bound claim on a 100k-account tree), so the migrator alone is compiled with it.
 */
const SOLC = {
  version: "0.8.30",
  path: require.resolve("solc/soljson.js"),
  settings: { optimizer: { enabled: true, runs: 10_000 }, evmVersion: "cancun" },
};
const MIGRATOR_SOLC = { ...SOLC, settings: { ...SOLC.settings, viaIR: true } };

export default defineConfig({
  plugins: [hardhatToolboxViem],
  solidity: {
    // OZ contracts deployed as they are (artifacts needed by Ignition and the SDK).
    npmFilesToBuild: [
      "@openzeppelin/contracts/access/manager/AccessManager.sol",
      "@openzeppelin/contracts/governance/TimelockController.sol",
      "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol",
    ],
    profiles: {
      default: {
        // The npm solc (wasm): nothing is downloaded.
        compilers: [SOLC],
        overrides: { "contracts/token/PHAMigrator.sol": MIGRATOR_SOLC },
      },
      production: {
        compilers: [SOLC],
        overrides: { "contracts/token/PHAMigrator.sol": MIGRATOR_SOLC },
      },
    },
  },
  paths: {
    ignition: "deploy",
    tests: { solidity: "test", nodejs: "test" },
  },
  test: {
    solidity: {
      // A fixed seed keeps fuzz gas figures reproducible for the gas-snapshot check.
      fuzz: { runs: 256, seed: "0x5048414c41" },
      invariant: { runs: 64, depth: 64, failOnRevert: false },
    },
  },
  networks: {
    // In-process EDR with OP-stack semantics (L1Block predeploy, P256 precompile at 0x100).
    default: { type: "edr-simulated", chainType: "op", chainId: LOCAL_CHAIN_ID, allowUnlimitedContractSize: false },
    localOp: { type: "edr-simulated", chainType: "op", chainId: LOCAL_CHAIN_ID },
    // A local node (anvil --optimism, or `hardhat node`) for the SDK/CLI tests and manual runs.
    localhost: { type: "http", chainType: "op", chainId: LOCAL_CHAIN_ID, url: "http://127.0.0.1:8545" },
    opSepolia: {
      type: "http",
      chainType: "op",
      chainId: 11155420,
      url: configVariable("OP_SEPOLIA_RPC_URL"),
      accounts: [configVariable("OP_SEPOLIA_DEPLOYER_KEY")],
    },
    phala: {
      type: "http",
      chainType: "op",
      chainId: 2035,
      url: configVariable("PHALA_RPC_URL"),
      accounts: [configVariable("PHALA_DEPLOYER_KEY")],
    },
  },
});
