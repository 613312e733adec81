import {
  type ChildProcessWithoutNullStreams,
  execFile,
  execFileSync,
  spawn,
  spawnSync,
} from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { readmeFiles } from "../support/readme-project";
import { installTarball, linkFromRepo, packedTarball } from "../support/tarball";
import { SEED, STORAGE_URL } from "../support/world";

// The package as a user gets it: this checkout's `npm pack` tarball (packed once per run), installed once into an empty project that holds the README's "Test your own stack" files.

const REPO = resolve(__dirname, "..", "..");

let work: string;
let project: string;
/** What `npm install <tarball>` printed (warnings go to stderr). */
let installOutput: string;
const bin = (name: string) => join(project, "node_modules", ".bin", name);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "flowlog-pack-"));
  project = join(work, "infra");
  mkdirSync(project);
  for (const [file, text] of Object.entries(readmeFiles())) writeFileSync(join(project, file), text);
  installOutput = installTarball(project, await packedTarball());
  // @pulumi/pulumi, and the jest the README's test asks for, are linked from this checkout instead of
  // downloaded: the point is the packed package and the README's files.
  linkFromRepo(project, ["@pulumi/pulumi", "jest", "ts-jest", "typescript", "@types/jest", "@types/node"]);
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the package as installed from npm pack", () => {
  it("ships the build, the public type declarations, the plugin's schema, the emulator and the testing kit's stub, and nothing else", () => {
    const installed = join(project, "node_modules", "pulumi-flowlog");
    expect(readdirSync(installed).sort()).toEqual([
      "LICENSE",
      "README.md",
      "dist",
      "package.json",
      "testing",
    ]);
    const files = readdirSync(installed, { recursive: true, encoding: "utf8" }).filter((file) =>
      /\.[a-z]+$/.test(file),
    );
    const odd = files.filter(
      (file) =>
        !/^dist\/(provider|emulator)\/.+\.(js|d\.ts)$/.test(file) &&
        file !== "dist/provider/plugin/schema.json" &&
        !["LICENSE", "README.md", "package.json", "testing/package.json"].includes(file),
    );
    expect(odd).toEqual([]);
    // The declarations are the public surface's (test/package/declarations.test.ts pins which), not every module's.
    const declarations = files.filter((file) => file.endsWith(".d.ts"));
    expect(declarations).toEqual(
      expect.arrayContaining(["dist/provider/index.d.ts", "dist/provider/testing/index.d.ts"]),
    );
    expect(declarations.length).toBeLessThan(files.filter((file) => file.endsWith(".js")).length / 3);
    // State written by every release requires these two modules by path.
    expect(files).toEqual(
      expect.arrayContaining([
        "dist/provider/nhncloud/flowlog-logger/provider.js",
        "dist/provider/ncloud/flow-log/provider.js",
        "dist/emulator/cli.js",
        "dist/provider/testing/cli.js",
        "dist/provider/plugin/main.js",
        "dist/provider/plugin/schema.json",
      ]),
    );
  });

  it("installs without an install-script warning: the packed package.json runs nothing at install", () => {
    const manifest = JSON.parse(
      readFileSync(join(project, "node_modules", "pulumi-flowlog", "package.json"), "utf8"),
    ) as { scripts?: Record<string, string> };
    const atInstall = ["preinstall", "install", "postinstall", "prepare"].filter(
      (hook) => manifest.scripts?.[hook] !== undefined,
    );
    expect(atInstall).toEqual([]);
    expect(installOutput).toMatch(/added \d+ package/);
    expect(installOutput).not.toMatch(/install-scripts|npm warn/i);
  });

  it("serializes a provider that only requires the installed package, a few KB and credential-free", () => {
    const { registrations } = probe();
    expect(registrations.map((r) => r.type).sort()).toEqual([
      "pulumi-nodejs:dynamic/ncloud:FlowLog",
      "pulumi-nodejs:dynamic/nhncloud:FlowLogLogger",
    ]);
    for (const { inputs } of registrations) {
      expect(inputs.__provider.length).toBeLessThan(4096);
      expect(inputs.__provider).toMatch(/require\(modulePath\)/);
      expect(inputs.__provider).not.toMatch(/pack-test-Password-1|pack-test-Secret-2|undici|zod/);
    }
  });
  // Creating and deleting loggers through the SDK's host running the installed package: the README's
  // try-out below (pulumi-flowlog-try starts the host in the project, where only the installed package is).
});

