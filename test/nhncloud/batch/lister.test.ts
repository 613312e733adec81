import { DEFAULT_TIMING } from "../../../provider/common/timing";
import type { WriteEvent } from "../../../provider/nhncloud/api/client";
import type { ApiLogger } from "../../../provider/nhncloud/api/model";
import { LoggerLister, type NameKey, nameKey } from "../../../provider/nhncloud/batch/lister";
import { apiLogger, FakeNhn, RESOURCE, type Reading } from "../../support/fake-nhn";

// Issue 22: the lister in process against a fake client, under each reading of repeated filters.

/** A tenant of `size` loggers named web-0, web-1…, a lister on it, and the lister's clock. */
function tenant(size: number, reading: Reading = "or") {
  const fake = new FakeNhn();
  fake.reading = reading;
  for (let i = 0; i < size; i++) fake.add(apiLogger({ name: `web-${i}` }));
  const clock = { now: 1_000_000 };
  const lister = new LoggerLister(fake.client, () => clock.now);
  const ids = (...at: number[]) => at.map((i) => fake.loggers[i].id);
  /** The list calls made so far, as their filters and bounds. */
  const lists = () =>
    fake.callsOf("list").map(({ query, options }) => ({ query, maxItems: options.maxItems }));
  return { fake, lister, clock, ids, lists };
}

const key = (name: string, resourceId = RESOURCE): NameKey => ({ name, resourceId });
const idsOf = (found: Map<string, ApiLogger>) => [...found.keys()].sort();

describe("the lister's reads by id", () => {
  it("reads one id with a list of that id alone", async () => {
    const { fake, lister, ids } = tenant(3);
    expect(idsOf(await lister.byIds(ids(1), "poll"))).toEqual(ids(1));
    expect(fake.callsOf("find").map(({ id }) => id)).toEqual(ids(1));
    expect(fake.callsOf("list")).toEqual([]);
  });

  it.each<[string, Reading, string, number]>([
    ["OR-ed repeats are learnt exact, in one call", "or", "exact", 1],
    ["AND-ed repeats show nothing, and an unfiltered list finds them", "and", "unknown", 2],
    ["the first value read alone shows one, and an unfiltered list finds the rest", "first", "unknown", 2],
    ["the last value read alone likewise", "last", "unknown", 2],
    ["ignored repeats show others and are learnt unreliable", "ignored", "unreliable", 2],
    ["refused repeats (400) are learnt unreliable", "refused", "unreliable", 2],
  ])("finds every id it is asked for: %s", async (_, reading, learnt, calls) => {
    const { lister, ids, lists } = tenant(10, reading);
    const found = await lister.byIds(ids(7, 8, 9), "poll");
    expect(idsOf(found)).toEqual(ids(7, 8, 9).sort());
    expect(lister.reading("id")).toBe(learnt);
    expect(lists()).toHaveLength(calls);
    expect(lists()[0]).toEqual({ query: { id: ids(7, 8, 9) }, maxItems: 4 });
  });

  it("asks no filtered list again once repeats are unreliable", async () => {
    const { lister, ids, lists } = tenant(8, "refused");
    await lister.byIds(ids(1, 2), "poll");
    await lister.byIds(ids(3, 4), "poll");
    expect(lists().map(({ query }) => query)).toEqual([{ id: ids(1, 2) }, {}, {}]);
  });

  it("does not conclude gone an id the list does not show: it leaves it out for the caller to confirm", async () => {
    const { fake, lister, ids, lists } = tenant(10);
    await lister.byIds(ids(1, 2), "poll");
    fake.loggers.splice(3, 1);
    const asked = [fake.loggers[3].id, "cccccccc-0000-4000-8000-000000000000", fake.loggers[4].id];
    const found = await lister.byIds(asked, "poll");
    expect(idsOf(found)).toEqual([asked[0], asked[2]].sort());
    expect(lists()).toHaveLength(2);
  });

  it("asks 50 ids a call at most", async () => {
    const { lister, ids, lists } = tenant(120);
    const all = ids(...Array.from({ length: 120 }, (_, i) => i));
    expect((await lister.byIds(all, "poll")).size).toBe(120);
    expect(lists().map(({ query }) => (query.id as string[]).length)).toEqual([50, 50, 20]);
  });
});

