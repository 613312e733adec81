// `npm run emulator` / `npm run try` run the build in dist/. npm ci does not build (the package carries no
// install script), so say what to do instead of letting node fail on a missing module.
const { existsSync } = require("node:fs");
const { join } = require("node:path");

if (!existsSync(join(__dirname, "..", "dist", "emulator", "cli.js"))) {
  console.error("pulumi-flowlog: dist/ is not built yet. Run `npm run build` first (npm ci does not build).");
  process.exit(1);
}
