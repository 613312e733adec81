import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import {
  type OpenStackOptions,
  openStack,
  StackRunError,
  startEmulator,
  type TestEmulator,
  type TestStack,
} from "../../provider/testing";
import { CLOUD_VARIABLES } from "../../provider/testing/stack";
import { children, KINDS, marked, markedEnded } from "./kit-processes";

const FIXTURES = join(__dirname, "fixtures");
const SAMPLE = join(FIXTURES, "sample");
const LOGGER = "pulumi-nodejs:dynamic/nhncloud:FlowLogLogger";
const urn = (type: string, name: string) => `urn:pulumi:dev::kit-sample::${type}::${name}`;
const WEB = urn(`kit:index:Pair$${LOGGER}`, "pair-web");
const DB = urn(`kit:index:Pair$${LOGGER}`, "pair-db");
const BUCKET = urn("aws:s3/bucket:Bucket", "logs");

let emulator: TestEmulator;
let stateDir: string;
const open: TestStack[] = [];

/** The sample project as a stack over one state file, with `config` on top of the emulator's. */
async function sample(
  config: Record<string, unknown> = {},
  options: OpenStackOptions = {},
): Promise<TestStack> {
  const ports = emulator.seed.nhn.regions.KR1.vpcs[0].subnets[0].ports;
  const stack = await openStack(SAMPLE, {
    config: { ...emulator.stackConfig, webPort: ports[0].id, dbPort: ports[1].id, ...config },
    stateFile: join(stateDir, "dev.json"),
    ...options,
  });
  open.push(stack);
  return stack;
}

