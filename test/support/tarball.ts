import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

// The package as a user gets it: this checkout's `npm pack` tarball, installed into an empty project.

const REPO = resolve(__dirname, "..", "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** Where jest's globalSetup (test/support/global-setup.ts) leaves the tarball it packed for the run. */
export const TARBALL_VARIABLE = "FLOWLOG_TEST_TARBALL";

/**
 * The compiler options `pulumi new typescript` writes (github.com/pulumi/templates, typescript/tsconfig.json):
 * strict, no skipLibCheck, no esModuleInterop.
 */
export const PULUMI_NEW_COMPILER_OPTIONS = {
  strict: true,
  outDir: "bin",
  target: "es2020",
  module: "commonjs",
  moduleResolution: "node",
  sourceMap: true,
  experimentalDecorators: true,
  pretty: true,
  noFallthroughCasesInSwitch: true,
  noImplicitReturns: true,
  forceConsistentCasingInFileNames: true,
};

/** Where a package this checkout depends on is installed. */
export const fromRepo = (id: string): string =>
  dirname(require.resolve(`${id}/package.json`, { paths: [REPO] }));

/** Packs this checkout into `dir` and returns the tarball's path. */
export function packCheckout(dir: string): string {
  mkdirSync(dir, { recursive: true });
  // dist/ is built by pretest; rebuilding here would rewrite files other test workers' hosts are loading.
  execFileSync(npm, ["pack", "--ignore-scripts", "--pack-destination", dir], { cwd: REPO, stdio: "pipe" });
  return join(dir, readdirSync(dir).find((file) => file.endsWith(".tgz"))!);
}

/** This checkout's tarball, packed once per run by jest's globalSetup. */
export function packedTarball(): string {
  const tarball = process.env[TARBALL_VARIABLE];
  if (!tarball || !existsSync(tarball)) {
    throw new Error(
      `no packed tarball in ${TARBALL_VARIABLE}: run the tests through jest.config.js (its globalSetup)`,
    );
  }
  return tarball;
}

/**
 * `npm install <tarball>` in `project` (which has a package.json), with peers left to {@link linkFromRepo};
 * returns what npm printed, stdout and stderr.
 */
export function installTarball(project: string, tarball: string): string {
  const install = spawnSync(
    npm,
    ["install", tarball, "--no-audit", "--no-fund", "--prefer-offline", "--legacy-peer-deps"],
    { cwd: project, encoding: "utf8" },
  );
  const output = `${install.stdout}${install.stderr}`;
  if (install.status !== 0) throw new Error(`npm install ${tarball} failed:\n${output}`);
  return output;
}

/** Links packages (`@pulumi/pulumi`, `typescript` …) from this checkout into `project`, instead of downloading them. */
export function linkFromRepo(project: string, ids: string[]): void {
  for (const id of ids) {
    const target = join(project, "node_modules", id);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(fromRepo(id), target, "dir");
  }
}
