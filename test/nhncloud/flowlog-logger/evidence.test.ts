import { MAX_CLOCK_SKEW_MS } from "../../../provider/nhncloud/api/clock";
import type { ApiLogger } from "../../../provider/nhncloud/api/model";
import { takeBack } from "../../../provider/nhncloud/flowlog-logger/evidence";
import { type LoggerInputs, toApiCreate } from "../../../provider/nhncloud/flowlog-logger/state";
import { apiNow, loggerInputs, madeOf } from "../../support/fake-nhn";

// What a create may do with loggers it finds under its name before it POSTs: take one back on evidence, or
// refuse, saying why (create.ts's createLogger puts the reason in its conflict message).

const NOW = Date.parse("2025-03-01T12:00:00Z");
const WINDOW_MS = 10 * 60_000;

const INPUTS: LoggerInputs = loggerInputs({ name: "web-a1b2c3d4", autoName: "v1" });

/** A logger made from this very body, `agoMs` before NOW (created_at written in UTC). */
const ours = (agoMs = 60_000, fields: Partial<ApiLogger> = {}): ApiLogger => ({
  ...madeOf(toApiCreate(INPUTS)),
  created_at: apiNow(NOW - agoMs),
  ...fields,
});

const verdict = (found: ApiLogger[], options: Partial<{ complete: boolean; inputs: LoggerInputs }> = {}) =>
  takeBack(found, options.complete ?? true, options.inputs ?? INPUTS, "UTC", WINDOW_MS, NOW);

describe("takeBack: a logger found under our auto-name before a create", () => {
  it("is taken back when it is the only one in a complete answer, made from this body within the window", () => {
    const logger = ours();
    expect(verdict([logger])).toEqual({ logger });
  });

  it("is never taken back under a name the program chose, and no take-back reason is given", () => {
    const { autoName: _, ...named } = INPUTS;
    expect(verdict([ours()], { inputs: named })).toEqual({});
  });

  it("is refused when there is more than one, or when the answer may be partial", () => {
    expect(verdict([ours(), ours()])).toEqual({ refusal: "there is more than one" });
    expect(verdict([ours()], { complete: false })).toEqual({
      refusal: "the API's answer may be partial, so it cannot be proven to be the only one",
    });
  });

  it("is refused, naming the evidence that is missing: other fields, an old creation time, an unsettled zone", () => {
    expect(verdict([ours(60_000, { description: "made in the console" })])).toEqual({
      refusal: expect.stringMatching(/^its fields are not this resource's \(description: /),
    });
    // The window allows for clock skew on both sides: just inside it, then just beyond.
    expect(verdict([ours(WINDOW_MS + MAX_CLOCK_SKEW_MS)])).toEqual({ logger: expect.anything() });
    expect(verdict([ours(WINDOW_MS + MAX_CLOCK_SKEW_MS + 1000)])).toEqual({
      refusal: expect.stringMatching(/^it was made 15 min 1 s ago .*outside the take-back window of 10 min/),
    });
    expect(takeBack([ours()], true, INPUTS, undefined, WINDOW_MS, NOW)).toEqual({
      refusal: expect.stringMatching(
        /^this run has not yet seen in which time zone the API writes created_at/,
      ),
    });
    expect(takeBack([ours()], true, INPUTS, "UTC", 0, NOW)).toEqual({
      refusal: "taking back is turned off (nhncloud:takeBackWindow is 0)",
    });
  });
});
