import { setTimeout as sleep } from "node:timers/promises";
import { nhncloud } from "pulumi-flowlog";
import { READINGS_FOR } from "../support/readings";
import { SEED, STORAGE_URL, startWorld, type World } from "../support/world";

// Issues 11 and 16: a create is bounded by time, not by a count of attempts; it never POSTs blindly after an
// unknown outcome, and a logger a late backend makes after all is found and removed, not left as a duplicate.
// Under every reading: where the API keeps names unique, the late backend's logger is refused (no stray);
// where it deletes eventually, a removed stray stays listed for a while.
const URN = "urn:pulumi:test::flowlog-test::pulumi-nodejs:dynamic/nhncloud:FlowLogLogger::budget";
const POSTS = { method: "POST", pathPrefix: "/network/" };

describe.each(READINGS_FOR.strays)(
  "a create bounded by its time budget, under the reading: %s",
  (_, readings) => {
    let world: World;
    beforeAll(async () => {
      world = await startWorld({ config: { "nhncloud:createTimeout": "20s" }, emulator: { readings } });
    });
    afterAll(() => world.close());
    afterEach(() => world.reset());

    const program = (args: Partial<nhncloud.FlowLogLoggerArgs> = {}) => world.oneLogger("budget", args);
    const live = () => world.emulator.control.loggers("KR1").map((logger) => logger.id);
    const posts = () =>
      world.emulator.control.requests().filter((r) => r.method === "POST" && r.api === "nhn");
    /** Whether the API lets the late backend make a second logger under the name. */
    const strayPossible = (readings.uniqueNames ?? "none") === "none";
    /** Until a DELETE shows: at once, or after the eventual deletion's delay. */
    const deletions = () =>
      sleep(readings.deleteMode === "eventual" ? (readings.deleteDelayMs ?? 0) + 100 : 0);

    it("answers a POST that a backend carries out late: the stray it leaves is removed by the next up", async () => {
      // The gateway answers 502 at once; the backend makes the logger 1.5 s later, after the create has
      // looked for it and POSTed again.
      world.emulator.control.setFaults({
        rate: 1,
        kinds: [502],
        after: true,
        delayMs: 1500,
        times: 1,
        match: POSTS,
      });
      const first = await world.stack.up(await program());
      expect(first.failures).toEqual([]);
      const kept = world.stack.state.get(URN)!;
      expect(kept.outputs.strayCheckUntil).toEqual(expect.any(String));
      await sleep(1800);
      if (strayPossible) {
        expect(live()).toHaveLength(2);
        const preview = await world.stack.preview(await program());
        expect(preview.steps).toEqual([{ urn: URN, op: "update" }]);
        await world.stack.up(await program());
        await deletions();
      }
      expect(live()).toEqual([kept.id]);
      expect((await world.stack.up(await program())).steps).toEqual([{ urn: URN, op: "same" }]);
    });

    /** An up whose one POST a slow backend carries out 1.2 s after its 502; once the stray may have come. */
    async function upBeforeALateBackend(name: string): Promise<string> {
      world.emulator.control.setFaults({
        rate: 1,
        kinds: [502],
        after: true,
        delayMs: 1200,
        times: 1,
        match: POSTS,
      });
      await world.stack.up(await program({ name }));
      const kept = world.stack.state.get(URN)!.id;
      await sleep(1500);
      expect(live()).toHaveLength(strayPossible ? 2 : 1);
      return kept;
    }

    it("removes such a stray in the up that renames the logger", async () => {
      const kept = await upBeforeALateBackend("budget-before");
      const renamed = await world.stack.up(await program({ name: "budget-after" }));
      expect(renamed.steps).toEqual([{ urn: URN, op: "update" }]);
      await deletions();
      expect(live()).toEqual([kept]);
      expect(world.emulator.control.loggers("KR1")[0].name).toBe("budget-after");
    });

    it("shows such a stray on refresh without deleting it, and removes it in the next up (issue 20)", async () => {
      const kept = await upBeforeALateBackend("budget-late");
      expect(await world.stack.refresh()).toEqual({ changed: [], deleted: [] });
      expect(live()).toHaveLength(strayPossible ? 2 : 1);
      await world.stack.up(await program({ name: "budget-late" }));
      await deletions();
      expect(live()).toEqual([kept]);
    });

    it("never POSTs again after a 500 whose backend did make the logger: it finds and keeps that one", async () => {
      world.emulator.control.setFaults({ rate: 1, kinds: [500], after: true, times: 1, match: POSTS });
      world.emulator.control.clearRequests();
      const result = await world.stack.up(await program({ name: "budget-500" }));
      expect(result.failures).toEqual([]);
      expect(posts()).toHaveLength(1);
      expect(live()).toEqual([world.stack.state.get(URN)!.id]);
    });
  },
);

describe("a create whose budget is spent", () => {
  let short: World;
  beforeAll(async () => {
    short = await startWorld({ config: { "nhncloud:createTimeout": "2s" } });
  });
  afterAll(() => short.close());

  it("gives up, saying how long it tried and what to do, and made nothing", async () => {
    short.emulator.control.setFaults({ rate: 1, kinds: [502], match: POSTS });
    const registrations = await short.program(() => {
      new nhncloud.FlowLogLogger("budget", {
        name: "budget-explicit",
        resourceId: SEED.KR1.ports[0],
        storageUrl: STORAGE_URL,
      });
    });
    const started = Date.now();
    const result = await short.stack.up(registrations);
    expect(result.failures[0].error.message).toMatch(
      /HTTP 502.*After \d+ attempt\(s\) in [\d.]+ s \(the create budget, nhncloud:createTimeout\).*may or may not have been made.*pulumi up/s,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(short.emulator.control.loggers("KR1")).toEqual([]);
  });
});

// The doubling quiet periods are pinned in process (test/nhncloud/flowlog-logger/create.test.ts); the host's
// path once, where the reading does not matter.
describe("a create riding out unprocessed 502s", () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ config: { "nhncloud:createTimeout": "20s" } });
  });
  afterAll(() => world.close());

  const live = () => world.emulator.control.loggers("KR1").map((logger) => logger.id);
  const posts = () => world.emulator.control.requests().filter((r) => r.method === "POST" && r.api === "nhn");

  it("rides out five unprocessed 502s on its POST in a row and makes exactly one logger", async () => {
    world.emulator.control.setFaults({ rate: 1, kinds: [502], times: 5, match: POSTS });
    world.emulator.control.clearRequests();
    const result = await world.stack.up(
      await world.program(() => {
        new nhncloud.FlowLogLogger("budget", { resourceId: SEED.KR1.ports[0], storageUrl: STORAGE_URL });
      }),
    );
    expect(result.failures).toEqual([]);
    expect(posts().map((r) => r.status)).toEqual([502, 502, 502, 502, 502, 201]);
    expect(live()).toEqual([world.stack.state.get(URN)!.id]);
  });
});
