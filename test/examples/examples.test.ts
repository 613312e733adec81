import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { DEFAULT_SEED } from "../../emulator";
import { openStack, startEmulator, type TestEmulator, type TestStack } from "../../provider/testing";
import { TENANT } from "../support/world";

const EXAMPLES = resolve(__dirname, "..", "..", "examples");
const { KR1, KR2 } = DEFAULT_SEED.nhn.regions;
const portsOf = (subnets: { ports: { id: string }[] }[]) => subnets.flatMap((s) => s.ports.map((p) => p.id));

interface ExampleCase {
  /** Done before `up`, e.g. a logger made in the console. */
  before?: (emulator: TestEmulator) => void;
  /** What `pulumi up` must have made, checked in the emulator and in the stack's outputs. */
  after: (emulator: TestEmulator, exported: Record<string, unknown>) => void;
  /**
   * Previewed before the up (creates only) / upped a second time (all same): only where the program does
   * there what no other example's does (see the cases). The others' programs do a subset of that at preview
   * and on a second run, and the check and diff of their resources' unchanged inputs are test/upgrade's.
   */
  preview?: true;
  again?: true;
}

const CASES: Record<string, ExampleCase> = {
  "port-logger": {
    after: (emulator, exported) => {
      const [logger] = emulator.control.loggers("KR1");
      expect(logger).toMatchObject({
        id: exported.loggerId,
        resource_id: KR1.vpcs[0].subnets[0].ports[0].id,
      });
      expect(exported.status).toBe("ACTIVE");
    },
  },
  "vpc-logger": {
    after: (emulator, exported) => {
      expect(emulator.control.loggers("KR1")).toMatchObject([{ resource_type: "VPC" }]);
      expect([...(exported.loggedPortIds as string[])].sort()).toEqual(portsOf(KR1.vpcs[0].subnets).sort());
    },
  },
  "subnet-logger-kr2": {
    // An output (its region) and a logger's unknown id into a data function. Its second run (a known id
    // into the data function) is the README project's, whose test ups twice (test/package/npm-pack.test.ts).
    preview: true,
    after: (emulator, exported) => {
      expect(emulator.control.loggers("KR1")).toEqual([]);
      expect(emulator.control.loggers("KR2")).toMatchObject([{ id: exported.loggerId }]);
      expect(exported.region).toBe("KR2");
      expect([...(exported.loggedPortIds as string[])].sort()).toEqual(portsOf([KR2.vpcs[0].subnets[0]]));
    },
  },
  "adopt-console-logger": {
    // An invoke at preview; on the second run the logger it looks up by name is the one it now manages.
    preview: true,
    again: true,
    before: (emulator) => {
      const body = {
        name: "console-made",
        resource_type: "PORT",
        resource_id: KR1.vpcs[0].subnets[0].ports[1].id,
        storage_type: "OBS",
        storage_url: `https://kr1-api-object-storage.nhncloudservice.com/v1/AUTH_${TENANT}/flowlog/console`,
      };
      emulator.control.createLogger("KR1", body, TENANT);
    },
    after: (emulator, exported) => {
      const loggers = emulator.control.loggers("KR1");
      expect(loggers).toMatchObject([
        { id: exported.loggerId, name: "console-made", description: "managed by Pulumi since adoption" },
      ]);
    },
  },
  "ncloud-flow-log": {
    after: (emulator, exported) => {
      expect(emulator.control.ncloudFlowLogs()).toMatchObject([{ networkInterfaceNo: exported.flowLogId }]);
    },
  },
};

const programs = readdirSync(EXAMPLES).filter((name) => existsSync(join(EXAMPLES, name, "Pulumi.yaml")));

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator?.close());

it("every example program has a test case", () => {
  expect(programs.sort()).toEqual(Object.keys(CASES).sort());
});

/**
 * Each example runs as a user's project does with pulumi-flowlog/testing: its Pulumi.yaml and index.ts
 * through ts-node in a child process, its resources through the SDK's dynamic-provider host. Type checking
 * is test/package/type-check.test.ts's: each example with its `pulumi new` tsconfig, against the packed
 * package, in one program with the other checks that use those options.
 */
describe.each(programs)("example %s", (name) => {
  const { before, after, preview, again } = CASES[name];
  let stack: TestStack;
  beforeAll(async () => {
    before?.(emulator);
    stack = await openStack(join(EXAMPLES, name), {
      config: emulator.stackConfig,
      env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
    });
  });
  afterAll(() => stack?.close());

  if (preview) {
    it("previews as creates only", async () => {
      const { changeSummary } = await stack.preview();
      expect(Object.keys(changeSummary)).toEqual(["create"]);
    });
  }

  it(`comes up through the dynamic-provider host${again ? ", is stable on a second up," : ""} and destroys cleanly`, async () => {
    const up = await stack.up();
    after(emulator, up.outputs);
    if (again) expect((await stack.up()).changeSummary).toEqual({ same: up.steps.length });
    await stack.destroy();
    for (const region of ["KR1", "KR2", "KR3"]) expect(emulator.control.loggers(region)).toEqual([]);
    expect(emulator.control.ncloudFlowLogs()).toEqual([]);
  });
});
