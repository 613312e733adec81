import type { nhncloud } from "pulumi-flowlog";
import { READINGS_FOR } from "../support/readings";
import { startWorld, type World } from "../support/world";

// Issue 21: `read` returns inputs shaped exactly as `check` shapes the program's, so what the engine shows
// after a refresh (the keys where old and new inputs differ) is exactly what changed.
describe.each(READINGS_FOR.echoes)(
  "the diff a user sees after a refresh, under the reading: %s",
  (_, readings) => {
    let world: World;
    beforeAll(async () => {
      world = await startWorld({ emulator: { readings } });
    });
    afterAll(() => world.close());
    afterEach(() => world.reset());

    const program = (args: Partial<nhncloud.FlowLogLoggerArgs> = {}) => world.oneLogger("shown", args);
    const loggerId = () => [...world.stack.state.values()][0].id;

    it.each<[string, Partial<nhncloud.FlowLogLoggerArgs>]>([
      ["an auto-named logger", {}],
      [
        "a named logger with every optional field",
        {
          name: "shown-named",
          description: "managed",
          customizedFields: ["timestamp_start", "vm_id", "bytes"],
          customizedFileName: "#{logger_id}-#{year}#{month}#{day}#{hour}#{minute}#{second}",
        },
      ],
    ])(
      "shows nothing after a refresh without edits, and only the edited field after a console edit (%s)",
      async (_, args) => {
        const registrations = await program(args);
        expect((await world.stack.up(registrations)).failures).toEqual([]);
        await world.stack.refresh();
        await world.stack.preview(registrations);
        expect(world.stack.shown.map((step) => [step.op, step.diffs])).toEqual([["same", []]]);
        world.emulator.control.editLogger("KR1", loggerId(), { description: "edited in the console" });
        await world.stack.refresh();
        await world.stack.preview(registrations);
        expect(world.stack.shown.map((step) => [step.op, step.diffs])).toEqual([["update", ["description"]]]);
      },
    );
  },
);
