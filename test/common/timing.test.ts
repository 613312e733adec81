import { DEFAULT_RETRY } from "../../provider/common/retry";
import { DEFAULT_TIMING, overrideTiming, TIMING } from "../../provider/common/timing";

// Issue 22: the pace of the core lives in one module, which tests shorten and restore.

describe("the timings", () => {
  it("are by default those the release was built with", () => {
    expect(TIMING).toEqual(DEFAULT_TIMING);
    expect(TIMING).toMatchObject({
      retry: { maxAttempts: 6, baseDelayMs: 250, maxDelayMs: 8_000, maxElapsedMs: 60_000 },
      createFirstQuietMs: 250,
      activationPriorMs: 1500,
      gonePollsMs: [500, 250, 250, 250, 500, 500, 1000, 1500, 2500],
      nameWave: { quietMs: 25, maxDelayMs: 60 },
      readWave: { quietMs: 10, maxDelayMs: 250 },
      snapshotMs: 5000,
      ncloudDisableWait: { timeoutMs: 60_000, firstDelayMs: 250, maxDelayMs: 4_000 },
    });
  });

  it("are changed by an override, some fields of a group at a time, and put back by its restore", () => {
    const restore = overrideTiming({ retry: { baseDelayMs: 5 }, snapshotMs: 40, gonePollsMs: [1] });
    expect(TIMING.retry).toEqual({ ...DEFAULT_TIMING.retry, baseDelayMs: 5 });
    expect(TIMING).toMatchObject({ snapshotMs: 40, gonePollsMs: [1] });
    restore();
    expect(TIMING).toEqual(DEFAULT_TIMING);
  });

  it("keep the retry policy a transport already holds live", () => {
    const restore = overrideTiming({ retry: { maxAttempts: 2 } });
    expect(DEFAULT_RETRY.maxAttempts).toBe(2);
    restore();
    expect(DEFAULT_RETRY).toBe(TIMING.retry);
    expect(DEFAULT_RETRY.maxAttempts).toBe(6);
  });
});
