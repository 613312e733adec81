import { ErrorCodes } from "../../../provider/common/errors";
import { overrideTiming } from "../../../provider/common/timing";
import { waitUntilGone, waitUntilSettled } from "../../../provider/nhncloud/flowlog-logger/wait";
import { apiLogger, FakeNhn, httpError } from "../../support/fake-nhn";
import { track } from "../../support/track";

// Issue 22: the waits of an update or a delete, on fake timers, against a fake client.

const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms);

/** A fake tenant with one logger, which a late-applied DELETE removes `afterMs` from now. */
function deleting(afterMs: number) {
  const fake = new FakeNhn();
  const logger = fake.add(apiLogger());
  if (Number.isFinite(afterMs))
    setTimeout(() => {
      fake.loggers = [];
    }, afterMs);
  const polls = () => fake.callsOf("find").map((call) => call.at);
  return { fake, id: logger.id, polls };
}

beforeEach(() => jest.useFakeTimers({ now: 0 }));
afterEach(() => jest.useRealTimers());

describe("waiting until a deleted logger is gone", () => {
  it("polls at 500, 250, 250, 250, 500… ms until the API no longer lists it", async () => {
    const { fake, id, polls } = deleting(1200);
    const gone = track(waitUntilGone(fake.client, id));
    await advance(1100);
    expect(gone.done).toBe(false);
    await advance(1000);
    expect(gone).toMatchObject({ done: true, at: 1250 });
    expect(gone.error).toBeUndefined();
    expect(polls()).toEqual([0, 500, 750, 1000, 1250]);
  });

  it("asks once when the logger is gone already", async () => {
    const { fake, id, polls } = deleting(0);
    await advance(0);
    await expect(waitUntilGone(fake.client, id)).resolves.toBeUndefined();
    expect(polls()).toEqual([0]);
  });

  it("repeats the schedule's last delay", async () => {
    const restore = overrideTiming({ gonePollsMs: [100, 200] });
    try {
      const { fake, id, polls } = deleting(1000);
      const gone = track(waitUntilGone(fake.client, id));
      await advance(2000);
      expect(gone.at).toBe(1100);
      expect(polls()).toEqual([0, 100, 300, 500, 700, 900, 1100]);
    } finally {
      restore();
    }
  });

  it("fails once the logger is still listed at the timeout, looking a last time then, not after", async () => {
    const { fake, id, polls } = deleting(Number.POSITIVE_INFINITY);
    const gone = track(waitUntilGone(fake.client, id, 2000));
    await advance(5000);
    expect(polls()).toEqual([0, 500, 750, 1000, 1250, 1750, 2000]);
    expect(gone).toMatchObject({ done: true, at: 2000 });
    expect(gone.error).toMatchObject({
      code: ErrorCodes.timeout,
      message: `flow log logger ${id} is still listed 2 s after its DELETE (the wait of a delete); check it in the NHN Cloud console, then run \`pulumi destroy\` again`,
      operation: `delete flow log logger ${id}`,
    });
  });

  it("fails with the error of a poll that failed", async () => {
    const { fake, id } = deleting(Number.POSITIVE_INFINITY);
    fake.failures.find.push(httpError(403));
    await expect(waitUntilGone(fake.client, id)).rejects.toMatchObject({ code: ErrorCodes.auth });
  });
});

describe("waiting until loggers settle", () => {
  it("shares the polls of one client's watch", async () => {
    const fake = new FakeNhn();
    const loggers = [fake.add(apiLogger({ status: "BUILD" })), fake.add(apiLogger({ status: "BUILD" }))];
    for (const logger of loggers) fake.statusIn(logger.id, 600, "ACTIVE");
    const waits = loggers.map((logger) => track(waitUntilSettled(fake.client, logger, true)));
    await advance(2000);
    for (const waited of waits) expect(waited.value).toMatchObject({ status: "ACTIVE" });
    // The prior of 1.5 s: polls at 375 and 750 ms, each one list for both.
    expect(fake.callsOf("list").map((call) => call.at)).toEqual([375, 750]);
    expect(fake.callsOf("find")).toEqual([]);
  });
});
