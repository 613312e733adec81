import * as pulumi from "@pulumi/pulumi";
import { isFlowLogError, nhncloud } from "pulumi-flowlog";
import { DEFAULT_SEED, type Emulator, startEmulator } from "../../emulator";
import { resolved, runProgram } from "../support/program";
import { nhnConfig, SEED, STORAGE_URL, TENANT } from "../support/world";

const KR1 = DEFAULT_SEED.nhn.regions.KR1;
const VPC_PORTS = KR1.vpcs[0].subnets.flatMap((subnet) => subnet.ports.map((port) => port.id));
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

let emulator: Emulator;
const ids: Record<"vpc" | "port" | "kr2", string> = { vpc: "", port: "", kr2: "" };

/** A console-made logger (the emulator's control), owned by the tenant the functions authenticate as. */
function consoleLogger(region: string, body: Record<string, unknown>): string {
  const base = { storage_type: "OBS", storage_url: STORAGE_URL };
  return emulator.control.createLogger(region, { ...base, ...body }, TENANT).id;
}

/** Runs `fn` as a user's program would: stack config set, under the SDK's mocks. */
async function inProgram<T>(fn: () => T | Promise<T>, preview = false): Promise<T> {
  return (await runProgram(fn, { config: nhnConfig(emulator), preview })).result;
}

// `isKnown` is public at run time but marked @internal in the SDK's typings.
const isKnown = (output: pulumi.Output<unknown>) =>
  (output as unknown as { isKnown: Promise<boolean> }).isKnown;
const nhnRequests = () => emulator.control.requests().filter((r) => r.api === "nhn");

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, activationMs: 0 });
  ids.vpc = consoleLogger("KR1", { name: "b-vpc", resource_type: "VPC", resource_id: SEED.KR1.vpc });
  ids.port = consoleLogger("KR1", { name: "a-port", resource_type: "PORT", resource_id: SEED.KR1.ports[0] });
  ids.kr2 = consoleLogger("KR2", { name: "kr2", resource_type: "SUBNET", resource_id: SEED.KR2.subnet });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.control.clearRequests());

describe("getLoggingPorts", () => {
  it("lists every port a VPC logger collects from, camelCase with ISO dates, sorted by id", async () => {
    const { loggingPorts } = await inProgram(() => nhncloud.getLoggingPorts({ loggerId: ids.vpc }));
    expect(loggingPorts.map((p) => p.portId).sort()).toEqual([...VPC_PORTS].sort());
    expect(loggingPorts.map((p) => p.id)).toEqual(loggingPorts.map((p) => p.id).sort());
    expect(loggingPorts[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      loggerId: ids.vpc,
      portId: expect.any(String),
      networkId: SEED.KR1.vpc,
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
    });
  });

  it.each([
    ["portId", () => ({ portId: SEED.KR1.ports[0] }), ["vpc", "port"]],
    ["networkId", () => ({ networkId: SEED.KR1.vpc }), ["vpc", "port"]],
    ["loggerId and portId together", () => ({ loggerId: ids.port, portId: SEED.KR1.ports[0] }), ["port"]],
  ] as const)("filters by %s", async (_name, args, loggers) => {
    const { loggingPorts } = await inProgram(() => nhncloud.getLoggingPorts(args()));
    expect(new Set(loggingPorts.map((p) => p.loggerId))).toEqual(new Set(loggers.map((l) => ids[l])));
  });

  it("queries the region named in opts instead of the stack's", async () => {
    const kr2 = await inProgram(() => nhncloud.getLoggingPorts({}, { region: "KR2" }));
    expect(new Set(kr2.loggingPorts.map((p) => p.loggerId))).toEqual(new Set([ids.kr2]));
    // Every call goes to KR2: the list, and in a fresh process the page after it that proves it whole.
    expect(new Set(nhnRequests().map((r) => r.region))).toEqual(new Set(["KR2"]));
  });

  it("reads settings from the OS_* environment when the stack has no nhncloud config", async () => {
    const env = { ...process.env };
    Object.assign(process.env, {
      OS_AUTH_URL: `${emulator.url}/identity/v2.0`,
      OS_TENANT_ID: TENANT,
      OS_USERNAME: "env-user@example.com",
      OS_PASSWORD: "env-api-password",
      OS_REGION_NAME: "KR2",
    });
    pulumi.runtime.setAllConfig({});
    try {
      const { result } = await runProgram(() => nhncloud.getLoggingPorts());
      expect(result.loggingPorts.map((p) => p.loggerId)).toContain(ids.kr2);
    } finally {
      process.env = env;
    }
  });
});

describe("getLoggingPort", () => {
  it("reads one logging port by id", async () => {
    const { loggingPorts } = await inProgram(() => nhncloud.getLoggingPorts({ loggerId: ids.port }));
    const { loggingPort } = await inProgram(() => nhncloud.getLoggingPort({ id: loggingPorts[0].id }));
    expect(loggingPort).toEqual(loggingPorts[0]);
  });

  it("fails with ERR_FLOWLOG_NOT_FOUND for an id that does not exist", async () => {
    const missing = "dddddddd-0000-4000-8000-000000000000";
    await expect(inProgram(() => nhncloud.getLoggingPort({ id: missing }))).rejects.toMatchObject({
      code: "ERR_FLOWLOG_NOT_FOUND",
      message: `getLoggingPort: no flow log logging port ${missing} in KR1`,
    });
  });
});

