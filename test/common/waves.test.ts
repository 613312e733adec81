import { WaveCollector, type WaveOptions } from "../../provider/common/waves";

// Issue 22: the wave collector in process, on fake timers.

/** A collector whose batches are recorded with their time and answered when the test says. */
function collector(options: Partial<WaveOptions> = {}) {
  const batches: { at: number; keys: string[]; items: number[][]; answer(): void; fail(): void }[] = [];
  const waves = new WaveCollector<number>(
    (batch) =>
      new Promise<void>((resolve, reject) => {
        batches.push({
          at: Date.now(),
          keys: [...batch.keys()],
          items: [...batch.values()],
          answer: resolve,
          fail: () => reject(new Error("the batch failed")),
        });
      }),
    { max: 10, quietMs: 20, maxDelayMs: 100, ...options },
  );
  const add = (...keys: string[]) => {
    for (const key of keys) waves.add(key, batches.length);
  };
  return { waves, batches, add };
}

const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms);

beforeEach(() => jest.useFakeTimers({ now: 0 }));
afterEach(() => jest.useRealTimers());

describe("a wave collector", () => {
  it("sends the first wave, whose size is unknown, once no request has arrived for quietMs", async () => {
    const { batches, add } = collector();
    add("a", "b");
    await advance(15);
    add("c");
    await advance(19);
    expect(batches).toHaveLength(0);
    await advance(1);
    expect(batches.map(({ at, keys }) => ({ at, keys }))).toEqual([{ at: 35, keys: ["a", "b", "c"] }]);
  });

  it("asks a key asked twice once, and answers both askers from it", async () => {
    const { waves, batches } = collector();
    waves.add("a", 1);
    waves.add("b", 2);
    waves.add("a", 3);
    await advance(20);
    expect(batches[0].keys).toEqual(["a", "b"]);
    expect(batches[0].items).toEqual([[1, 3], [2]]);
  });

  it("never holds a request longer than maxDelayMs, however requests keep coming", async () => {
    const { batches, add } = collector({ max: 50 });
    for (let i = 0; i < 12; i++) {
      add(`k${i}`);
      await advance(10);
    }
    expect(batches[0]).toMatchObject({
      at: 100,
      keys: ["k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9"],
    });
  });

  it("sends a batch of `max` keys at once", () => {
    const { batches, add } = collector({ max: 3 });
    add("a", "b", "c", "d");
    expect(batches.map(({ keys }) => keys)).toEqual([["a", "b", "c"]]);
  });

  it("learns the wave size, and then sends a full wave at once", async () => {
    const { batches, add } = collector();
    add("a", "b", "c");
    await advance(20);
    batches[0].answer();
    await advance(1000);
    add("d", "e");
    expect(batches).toHaveLength(1);
    add("f");
    expect(batches.map(({ keys }) => keys)).toEqual([
      ["a", "b", "c"],
      ["d", "e", "f"],
    ]);
  });

  it("counts the requests that arrive while a batch is answered into the wave", async () => {
    const { batches, add } = collector();
    add("a", "b");
    await advance(20);
    // The engine sends its next operations as the first ones return: they belong to the same wave.
    add("c", "d");
    batches[0].answer();
    batches[1].answer();
    await advance(1000);
    add("e", "f", "g");
    expect(batches).toHaveLength(2);
    add("h");
    expect(batches.map(({ keys }) => keys)).toEqual([
      ["a", "b"],
      ["c", "d"],
      ["e", "f", "g", "h"],
    ]);
  });

  it("sends a part of a wave once the wave's first request has waited maxDelayMs", async () => {
    const { batches, add } = collector();
    add("a", "b", "c");
    await advance(20);
    batches[0].answer();
    await advance(1000);
    add("d");
    await advance(99);
    expect(batches).toHaveLength(1);
    await advance(1);
    expect(batches[1]).toMatchObject({ at: 1120, keys: ["d"] });
  });

  describe("holding while answering", () => {
    const hold = { holdWhileAnswering: true, quietMs: 10, maxDelayMs: 250 };

    it("holds a partial batch while one is answered, and sends it a quiet moment after the answer", async () => {
      const { batches, add } = collector(hold);
      add("a");
      await advance(10);
      add("b", "c");
      await advance(100);
      expect(batches).toHaveLength(1);
      batches[0].answer();
      await advance(9);
      expect(batches).toHaveLength(1);
      await advance(1);
      expect(batches[1]).toMatchObject({ at: 120, keys: ["b", "c"] });
    });

    it("sends the held batch quietly after a failed answer too", async () => {
      const { batches, add } = collector(hold);
      add("a");
      await advance(10);
      add("b");
      batches[0].fail();
      await advance(10);
      expect(batches[1]).toMatchObject({ at: 20, keys: ["b"] });
    });

    it("holds no batch past maxDelayMs", async () => {
      const { batches, add } = collector(hold);
      add("a");
      await advance(10);
      add("b");
      await advance(249);
      expect(batches).toHaveLength(1);
      await advance(1);
      expect(batches[1]).toMatchObject({ at: 260, keys: ["b"] });
    });

    it("sends a batch of `max` keys at once, even while one is answered", async () => {
      const { batches, add } = collector({ ...hold, max: 2 });
      add("a");
      await advance(10);
      add("b", "c");
      expect(batches.map(({ keys }) => keys)).toEqual([["a"], ["b", "c"]]);
    });

    it("is not what a collector that does not hold does: it sends a request at once when the wave is known to be one", async () => {
      const { batches, add } = collector({ ...hold, holdWhileAnswering: false });
      add("a");
      await advance(10);
      add("b");
      expect(batches.map(({ keys }) => keys)).toEqual([["a"], ["b"]]);
    });
  });
});
