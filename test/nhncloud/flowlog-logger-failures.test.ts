import { nhncloud } from "pulumi-flowlog";
import { InitFailedError } from "../support/host";
import { SEED, STORAGE_URL, startWorld, TENANT, type World } from "../support/world";

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());
afterEach(() => world.reset());

const URN = "urn:pulumi:test::flowlog-test::pulumi-nodejs:dynamic/nhncloud:FlowLogLogger::logger";
const program = (args: Partial<nhncloud.FlowLogLoggerArgs> = {}) =>
  world.program(() => {
    new nhncloud.FlowLogLogger("logger", { resourceId: SEED.KR1.ports[0], storageUrl: STORAGE_URL, ...args });
  });
const consoleLogger = (body: Record<string, unknown> = {}) =>
  world.emulator.control.createLogger("KR1", {
    name: "made-in-console",
    resource_id: SEED.KR1.ports[0],
    storage_type: "OBS",
    storage_url: STORAGE_URL,
    ...body,
  });

describe("FlowLogLogger failures leave nothing orphaned", () => {
  it("reports a logger that ends in ERROR as a partial failure the engine keeps, explained in plain words", async () => {
    const denied = STORAGE_URL.replace("/flowlog/", "/no-such-container/");
    const result = await world.stack.up(await program({ storageUrl: denied }));
    const error = result.failures[0]?.error as InitFailedError;
    expect(error).toBeInstanceOf(InitFailedError);
    expect(error.message).toMatch(/OBSConfigurationError.*grants Write to the flow log system account/);
    expect(error.properties).toMatchObject({
      status: "ERROR",
      errorType: "OBSConfigurationError",
      storageUrl: denied,
    });
    expect(error.properties.__provider).toEqual(expect.stringContaining("pulumi-flowlog/dist/provider"));
    const entry = world.stack.state.get(URN)!;
    expect(entry.id).toBe(error.id);
    expect(world.emulator.control.loggers("KR1").map((l) => l.id)).toEqual([error.id]);

    const retried = await world.stack.up(await program({ storageUrl: denied }));
    expect(retried.steps).toEqual([]);
    expect(retried.failures[0].error.message).toMatch(/OBSConfigurationError/);

    await world.stack.destroy();
    expect(world.emulator.control.loggers("KR1")).toEqual([]);
  });

  it("finds the logger a create made when the POST's response was lost, instead of making a second", async () => {
    world.emulator.control.loseNextCreateResponses(1);
    world.emulator.control.clearRequests();
    const result = await world.stack.up(await program());
    expect(result.failures).toEqual([]);
    const live = world.emulator.control.loggers("KR1");
    expect(live).toHaveLength(1);
    expect(live[0].id).toBe(world.stack.state.get(URN)!.id);
    const posts = world.emulator.control.requests().filter((r) => r.method === "POST" && r.api === "nhn");
    expect(posts.map((r) => r.fault ?? r.status)).toEqual(["lost-create"]);
  });

  it("refuses to create a second logger with the same name on the same resource, and points to adoptId", async () => {
    const existing = consoleLogger({ name: "taken-name" });
    const result = await world.stack.up(await program({ name: "taken-name" }));
    expect(result.failures[0].error.message).toContain(`set adoptId: "${existing.id}" to take it over`);
    expect(world.emulator.control.loggers("KR1").map((l) => l.id)).toEqual([existing.id]);
  });

  it("adopts a console-made logger and converges its mutable fields in place", async () => {
    const existing = consoleLogger({ description: "console" });
    const result = await world.stack.up(
      await program({ adoptId: existing.id, name: "now-managed", description: "by pulumi" }),
    );
    expect(result.failures).toEqual([]);
    const entry = world.stack.state.get(URN)!;
    expect(entry.id).toBe(existing.id);
    expect(entry.outputs).toMatchObject({
      adoptId: existing.id,
      name: "now-managed",
      description: "by pulumi",
      status: "ACTIVE",
    });
    expect(world.emulator.control.loggers("KR1")).toHaveLength(1);
    expect(
      await world.stack.up(
        await program({ adoptId: existing.id, name: "now-managed", description: "by pulumi" }),
      ),
    ).toMatchObject({
      steps: [{ urn: URN, op: "same" }],
    });
  });

  it("refuses to adopt a logger whose immutable fields differ, naming each with both values, and leaves it untouched", async () => {
    const existing = consoleLogger({ filter: "DROP", aggregation_interval: 5 });
    const result = await world.stack.up(await program({ adoptId: existing.id, description: "x" }));
    const message = result.failures[0].error.message;
    expect(message).toContain('filter: the program says "ALL", the logger has "DROP"');
    expect(message).toContain("aggregationInterval: the program says 10, the logger has 5");
    expect(world.emulator.control.loggers("KR1")).toEqual([existing]);
  });

  it("fails adoption of an id that does not exist in the region", async () => {
    const result = await world.stack.up(await program({ adoptId: "3e84619a-1e49-4b19-b353-a15f7d278f94" }));
    expect(result.failures[0].error.message).toMatch(/no flow log logger 3e84619a-.* in KR1/);
    expect(world.emulator.control.loggers("KR1")).toEqual([]);
  });
});

describe("FlowLogLogger keeps credentials out of state, logs and errors", () => {
  it("stores a __provider of a few KB that only requires the installed package", async () => {
    await world.stack.up(await program());
    const entry = world.stack.state.get(URN)!;
    const provider = entry.outputs.__provider as string;
    expect(provider.length).toBeLessThan(4096);
    expect(provider).toContain("require(modulePath)");
    expect(provider).toContain('"pulumi-flowlog/dist/provider/nhncloud/flowlog-logger/provider"');
    const everything =
      JSON.stringify([...world.stack.state.values()]) + world.host.stderr + world.host.stdout;
    for (const secret of [
      world.config["nhncloud:password"],
      ...world.emulator.control.requests().map((r) => r.tokenId),
    ]) {
      if (secret) expect(everything).not.toContain(secret);
    }
  });

  it("writes no credential into outputs or errors when the password is wrong", async () => {
    const wrong = await startWorld({
      config: { "nhncloud:password": "Wrong-Pass-Word-314" },
      emulator: {
        credentials: { tenantId: TENANT, username: "flowlog-user@example.com", password: "right" },
      },
    });
    try {
      const result = await wrong.stack.up(
        await wrong.program(() => {
          new nhncloud.FlowLogLogger("logger", { resourceId: SEED.KR1.ports[0], storageUrl: STORAGE_URL });
        }),
      );
      const error = result.failures[0].error;
      expect(error.message).toMatch(/rejected user "flowlog-user@example.com".*nhncloud:password/);
      // The error crossed gRPC: its message is the provider's; its stack is this test's, so is not checked.
      expect(`${error.message}${wrong.host.stderr}${wrong.host.stdout}`).not.toContain("Wrong-Pass-Word-314");
    } finally {
      await wrong.close();
    }
  });
});