beforeAll(async () => {
  emulator = await startEmulator();
  stateDir = mkdtempSync(join(tmpdir(), "kit-state-"));
});
afterAll(async () => {
  await Promise.all(open.map((stack) => stack.close()));
  await emulator?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

describe("openStack on a JavaScript project with a component, another provider's resource and resource options", () => {
  it("previews creates sorted by URN, under the engine's URNs, then comes up: loggers in the emulator, the lookup fed by the real id, the other resource as the mocks answer it; one provider host kept between the calls, each program run ended with its call", async () => {
    const stack = await sample();
    expect(children()).toEqual({ host: 0, program: 0 });
    const preview = await stack.preview();
    expect(children()).toEqual({ host: 1, program: 0 });
    expect(preview.steps).toEqual([
      { op: "create", urn: BUCKET, type: "aws:s3/bucket:Bucket", diffs: [] },
      { op: "create", urn: DB, type: LOGGER, diffs: [] },
      { op: "create", urn: WEB, type: LOGGER, diffs: [] },
    ]);
    expect(preview.changeSummary).toEqual({ create: 3 });
    expect(preview.notes).toEqual([expect.stringContaining("aws:s3/bucket:Bucket")]);

    const up = await stack.up();
    expect(up.changeSummary).toEqual({ create: 3 });
    expect(children()).toEqual({ host: 1, program: 0 });
    const web = emulator.control.loggers("KR1").find((logger) => logger.description === "kit");
    expect(up.outputs).toEqual({ webId: web?.id, webPorts: [web?.resource_id], bucket: "flowlogs" });
    expect(Object.fromEntries(stack.resources().map((r) => [r.urn, r.id]))).toEqual({
      [WEB]: web?.id,
      [DB]: expect.stringMatching(/^[0-9a-f-]{36}$/),
      [BUCKET]: "logs",
    });
  });

  it("keeps the state in its file: a new stack over it sees a config change as an update of the rest", async () => {
    const changed = await sample({ description: "changed" });
    const preview = await changed.preview();
    expect(preview.steps[2]).toEqual({ op: "update", urn: WEB, type: LOGGER, diffs: ["description"] });
    expect(preview.changeSummary).toEqual({ update: 1, same: 2 });
    await changed.close();
  });

  it("honours ignoreChanges; refuses to destroy a protected resource and says why; retainOnDelete leaves the logger in the cloud", async () => {
    // The same config change, ignored: nothing to do but take protect on.
    const guarded = await sample({ description: "changed", ignoreDescription: true, protect: true });
    expect((await guarded.up()).changeSummary).toEqual({ same: 3 });
    const error = await guarded.destroy().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackRunError);
    expect((error as StackRunError).failures).toEqual([
      { urn: WEB, op: "delete", message: expect.stringContaining("marked for protection") },
    ]);
    expect(guarded.resources().map((r) => r.urn)).toEqual([WEB]);
    await guarded.close();
    const retained = emulator.control.loggers("KR1").filter((logger) => logger.description !== "kit");
    expect(retained).toHaveLength(1);
    emulator.control.deleteLogger("KR1", retained[0].id);

    // The first stack again: each call reads the state file afresh.
    const [unguarded] = open;
    expect((await unguarded.up()).changeSummary).toEqual({ create: 2, same: 1 });
    expect((await unguarded.destroy()).changeSummary).toEqual({ delete: 3 });
    const left = emulator.control.loggers("KR1");
    expect(left.map((logger) => logger.resource_id)).toEqual([
      emulator.seed.nhn.regions.KR1.vpcs[0].subnets[0].ports[1].id,
    ]);
    emulator.control.deleteLogger("KR1", left[0].id);
    await unguarded.close();
    expect(children()).toEqual({ host: 0, program: 0 });
  });
});

/** A child running `fixture` with `args`, marked; resolves its first line of output. */
function opener(fixture: string, args: string[]) {
  const marker = randomUUID();
  const child = spawn(process.execPath, [join(FIXTURES, fixture), ...args], {
    env: { ...process.env, KIT_TEST_MARKER: marker },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
  const ready = new Promise((resolve) => createInterface({ input: child.stdout }).once("line", resolve));
  const kinds = () => {
    const mine = marked(marker);
    return {
      host: mine.filter((p) => p.cmdline.includes(KINDS.host)).length,
      program: mine.filter((p) => p.cmdline.includes(KINDS.program)).length,
    };
  };
  return { child, marker, exited, ready, kinds };
}

describe("no process the kit starts outlives its stack", () => {
  it("ends them when a call fails on the program's error, saving what the up made and releasing the state's lock; a later call starts afresh", async () => {
    const state = join(stateDir, "failing.json");
    const stack = await openStack(join(FIXTURES, "failing"), {
      config: emulator.stackConfig,
      stateFile: state,
    });
    try {
      const error = (await stack.up().catch((e: unknown) => e)) as StackRunError;
      expect(error).toBeInstanceOf(StackRunError);
      expect(error.programErrors).toEqual([expect.stringContaining("the program failed on purpose")]);
      expect(children()).toEqual({ host: 0, program: 0 });
      // The logger the program registered before it threw was made, and is in the state (and its file):
      // nothing orphaned.
      expect(existsSync(`${state}.lock`)).toBe(false);
      const [logger] = emulator.control.loggers("KR1");
      expect(logger.resource_id).toBe(emulator.seed.nhn.regions.KR1.vpcs[0].subnets[0].ports[0].id);
      expect(stack.resources().map((r) => r.id)).toEqual([logger.id]);
      const saved = JSON.parse(readFileSync(state, "utf8")) as { resources: { id: string }[] };
      expect(saved.resources.map((r) => r.id)).toEqual([logger.id]);
      expect((await stack.destroy()).changeSummary).toEqual({ delete: 1 });
      expect(emulator.control.loggers("KR1")).toEqual([]);
    } finally {
      await stack.close();
    }
    expect(children()).toEqual({ host: 0, program: 0 });
  });

  it.each([
    ["exits without close()", "exit", undefined],
    ["is killed outright (SIGKILL)", "wait", "SIGKILL"],
  ] as const)("ends them when the process that opened the stack %s", async (_case, how, signal) => {
    const { child, marker, exited, ready, kinds } = opener("open-and-leave.js", [how]);
    await ready;
    expect(kinds().host).toBe(1);
    child.stdin.write("go\n");
    if (signal) child.kill(signal);
    await exited;
    await markedEnded(marker);
    expect(marked(marker).map((p) => p.cmdline)).toEqual([]);
  });

  it("ends them when the process that opened the stack is sent SIGTERM mid-call, saving the state and releasing its lock (openStack with a stateFile)", async () => {
    const state = join(stateDir, "chain.json");
    const { child, marker, exited, ready, kinds } = opener("up-and-leave.js", [state]);
    await ready;
    expect(kinds()).toEqual({ host: 1, program: 1 });
    child.kill("SIGTERM");
    expect(await exited).toBe("SIGTERM");
    expect(existsSync(`${state}.lock`)).toBe(false);
    const saved = JSON.parse(readFileSync(state, "utf8")) as { project: string; resources: unknown[] };
    expect(saved.project).toBe("kit-chain");
    expect(saved.resources.length).toBeGreaterThan(0);
    await markedEnded(marker);
    expect(marked(marker).map((p) => p.cmdline)).toEqual([]);
  });
});

describe("the environment a stack runs in", () => {
  it("leaves out every variable of the README's configuration table, so that only config aims the stack", () => {
    const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
    const table = readme.slice(
      readme.indexOf("| stack config"),
      readme.indexOf("\n\n", readme.indexOf("| stack config")),
    );
    const documented = [...table.matchAll(/^\|[^|]*\|([^|]*)\|/gm)].flatMap(([, cell]) =>
      [...cell.matchAll(/`([A-Z_]+)`/g)].map(([, name]) => name),
    );
    expect(documented).toEqual(
      expect.arrayContaining(["OS_PASSWORD", "NHN_CREATE_TIMEOUT", "NCLOUD_SECRET_KEY"]),
    );
    expect([...CLOUD_VARIABLES].sort()).toEqual([...new Set(documented)].sort());
  });
});
