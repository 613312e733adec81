// normalize-package-data in a test file: loaded on first call (the SDK's computeCodePaths), which no test makes.
const { dirname, join } = require("node:path");
const { onFirstCall } = require("../../../provider/testing/defer-tooling");

// By path: a request for "normalize-package-data" is mapped back here.
const real = () =>
  require(join(dirname(require.resolve("normalize-package-data/package.json")), "lib", "normalize.js"));

module.exports = onFirstCall(real);
