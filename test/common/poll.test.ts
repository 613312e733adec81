import { delayAfter, pollUntil } from "../../provider/common/poll";

// Issue 22: one polling loop with named schedules, for every wait that polls.
describe("polling on a schedule", () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it.each([
    ["fixed delays, the last repeated", { delaysMs: [500, 250, 1000] }, [500, 250, 1000, 1000, 1000]],
    ["doubling up to a bound", { firstMs: 100, maxMs: 500 }, [100, 200, 400, 500, 500]],
  ] as const)("waits %s", (_, schedule, delays) => {
    expect([0, 1, 2, 3, 4].map((n) => delayAfter(schedule, n))).toEqual(delays);
  });

  it("looks until something is found, at the schedule's times", async () => {
    const looks: number[] = [];
    const found = pollUntil(
      async () => {
        looks.push(Date.now());
        return looks.length === 4 ? "found" : undefined;
      },
      { firstMs: 100, maxMs: 1000 },
      10_000,
    );
    await jest.advanceTimersByTimeAsync(1000);
    await expect(found).resolves.toBe("found");
    expect(looks).toEqual([0, 100, 300, 700]);
  });

  it("looks a last time at the deadline, then gives up with nothing", async () => {
    const looks: number[] = [];
    const waits: number[] = [];
    const found = pollUntil(
      async () => {
        looks.push(Date.now());
        return undefined;
      },
      { delaysMs: [400] },
      1000,
      (next) => waits.push(next),
    );
    await jest.advanceTimersByTimeAsync(2000);
    await expect(found).resolves.toBeUndefined();
    expect(looks).toEqual([0, 400, 800, 1000]);
    expect(waits).toEqual([400, 400, 200]);
  });

  it("stops with the error a look throws", async () => {
    const failed = pollUntil(
      async () => {
        throw new Error("refused");
      },
      { delaysMs: [10] },
      1000,
    );
    await expect(failed).rejects.toThrow("refused");
  });
});
