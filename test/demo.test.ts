import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { plainConfig, stackConfigFor } from "../emulator/stack-config";
import { openStack, startEmulator, type TestEmulator, type TestStack } from "../provider/testing";

// The repository's demo: `npm run demo`, and the demo stack (the Pulumi project at the root).

const REPO = resolve(__dirname, "..");

/** PATH without any directory that holds a `pulumi` executable: the new user's machine. */
const pathWithoutPulumi = (process.env.PATH ?? "")
  .split(delimiter)
  .filter((dir) => dir !== "" && !existsSync(join(dir, "pulumi")))
  .join(delimiter);

function runDemo(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    // What `npm run demo` runs after its build: pretest has built dist/, and rebuilding here would rewrite
    // files that other test workers' provider hosts are loading.
    const tsNode = join(REPO, "node_modules", ".bin", "ts-node");
    const child = spawn(tsNode, ["--transpile-only", "scripts/demo/index.ts"], {
      cwd: REPO,
      env: { ...process.env, PATH: pathWithoutPulumi },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once("error", fail);
    child.once("exit", (code) => done({ code, stdout, stderr }));
  });
}

describe("npm run demo without the Pulumi CLI", () => {
  let result: Awaited<ReturnType<typeof runDemo>>;
  beforeAll(async () => {
    result = await runDemo();
  }, 120_000);

  it("exits 0", () => {
    expect({ code: result.code, stderr: result.code === 0 ? "" : result.stderr }).toEqual({
      code: 0,
      stderr: "",
    });
  });

  it("says the CLI is missing, how to install it, and that the engine path runs instead", () => {
    expect(result.stdout).toContain(
      "Pulumi CLI not found: install it with `curl -fsSL https://get.pulumi.com | sh` (https://www.pulumi.com/docs/install/).",
    );
    expect(result.stdout).toContain(
      "Running the same example through the SDK's dynamic-provider host instead (the engine path our tests use), not the Pulumi CLI.",
    );
    for (const step of [
      "up",
      "refresh",
      "the CD drift gate, preview --expect-no-changes",
      "up again",
      "destroy",
    ]) {
      expect(result.stdout).toContain(
        `\n==> ${step} [through the SDK's dynamic-provider host, not the Pulumi CLI]\n`,
      );
    }
    expect(result.stdout).not.toContain("not a real `pulumi up`");
  });

  it("creates a logger in the emulator, detects the console edit on refresh and undoes it with a second up", () => {
    expect(result.stdout).toMatch(/created logger [0-9a-f-]{36} "web-port-[a-z0-9]{7}" on port \S+: ACTIVE/);
    expect(result.stdout).toContain("drift detected on urn:pulumi:demo::port-logger::");
    expect(result.stdout).toContain('description: "web server port" → "edited in the console"');
    expect(result.stdout).toContain('update: description is "web server port" again');
  });

  it("shows the drift gate trip after the refresh: the preview proposes the update back", () => {
    expect(result.stdout).toMatch(/\nupdate urn:pulumi:demo::port-logger::\S+::web-port\n/);
    expect(result.stdout).toContain(
      "1 change(s) proposed: `pulumi preview --expect-no-changes` would exit non-zero here",
    );
  });

  it("says which logger destroy deleted, the one up created", () => {
    const created = /created logger ([0-9a-f-]{36}) /.exec(result.stdout)?.[1];
    expect(created).toBeDefined();
    expect(result.stdout).toMatch(
      new RegExp(`\\ndeleted logger ${created} \\(urn:pulumi:demo::port-logger::\\S+::web-port\\)\\n`),
    );
  });

  it("cleans up: no loggers left in the emulator and no temp folder", () => {
    expect(result.stdout).toContain("0 loggers left in the emulator");
    const program = /copied to (\S+)/.exec(result.stdout)?.[1];
    expect(program).toBeDefined();
    expect(existsSync(program!)).toBe(false);
  });
});

const yaml = require(
  require.resolve("js-yaml", { paths: [dirname(require.resolve("@pulumi/pulumi/package.json"))] }),
) as {
  load(text: string): { config: Record<string, string> };
};

describe("the repository's own Pulumi project (Pulumi.yaml at the root)", () => {
  let emulator: TestEmulator;
  let stack: TestStack;
  beforeAll(async () => {
    emulator = await startEmulator();
    // Type checking of demo/ is `npm run lint`'s; here the program is only transpiled.
    stack = await openStack(REPO, {
      config: emulator.stackConfig,
      env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
    });
  });
  afterAll(async () => {
    await stack?.close();
    await emulator?.close();
  });

  it("has a dev stack aimed at `npm run emulator -- --port 8080`, as the emulator's --write-stack-config writes it: no secrets in plain text", () => {
    const { config } = yaml.load(readFileSync(join(REPO, "Pulumi.dev.yaml"), "utf8"));
    expect(config).toEqual(plainConfig(stackConfigFor("http://127.0.0.1:8080")));
  });

  // Its preview (a logger's unknown id fed into a data function) is the path the README's project and
  // examples/subnet-logger-kr2 preview: test/package/npm-pack.test.ts and test/examples.
  it("comes up with one logger under the engine's URN, and the port it logs, found by its real id", async () => {
    const { changeSummary, steps, outputs } = await stack.up();
    expect(changeSummary).toEqual({ create: 1 });
    expect(steps).toMatchObject([
      {
        op: "create",
        urn: "urn:pulumi:dev::flowlog-demo::pulumi-nodejs:dynamic/nhncloud:FlowLogLogger::web-port",
      },
    ]);
    const [logger] = emulator.control.loggers("KR1");
    expect(outputs).toMatchObject({
      loggerId: logger.id,
      status: "ACTIVE",
      loggedPortIds: [emulator.seed.nhn.regions.KR1.vpcs[0].subnets[0].ports[0].id],
    });
  });

  it("destroys what it made", async () => {
    expect((await stack.destroy()).changeSummary).toEqual({ delete: 1 });
    expect(emulator.control.loggers("KR1")).toEqual([]);
  });
});
