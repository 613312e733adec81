import { ErrorCodes, FlowLogError } from "../../../provider/common/errors";
import type { ApiLogger, ApiLoggerCreate } from "../../../provider/nhncloud/api/model";
import { type Created, createWithin } from "../../../provider/nhncloud/flowlog-logger/create";
import { type LoggerInputs, toApiCreate } from "../../../provider/nhncloud/flowlog-logger/state";
import {
  apiLogger,
  apiNow,
  type CreateScript,
  FakeNhn,
  httpError,
  loggerInputs,
  madeOf,
  RESOURCE,
} from "../../support/fake-nhn";
import { type Tracked, track } from "../../support/track";

// Issue 22: createWithin's outcomes, on fake timers, against a fake client whose POSTs are scripted.

const T0 = Date.parse("2025-03-01T00:00:00Z");
const BUDGET = 60_000;
const OTHER_RESOURCE = "dddddddd-0000-4000-8000-000000000001";
const OPERATION = 'create flow log logger "web"';

const INPUTS: LoggerInputs = loggerInputs();
const BODY = toApiCreate(INPUTS);

/** What a POST does, by outcome. */
const post = {
  ok: (async (body, fake) => fake.add(madeOf(body))) as CreateScript,
  throttled: (async () => {
    throw httpError(429, OPERATION, "Too Many Requests");
  }) as CreateScript,
  lost: (async () => {
    throw new FlowLogError(
      ErrorCodes.outcomeUnknown,
      `${OPERATION}: the connection failed after the request was sent (ECONNRESET); it may or may not have taken effect`,
      { operation: OPERATION },
    );
  }) as CreateScript,
  /** A 5xx from a gateway whose backend made the logger, visible `afterMs` later (0: at once). */
  madeThen502:
    (afterMs = 0, made: (body: ApiLoggerCreate) => ApiLogger = madeOf): CreateScript =>
    async (body, fake) => {
      const logger = made(body);
      if (afterMs === 0) fake.add(logger);
      else setTimeout(() => fake.add(logger), afterMs);
      throw new FlowLogError(
        ErrorCodes.outcomeUnknown,
        `${OPERATION}: the server answered HTTP 502; the request may or may not have taken effect`,
        { operation: OPERATION, status: 502 },
      );
    },
  /** A 2xx whose body cannot be read; the logger lists show it only `visibleAfterMs` later. */
  unreadable:
    (visibleAfterMs: number): CreateScript =>
    async (body, fake) => {
      const logger = fake.add(madeOf(body));
      fake.hidden.add(logger.id);
      if (Number.isFinite(visibleAfterMs)) setTimeout(() => fake.hidden.delete(logger.id), visibleAfterMs);
      throw new FlowLogError(
        ErrorCodes.response,
        `${OPERATION}: the API answered HTTP 200 with a body that is not JSON`,
        {
          operation: OPERATION,
          status: 200,
        },
      );
    },
  nameInUse: (async () => {
    throw httpError(409, OPERATION, "Flowlog logger name web is already in use");
  }) as CreateScript,
};

/** createWithin on a fake client whose POSTs do `script` in turn (then succeed), within `budgetMs`. */
function creating(script: CreateScript[], budgetMs = BUDGET, setUp: (fake: FakeNhn) => void = () => {}) {
  const fake = new FakeNhn();
  setUp(fake);
  const outcomes = [...script];
  fake.create = (body, self) => (outcomes.shift() ?? post.ok)(body, self);
  const created: Tracked<Created> = track(createWithin(fake.client, INPUTS, Date.now() + budgetMs));
  const posts = () => fake.callsOf("create").map((call) => call.at - T0);
  return { fake, created, posts };
}

