import { defineConfig } from "vitest/config";

export default defineConfig({
  // Tests import CLI modules that import the SDK: resolve it to its TypeScript sources, as the CLI does at run time.
  resolve: { conditions: ["phala-source"] },
  ssr: { resolve: { conditions: ["phala-source"] } },
  test: {
    // Same real node as the SDK tests: anvil (OP mode) with the system deployed by Ignition.
    globalSetup: ["../sdk/test/globalSetup.ts"],
    include: ["test/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
