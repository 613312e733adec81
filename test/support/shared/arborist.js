// npm's Arborist in a test file: loaded on first use (the SDK's computeCodePaths), which no test makes.
const { onFirstUse } = require("../../../provider/common/defer-modules");
const { packageFile } = require("./package-file");

module.exports = onFirstUse(() => packageFile("@npmcli/arborist", "lib", "index.js"), { __esModule: true });
