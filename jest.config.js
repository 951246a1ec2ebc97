// Jest, as the design card asks (docs/decisions.md): ESM TypeScript transformed by @swc/jest,
// run under `node --experimental-vm-modules`. Two projects:
// - unit: pure tests and the connectors' contract tests against their in-process simulators;
//   needs no PostgreSQL or Kafka;
// - integration: real PostgreSQL, Kafka, SMTP, HTTP and WebSocket, prepared once by
//   tests/support/global-setup.ts (which hands the services to the test files through the
//   environment).
const swc = [
  "@swc/jest",
  {
    jsc: { parser: { syntax: "typescript" }, target: "es2022" },
    module: { type: "es6" },
  },
];

const common = {
  extensionsToTreatAsEsm: [".ts"],
  transform: { "^.+\\.ts$": swc },
  testEnvironment: "node",
};

/** @type {import('jest').Config} */
export default {
  projects: [
    {
      ...common,
      displayName: "unit",
      testMatch: ["<rootDir>/tests/unit/**/*.test.ts", "<rootDir>/connectors/**/*.test.ts"],
    },
    {
      ...common,
      displayName: "integration",
      testMatch: ["<rootDir>/tests/integration/**/*.test.ts"],
      globalSetup: "<rootDir>/tests/support/global-setup.ts",
      globalTeardown: "<rootDir>/tests/support/global-teardown.ts",
    },
  ],
  testTimeout: 120_000,
  maxWorkers: 2,
  reporters: ["default", "<rootDir>/tests/support/summary-reporter.js"],
};
