import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  type WatchListener,
  watch,
  writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type TestEmulator } from "../../provider/testing";

// npm test builds first (pretest), so the compiled bin is what users run.
const CLI = join(__dirname, "../../dist/provider/testing/cli.js");
const CHAIN = join(__dirname, "fixtures", "chain");

interface Run {
  pid: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

// One state file for the whole file: each test goes on from the stack the one before left (a run of the
// bin costs a program and a provider host), and the last destroys it.
let emulator: TestEmulator;
let dir: string;
let state: string;
let lock: string;

beforeAll(async () => {
  // Each API call takes a while, so that an up of a few loggers is still under way when a test acts on it.
  emulator = await startEmulator({ latencyMs: 150 });
  dir = mkdtempSync(join(tmpdir(), "kit-try-state-"));
  state = join(dir, "dev.json");
  lock = `${state}.lock`;
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await emulator?.close();
});

const portIds = () =>
  emulator.seed.nhn.regions.KR1.vpcs[0].subnets.flatMap((subnet) => subnet.ports.map((port) => port.id));

/** `pulumi-flowlog-try <chain> <operation>` on the state file, against the emulator, one logger per port. */
function start(operation: string, ports: string[], env: Record<string, string> = {}) {
  const args = [CHAIN, operation, "--state", state, "--emulator", emulator.url];
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI, ...args, "--config", `ports=${JSON.stringify(ports)}`],
    { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<Run>((resolve) => {
    child.once("close", (code) => resolve({ pid: child.pid!, code, stdout, stderr }));
  });
  return { child, done };
}

const run = (operation: string, ports: string[]) => start(operation, ports).done;

/** Resolves once `check` holds, looking again whenever a file in the state's folder is written or renamed. */
function whenFolder(check: () => boolean, ms = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const watcher = watch(dir);
    const timer = setTimeout(() => finish(new Error(`not so after ${ms} ms`)), ms);
    function finish(error?: Error) {
      clearTimeout(timer);
      watcher.close();
      if (error) reject(error);
      else resolve();
    }
    const look: WatchListener<string> = () => {
      try {
        if (check()) finish();
      } catch {
        // a file read between its creation and its first write: the next event looks again
      }
    };
    watcher.on("change", look);
    look("change", "");
  });
}

const sorted = (ids: string[]) => [...ids].sort();
const emulatorLoggers = () => sorted(emulator.control.loggers("KR1").map((logger) => logger.id));

/** The logger ids the state file holds (it is always whole: it is replaced, never written in place). */
function stateLoggers(): string[] {
  if (!existsSync(state)) return [];
  const saved = JSON.parse(readFileSync(state, "utf8")) as { resources: { urn: string; id: string }[] };
  return sorted(saved.resources.filter((r) => r.urn.includes("FlowLogLogger")).map((r) => r.id));
}

/** Processes that carry `marker` in their environment, wherever they were reparented. */
function marked(marker: string): string[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, "utf8").includes(`KIT_TEST_MARKER=${marker}`);
      } catch {
        return false;
      }
    });
}

/** Resolves once no process carries `marker` (each is awaited by its pid, not polled). */
async function allEnded(marker: string): Promise<void> {
  for (const pid of marked(marker)) {
    while (existsSync(`/proc/${pid}`)) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("pulumi-flowlog-try keeps the state as the engine does (issue 20)", () => {
  // One up of every port, held by the first test while another run tries, and cut off by the second.
  const marker = randomUUID();
  let first: ReturnType<typeof start>;
  afterAll(() => {
    // Only if a test failed before the up ended: a stopped process would keep jest waiting.
    if (first?.child.exitCode === null && first.child.signalCode === null) {
      first.child.kill("SIGCONT");
      first.child.kill("SIGKILL");
    }
  });

  it("two ups at once on one folder: the second fails naming the holder, and does nothing", async () => {
    first = start("up", portIds(), { KIT_TEST_MARKER: marker });
    // The lock is taken (its holder written, not only the file made) before the holder is stopped.
    await whenFolder(
      () => existsSync(lock) && JSON.parse(readFileSync(lock, "utf8")).pid === first.child.pid,
    );
    // The holder stays mid-operation (its pid alive) while the second run tries.
    first.child.kill("SIGSTOP");
    let second: Run;
    try {
      const saved = existsSync(state) ? readFileSync(state, "utf8") : "(no state file)";
      second = await run("up", portIds());
      expect(existsSync(state) ? readFileSync(state, "utf8") : "(no state file)").toBe(saved);
    } finally {
      first.child.kill("SIGCONT");
    }
    expect(second.code).toBe(1);
    expect(second.stdout).toBe("");
    expect(second.stderr).toMatch(
      new RegExp(
        `^pulumi-flowlog-try: the state ${state} is locked by another run: pid ${first.child.pid} on this host, ` +
          "running up since \\S+Z \\(\\d+ s ago\\)\\. Nothing was done\\. Wait for it to finish \\(or end that " +
          `process\\) and run again; if pid ${first.child.pid} is not such a run, delete ${lock}\\.\\n$`,
      ),
    );
  }, 120_000);

  it("SIGTERM in the middle of an up: saves what finished, ends every process, exits 143; the next up ends with exactly the declared loggers, no duplicate, no orphan", async () => {
    const ports = portIds();
    // The state file is written after every step, while the up goes on.
    await whenFolder(() => stateLoggers().length >= 2);
    first.child.kill("SIGTERM");
    const stopped = await first.done;
    expect(stopped.code).toBe(143);
    expect(stopped.stderr).toContain(
      `pulumi-flowlog-try: up stopped by SIGTERM. The state is saved in ${state}: every step that finished is in it.`,
    );
    expect(existsSync(lock)).toBe(false);
    const saved = stateLoggers();
    expect(saved.length).toBeGreaterThanOrEqual(2);
    expect(saved.filter((id) => !emulatorLoggers().includes(id))).toEqual([]);
    await allEnded(marker);
    expect(marked(marker)).toEqual([]);

    // A logger whose create was cut off is found again by its name, not duplicated.
    const again = await run("up", ports);
    expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: "" });
    expect(existsSync(lock)).toBe(false);
    expect(emulatorLoggers()).toHaveLength(ports.length);
    expect(stateLoggers()).toEqual(emulatorLoggers());
  }, 120_000);
});

