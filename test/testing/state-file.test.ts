import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import {
  openStack,
  StackRunError,
  StateFileError,
  StateLockedError,
  startEmulator,
  type TestEmulator,
} from "../../provider/testing";

const FIXTURES = join(__dirname, "fixtures");

let emulator: TestEmulator;
let dir: string;
let state: string;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator?.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "kit-state-file-"));
  state = join(dir, "dev.json");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const chain = (ports: string[]) =>
  openStack(join(FIXTURES, "chain"), {
    config: { ...emulator.stackConfig, ports },
    stateFile: state,
  });

describe("openStack with a stateFile keeps the state as the engine does (issue 20)", () => {
  it.each([
    [
      "truncated",
      '{\n  "version": 1,\n  "project": "kit-ch',
      /it is not valid JSON \(.+\): it may have been truncated/,
    ],
    ["empty", "", /it is empty: it may have been truncated/],
    [
      "of another shape",
      JSON.stringify({ version: 1, project: "kit-chain", stack: "dev", resources: [{ urn: 5 }] }),
      /it is not a state file of pulumi-flowlog\/testing \(resources\.0\.urn: .+; resources\.0\.id: .+\)/,
    ],
    ["of another version", JSON.stringify({ version: 2 }), /version: /],
  ])(
    "refuses a state file that is %s when opened, and leaves it byte-identical",
    async (_case, text, why) => {
      writeFileSync(state, text);
      const error = await chain([]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StateFileError);
      expect(error).toMatchObject({ code: "ERR_FLOWLOG_TESTING_STATE", file: state });
      expect((error as Error).message).toMatch(why);
      expect((error as Error).message.startsWith(`${state}: `)).toBe(true);
      expect(readFileSync(state, "utf8")).toBe(text);
    },
  );

  it("refuses a state file spoiled after opening when the next call starts, changing nothing", async () => {
    const stack = await chain([emulator.seed.nhn.regions.KR1.vpcs[0].subnets[0].ports[0].id]);
    try {
      writeFileSync(state, "{");
      await expect(stack.up()).rejects.toMatchObject({ code: "ERR_FLOWLOG_TESTING_STATE" });
      expect(readFileSync(state, "utf8")).toBe("{");
      expect(existsSync(`${state}.lock`)).toBe(false);
      expect(emulator.control.loggers("KR1")).toEqual([]);
    } finally {
      await stack.close();
    }
  });

  it("locks the state for each call: another stack's call on the same file fails naming this process and call", async () => {
    const [one, other] = [await chain([]), await chain([])];
    try {
      const first = one.preview();
      const error = await other.preview().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StateLockedError);
      expect(error).toMatchObject({
        code: "ERR_FLOWLOG_TESTING_LOCKED",
        lockFile: `${state}.lock`,
        holder: { pid: process.pid, host: hostname(), operation: "preview", since: expect.any(String) },
      });
      expect((error as Error).message).toContain(
        `the state ${state} is locked by another run: pid ${process.pid} on this host, running preview since`,
      );
      await first;
      expect(existsSync(`${state}.lock`)).toBe(false);
      // Then the other stack's call goes through.
      expect((await other.refresh()).changeSummary).toEqual({});
    } finally {
      await Promise.all([one.close(), other.close()]);
    }
  });

  it("saves a partial failure's resource (made, then failed) with its id, and releases the lock", async () => {
    const port = emulator.seed.nhn.regions.KR1.vpcs[0].subnets[0].ports[0].id;
    const storageUrl =
      "https://kr1-api-object-storage.nhncloudservice.com/v1/AUTH_0123456789abcdef0123456789abcdef/no-such-container/x";
    const stack = await openStack(join(FIXTURES, "chain"), {
      config: { ...emulator.stackConfig, ports: [port], storageUrl },
      stateFile: state,
    });
    try {
      const error = (await stack.up().catch((e: unknown) => e)) as StackRunError;
      expect(error.failures).toEqual([
        {
          urn: expect.stringContaining("logger-0"),
          op: "create",
          message: expect.stringMatching(/OBSConfigurationError/),
        },
      ]);
      expect(existsSync(`${state}.lock`)).toBe(false);
      const saved = JSON.parse(readFileSync(state, "utf8")) as {
        resources: { id: string; initErrors?: string[] }[];
      };
      const [logger] = emulator.control.loggers("KR1");
      expect(saved.resources).toEqual([
        expect.objectContaining({ id: logger.id, initErrors: [expect.any(String)] }),
      ]);
      expect((await stack.destroy()).changeSummary).toEqual({ delete: 1 });
    } finally {
      await stack.close();
    }
  });
  // The resource an up made before its program failed, saved and the lock released: stack.test.ts.
});

describe("a program that stops with nothing left to run", () => {
  it("ends the call with an error saying so, as the language host's process would end, instead of waiting forever", async () => {
    const stack = await openStack(join(FIXTURES, "stalled"), { config: emulator.stackConfig });
    try {
      const error = (await stack.preview().catch((e: unknown) => e)) as StackRunError;
      expect(error).toBeInstanceOf(StackRunError);
      expect(error.programErrors).toEqual([
        expect.stringContaining("the program stopped before it finished: nothing was left to run"),
      ]);
      expect(error.result.steps.map((step) => step.op)).toEqual(["create"]);
    } finally {
      await stack.close();
    }
  }, 30_000);
});
