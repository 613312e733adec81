import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The run's own folder in the system temp folder, made here and removed by globalTeardown. */
export const RUN_VARIABLE = "FLOWLOG_TEST_RUN";

/** The folder the tests and the processes they start see as the temp folder. */
export const runTemp = (run: string): string => join(run, "tmp");

/**
 * Jest's globalSetup, once per run before any test file (issue 22):
 * - gives the run a folder, where the first test that installs the package as a user would packs this
 *   checkout, once for the run (test/support/tarball.ts);
 * - points the temp folder of the tests and of every process they start at a folder of this run, which
 *   globalTeardown checks is empty (each test removes what it makes) and then removes, so that `npm test`
 *   leaves nothing in the system temp folder;
 * - keeps ts-node's V8 compile cache in node_modules/.cache (the demo runs ts-node).
 * Workers start after this and inherit the environment it sets.
 */
export default function globalSetup(): void {
  const run = mkdtempSync(join(tmpdir(), "pulumi-flowlog-test-"));
  process.env[RUN_VARIABLE] = run;
  const temp = runTemp(run);
  mkdirSync(temp);
  for (const name of ["TMPDIR", "TMP", "TEMP"]) process.env[name] = temp;
  process.env.V8_COMPILE_CACHE_CACHE_DIR ||= resolve(
    __dirname,
    "..",
    "..",
    "node_modules",
    ".cache",
    "v8-compile-cache",
  );
}
