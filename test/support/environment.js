// Jest's test environment for this repository: Node's, plus TypeScript and zod, shared by a worker's test files.
//
// Jest gives each test file its own copy of every module it loads: right for the Pulumi SDK, which holds a
// program's global state (config, mocks, the stack). But a file that loads the SDK also loaded modules that
// are the same for every file, and paid for them each time, more than most of its tests cost (issue 22):
// - TypeScript, which the SDK parses a closure's text with (typescript-shim.js): 0.25 s of CPU per file.
//   It is loaded here once per worker, in Node's own module system, as a Pulumi program has it once per
//   process, and only when a file first serializes a closure (test/support/shared/typescript-shim.js).
// - zod, which the provider and the emulator build their schemas with: 0.13 s per file. A schema is made
//   by each file's own modules; only zod's code is shared.
// - npm's Arborist (0.45 s, for computeCodePaths) and the Automation API (0.06 s), which no test file uses
//   in-process: loaded on first use (test/support/shared/).
// The SDK's inspector session stays one per file (inspector-session.ts): a session kept enabled across
// files kept every file's scripts alive.
// jest.config.js's moduleNameMapper points the SDK's requests at test/support/shared/.
const { TestEnvironment } = require("jest-environment-node");

/** `load()`, called on first use and then kept: once per worker. */
function once(load) {
  let loaded;
  return () => {
    loaded ??= load();
    return loaded;
  };
}

const shared = {
  typescript: once(() => require("typescript")),
  zod: once(() => require("zod")),
};

class FlowlogEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global[Symbol.for("pulumi-flowlog.test.shared")] = shared;
  }
}

module.exports = FlowlogEnvironment;
