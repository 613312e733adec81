// The SDK's Automation API in a test file: loaded on first use (as in the kit's processes,
// provider/testing/defer-tooling.ts); the tests that drive the SDK do not use it.
const { dirname, join } = require("node:path");
const { onFirstUse } = require("../../../provider/testing/defer-tooling");

// By path: a request for "./automation" is mapped back here.
const real = () =>
  require(join(dirname(require.resolve("@pulumi/pulumi/package.json")), "automation", "index.js"));

// `__importStar(require("./automation"))` keeps the module itself: it says it is an ES module.
module.exports = onFirstUse(real, { __esModule: true });