describe("the README's 'Test your own stack', in an empty project with the npm pack tarball", () => {
  it("has the files it names: package.json, Pulumi.yaml, the program, its stack settings and its jest test", () => {
    expect(Object.keys(readmeFiles()).sort()).toEqual([
      "Pulumi.dev.yaml",
      "Pulumi.yaml",
      "index.ts",
      "infra.test.ts",
      "jest.config.js",
      "package.json",
    ]);
  });

  it("passes its jest test: preview 2 creates, up 2 loggers, a second up the same, drift on refresh, up, destroy", () => {
    // The README's jest.config.js, with ts-jest transpiling only and jest's cache in this checkout's (not
    // the temp folder). Type checking of the README's program and test is test/package/type-check.test.ts's;
    // here both are only transpiled (PULUMI_NODEJS_TRANSPILE_ONLY for the program).
    const config = {
      ...(require(join(project, "jest.config.js")) as object),
      rootDir: project,
      transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: { isolatedModules: true } }] },
      cacheDirectory: join(REPO, "node_modules", ".cache", "jest"),
    };
    const run = spawnSync(
      process.execPath,
      [join(project, "node_modules", "jest", "bin", "jest.js"), "--ci", "--config", JSON.stringify(config)],
      { cwd: project, encoding: "utf8", env: { ...process.env, PULUMI_NODEJS_TRANSPILE_ONLY: "true" } },
    );
    expect({ status: run.status, output: run.status === 0 ? "" : run.stderr }).toEqual({
      status: 0,
      output: "",
    });
    expect(run.stderr).toMatch(/Tests: +2 passed, 2 total/);
  }, 180_000);

  it("does the same through pulumi-flowlog-try --emulator URL, exit 0 each time", async () => {
    const emulator = spawn(bin("pulumi-flowlog-emulator"), ["--port", "0"], { cwd: project });
    try {
      const url = await bannerUrl(emulator);
      const tryIt = (operation: string) => tryOnce(operation, "--emulator", url);
      const loggers = async () =>
        (
          (await (await fetch(`${url}/_emulator/nhn/KR1/loggers`)).json()) as {
            flowlog_loggers: { id: string }[];
          }
        ).flowlog_loggers;
      expect(await tryIt("preview")).toMatch(/\n {4}\+ 2 to create\n/);
      const up = await tryIt("up");
      expect(up).toMatch(/\n {4}\+ 2 created\n/);
      expect(await loggers()).toHaveLength(2);
      const [webId] = JSON.parse(/loggerIds: (.*)/.exec(up)![1]) as string[];
      const edit = await fetch(`${url}/_emulator/nhn/KR1/loggers/${webId}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ description: "edited in the console" }),
      });
      expect(edit.status).toBe(200);
      const refresh = await tryIt("refresh");
      expect(refresh).toMatch(/\n {4}~ 1 updated\n {4}1 unchanged\n/);
      expect(refresh).toContain("[diff: ~description, ~updatedAt]");
      expect(await tryIt("up")).toMatch(/\n {4}~ 1 updated\n/);
      expect(await tryIt("destroy")).toMatch(/\n {4}- 2 deleted\n/);
      expect(await loggers()).toEqual([]);
    } finally {
      emulator.kill("SIGTERM");
    }
  }, 180_000);

  it("exits 2 on bad usage, saying why", () => {
    // Exit 1 with the failed resource and its reason when an operation fails: test/testing/try-state.test.ts.
    const usage = spawnSync(bin("pulumi-flowlog-try"), ["."], { cwd: project, encoding: "utf8" });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("usage: pulumi-flowlog-try <dir> preview|up|refresh|destroy");
  });
});

describe("the package's entry points, installed from the tarball", () => {
  it("keeps resolving the provider modules that state written by 0.1.0 requires, and the old deep paths", () => {
    const { providers, loaded } = probe();
    expect(providers).toEqual({
      "nhncloud/flowlog-logger/provider": ["check", "diff", "create", "read", "update", "delete"],
      "ncloud/flow-log/provider": ["check", "diff", "create", "read", "update", "delete"],
    });
    expect(loaded).toEqual([require("../../package.json").version, "function"]);
  });

  it("imports pulumi-flowlog and pulumi-flowlog/testing from an ES module", () => {
    expect(probe().imported).toEqual(["function", "function"]);
  });
  // Type checking of the README's program and test: test/package/type-check.test.ts.
});

interface Probe {
  /** What `import()` of pulumi-flowlog and pulumi-flowlog/testing gives: typeof FlowLogLogger, openStack. */
  imported: string[];
  /** The methods each provider module that state requires by path has. */
  providers: Record<string, string[]>;
  /** The installed version, and typeof openStack from require("pulumi-flowlog/testing"). */
  loaded: string[];
  /** What a user's program registers (type and inputs), run under the SDK's mocks with credentials in its environment. */
  registrations: { type: string; inputs: Record<string, string> }[];
}
let probed: Probe | undefined;

/**
 * Runs one ES module in the project with plain node (no jest, no path mapping), as a user's code would
 * load the package: an import of both entry points, a require of the paths state uses, and a program.
 */
function probe(): Probe {
  if (probed) return probed;
  const script = `
import { createRequire } from "node:module";
const { nhncloud } = await import("pulumi-flowlog");
const { openStack } = await import("pulumi-flowlog/testing");
const imported = [typeof nhncloud.FlowLogLogger, typeof openStack];
const require = createRequire(import.meta.url);
const providers = {};
for (const path of ["nhncloud/flowlog-logger/provider", "ncloud/flow-log/provider"]) {
  const { provider } = require("pulumi-flowlog/dist/provider/" + path);
  providers[path] = ["check", "diff", "create", "read", "update", "delete"].filter((m) => typeof provider[m] === "function");
}
require("pulumi-flowlog/dist/provider/index.js");
require("pulumi-flowlog/dist/emulator/index");
const loaded = [require("pulumi-flowlog/package.json").version, typeof require("pulumi-flowlog/testing").openStack];
const registrations = [];
process.on("exit", () => console.log(JSON.stringify({ imported, providers, loaded, registrations })));
const pulumi = require("@pulumi/pulumi");
await pulumi.runtime.setMocks(
  { newResource: (a) => { registrations.push({ type: a.type, inputs: a.inputs }); return { id: a.name + "-id", state: a.inputs }; }, call: () => ({}) },
  "consumer", "dev", false,
);
const flowlog = require("pulumi-flowlog");
new flowlog.nhncloud.FlowLogLogger("web", { resourceId: "${SEED.KR1.ports[0]}", storageUrl: "${STORAGE_URL}" });
new flowlog.ncloud.FlowLog("nic", { networkInterfaceNo: "1000001", collectActionTypeCode: "ALL", storageBucketName: "flowlog-bucket" });
`;
  writeFileSync(join(project, "probe.mjs"), script);
  const out = execFileSync(process.execPath, ["probe.mjs"], {
    cwd: project,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      OS_PASSWORD: "pack-test-Password-1",
      NCLOUD_SECRET_KEY: "pack-test-Secret-2",
    },
  });
  probed = JSON.parse(out) as Probe;
  return probed;
}

/** The emulator's first line (its URL). */
function bannerUrl(emulator: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((done, fail) => {
    const lines: string[] = [];
    createInterface({ input: emulator.stdout }).on("line", (line) => {
      lines.push(line);
      if (lines.length === 1) done(line);
    });
    emulator.once("exit", (code) => fail(new Error(`the emulator exited with ${code}: ${lines.join("\n")}`)));
  });
}

/**
 * `npx pulumi-flowlog-try . <operation> [args]` in the project: its stdout, after checking it exited 0. Not
 * spawnSync: a blocked event loop would miss the emulator closing idle connections, and fetch would reuse them.
 */
async function tryOnce(operation: string, ...args: string[]): Promise<string> {
  const env = { ...process.env, PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
  const argv = [".", operation, ...args];
  const run = await new Promise<{ status: number; stdout: string; stderr: string }>((done) => {
    execFile(bin("pulumi-flowlog-try"), argv, { cwd: project, env }, (error, stdout, stderr) => {
      done({ status: typeof error?.code === "number" ? error.code : error ? 1 : 0, stdout, stderr });
    });
  });
  expect({ operation, status: run.status, stderr: run.stderr }).toEqual({ operation, status: 0, stderr: "" });
  return run.stdout;
}
