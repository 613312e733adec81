import { nhncloud } from "pulumi-flowlog";
import { READINGS } from "../support/readings";
import { SEED, STORAGE_URL, startWorld, type World } from "../support/world";

describe.each(READINGS)("under the reading: %s", (_, readings) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ emulator: { activationMs: 200, readings } });
  });
  afterAll(() => world.close());

  const URN = "urn:pulumi:test::flowlog-test::pulumi-nodejs:dynamic/nhncloud:FlowLogLogger::web";

  function program(args: Partial<nhncloud.FlowLogLoggerArgs> = {}) {
    return world.program(() => {
      new nhncloud.FlowLogLogger("web", { resourceId: SEED.KR1.ports[0], storageUrl: STORAGE_URL, ...args });
    });
  }

  describe("FlowLogLogger lifecycle through the dynamic-provider host", () => {
    it("creates a logger with defaults filled, waits for ACTIVE and stores plain outputs", async () => {
      const result = await world.stack.up(await program());
      expect(result.failures).toEqual([]);
      const entry = world.stack.state.get(URN)!;
      expect(entry.outputs).toMatchObject({
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
        status: "ACTIVE",
        errorType: "",
      });
      expect(entry.outputs.name).toMatch(/^web-[a-z0-9]{7}$/);
      expect(entry.outputs.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const live = world.emulator.control.loggers("KR1");
      expect(live.map((logger) => logger.id)).toEqual([entry.id]);
    });

    it("keeps the auto-name and reports no change for an unchanged program", async () => {
      const before = world.stack.state.get(URN)!.outputs.name;
      const result = await world.stack.up(await program());
      expect(result.steps).toEqual([{ urn: URN, op: "same" }]);
      expect(world.stack.state.get(URN)!.outputs.name).toBe(before);
    });

    it("refresh of an unchanged logger changes nothing", async () => {
      const refreshed = await world.stack.refresh();
      expect(refreshed).toEqual({ changed: [], deleted: [] });
    });

    it("updates description and adminStateUp in place and waits for INACTIVE", async () => {
      const id = world.stack.state.get(URN)!.id;
      const result = await world.stack.up(await program({ description: "web tier", adminStateUp: false }));
      expect(result.failures).toEqual([]);
      expect(result.steps).toEqual([{ urn: URN, op: "update" }]);
      const entry = world.stack.state.get(URN)!;
      expect(entry.id).toBe(id);
      expect(entry.outputs).toMatchObject({
        description: "web tier",
        adminStateUp: false,
        status: "INACTIVE",
      });
    });

    it("destroy deletes the logger", async () => {
      await world.stack.destroy();
      expect(world.emulator.control.loggers("KR1")).toEqual([]);
    });
  });
});
