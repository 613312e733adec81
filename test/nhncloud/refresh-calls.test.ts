import { nhncloud } from "pulumi-flowlog";
import { seedWithPorts } from "../../bench/workload";
import { ProviderHost } from "../support/host";
import { FILTER_MODES } from "../support/readings";
import { Stack } from "../support/stack";
import { STORAGE_URL, startWorld, type World } from "../support/world";

// Issue 11: the number of calls a refresh costs does not depend on how the API combines repeated filters.
// The loggers are made once; each reading's refresh runs in a fresh provider host, as a new
// `pulumi refresh` does, so nothing learnt under one reading carries over to another.
const N = 12;
const { ports } = seedWithPorts(N).nhn.regions.KR1.vpcs.at(-1)!.subnets[0];

let world: World;
beforeAll(async () => {
  world = await startWorld({ emulator: { seed: seedWithPorts(N) }, parallelism: N });
  const registrations = await world.program(() => {
    for (const [i, port] of ports.entries()) {
      new nhncloud.FlowLogLogger(`logger-${i}`, { resourceId: port.id, storageUrl: STORAGE_URL });
    }
  });
  expect((await world.stack.up(registrations)).failures).toEqual([]);
});
afterAll(async () => {
  world.emulator.control.setReadings({ filterMode: "or" });
  await world.reset();
  await world.close();
});

/** A refresh of the whole stack from a fresh host: list calls for many loggers, and lists of one id alone. */
async function refreshCalls(rounds: number) {
  const host = await ProviderHost.start();
  try {
    await host.configure(world.config);
    const stack = new Stack(host, N);
    for (const [urn, entry] of world.stack.state) stack.state.set(urn, structuredClone(entry));
    const results = [];
    for (let round = 1; round <= rounds; round++) {
      world.emulator.control.clearRequests();
      const result = await stack.refresh();
      const calls = world.emulator.control.requests().filter((r) => r.api === "nhn");
      const single = (query: string) => new URLSearchParams(query).getAll("id");
      const alone = calls.filter((r) => single(r.query).length === 1);
      results.push({
        result,
        lists: calls.filter((r) => r.path.endsWith("/flowlog-loggers") && !alone.includes(r)).length,
        confirmed: alone.map((r) => single(r.query)[0]),
        others: calls.filter((r) => !r.path.endsWith("/flowlog-loggers")).length,
      });
    }
    for (const [urn] of world.stack.state) if (!stack.state.has(urn)) world.stack.state.delete(urn);
    return results;
  } finally {
    await host.close();
  }
}

describe.each(FILTER_MODES)("refresh when repeated filters are read as %s", (filterMode) => {
  beforeAll(() => world.emulator.control.setReadings({ filterMode }));

  it(`reads ${N} loggers refreshed together with at most two list calls (three at first where repeats are refused) and none for one id`, async () => {
    for (const [round, { result, lists, confirmed, others }] of (await refreshCalls(2)).entries()) {
      expect({ round, result, confirmed, others }).toEqual({
        round,
        result: { changed: [], deleted: [] },
        confirmed: [],
        others: 0,
      });
      // A refused repeated filter is asked once more without paging, to learn which part was refused.
      expect(lists).toBeLessThanOrEqual(filterMode === "reject" && round === 0 ? 3 : 2);
    }
  });
});

// Under each family of readings (repeats OR-ed, or not), a deletion costs one list of that id alone.
describe.each(["or", "and"] as const)(
  "a deletion seen on refresh, repeated filters read as %s",
  (filterMode) => {
    beforeAll(() => world.emulator.control.setReadings({ filterMode }));

    it("asks for each logger that is really gone alone, to prove the deletion, and nothing else extra", async () => {
      const gone = [...world.stack.state.values()].slice(0, 2).map((entry) => entry.id);
      for (const id of gone) world.emulator.control.deleteLogger("KR1", id);
      const [{ result, lists, confirmed, others }] = await refreshCalls(1);
      expect(result.deleted).toHaveLength(2);
      expect([...confirmed].sort()).toEqual([...gone].sort());
      expect(others).toBe(0);
      expect(lists).toBeLessThanOrEqual(2);
    });
  },
);
