import { readdirSync, rmSync } from "node:fs";
import { RUN_VARIABLE, runTemp } from "./global-setup";

/**
 * Jest's globalTeardown: removes the run's folder (the packed tarball, the tests' temp folder), and fails
 * the run if a test or a process it started left anything in the temp folder.
 */
export default function globalTeardown(): void {
  const run = process.env[RUN_VARIABLE];
  if (!run) return;
  const left = readdirSync(runTemp(run));
  rmSync(run, { recursive: true, force: true });
  if (left.length > 0) {
    throw new Error(
      `left in the temp folder by the tests (each must remove what it makes): ${left.join(", ")}`,
    );
  }
}
