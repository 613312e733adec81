import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  watch,
  writeFileSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { RUN_VARIABLE } from "./global-setup";

// The package as a user gets it: this checkout's `npm pack` tarball, installed into an empty project.

const REPO = resolve(__dirname, "..", "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

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

/**
 * This checkout's tarball, packed once per run: by the first test that asks for it, in the run's folder
 * (jest's globalSetup makes it); a test in another worker that asks meanwhile waits for that one. Runs that
 * install no package (one test file, a folder of them) pack nothing.
 */
export async function packedTarball(): Promise<string> {
  const run = process.env[RUN_VARIABLE];
  if (!run) throw new Error(`no ${RUN_VARIABLE}: run the tests through jest.config.js (its globalSetup)`);
  const dir = join(run, "pack");
  const outcome = join(dir, "outcome.json");
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    await created(outcome);
    return packed(outcome);
  }
  let result: { tarball?: string; error?: string };
  try {
    result = { tarball: packCheckout(join(dir, "tarball")) };
  } catch (error) {
    result = { error: (error as Error).message };
  }
  // Whole or not at all: a waiting test reads it as soon as the name appears.
  writeFileSync(`${outcome}.tmp`, JSON.stringify(result));
  renameSync(`${outcome}.tmp`, outcome);
  return packed(outcome);
}

function packed(outcome: string): string {
  const { tarball, error } = JSON.parse(readFileSync(outcome, "utf8")) as {
    tarball?: string;
    error?: string;
  };
  if (!tarball) throw new Error(`packing this checkout failed (in another test of this run): ${error}`);
  return tarball;
}

/** Resolves when `file` exists: on its folder's events, not by polling. */
function created(file: string, ms = 120_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const watcher = watch(dirname(file));
    const timer = setTimeout(() => done(new Error(`${file} did not appear in ${ms / 1000} s`)), ms);
    function done(error?: Error) {
      clearTimeout(timer);
      watcher.close();
      if (error) reject(error);
      else resolve();
    }
    watcher.on("change", () => {
      if (existsSync(file)) done();
    });
    if (existsSync(file)) done();
  });
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

type Manifest = { dependencies?: Record<string, string> };
const dependenciesOf = (manifest: string) =>
  (JSON.parse(readFileSync(manifest, "utf8")) as Manifest).dependencies ?? {};

/**
 * The package of `tarball` in `project`'s node_modules, for a test that is about the package's files and
 * not about installing it: unpacked, with its dependencies linked from this checkout where it asks for
 * the same ranges as this checkout does (`npm install` of the tarball otherwise). Peers are left to
 * {@link linkFromRepo}.
 */
export function unpackTarball(project: string, tarball: string): void {
  const installed = join(project, "node_modules", "pulumi-flowlog");
  mkdirSync(installed, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"]);
  const wanted = dependenciesOf(join(installed, "package.json"));
  const ours = dependenciesOf(join(REPO, "package.json"));
  if (Object.entries(wanted).every(([id, range]) => ours[id] === range)) {
    linkFromRepo(project, Object.keys(wanted));
  } else {
    rmSync(installed, { recursive: true, force: true });
    installTarball(project, tarball);
  }
}

/** Links packages (`@pulumi/pulumi`, `typescript` …) from this checkout into `project`, instead of downloading them. */
export function linkFromRepo(project: string, ids: string[]): void {
  for (const id of ids) {
    const target = join(project, "node_modules", id);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(fromRepo(id), target, "dir");
  }
}
