/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }],
  },
  moduleNameMapper: {
    "^pulumi-flowlog$": "<rootDir>/provider/index.ts",
  },
  testTimeout: 60000,
  maxWorkers: 2,
  setupFilesAfterEnv: ["<rootDir>/test/support/inspector-session.ts"],
};