describe("the lister's look-ups by name", () => {
  it.each<[string, Reading, string, number]>([
    ["OR-ed repeats, both canaries shown, are learnt exact", "or", "exact", 0],
    ["AND-ed repeats lose the canaries and are learnt unreliable", "and", "unreliable", 2],
    ["the first value alone loses the last canary", "first", "unreliable", 2],
    ["the last value alone loses the first canary", "last", "unreliable", 2],
    ["ignored repeats show others and are learnt unreliable", "ignored", "unreliable", 2],
    ["refused repeats (400) are learnt unreliable", "refused", "unreliable", 2],
  ])("proves two names absent: %s", async (_, reading, learnt, singles) => {
    const { lister, lists } = tenant(10, reading);
    const answers = await lister.byNames([key("new-a"), key("new-b")], "look up");
    for (const name of ["new-a", "new-b"])
      expect(answers.get(nameKey(key(name)))).toEqual({ loggers: [], complete: true });
    expect(lister.reading("name")).toBe(learnt);
    const [look, batch, ...rest] = lists();
    expect(look).toEqual({ query: {}, maxItems: 16 });
    expect(batch).toEqual({ query: { name: ["web-8", "new-a", "new-b", "web-9"] }, maxItems: 500 });
    expect(rest.map(({ query }) => query)).toEqual(
      ["new-a", "new-b"].slice(0, singles).map((name) => ({ name, resource_id: RESOURCE })),
    );
  });

  it("once repeats are OR-ed, asks every name in one call with canaries it has seen", async () => {
    const { lister, lists } = tenant(10);
    await lister.byNames([key("new-a"), key("new-b")], "look up");
    await lister.byNames([key("new-c"), key("web-3")], "look up");
    expect(
      lists()
        .slice(2)
        .map(({ query }) => query),
    ).toEqual([{ name: ["web-8", "new-c", "web-3", "web-9"] }]);
  });

  it("once repeats are unreliable, asks one name and resource at a time", async () => {
    const { lister, lists } = tenant(10, "first");
    await lister.byNames([key("new-a"), key("new-b")], "look up");
    const before = lists().length;
    await lister.byNames([key("new-c"), key("new-d")], "look up");
    expect(
      lists()
        .slice(before)
        .map(({ query }) => query),
    ).toEqual([
      { name: "new-c", resource_id: RESOURCE },
      { name: "new-d", resource_id: RESOURCE },
    ]);
  });

  it("answers each key with the loggers of that name on that resource only", async () => {
    const { fake, lister } = tenant(4);
    const ours = fake.add(apiLogger({ name: "web-1", resource_id: "dddddddd-0000-4000-8000-000000000001" }));
    const answers = await lister.byNames([key("web-1", ours.resource_id), key("web-2")], "look up");
    expect(answers.get(nameKey(key("web-1", ours.resource_id)))?.loggers.map(({ id }) => id)).toEqual([
      ours.id,
    ]);
    expect(answers.get(nameKey(key("web-2")))?.loggers.map(({ id }) => id)).toEqual([fake.loggers[2].id]);
  });

  it("proves an empty tenant by an empty unfiltered answer, in one call", async () => {
    const { lister, lists } = tenant(0);
    const answers = await lister.byNames([key("a"), key("b"), key("c")], "look up");
    expect([...answers.values()]).toEqual(Array(3).fill({ loggers: [], complete: true }));
    expect(lists()).toEqual([{ query: {}, maxItems: 16 }]);
  });

  it("falls back to one look-up per name and resource when the batch answer is cut short (a silent cap)", async () => {
    const { fake, lister, lists } = tenant(10);
    fake.cap = 3;
    const answers = await lister.byNames([key("web-4"), key("new-b")], "look up");
    expect(answers.get(nameKey(key("web-4")))).toEqual({ loggers: [fake.loggers[4]], complete: true });
    expect(answers.get(nameKey(key("new-b")))).toEqual({ loggers: [], complete: true });
    expect(
      lists()
        .slice(2)
        .map(({ query }) => query),
    ).toEqual([
      { name: "web-4", resource_id: RESOURCE },
      { name: "new-b", resource_id: RESOURCE },
    ]);
  });

  it("proves no absence from answers that are not proven complete (paged or cut with no way on)", async () => {
    const { fake, lister } = tenant(10);
    fake.partial = true;
    const answers = await lister.byNames([key("web-4"), key("web-5")], "look up");
    expect(answers.get(nameKey(key("web-4")))).toEqual({ loggers: [fake.loggers[4]], complete: false });
    expect(answers.get(nameKey(key("web-5")))).toEqual({ loggers: [fake.loggers[5]], complete: false });
  });

  it("asks one name alone, whatever the reading", async () => {
    const { lister, lists } = tenant(10);
    await expect(lister.byNames([key("new-a")], "look up")).resolves.toEqual(
      new Map([[nameKey(key("new-a")), { loggers: [], complete: true }]]),
    );
    expect(lists()).toEqual([{ query: { name: "new-a", resource_id: RESOURCE }, maxItems: 1000 }]);
  });
});

