import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { installTarball, linkFromRepo } from "../support/tarball";

/**
 * Every released version whose state the current package must take over untouched. A release that changes
 * the state's shape (a new `stateVersion`, a new bookkeeping key, a renamed output) or how auto-names are
 * derived adds its own `npm pack` tarball here when it is published.
 */
export const RELEASES = [
  { version: "0.1.0", tarball: "pulumi-flowlog-0.1.0.tgz" },
  // 0.2.0's state (stateVersion 1) is read by 0.3.0, which writes stateVersion 2 (strayWindow).
  { version: "0.2.0", tarball: "pulumi-flowlog-0.2.0.tgz" },
] as const;

const FIXTURES = resolve(__dirname, "..", "fixtures", "releases");

/**
 * A project in `dir` that installed `tarball` (an older release) from its `npm pack`, with this checkout's
 * @pulumi/pulumi linked in as the peer: the program and the provider host there run the old release.
 */
export function installRelease(dir: string, tarball: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "upgrade-from", private: true }));
  installTarball(dir, join(FIXTURES, tarball));
  linkFromRepo(dir, ["@pulumi/pulumi"]);
}

/** What a program registers, as JSON lines: run by plain node in a project, with that project's package. */
export function registrationsIn(
  dir: string,
  program: string,
  project: string,
  stack: string,
): { type: string; name: string; inputs: Record<string, unknown> }[] {
  const script = `
const pulumi = require("@pulumi/pulumi");
const flowlog = require("pulumi-flowlog");
pulumi.runtime
  .setMocks({ newResource: (a) => { console.log(JSON.stringify({ type: a.type, name: a.name, inputs: a.inputs })); return { id: "", state: a.inputs }; }, call: () => ({}) }, ${JSON.stringify(project)}, ${JSON.stringify(stack)}, false)
  .then(() => { const { nhncloud, ncloud } = flowlog; ${program} });
`;
  writeFileSync(join(dir, "program.js"), script);
  const out = execFileSync(process.execPath, ["program.js"], { cwd: dir, env: { PATH: process.env.PATH } });
  return out
    .toString()
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}
