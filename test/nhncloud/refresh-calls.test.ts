import { nhncloud } from "pulumi-flowlog";
import { seedWithPorts } from "../../bench/workload";
import { FILTER_MODES } from "../support/readings";
import { STORAGE_URL, startWorld, type World } from "../support/world";

// Issue 11: the number of calls a refresh costs does not depend on how the API combines repeated filters.
const N = 12;
const { ports } = seedWithPorts(N).nhn.regions.KR1.vpcs.at(-1)!.subnets[0];

describe.each(FILTER_MODES)("refresh when repeated filters are read as %s", (filterMode) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({
      emulator: { readings: { filterMode }, seed: seedWithPorts(N) },
      parallelism: N,
    });
    const registrations = await world.program(() => {
      for (const [i, port] of ports.entries()) {
        new nhncloud.FlowLogLogger(`logger-${i}`, { resourceId: port.id, storageUrl: STORAGE_URL });
      }
    });
    expect((await world.stack.up(registrations)).failures).toEqual([]);
  });
  afterAll(async () => {
    await world.reset();
    await world.close();
  });

  /** List calls and single GETs a refresh of the whole stack makes. */
  async function refreshCalls() {
    world.emulator.control.clearRequests();
    const result = await world.stack.refresh();
    const calls = world.emulator.control.requests().filter((r) => r.api === "nhn");
    return {
      result,
      lists: calls.filter((r) => r.path.endsWith("/flowlog-loggers")).length,
      gets: calls.filter((r) => /flowlog-loggers\/[^/]+$/.test(r.path)).map((r) => r.path.split("/").pop()),
    };
  }

  it(`reads ${N} loggers refreshed together with at most two list calls and no GET`, async () => {
    for (const round of [1, 2]) {
      const { result, lists, gets } = await refreshCalls();
      expect({ round, result, gets }).toEqual({ round, result: { changed: [], deleted: [] }, gets: [] });
      expect(lists).toBeLessThanOrEqual(2);
    }
  });

  it("spends a GET only on each logger that is really gone, to confirm the deletion", async () => {
    const gone = [...world.stack.state.values()].slice(0, 2).map((entry) => entry.id);
    for (const id of gone) world.emulator.control.deleteLogger("KR1", id);
    const { result, lists, gets } = await refreshCalls();
    expect(result.deleted).toHaveLength(2);
    expect([...gets].sort()).toEqual([...gone].sort());
    expect(lists).toBeLessThanOrEqual(2);
  });
});
