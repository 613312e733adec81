// The SDK's Automation API in a test file: loaded on first use (as in the kit's processes,
// provider/common/defer-modules.ts); the tests that drive the SDK do not use it.
const { onFirstUse } = require("../../../provider/common/defer-modules");
const { packageFile } = require("./package-file");

// `__importStar(require("./automation"))` keeps the module itself: it says it is an ES module.
module.exports = onFirstUse(() => packageFile("@pulumi/pulumi", "automation", "index.js"), {
  __esModule: true,
});
