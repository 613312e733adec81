// normalize-package-data in a test file: loaded on first call (the SDK's computeCodePaths), which no test makes.
const { onFirstCall } = require("../../../provider/common/defer-modules");
const { packageFile } = require("./package-file");

module.exports = onFirstCall(() => packageFile("normalize-package-data", "lib", "normalize.js"));
