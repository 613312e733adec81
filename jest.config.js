/** @type {import('jest').Config} */
module.exports = {
  // Node's, with TypeScript and zod shared by a worker's test files (issue 22).
  testEnvironment: "<rootDir>/test/support/environment.js",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }],
  },
  moduleNameMapper: {
    "^pulumi-flowlog$": "<rootDir>/provider/index.ts",
    // What the Pulumi SDK loads, shared by a worker's files or loaded on first use (test/support/environment.js).
    "(^|/)typescript-shim$": "<rootDir>/test/support/shared/typescript-shim.js",
    "^@npmcli/arborist$": "<rootDir>/test/support/shared/arborist.js",
    "^\\./automation$": "<rootDir>/test/support/shared/automation.js",
    "^zod$": "<rootDir>/test/support/shared/zod.js",
    "^normalize-package-data$": "<rootDir>/test/support/shared/normalize-package-data.js",
  },
  // In the repository, not the system temp folder: `npm test` leaves nothing there (issue 22).
  cacheDirectory: "<rootDir>/node_modules/.cache/jest",
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
  testTimeout: 60000,
  // More workers than the 2 cores CI has: many files mostly wait (timers, child processes, polls), and a
  // third worker fills that time (issue 22).
  maxWorkers: 3,
  setupFilesAfterEnv: ["<rootDir>/test/support/inspector-session.ts", "<rootDir>/test/support/sdk-stacks.ts"],
  testSequencer: "<rootDir>/test/support/sequencer.js",
};
