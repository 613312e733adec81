import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { linkFromRepo, unpackTarball } from "../support/tarball";

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
 * A project in `dir` with `tarball` (an older release's `npm pack`) in node_modules and this checkout's
 * @pulumi/pulumi linked in as the peer: the program and the provider host there run the old release. This
 * suite is about the release's code, not about installing it: the tarball is unpacked.
 */
export function installRelease(dir: string, tarball: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "upgrade-from", private: true }));
  unpackTarball(dir, join(FIXTURES, tarball));
  linkFromRepo(dir, ["@pulumi/pulumi"]);
}

export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/**
 * What `program` registers with the package each of `dirs` has installed, in that order: run by plain node
 * under the SDK's mocks, one program after the other in one process (they share the checkout's SDK).
 */
export function registrationsIn(
  dirs: string[],
  program: string,
  project: string,
  stack: string,
): Registered[][] {
  const script = `
const pulumi = require("@pulumi/pulumi");
const settings = require("@pulumi/pulumi/runtime/settings");
let run = 0;
pulumi.runtime
  .setMocks({ newResource: (a) => { console.log(JSON.stringify({ run, type: a.type, name: a.name, inputs: a.inputs })); return { id: "", state: a.inputs }; }, call: () => ({}) }, ${JSON.stringify(project)}, ${JSON.stringify(stack)}, false)
  .then(async () => {
    for (const [index, dir] of ${JSON.stringify(dirs)}.entries()) {
      run = index;
      const { nhncloud, ncloud } = require(require.resolve("pulumi-flowlog", { paths: [dir] }));
      ${program}
      await settings.waitForRPCs();
    }
  });
`;
  // A file, not `node -e`: there every built-in module is a global, and the SDK's closure serializer
  // touching `sys` and `wasi` prints warnings.
  writeFileSync(join(dirs[0], "program.js"), script);
  const out = execFileSync(process.execPath, ["program.js"], {
    cwd: dirs[0],
    env: { PATH: process.env.PATH },
  });
  const lines = out
    .toString()
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Registered & { run: number });
  return dirs.map((_, index) => lines.filter((line) => line.run === index).map(({ run, ...rest }) => rest));
}
