import { nhncloud } from "pulumi-flowlog";
import { SEED, STORAGE_URL, startWorld, type World } from "../support/world";

// Issue 11: adding customizedFileName to a logger created without one replaces it, and the new logger
// writes under the new template: with an explicit name and an auto-name, whether or not the API echoes it.
const URN = "urn:pulumi:test::flowlog-test::pulumi-nodejs:dynamic/nhncloud:FlowLogLogger::templated";
const TEMPLATE = "#{logger_id}/#{year}-#{month}-#{day}T#{hour}#{minute}#{second}";

describe.each(["no", "yes"] as const)("when the API echoes customized_file_name: %s", (echoFileName) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ emulator: { readings: { echoFileName } } });
  });
  afterAll(() => world.close());
  afterEach(() => world.reset());

  const program = (args: Partial<nhncloud.FlowLogLoggerArgs>) =>
    world.program(() => {
      new nhncloud.FlowLogLogger("templated", {
        resourceId: SEED.KR1.ports[0],
        storageUrl: STORAGE_URL,
        ...args,
      });
    });
  /** The template the live logger writes under, read as an API that echoes it would show it. */
  const liveTemplate = (id: string) => {
    world.emulator.control.setReadings({ echoFileName: "yes" });
    try {
      return world.emulator.control.loggers("KR1").find((logger) => logger.id === id)?.customized_file_name;
    } finally {
      world.emulator.control.setReadings({ echoFileName });
    }
  };

  it.each([
    ["an explicit name", { name: "templated-logger" }],
    ["an auto-name", {}],
  ])(
    "replaces a logger with %s when a file name is added, and the new one writes under it",
    async (_, named) => {
      await world.stack.up(await program(named));
      const before = world.stack.state.get(URN)!.id;
      const preview = await world.stack.preview(await program({ ...named, customizedFileName: TEMPLATE }));
      expect(preview.steps).toEqual([
        expect.objectContaining({ op: "replace", replaces: ["customizedFileName"] }),
      ]);
      const result = await world.stack.up(await program({ ...named, customizedFileName: TEMPLATE }));
      expect(result.failures).toEqual([]);
      const after = world.stack.state.get(URN)!;
      expect(after.id).not.toBe(before);
      expect(world.emulator.control.loggers("KR1").map((logger) => logger.id)).toEqual([after.id]);
      expect(liveTemplate(after.id)).toBe(TEMPLATE);
      expect(after.outputs.customizedFileName).toBe(TEMPLATE);
      expect(await world.stack.refresh()).toEqual({ changed: [], deleted: [] });
      expect((await world.stack.up(await program({ ...named, customizedFileName: TEMPLATE }))).steps).toEqual(
        [{ urn: URN, op: "same" }],
      );
    },
  );

  it("replaces the logger when the file name is removed again, so the service's template returns", async () => {
    await world.stack.up(await program({ customizedFileName: TEMPLATE }));
    const result = await world.stack.up(await program({}));
    expect(result.steps).toEqual([
      expect.objectContaining({ op: "replace", replaces: ["customizedFileName"] }),
    ]);
    const [live] = world.emulator.control.loggers("KR1");
    expect(liveTemplate(live.id)).not.toBe(TEMPLATE);
    expect((await world.stack.up(await program({}))).steps).toEqual([{ urn: URN, op: "same" }]);
  });
});

// The same for customizedFields, under each way the API may show customized_field: in every response, in
// GET/list answers only (the document's tables mark it "Currently not supported" in write answers), or never.
describe.each(["always", "read-only", "never"] as const)(
  "when the API shows customized_field: %s",
  (echoCustomizedField) => {
    let world: World;
    beforeAll(async () => {
      world = await startWorld({ emulator: { readings: { echoCustomizedField } } });
    });
    afterAll(() => world.close());
    afterEach(() => world.reset());

    const FIELDS: nhncloud.CustomizedField[] = ["timestamp_start", "src_addr", "bytes"];
    const program = (args: Partial<nhncloud.FlowLogLoggerArgs>) =>
      world.program(() => {
        new nhncloud.FlowLogLogger("templated", {
          resourceId: SEED.KR1.ports[0],
          storageUrl: STORAGE_URL,
          ...args,
        });
      });
    /** The fields the live logger records, read as an API that shows them would. */
    const liveFields = (id: string) => {
      world.emulator.control.setReadings({ echoCustomizedField: "always" });
      try {
        return world.emulator.control.loggers("KR1").find((logger) => logger.id === id)?.customized_field;
      } finally {
        world.emulator.control.setReadings({ echoCustomizedField });
      }
    };

    it("replaces a logger when fields are added and again when they are removed, the live logger following", async () => {
      await world.stack.up(await program({}));
      const before = world.stack.state.get(URN)!.id;
      const added = await world.stack.up(await program({ customizedFields: FIELDS }));
      expect(added.steps).toEqual([
        expect.objectContaining({ op: "replace", replaces: ["customizedFields"] }),
      ]);
      const after = world.stack.state.get(URN)!.id;
      expect(after).not.toBe(before);
      expect(world.emulator.control.loggers("KR1").map((logger) => logger.id)).toEqual([after]);
      expect(liveFields(after)).toBe(FIELDS.join(","));
      expect(await world.stack.refresh()).toEqual({ changed: [], deleted: [] });
      expect((await world.stack.up(await program({ customizedFields: FIELDS }))).steps).toEqual([
        { urn: URN, op: "same" },
      ]);
      const removed = await world.stack.up(await program({}));
      expect(removed.steps).toEqual([
        expect.objectContaining({ op: "replace", replaces: ["customizedFields"] }),
      ]);
      expect(liveFields(world.stack.state.get(URN)!.id)).not.toBe(FIELDS.join(","));
      expect((await world.stack.up(await program({}))).steps).toEqual([{ urn: URN, op: "same" }]);
    });
  },
);
