#!/usr/bin/env node
// `ts-node` as the npm scripts run it, with ts-node's V8 compile cache (v8-compile-cache-lib, used when it
// loads TypeScript) kept in node_modules/.cache instead of the system temp folder (issue 22).
const { join } = require("node:path");

process.env.V8_COMPILE_CACHE_CACHE_DIR ||= join(
  __dirname,
  "..",
  "node_modules",
  ".cache",
  "v8-compile-cache",
);
require("ts-node/dist/bin").main(process.argv.slice(2));
