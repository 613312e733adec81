import {
  type ChildProcessWithoutNullStreams,
  execFile,
  execFileSync,
  spawn,
  spawnSync,
} from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { readmeFiles } from "../support/readme-project";
import { installTarball, linkFromRepo, packedTarball } from "../support/tarball";

const REPO = resolve(__dirname, "..", "..");

let work: string;
let project: string;
const bin = (name: string) => join(project, "node_modules", ".bin", name);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "flowlog-kit-"));
  project = join(work, "infra");
  mkdirSync(project);
  for (const [file, text] of Object.entries(readmeFiles())) writeFileSync(join(project, file), text);
  installTarball(project, packedTarball());
  // @pulumi/pulumi, and the jest the README's test asks for, are linked from this checkout instead of
  // downloaded: the point is the packed package and the README's files.
  linkFromRepo(project, ["@pulumi/pulumi", "jest", "ts-jest", "typescript", "@types/jest", "@types/node"]);
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

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

  it("exits 2 on bad usage and 1 when the operation fails, saying why", () => {
    const usage = spawnSync(bin("pulumi-flowlog-try"), ["."], { cwd: project, encoding: "utf8" });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("usage: pulumi-flowlog-try <dir> preview|up|refresh|destroy");
    const failed = spawnSync(bin("pulumi-flowlog-try"), [".", "preview", "--config", "webPort=not-a-port"], {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
    });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(
      /urn:pulumi:dev::infra::pulumi-nodejs:dynamic\/nhncloud:FlowLogLogger::web:\n +check failed: resourceId/,
    );
  }, 60_000);
});

describe("the package's entry points, installed from the tarball", () => {
  it("keeps resolving the provider modules that state written by 0.1.0 requires, and the old deep paths", () => {
    const script = `
      for (const path of ["nhncloud/flowlog-logger/provider", "ncloud/flow-log/provider"]) {
        const { provider } = require("pulumi-flowlog/dist/provider/" + path);
        for (const method of ["check", "diff", "create", "read", "update", "delete"]) {
          if (typeof provider[method] !== "function") throw new Error(path + " has no " + method);
        }
      }
      require("pulumi-flowlog/dist/provider/index.js");
      require("pulumi-flowlog/dist/emulator/index");
      console.log(require("pulumi-flowlog/package.json").version, typeof require("pulumi-flowlog/testing").openStack);
    `;
    const out = execFileSync(process.execPath, ["-e", script], { cwd: project, encoding: "utf8" });
    expect(out.trim()).toBe(`${require("../../package.json").version} function`);
  });

  it("imports pulumi-flowlog and pulumi-flowlog/testing from an ES module", () => {
    const script = `const { nhncloud } = await import("pulumi-flowlog"); const { openStack } = await import("pulumi-flowlog/testing");
      console.log(typeof nhncloud.FlowLogLogger, typeof openStack);`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: project,
      encoding: "utf8",
    });
    expect(out.trim()).toBe("function function");
  });
  // Type checking of the README's program and test: test/package/type-check.test.ts.
});

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
