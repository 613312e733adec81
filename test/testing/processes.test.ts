import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { openStack, StackRunError, startEmulator, type TestEmulator } from "../../provider/testing";
import { children, KINDS, marked, markedEnded } from "./kit-processes";

// One provider host kept between calls and ended on close(), and program runs ended with their call:
// test/testing/stack.test.ts, which counts them around its first stack's calls.

const FIXTURES = join(__dirname, "fixtures");

let emulator: TestEmulator;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), "kit-processes-"));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await emulator?.close();
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
    const state = join(dir, "failing.json");
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
    const state = join(dir, "chain.json");
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
