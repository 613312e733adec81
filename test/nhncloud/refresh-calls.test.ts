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

  /**
   * The calls a refresh of the whole stack makes: list calls for many loggers, and the lists of one id
   * alone, which is how the API says a logger is gone (issue 20), with the ids they asked for.
   */
  async function refreshCalls() {
    world.emulator.control.clearRequests();
    const result = await world.stack.refresh();
    const calls = world.emulator.control.requests().filter((r) => r.api === "nhn");
    const single = (query: string) => new URLSearchParams(query).getAll("id");
    const alone = calls.filter((r) => single(r.query).length === 1);
    return {
      result,
      lists: calls.filter((r) => r.path.endsWith("/flowlog-loggers") && !alone.includes(r)).length,
      confirmed: alone.map((r) => single(r.query)[0]),
      others: calls.filter((r) => !r.path.endsWith("/flowlog-loggers")).length,
    };
  }

  it(`reads ${N} loggers refreshed together with at most two list calls and none for one id`, async () => {
    for (const round of [1, 2]) {
      const { result, lists, confirmed, others } = await refreshCalls();
      expect({ round, result, confirmed, others }).toEqual({
        round,
        result: { changed: [], deleted: [] },
        confirmed: [],
        others: 0,
      });
      expect(lists).toBeLessThanOrEqual(2);
    }
  });

  it("asks for each logger that is really gone alone, to prove the deletion, and nothing else extra", async () => {
    const gone = [...world.stack.state.values()].slice(0, 2).map((entry) => entry.id);
    for (const id of gone) world.emulator.control.deleteLogger("KR1", id);
    const { result, lists, confirmed, others } = await refreshCalls();
    expect(result.deleted).toHaveLength(2);
    expect([...confirmed].sort()).toEqual([...gone].sort());
    expect({ lists, others }).toEqual({ lists: expect.any(Number), others: 0 });
    expect(lists).toBeLessThanOrEqual(2);
  });
});