describe("the lister's snapshot of an unfiltered list", () => {
  /** A tenant read by ids through an unfiltered list (repeats refused), for a refresh. */
  async function refreshed() {
    // Small enough for a poll of two to read whole too (4 loggers per logger polled).
    const world = tenant(8, "refused");
    await world.lister.byIds(world.ids(0, 1), "refresh");
    expect(world.lists().map(({ query }) => query)).toEqual([{ id: world.ids(0, 1) }, {}]);
    return world;
  }

  it("answers the later waves of the same refresh, with no call", async () => {
    const { lister, ids, lists, clock } = await refreshed();
    clock.now += DEFAULT_TIMING.snapshotMs;
    expect(idsOf(await lister.byIds(ids(2, 3), "refresh"))).toEqual(ids(2, 3).sort());
    expect(lists()).toHaveLength(2);
  });

  it("is dropped once older than snapshotMs", async () => {
    const { lister, ids, lists, clock } = await refreshed();
    clock.now += DEFAULT_TIMING.snapshotMs + 1;
    await lister.byIds(ids(2, 3), "refresh");
    expect(lists()).toHaveLength(3);
  });

  it("is dropped when an id it answered is asked again (a new refresh)", async () => {
    const { lister, ids, lists } = await refreshed();
    await lister.byIds(ids(4, 0), "refresh");
    expect(lists()).toHaveLength(3);
  });

  it.each<[string, (logger: ApiLogger) => WriteEvent]>([
    ["a create", (logger) => ({ kind: "created", logger })],
    ["an update", (logger) => ({ kind: "updated", logger })],
    ["a delete", (logger) => ({ kind: "deleted", id: logger.id })],
  ])("is dropped by %s of the client", async (_, event) => {
    const { fake, lister, ids, lists } = await refreshed();
    fake.emit(event(fake.loggers[7]));
    await lister.byIds(ids(2, 3), "refresh");
    expect(lists()).toHaveLength(3);
  });

  it("never answers a poll", async () => {
    const { lister, ids, lists } = await refreshed();
    await lister.byIds(ids(2, 3), "poll");
    expect(lists()).toHaveLength(3);
  });
});

describe("the lister's unfiltered lists", () => {
  it("read 500 loggers at most, or 4 per logger looked for when that is more", async () => {
    const { lister, ids, lists } = tenant(1000, "refused");
    await lister.byIds(ids(1, 2), "poll");
    await lister.byIds(ids(...Array.from({ length: 200 }, (_, i) => 700 + i)), "poll");
    expect(lists().filter(({ query }) => !("id" in query))).toEqual([
      { query: {}, maxItems: 500 },
      { query: {}, maxItems: 800 },
    ]);
  });

  it("are not read again for as few loggers once the tenant is known larger than they would read", async () => {
    const { lister, ids, lists } = tenant(600, "refused");
    expect((await lister.byIds(ids(598, 599), "poll")).size).toBe(0);
    expect((await lister.byIds(ids(596, 597), "poll")).size).toBe(0);
    expect(lists().map(({ query }) => query)).toEqual([{ id: ids(598, 599) }, {}]);
  });

  it("are read for a poll only in a tenant of at most 4 loggers per logger polled, for a refresh up to 500", async () => {
    const { lister, ids, lists, clock } = tenant(100, "refused");
    await lister.byIds(ids(1, 2), "poll");
    await lister.byIds(ids(3, 4), "poll");
    expect(lists()).toHaveLength(2);
    clock.now += DEFAULT_TIMING.snapshotMs + 1;
    await lister.byIds(ids(3, 4), "refresh");
    expect(lists()).toHaveLength(3);
  });

  it("are given up after one too large for a body, and canaries are then not looked for", async () => {
    const { fake, lister, ids, lists } = tenant(10, "refused");
    fake.tooLarge = true;
    expect((await lister.byIds(ids(1, 2), "poll")).size).toBe(0);
    await lister.byIds(ids(3, 4), "poll");
    const fresh = tenant(10);
    fresh.fake.tooLarge = true;
    await fresh.lister.byNames([key("new-a"), key("new-b")], "look up");
    await fresh.lister.byNames([key("new-c"), key("new-d")], "look up");
    expect(lists().map(({ query }) => query)).toEqual([{ id: ids(1, 2) }, {}]);
    expect(fresh.lists().map(({ query }) => query)).toEqual([
      {},
      { name: "new-a", resource_id: RESOURCE },
      { name: "new-b", resource_id: RESOURCE },
      { name: "new-c", resource_id: RESOURCE },
      { name: "new-d", resource_id: RESOURCE },
    ]);
  });
});
