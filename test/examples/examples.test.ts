import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { DEFAULT_SEED } from "../../emulator";
import { resolved } from "../support/program";
import { startWorld, TENANT, type World } from "../support/world";
import { previewProgram, upProgram } from "./engine";

const EXAMPLES = resolve(__dirname, "..", "..", "examples");
const { KR1, KR2 } = DEFAULT_SEED.nhn.regions;
const portsOf = (subnets: { ports: { id: string }[] }[]) => subnets.flatMap((s) => s.ports.map((p) => p.id));

type Exports = Record<string, pulumi.Output<unknown>>;
interface ExampleCase {
  /** Done before `up`, e.g. a logger made in the console. */
  before?: (world: World) => void;
  /** What `pulumi up` must have made, checked in the emulator and in the stack's exports. */
  after: (world: World, exported: Record<string, unknown>) => void;
}

const CASES: Record<string, ExampleCase> = {
  "port-logger": {
    after: (world, exported) => {
      const [logger] = world.emulator.control.loggers("KR1");
      expect(logger).toMatchObject({
        id: exported.loggerId,
        resource_id: KR1.vpcs[0].subnets[0].ports[0].id,
      });
      expect(exported.status).toBe("ACTIVE");
    },
  },
  "vpc-logger": {
    after: (world, exported) => {
      expect(world.emulator.control.loggers("KR1")).toMatchObject([{ resource_type: "VPC" }]);
      expect([...(exported.loggedPortIds as string[])].sort()).toEqual(portsOf(KR1.vpcs[0].subnets).sort());
    },
  },
  "subnet-logger-kr2": {
    after: (world, exported) => {
      expect(world.emulator.control.loggers("KR1")).toEqual([]);
      expect(world.emulator.control.loggers("KR2")).toMatchObject([{ id: exported.loggerId }]);
      expect(exported.region).toBe("KR2");
      expect([...(exported.loggedPortIds as string[])].sort()).toEqual(portsOf([KR2.vpcs[0].subnets[0]]));
    },
  },
  "adopt-console-logger": {
    before: (world) => {
      const body = {
        name: "console-made",
        resource_type: "PORT",
        resource_id: KR1.vpcs[0].subnets[0].ports[1].id,
        storage_type: "OBS",
        storage_url: `https://kr1-api-object-storage.nhncloudservice.com/v1/AUTH_${TENANT}/flowlog/console`,
      };
      world.emulator.control.createLogger("KR1", body, TENANT);
    },
    after: (world, exported) => {
      const loggers = world.emulator.control.loggers("KR1");
      expect(loggers).toMatchObject([
        { id: exported.loggerId, name: "console-made", description: "managed by Pulumi since adoption" },
      ]);
    },
  },
  "ncloud-flow-log": {
    after: (world, exported) => {
      expect(world.emulator.control.ncloudFlowLogs()).toMatchObject([
        { networkInterfaceNo: exported.flowLogId },
      ]);
    },
  },
};

/** Loads an example's index.ts afresh: each `require` of it registers its resources once per module registry. */
// Each isolated load of an example loads @pulumi/pulumi afresh, and with it a dependency's process exit
// hook: seven examples pass Node's default limit of ten listeners without anything leaking.
process.setMaxListeners(Math.max(process.getMaxListeners(), 32));

function loader(name: string): () => Exports {
  return () => {
    let exported: Exports = {};
    jest.isolateModules(() => {
      exported = require(join(EXAMPLES, name, "index.ts"));
    });
    return exported;
  };
}

async function resolveAll(exported: Exports): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    Object.entries(exported).map(async ([key, output]) => [key, await resolved(output)] as const),
  );
  return Object.fromEntries(entries);
}

const programs = readdirSync(EXAMPLES).filter((name) => existsSync(join(EXAMPLES, name, "index.ts")));

let world: World;
beforeAll(async () => {
  world = await startWorld();
  Object.assign(world.config, {
    "ncloud:accessKey": "emulator-access-key",
    "ncloud:secretKey": "emulator-secret-key",
    "ncloud:apiUrl": world.emulator.url,
  });
  await world.host.configure(world.config);
});
afterAll(() => world.close());

it("every example program has a test case", () => {
  expect(programs.sort()).toEqual(Object.keys(CASES).sort());
});

describe.each(programs)("example %s", (name) => {
  const load = loader(name);
  const example = CASES[name];
  beforeAll(() => example.before?.(world));

  it("previews as creates only", async () => {
    const { registrations } = await previewProgram(world, load, { project: name });
    const { steps, failures } = await world.stack.preview(registrations);
    expect(failures).toEqual([]);
    expect(steps.map((s) => s.op)).toEqual(registrations.map(() => "create"));
  });

  it("comes up through the dynamic-provider host, is stable on a second up, and destroys cleanly", async () => {
    const { registrations, result } = await upProgram(world, load, { project: name });
    example.after(world, await resolveAll(result));
    const again = await world.stack.up(registrations);
    expect(again.failures).toEqual([]);
    expect(again.steps.map((s) => s.op)).toEqual(registrations.map(() => "same"));
    await world.stack.destroy();
    for (const region of ["KR1", "KR2", "KR3"]) expect(world.emulator.control.loggers(region)).toEqual([]);
    expect(world.emulator.control.ncloudFlowLogs()).toEqual([]);
  });
});
