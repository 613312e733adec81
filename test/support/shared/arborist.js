// npm's Arborist in a test file: loaded on first use (the SDK's computeCodePaths), which no test makes.
const { dirname, join } = require("node:path");
const { onFirstUse } = require("../../../provider/testing/defer-tooling");

// By path: a request for "@npmcli/arborist" is mapped back here.
const real = () =>
  require(join(dirname(require.resolve("@npmcli/arborist/package.json")), "lib", "index.js"));

module.exports = onFirstUse(real, { __esModule: true });
