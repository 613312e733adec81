// The SDK's typescript-shim.js in a test file: the worker's one TypeScript (environment.js), loaded when
// the file first serializes a closure.
const { onFirstUse } = require("../../../provider/common/defer-modules");

module.exports = onFirstUse(() => globalThis[Symbol.for("pulumi-flowlog.test.shared")].typescript(), {});
