// Run by `npm install` in this folder (the Pulumi CLI does that when it installs a source plugin): builds the
// repository once, with its own locked dependencies, unless a build is already there.
const { execFileSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");
if (!existsSync(join(root, "dist", "provider", "plugin", "main.js"))) {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  // --include=dev: the build needs TypeScript, even when the CLI installs plugins with --production.
  execFileSync(npm, ["ci", "--include=dev", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  execFileSync(npm, ["run", "build"], { cwd: root, stdio: "inherit" });
}
