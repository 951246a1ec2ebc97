import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql instance: Node (Apollo, graphql-tools) loads graphql's CommonJS entry, while
    // Vite would pick its "module" (.mjs) entry for our sources; two realms break graphql's
    // instanceof checks ("Cannot use GraphQLNonNull from another module or realm").
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    include: ["tests/**/*.test.ts", "connectors/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default", "./tests/support/summary-reporter.ts"],
  },
});