describe("a failed up prints the state as the engine would (issue 21, item 5)", () => {
  it("lists the failed step with its op, the steps taken, and the resources the state still holds", async () => {
    const [first] = portIds();
    const ids = stateLoggers();
    expect(ids).toHaveLength(portIds().length);
    const failed = await run("up", [first, "not-a-port"]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/logger-1:\n +check failed: resourceId/);
    const out = failed.stdout;
    expect(out).toMatch(
      /^ ~ +pulumi-nodejs:dynamic\/nhncloud:FlowLogLogger +logger-1 +\*\*updating failed\*\*$/m,
    );
    expect(out).toMatch(/^ {5}pulumi-nodejs:dynamic\/nhncloud:FlowLogLogger +logger-0$/m);
    expect(out).toContain("Resources:\n    1 unchanged\n");
    expect(out).not.toContain("no resources");
    // A failed up deletes nothing: the loggers it no longer declares are still the stack's.
    expect(out).toMatch(
      new RegExp(`^Current stack resources \\(${ids.length}\\):\\n {4}TYPE +NAME +ID\\n`, "m"),
    );
    for (const id of ids) {
      expect(out).toMatch(
        new RegExp(`^ {4}pulumi-nodejs:dynamic/nhncloud:FlowLogLogger +logger-\\d +${id}$`, "m"),
      );
    }
    expect(stateLoggers()).toEqual(ids);
  }, 120_000);
});

describe("pulumi-flowlog-try refuses a state it cannot use and takes over a stale lock (issue 20)", () => {
  it("refuses a truncated state file, naming it and what is wrong, leaves it byte-identical and changes nothing", async () => {
    const ports = portIds();
    const whole = readFileSync(state);
    const truncated = whole.subarray(0, Math.floor(whole.length / 2));
    writeFileSync(state, truncated);
    for (const operation of ["up", "destroy"]) {
      const refused = await run(operation, ports);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        new RegExp(
          `^pulumi-flowlog-try: ${state}: it is not valid JSON \\(.+\\): it may have been truncated\\. The kit ` +
            "refuses to use it and leaves it as it is: restore it from a copy, or move it away",
        ),
      );
      expect(readFileSync(state).equals(truncated)).toBe(true);
      expect(existsSync(lock)).toBe(false);
      expect(emulatorLoggers()).toHaveLength(ports.length);
    }
    writeFileSync(state, whole);
  }, 120_000);

  it("takes over a stale lock (its process gone from this host) and says so; destroy leaves no logger", async () => {
    const gone = spawn(process.execPath, ["-e", ""]);
    const pid = gone.pid!;
    await new Promise((resolve) => gone.once("exit", resolve));
    const since = new Date(Date.now() - 60_000).toISOString();
    writeFileSync(lock, JSON.stringify({ pid, host: hostname(), operation: "up", since, token: "t" }));
    const destroy = await run("destroy", []);
    expect({ code: destroy.code, stderr: destroy.stderr }).toEqual({ code: 0, stderr: "" });
    expect(destroy.stdout).toContain(
      `note: took over the stale lock ${lock}: pid ${pid}, which started up at ${since}, is no longer running on this host\n`,
    );
    expect(existsSync(lock)).toBe(false);
    expect(emulator.control.loggers("KR1")).toEqual([]);
    expect(stateLoggers()).toEqual([]);
  }, 60_000);
});
