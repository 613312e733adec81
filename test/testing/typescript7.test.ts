import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { openStack, ProjectError, startEmulator, type TestEmulator } from "../../provider/testing";

const REPO = resolve(__dirname, "..", "..");
const CLI = join(REPO, "dist", "provider", "testing", "cli.js");
const STORAGE_URL =
  "https://kr1-api-object-storage.nhncloudservice.com/v1/AUTH_0123456789abcdef0123456789abcdef/flowlog/ts7";
const TYPESCRIPT_7 = { name: "typescript", version: "7.0.2" };

const TS_PROGRAM = {
  "Pulumi.yaml": "name: ts7\nruntime: nodejs\n",
  "package.json": JSON.stringify({ name: "ts7", private: true, main: "index.ts" }),
  "index.ts": `import { nhncloud } from "pulumi-flowlog";
const logger = new nhncloud.FlowLogLogger("web", { resourceId: "cccccccc-0001-4000-8000-000000000111", storageUrl: "${STORAGE_URL}" });
export const id = logger.id;
`,
};
// As `npx tsc` would have compiled TS_PROGRAM, run as JavaScript (the second way out).
const JS_PROGRAM = {
  "Pulumi.yaml":
    "name: ts7\nmain: bin/index.js\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n",
  "package.json": JSON.stringify({ name: "ts7", private: true }),
  "bin/index.js": `"use strict";
const { nhncloud } = require("pulumi-flowlog");
const logger = new nhncloud.FlowLogLogger("web", { resourceId: "cccccccc-0001-4000-8000-000000000111", storageUrl: "${STORAGE_URL}" });
exports.id = logger.id;
`,
};

let emulator: TestEmulator;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator?.close());
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A project folder with `files` and, in its node_modules, `packages` (only their package.json: nothing here
 * downloads TypeScript 7), this checkout as pulumi-flowlog, and this checkout's @pulumi/pulumi.
 */
function project(files: Record<string, string>, packages: Record<string, object>): string {
  dir = mkdtempSync(join(tmpdir(), "kit-ts7-"));
  const modules = join(dir, "node_modules");
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  for (const [name, manifest] of Object.entries(packages)) {
    mkdirSync(join(modules, name), { recursive: true });
    writeFileSync(join(modules, name, "package.json"), JSON.stringify(manifest));
  }
  mkdirSync(join(modules, "@pulumi"), { recursive: true });
  symlinkSync(join(REPO, "node_modules", "@pulumi", "pulumi"), join(modules, "@pulumi", "pulumi"), "dir");
  symlinkSync(REPO, join(modules, "pulumi-flowlog"), "dir");
  return dir;
}

const open = (folder: string) =>
  openStack(folder, { config: emulator.stackConfig, env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } });

describe("TypeScript 7 in the user's project (issue 21, item 1; pulumi/pulumi#21518)", () => {
  it("refuses a TypeScript program before running it, with one message naming both ways out", async () => {
    const folder = project(TS_PROGRAM, { typescript: TYPESCRIPT_7 });
    const error = await open(folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectError);
    expect(error).toMatchObject({ code: "ERR_FLOWLOG_TESTING_PROJECT" });
    const lines = (error as Error).message.split("\n");
    expect(lines[0]).toMatch(
      new RegExp(
        `^${folder}: TypeScript 7\\.0\\.2 \\(${folder}/node_modules/typescript\\) cannot run this program\\.`,
      ),
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        "  1. Keep TypeScript 7 for your own tsc and give Pulumi TypeScript 6 beside it, as Pulumi's docs describe (https://www.pulumi.com/docs/iac/languages-sdks/javascript/#using-typescript-7):",
        "       npm install --save-dev '@typescript/native@npm:typescript@^7.0.2' 'typescript@npm:@typescript/typescript6@^6.0.2'",
        "       npm install --save-dev typescript@5",
        "     it bundles): npm uninstall typescript && npm install --save-dev '@typescript/native@npm:typescript@^7.0.2'",
        "     `runtime: { name: nodejs, options: { typescript: false } }`: the JavaScript then runs without ts-node.",
      ]),
    );
  });

  it("says the same from pulumi-flowlog-try (exit 2) instead of the SDK's TypeError, and runs nothing", async () => {
    const folder = project(TS_PROGRAM, { typescript: TYPESCRIPT_7 });
    const child = spawn(process.execPath, [CLI, folder, "preview", "--emulator", emulator.url]);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise((done) => child.once("close", done));
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toMatch(
      new RegExp(`^pulumi-flowlog-try: ${folder}: TypeScript 7\\.0\\.2 .* Two ways out:\\n`),
    );
    expect(stderr).not.toMatch(/^TypeError|\n\s+at /m);
    expect(emulator.control.requests().length).toBe(0);
  }, 30_000);

  it("refuses a JavaScript program too while `typescript` is TypeScript 7: the SDK serializes dynamic providers with it", async () => {
    const error = await open(project(JS_PROGRAM, { typescript: TYPESCRIPT_7 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectError);
    expect((error as Error).message).toContain("TypeScript 7.0.2");
  });

  it("runs the JavaScript compiled ahead while TypeScript 7 is installed under another name (the second way out)", async () => {
    const stack = await open(project(JS_PROGRAM, { "@typescript/native": TYPESCRIPT_7 }));
    try {
      expect((await stack.up()).changeSummary).toEqual({ create: 1 });
      expect(emulator.control.loggers("KR1")).toHaveLength(1);
      expect((await stack.destroy()).changeSummary).toEqual({ delete: 1 });
    } finally {
      await stack.close();
    }
  }, 60_000);

  it("lets the side-by-side layout through: TypeScript 7 as @typescript/native, TypeScript 6 as typescript (the first way out)", async () => {
    const stack = await open(
      project(TS_PROGRAM, {
        "@typescript/native": TYPESCRIPT_7,
        typescript: { name: "@typescript/typescript6", version: "6.0.2" },
      }),
    );
    try {
      // The program compiles with the TypeScript this checkout's SDK resolves (its folder is linked here).
      expect((await stack.preview()).changeSummary).toEqual({ create: 1 });
    } finally {
      await stack.close();
    }
  }, 60_000);
});