describe("getFlowLogLoggers", () => {
  it("lists loggers, console-made ones included, shaped like FlowLogLogger outputs plus id", async () => {
    const { loggers } = await inProgram(() => nhncloud.getFlowLogLoggers());
    expect(loggers.map((l) => l.name)).toEqual(["a-port", "b-vpc"]);
    expect(loggers[0]).toEqual({
      id: ids.port,
      name: "a-port",
      description: "",
      adminStateUp: true,
      resourceType: "PORT",
      resourceId: SEED.KR1.ports[0],
      filter: "ALL",
      aggregationInterval: 10,
      connectionSetupOnly: false,
      storageType: "OBS",
      storageUrl: STORAGE_URL,
      logFormat: "CSV",
      compressionType: "RAW",
      partitionPeriod: "DAY",
      region: "KR1",
      status: expect.stringMatching(/^(BUILD|ACTIVE)$/),
      errorType: "",
      tenantId: TENANT,
      projectId: TENANT,
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
      ...(loggers[0].customizedFields ? { customizedFields: loggers[0].customizedFields } : {}),
      ...(loggers[0].customizedFileName ? { customizedFileName: loggers[0].customizedFileName } : {}),
    });
  });

  it.each([
    ["resourceType", { resourceType: "VPC" }, ["b-vpc"]],
    ["resourceId", { resourceId: SEED.KR1.ports[0] }, ["a-port"]],
    ["name", { name: "a-port" }, ["a-port"]],
    ["a filter nothing matches", { logFormat: "PARQUET" }, []],
  ] as const)("filters by %s", async (_name, args, names) => {
    const { loggers } = await inProgram(() => nhncloud.getFlowLogLoggers(args));
    expect(loggers.map((l) => l.name)).toEqual(names);
  });

  it("sorts loggers of the same name by id", async () => {
    const twin = consoleLogger("KR1", {
      name: "a-port",
      resource_type: "PORT",
      resource_id: SEED.KR1.ports[1],
    });
    try {
      const { loggers } = await inProgram(() => nhncloud.getFlowLogLoggers({ name: "a-port" }));
      expect(loggers.map((l) => l.id)).toEqual([ids.port, twin].sort());
    } finally {
      emulator.control.deleteLogger("KR1", twin);
    }
  });
});

describe("argument validation", () => {
  it.each<[string, () => Promise<unknown>, RegExp]>([
    [
      "getLoggingPorts",
      () => nhncloud.getLoggingPorts({ loggerId: "not-a-uuid" }),
      // Free text is never echoed: it may be a secret.
      /^getLoggingPorts: loggerId: must be a UUID$/,
    ],
    [
      "getLoggingPorts",
      () => nhncloud.getLoggingPorts({ loggerID: ids.vpc } as never),
      /^getLoggingPorts: loggerID: not an argument of getLoggingPorts; did you mean loggerId\? Arguments are id, loggerId, portId, networkId$/,
    ],
    ["getLoggingPort", () => nhncloud.getLoggingPort({} as never), /^getLoggingPort: id: must be a UUID$/],
    [
      "getFlowLogLoggers",
      () => nhncloud.getFlowLogLoggers({ resourceType: "HOST" as never }),
      /resourceType: must be one of VPC, SUBNET, PORT/,
    ],
    [
      "getFlowLogLoggers",
      () => nhncloud.getFlowLogLoggers({ aggregationInterval: 20 }),
      /aggregationInterval: must be a whole number of minutes from 1 to 15 \(got 20\)/,
    ],
  ])(
    "%s refuses a bad argument with ERR_FLOWLOG_INPUT naming it, before any API call",
    async (_fn, call, message) => {
      expect.assertions(3);
      try {
        await inProgram(call);
      } catch (error) {
        expect(isFlowLogError(error, "ERR_FLOWLOG_INPUT")).toBe(true);
        expect((error as Error).message).toMatch(message);
      }
      expect(nhnRequests()).toEqual([]);
    },
  );
});

describe("Output forms", () => {
  it("take Inputs from other resources and resolve to the same result", async () => {
    const result = await inProgram(() => {
      const loggerId = pulumi.output(ids.vpc);
      return {
        ports: nhncloud.getLoggingPortsOutput({ loggerId }),
        loggers: nhncloud.getFlowLogLoggersOutput({ resourceType: pulumi.output("VPC" as const) }),
        kr2: nhncloud.getFlowLogLoggersOutput({}, { region: pulumi.output("KR2") }),
      };
    });
    expect((await resolved(result.ports)).loggingPorts).toHaveLength(VPC_PORTS.length);
    expect((await resolved(result.loggers)).loggers.map((l) => l.id)).toEqual([ids.vpc]);
    expect((await resolved(result.kr2)).loggers.map((l) => l.id)).toEqual([ids.kr2]);
  });

  it("stay unknown in preview while an argument is unknown, without calling the API", async () => {
    const outputs = await inProgram(() => {
      // Under mocks a new resource's computed outputs are unknown in preview, as a new logger's id is.
      const logger = new nhncloud.FlowLogLogger("new", { resourceId: SEED.KR1.vpc, storageUrl: STORAGE_URL });
      const loggerId = logger.createdAt.apply(() => ids.vpc);
      return {
        ports: nhncloud.getLoggingPortsOutput({ loggerId }),
        port: nhncloud.getLoggingPortOutput({ id: loggerId }),
        loggers: nhncloud.getFlowLogLoggersOutput({ id: loggerId }),
      };
    }, true);
    for (const output of Object.values(outputs)) expect(await isKnown(output)).toBe(false);
    expect(nhnRequests()).toEqual([]);
  });
});
