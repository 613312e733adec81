import { nhncloud } from "pulumi-flowlog";
import { READINGS, READINGS_FOR } from "../support/readings";
import { SEED, STORAGE_URL, startWorld, type World } from "../support/world";

describe.each(READINGS)("under the reading: %s", (title, readings) => {
  // Each behaviour under the profiles that differ in what it depends on (issue 22); in-process unit tests
  // cover the rest under every reading.
  const under = (profiles: [string, unknown][]) =>
    profiles.some(([name]) => name === title) ? it : undefined;
  const documentOnly = title === READINGS[0][0] ? it : undefined;
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ emulator: { readings } });
  });
  afterAll(() => world.close());
  afterEach(async () => {
    await world.stack.destroy();
  });

  const urn = (name: string) =>
    `urn:pulumi:test::flowlog-test::pulumi-nodejs:dynamic/nhncloud:FlowLogLogger::${name}`;
  const program = (args: Partial<nhncloud.FlowLogLoggerArgs> = {}, name = "drift") =>
    world.oneLogger(name, { resourceId: SEED.KR1.ports[1], ...args });

  describe("FlowLogLogger drift and replacement", () => {
    // What responses echo after an edit.
    under(READINGS_FOR.echoes)?.(
      "detects a console edit of a mutable field on refresh, and the next up puts it back in place",
      async () => {
        await world.stack.up(await program({ description: "managed" }));
        const { id } = world.stack.state.get(urn("drift"))!;
        world.emulator.control.editLogger("KR1", id, { description: "edited in the console" });

        const refreshed = await world.stack.refresh();
        expect(refreshed.changed).toEqual([urn("drift")]);
        expect(world.stack.state.get(urn("drift"))!.outputs.description).toBe("edited in the console");

        const preview = await world.stack.preview(await program({ description: "managed" }));
        expect(preview.steps).toEqual([{ urn: urn("drift"), op: "update" }]);
        await world.stack.up(await program({ description: "managed" }));
        expect(world.emulator.control.loggers("KR1").find((l) => l.id === id)?.description).toBe("managed");
      },
    );

    // Names unique or not, deletion at once or eventual.
    under(READINGS_FOR.strays)?.(
      "replaces a logger whose immutable field was changed in the console, deleting first since its name stays",
      async () => {
        await world.stack.up(await program());
        const { id } = world.stack.state.get(urn("drift"))!;
        world.emulator.control.editLogger("KR1", id, { filter: "DROP" });
        await world.stack.refresh();
        const result = await world.stack.up(await program());
        expect(result.steps).toEqual([
          { urn: urn("drift"), op: "replace", replaces: ["filter"], deleteBeforeReplace: true },
        ]);
        const live = world.emulator.control.loggers("KR1");
        expect(live).toHaveLength(1);
        expect(live[0]).toMatchObject({ filter: "ALL", id: world.stack.state.get(urn("drift"))!.id });
      },
    );

    // Proving a logger gone depends on lists, paging and error bodies: every reading.
    it("sees a logger deleted in the console as gone, and the next up creates it again", async () => {
      await world.stack.up(await program());
      const { id } = world.stack.state.get(urn("drift"))!;
      world.emulator.control.deleteLogger("KR1", id);
      expect(await world.stack.refresh()).toEqual({ changed: [], deleted: [urn("drift")] });
      const result = await world.stack.up(await program());
      expect(result.steps).toEqual([{ urn: urn("drift"), op: "create" }]);
      expect(world.emulator.control.loggers("KR1")).toHaveLength(1);
    });

    under(READINGS_FOR.strays)?.(
      "replaces an auto-named logger create-before-delete under a new name, leaving exactly one",
      async () => {
        await world.stack.up(await program());
        const before = world.stack.state.get(urn("drift"))!;
        const result = await world.stack.up(await program({ aggregationInterval: 5 }));
        expect(result.steps[0]).toMatchObject({ op: "replace", deleteBeforeReplace: false });
        const after = world.stack.state.get(urn("drift"))!;
        expect(after.outputs.name).not.toBe(before.outputs.name);
        expect(world.emulator.control.loggers("KR1").map((l) => l.id)).toEqual([after.id]);
      },
    );

    under(READINGS_FOR.strays)?.(
      "replaces an explicitly named logger delete-before-create, since names on a resource are unique",
      async () => {
        await world.stack.up(await program({ name: "fixed-name" }));
        const result = await world.stack.up(await program({ name: "fixed-name", partitionPeriod: "HOUR" }));
        expect(result.failures).toEqual([]);
        expect(result.steps[0]).toMatchObject({ op: "replace", deleteBeforeReplace: true });
        const live = world.emulator.control.loggers("KR1");
        expect(live.map((l) => [l.name, l.partition_period])).toEqual([["fixed-name", "HOUR"]]);
      },
    );

    // A list of one id: paging honoured or ignored.
    under(READINGS_FOR.zones)?.(
      "reads an existing logger with FlowLogLogger.get without managing it",
      async () => {
        const made = world.emulator.control.createLogger("KR1", {
          name: "console-made",
          resource_id: SEED.KR1.ports[2],
          storage_type: "OBS",
          storage_url: STORAGE_URL,
        });
        const result = await world.stack.up(
          await world.program(() => {
            nhncloud.FlowLogLogger.get("existing", made.id);
          }),
        );
        expect(result.failures).toEqual([]);
        expect(world.stack.state.get(urn("existing"))!.outputs).toMatchObject({
          name: "console-made",
          resourceId: SEED.KR1.ports[2],
        });
        await world.stack.destroy();
        expect(world.emulator.control.loggers("KR1").map((l) => l.id)).toContain(made.id);
        world.emulator.control.deleteLogger("KR1", made.id);
      },
    );

    documentOnly?.("routes a logger with a per-resource region to that region only", async () => {
      world.emulator.control.clearRequests();
      await world.stack.up(
        await program({ region: "KR2", resourceId: SEED.KR2.subnet, resourceType: "SUBNET" }, "kr2"),
      );
      expect(world.emulator.control.loggers("KR2")).toHaveLength(1);
      expect(world.emulator.control.loggers("KR1")).toHaveLength(0);
      const regions = new Set(
        world.emulator.control
          .requests()
          .filter((r) => r.api === "nhn")
          .map((r) => r.region),
      );
      expect([...regions]).toEqual(["KR2"]);
    });
  });
});
