import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { openStack, StackRunError, startEmulator, type TestEmulator } from "../../provider/testing";

const FIXTURES = join(__dirname, "fixtures");
const KINDS = { host: "testing/host-child.js", program: "testing/program-child.js" };

interface Proc {
  pid: number;
  ppid: number;
  cmdline: string;
  environ: string;
}

/** Every process of this user, from /proc (the kit's children are found by parent or by an env marker). */
function processes(): Proc[] {
  const found: Proc[] = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      found.push({
        pid: Number(pid),
        ppid: Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]),
        cmdline: readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " "),
        environ: readFileSync(`/proc/${pid}/environ`, "utf8"),
      });
    } catch {
      // gone meanwhile, or not ours
    }
  }
  return found;
}

/** The kit's hosts and program runs among this test process's children. */
function children(): Record<keyof typeof KINDS, number> {
  const mine = processes().filter((p) => p.ppid === process.pid);
  const count = (kind: keyof typeof KINDS) => mine.filter((p) => p.cmdline.includes(KINDS[kind])).length;
  return { host: count("host"), program: count("program") };
}

/** Processes that carry `marker` in their environment, wherever they were reparented. */
const marked = (marker: string) => processes().filter((p) => p.environ.includes(`KIT_TEST_MARKER=${marker}`));

async function eventually(check: () => boolean, ms = 10_000): Promise<void> {
  for (const until = Date.now() + ms; Date.now() < until; ) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator?.close());

describe("no process the kit starts outlives its stack", () => {
  it("keeps one provider host between calls and ends it on close(); program runs end with their call", async () => {
    const ports = emulator.seed.nhn.regions.KR1.vpcs[0].subnets[0].ports;
    const stack = await openStack(join(FIXTURES, "sample"), {
      config: { ...emulator.stackConfig, webPort: ports[0].id, dbPort: ports[1].id },
    });
    expect(children()).toEqual({ host: 0, program: 0 });
    await stack.preview();
    expect(children()).toEqual({ host: 1, program: 0 });
    await stack.close();
    expect(children()).toEqual({ host: 0, program: 0 });
  });

  it("ends them when a call fails on the program's error, and a later call starts afresh", async () => {
    const stack = await openStack(join(FIXTURES, "failing"), { config: emulator.stackConfig });
    try {
      const error = (await stack.up().catch((e: unknown) => e)) as StackRunError;
      expect(error).toBeInstanceOf(StackRunError);
      expect(error.programErrors).toEqual([expect.stringContaining("the program failed on purpose")]);
      expect(children()).toEqual({ host: 0, program: 0 });
      // The logger the program registered before it threw was made, and is in the state: nothing orphaned.
      expect(stack.resources()).toHaveLength(1);
      expect((await stack.destroy()).changeSummary).toEqual({ delete: 1 });
      expect(emulator.control.loggers("KR1")).toEqual([]);
    } finally {
      await stack.close();
    }
    expect(children()).toEqual({ host: 0, program: 0 });
  });

  it.each([
    ["exits without close()", "exit", undefined],
    ["is sent SIGTERM", "wait", "SIGTERM"],
    ["is killed outright (SIGKILL)", "wait", "SIGKILL"],
  ] as const)("ends them when the process that opened the stack %s", async (_case, how, signal) => {
    const marker = randomUUID();
    const child = spawn(process.execPath, [join(FIXTURES, "open-and-leave.js"), how], {
      env: { ...process.env, KIT_TEST_MARKER: marker },
      stdio: ["pipe", "pipe", "inherit"],
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await new Promise((resolve) => createInterface({ input: child.stdout }).once("line", resolve));
    expect(marked(marker).filter((p) => p.cmdline.includes(KINDS.host))).toHaveLength(1);
    child.stdin.write("go\n");
    if (signal) child.kill(signal);
    await exited;
    await eventually(() => marked(marker).length === 0);
    expect(marked(marker).map((p) => p.cmdline)).toEqual([]);
  });

  it("saves the state and releases the lock of a call cut off by SIGTERM (openStack with a stateFile)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kit-processes-"));
    const state = join(dir, "dev.json");
    try {
      const marker = randomUUID();
      const child = spawn(process.execPath, [join(FIXTURES, "up-and-leave.js"), state], {
        env: { ...process.env, KIT_TEST_MARKER: marker },
        stdio: ["ignore", "pipe", "inherit"],
      });
      const exited = new Promise((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
      await new Promise((resolve) => createInterface({ input: child.stdout }).once("line", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe("SIGTERM");
      expect(existsSync(`${state}.lock`)).toBe(false);
      const saved = JSON.parse(readFileSync(state, "utf8")) as { project: string; resources: unknown[] };
      expect(saved.project).toBe("kit-chain");
      await eventually(() => marked(marker).length === 0);
      expect(marked(marker).map((p) => p.cmdline)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