const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  jest.useFakeTimers({ now: T0 });
  // Backoff without jitter: 125 ms, 250 ms… after the first, second… failure.
  jest.spyOn(Math, "random").mockReturnValue(0);
});
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe("a create within its budget", () => {
  it("POSTs once and returns the logger the API answered, with nothing ambiguous", async () => {
    const { fake, created, posts } = creating([]);
    await advance(0);
    expect(created.value).toEqual({ logger: expect.objectContaining({ name: "web", status: "BUILD" }) });
    expect(posts()).toEqual([0]);
    expect(fake.callsOf("list")).toEqual([]);
  });

  it("POSTs again after a backoff when the API was still throttling (429: nothing was done)", async () => {
    const { created, posts } = creating([post.throttled]);
    await advance(1000);
    expect(posts()).toEqual([0, 125]);
    expect(created.value?.ambiguousSince).toBeUndefined();
  });

  it.each<[string, CreateScript]>([
    ["a 5xx from a gateway whose backend made it", post.madeThen502()],
    ["a 5xx, the logger listed only 150 ms later", post.madeThen502(150)],
  ])("after %s, finds its logger made from its body, and sends no second POST", async (_, first) => {
    const { fake, created, posts } = creating([first]);
    await advance(1000);
    expect(posts()).toEqual([0]);
    expect(created.value?.logger).toMatchObject({ name: "web", resource_id: RESOURCE, filter: "ALL" });
    expect(created.value?.logger.id).toBe(fake.loggers[0].id);
    expect(created.value?.ambiguousSince).toBe(T0);
  });

  it.each([
    ["UTC", 0, { zone: "UTC" }],
    ["KST", 9 * 3_600_000, { zone: "KST" }],
    ["a format it cannot read", Number.NaN, undefined],
  ])(
    "returns the stray window of an ambiguous create, its zone settled by created_at written in %s",
    async (_, offsetMs, zone) => {
      const made = (body: ApiLoggerCreate) =>
        madeOf({
          ...body,
          ...{ created_at: Number.isNaN(offsetMs) ? "yesterday" : apiNow(Date.now() + offsetMs) },
        });
      const { created } = creating([post.madeThen502(0, made)]);
      await advance(1000);
      // Its one ambiguous POST made the logger it found and kept: no stray can be its own (atMost 0).
      expect(created.value?.strayWindow).toEqual(
        zone && {
          from: new Date(T0).toISOString(),
          to: new Date(T0 + BUDGET).toISOString(),
          ...zone,
          atMost: 0,
        },
      );
    },
  );

  it("counts the strays it may have left: each ambiguous POST made one at most, the kept one aside", async () => {
    // Two POSTs lost that made nothing (yet), then one that answers: two strays at most.
    const { created } = creating([post.lost, post.lost]);
    await advance(5000);
    expect(created.value?.strayWindow?.atMost).toBe(2);
  });

  it("takes none of several loggers of its body when more appear than its POSTs could have made", async () => {
    let twin: FakeNhn | undefined;
    const { created, posts } = creating(
      [
        post.madeThen502(0, (body) => {
          // Another run with the same project, stack and resource names made one at the same moment.
          twin?.add(madeOf(body));
          return madeOf(body);
        }),
      ],
      BUDGET,
      (fake) => {
        twin = fake;
      },
    );
    await advance(2000);
    expect(created.error).toMatchObject({
      code: ErrorCodes.conflict,
      message: expect.stringMatching(
        /2 loggers made from this very body appeared .* more than the 1 POST\(s\)/,
      ),
    });
    expect(posts()).toEqual([0]);
  });

  it("POSTs again when no logger appeared in a quiet period that doubles each time: 250, 500, 1000 ms", async () => {
    const { created, posts } = creating([post.lost, post.lost, post.lost]);
    await advance(5000);
    expect(posts()).toEqual([0, 250, 750, 1750]);
    expect(created.value?.ambiguousSince).toBe(T0);
    expect(created.value?.strayWindow?.zone).toBe("UTC");
  });

  it("gives up at the deadline, saying how many POSTs in how long, and that the budget is nhncloud:createTimeout", async () => {
    const { created, posts } = creating(Array(10).fill(post.lost), 10_000);
    await advance(9999);
    expect(created.done).toBe(false);
    await advance(1);
    expect(posts()).toEqual([0, 250, 750, 1750, 3750, 7750]);
    expect(created).toMatchObject({ done: true, at: T0 + 10_000 });
    expect(created.error).toMatchObject({
      code: ErrorCodes.outcomeUnknown,
      operation: OPERATION,
      message:
        `${OPERATION}: the connection failed after the request was sent (ECONNRESET); it may or may not have taken effect. ` +
        'After 6 attempt(s) in 10 s (the create budget, nhncloud:createTimeout), the logger "web" may or may not have been made. ' +
        "Run `pulumi up` again: a logger these attempts made is then reported with its id, to take over with adoptId, never duplicated",
    });
  });

  it("never POSTs again after a 2xx it could not read: it looks for the logger, and finds it once listed", async () => {
    const { fake, created, posts } = creating([post.unreadable(10_000)], 120_000);
    await advance(120_000);
    expect(posts()).toEqual([0]);
    expect(created.value?.logger.id).toBe(fake.loggers[0].id);
  });

  it("never POSTs again after a 2xx it could not read, and gives up at the deadline", async () => {
    const { created, posts } = creating([post.unreadable(Number.POSITIVE_INFINITY)], 10_000);
    await advance(10_000);
    expect(posts()).toEqual([0]);
    expect(created.error).toMatchObject({
      code: ErrorCodes.response,
      message: expect.stringContaining(
        'After 1 attempt(s) in 10 s (the create budget, nhncloud:createTimeout), the logger "web" was made but cannot be found yet.',
      ),
    });
  });

  it("tries a look-up that failed for now again, within the budget", async () => {
    const { created, posts } = creating([post.madeThen502()], BUDGET, (fake) => {
      fake.failures.list.push(httpError(503, "look up"));
    });
    await advance(1000);
    expect(posts()).toEqual([0]);
    expect(created).toMatchObject({ done: true, at: T0 + 25 + 125 });
  });

  it("refuses a name the API says is taken when no POST of its own was ambiguous, naming who holds it", async () => {
    const { created, posts } = creating([post.nameInUse], BUDGET, (fake) => {
      fake.add(apiLogger({ id: "eeeeeeee-0000-4000-8000-000000000001", resource_id: OTHER_RESOURCE }));
    });
    await advance(1000);
    expect(posts()).toEqual([0]);
    expect(created.error).toMatchObject({
      code: ErrorCodes.conflict,
      status: 409,
      message:
        `${OPERATION}: the API refused the name as already in use (Flowlog logger name web is already in use); it is ` +
        `used by logger eeeeeeee-0000-4000-8000-000000000001 on SUBNET ${OTHER_RESOURCE}. Choose another name, or take that logger over with adoptId.`,
    });
  });

  it("takes a 409 after an ambiguous POST for its own earlier POST's logger, and looks for it", async () => {
    const { fake, created, posts } = creating([post.madeThen502(260), post.nameInUse]);
    await advance(BUDGET);
    expect(posts()).toEqual([0, 250]);
    expect(created.value?.logger.id).toBe(fake.loggers[0].id);
  });

  it("stops, leaving it alone, when a logger under its name made with other fields appears meanwhile", async () => {
    const { created, posts } = creating([post.lost], BUDGET, (fake) => {
      setTimeout(() => fake.add(madeOf({ ...BODY, filter: "DROP" })), 100);
    });
    await advance(1000);
    expect(posts()).toEqual([0]);
    expect(created.error).toMatchObject({
      code: ErrorCodes.conflict,
      message: expect.stringMatching(
        /^create flow log logger "web": while this create's outcome was unknown, logger \S+ appeared under the same name on SUBNET \S+, made with other fields \(filter: the program says "ALL", the logger has "DROP"\)\. It is not this create's, so it is left alone and nothing more is sent\./,
      ),
    });
  });

  it("stops when the API's answer cannot prove that none appeared", async () => {
    const { created, posts } = creating([post.lost], BUDGET, (fake) => {
      // The API ignores the resource filter and cuts its answer short: ours may be past the cut.
      fake.ignores.add("resource_id");
      fake.partial = true;
      fake.add(apiLogger({ resource_id: OTHER_RESOURCE }));
    });
    await advance(1000);
    expect(posts()).toEqual([0]);
    expect(created.error).toMatchObject({
      code: ErrorCodes.state,
      message: expect.stringContaining(
        `look for the logger "web" an interrupted create may have made: the API's list of loggers named "web" on SUBNET ${RESOURCE} may be partial`,
      ),
    });
  });

  it("throws an error that says the API did nothing at once, with one POST", async () => {
    const { created, posts } = creating([
      async () => {
        throw httpError(400, OPERATION, "Invalid input for filter");
      },
    ]);
    await advance(1000);
    expect(posts()).toEqual([0]);
    expect(created.error).toMatchObject({ code: ErrorCodes.api, status: 400 });
  });
});
