import { ErrorCodes } from "../../../provider/common/errors";
import { ActivationModel } from "../../../provider/nhncloud/flowlog-logger/activation";
import { LoggerWatch } from "../../../provider/nhncloud/flowlog-logger/wait";
import { apiLogger, FakeNhn, httpError } from "../../support/fake-nhn";
import { track } from "../../support/track";

// Issue 22: the shared watch in process, on fake timers, against a fake client.

const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms);
const DEADLINE = 60_000;

/** A watch with a prior of 1 s (polls at 250, 500, 750, 900, 1000 ms, then 50, 100, 200… ms apart). */
function watching() {
  const fake = new FakeNhn();
  const watch = new LoggerWatch(fake.client, new ActivationModel(1000));
  /** A logger in BUILD that turns `status` `afterMs` from now, watched until it settles. */
  const wait = (
    afterMs: number,
    status = "ACTIVE",
    options: { adminStateUp?: boolean; deadline?: number } = {},
  ) => {
    const logger = fake.add(apiLogger({ status: "BUILD", admin_state_up: options.adminStateUp ?? true }));
    if (Number.isFinite(afterMs)) fake.statusIn(logger.id, afterMs, status);
    const waited = track(
      watch.until(logger, options.adminStateUp ?? true, Date.now() + (options.deadline ?? DEADLINE)),
    );
    return { logger, waited };
  };
  const times = (method: "list" | "find") => fake.callsOf(method).map((call) => call.at);
  return { fake, watch, wait, times };
}

beforeEach(() => jest.useFakeTimers({ now: 0 }));
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe("the logger watch", () => {
  it("answers every waiting logger with one list call per tick, polled at the model's times", async () => {
    const { fake, wait, times } = watching();
    const waits = [wait(1200), wait(1200), wait(1200)];
    await advance(2000);
    for (const { waited } of waits)
      expect(waited).toMatchObject({ done: true, value: { status: "ACTIVE" }, at: 1350 });
    expect(times("list")).toEqual([250, 500, 750, 900, 1000, 1050, 1150, 1350]);
    for (const call of fake.callsOf("list"))
      expect(call.query.id).toEqual(waits.map(({ logger }) => logger.id));
    expect(fake.callsOf("find")).toEqual([]);
  });

  it("polls the next wave at the middle and the end of the bracket the first one learnt", async () => {
    const { wait, times } = watching();
    wait(1200);
    await advance(2000);
    const { waited } = wait(1200);
    await advance(2000);
    // The first wave saw BUILD at 1150 ms and ACTIVE at 1350 ms: the next polls at 1250, just past activation.
    expect(times("find").filter((at) => at >= 2000)).toEqual([2000 + 1250]);
    expect(waited).toMatchObject({ value: { status: "ACTIVE" }, at: 2000 + 1250 });
  });

  it("confirms a logger the list does not show with a read of its own, only when it is due", async () => {
    const { fake, wait, times } = watching();
    wait(5000);
    wait(5000);
    await advance(100);
    const late = wait(5000).logger;
    fake.hidden.add(late.id);
    await advance(799);
    expect(times("list")).toEqual([250, 350, 500, 600, 750, 850]);
    expect(fake.callsOf("find").map(({ at, id }) => ({ at, id }))).toEqual(
      [350, 600, 850].map((at) => ({ at, id: late.id })),
    );
  });

  it.each([
    ["ACTIVE, enabled", "ACTIVE", true],
    ["INACTIVE, disabled", "INACTIVE", false],
    ["ERROR, returned for the caller to keep, not thrown", "ERROR", true],
  ])("resolves with a logger settled %s", async (_, status, adminStateUp) => {
    const { wait } = watching();
    const { waited } = wait(600, status, { adminStateUp });
    await advance(1000);
    expect(waited).toMatchObject({ done: true, value: { status }, at: 750 });
  });

  it("waits on through ACTIVE for a disabled logger", async () => {
    const { fake, wait } = watching();
    const { logger, waited } = wait(300, "ACTIVE", { adminStateUp: false });
    fake.statusIn(logger.id, 800, "INACTIVE");
    await advance(1000);
    expect(waited).toMatchObject({ value: { status: "INACTIVE" }, at: 900 });
  });

  it("returns a settled logger without a call, and reads it once when asked for a fresh one", async () => {
    const { fake, watch } = watching();
    const settled = fake.add(apiLogger({ status: "ACTIVE", description: "as the list shows it" }));
    await expect(watch.until({ ...settled, description: "" }, true, DEADLINE)).resolves.toMatchObject({
      description: "",
    });
    expect(fake.calls).toEqual([]);
    const fresh = track(watch.until({ ...settled, description: "" }, true, DEADLINE, true));
    await advance(0);
    expect(fresh.value).toMatchObject({ description: "as the list shows it" });
    expect(fake.calls).toHaveLength(1);
  });

  it("fails at the deadline with what the logger still shows", async () => {
    const { wait } = watching();
    const { logger, waited } = wait(Number.POSITIVE_INFINITY, "ACTIVE", { deadline: 3000 });
    await advance(2999);
    expect(waited.done).toBe(false);
    await advance(1);
    expect(waited).toMatchObject({ done: true, at: 3000 });
    expect(waited.error).toMatchObject({
      code: ErrorCodes.timeout,
      message: `flow log logger ${logger.id} is still "BUILD", not ACTIVE, after 3 s; check it in the NHN Cloud console, then run \`pulumi up\` again`,
    });
  });

  it("fails when the API says the logger is gone", async () => {
    const { fake, wait } = watching();
    const { logger, waited } = wait(Number.POSITIVE_INFINITY);
    fake.loggers = [];
    await advance(250);
    expect(waited.error).toMatchObject({
      code: ErrorCodes.notFound,
      message: `flow log logger ${logger.id} disappeared while it was "BUILD"`,
    });
  });

  describe("after a poll that failed", () => {
    beforeEach(() => jest.spyOn(Math, "random").mockReturnValue(0));

    it("polls again after a backoff, within the logger's deadline, and settles", async () => {
      const { fake, wait, times } = watching();
      fake.failures.find.push(httpError(503), httpError(503));
      const { waited } = wait(300);
      await advance(1000);
      // Backoff from 250 ms, doubling, half of it jitter (none here): 125 ms, then 250 ms.
      expect(times("find")).toEqual([250, 375, 625]);
      expect(waited).toMatchObject({ value: { status: "ACTIVE" }, at: 625 });
    });

    it("fails with the poll's error when the next try would pass the deadline", async () => {
      const { fake, wait } = watching();
      fake.failures.find.push(httpError(503));
      const { waited } = wait(300, "ACTIVE", { deadline: 300 });
      await advance(250);
      expect(waited).toMatchObject({ done: true, error: { status: 503 }, at: 250 });
    });

    it("fails at once with an error that is not transient", async () => {
      const { fake, wait } = watching();
      fake.failures.find.push(httpError(403));
      const { waited } = wait(300);
      await advance(250);
      expect(waited).toMatchObject({ done: true, error: { code: ErrorCodes.auth }, at: 250 });
    });

    it("reads again, after the backoff's base, a logger whose own read failed while the list answered", async () => {
      const { fake, wait, times } = watching();
      wait(5000);
      wait(5000);
      const { logger, waited } = wait(400);
      fake.hidden.add(logger.id);
      fake.failures.find.push(httpError(503));
      await advance(1000);
      expect(times("find")).toEqual([250, 500]);
      expect(waited).toMatchObject({ value: { status: "ACTIVE" }, at: 500 });
    });
  });
});
