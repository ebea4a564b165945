import { defineConfig } from "vitest/config";

// Suites start real servers and databases: generous timeouts, and at most two files at a time
// because the machines have two cores.
export default defineConfig({
  test: {
    include: ["packages/**/*.test.ts", "test/**/*.test.ts"],
    // Builds the Remix app of the Shopify pages once, if its sources changed.
    globalSetup: ["test/support/web-build-setup.ts"],
    exclude: ["**/node_modules/**", "data/**", "scratch/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    minWorkers: 1,
  },
});
