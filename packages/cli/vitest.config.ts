import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Same real node as the SDK tests: anvil (OP mode) with the system deployed by Ignition.
    globalSetup: ["../sdk/test/globalSetup.ts"],
    include: ["test/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
