import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

const REPO = resolve(__dirname, "..", "..");

/**
 * What `script` printed as JSON, run by plain node in the repository: for what depends on Node's own module
 * loader, which inside a test file is jest's.
 */
export function inOwnProcess<T>(script: string): T {
  const out = execFileSync(process.execPath, ["-e", script], { cwd: REPO, encoding: "utf8", stdio: "pipe" });
  return JSON.parse(out) as T;
}

/** For such a script: a function telling whether a module whose path contains `name` is loaded. */
export const LOADED = `(name) => Object.keys(require.cache).some((file) => file.includes(name))`;
