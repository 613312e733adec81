// zod in a test file: the worker's one copy (environment.js).
module.exports = globalThis[Symbol.for("pulumi-flowlog.test.shared")].zod();
