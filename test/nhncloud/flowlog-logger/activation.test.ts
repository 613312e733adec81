import { overrideTiming } from "../../../provider/common/timing";
import { ActivationModel } from "../../../provider/nhncloud/flowlog-logger/activation";

// Issue 22: the activation model alone, on made-up observations.

/**
 * One wait as LoggerWatch makes it for a logger that settles `activationMs` after its answer: the model's
 * polls, then its backoff, until a poll sees it settled. Observed, as the watch does.
 */
function wait(model: ActivationModel, activationMs: number): number[] {
  const polls: number[] = [];
  const approach = model.approach();
  for (let k = 0; polls.length === 0 || (polls.at(-1) as number) < activationMs; k++) {
    polls.push(
      k < approach.length ? approach[k] : (polls.at(-1) as number) + model.backoff(k - approach.length),
    );
  }
  const waiting = polls.filter((at) => at < activationMs).at(-1) ?? 0;
  model.observe(waiting, polls.at(-1) as number);
  return polls;
}

describe("the activation model", () => {
  it("with nothing observed, polls at 25, 50, 75, 90 and 100 % of the prior and expects the prior", () => {
    const model = new ActivationModel(1000);
    expect(model.learned).toBe(false);
    expect(model.approach()).toEqual([250, 500, 750, 900, 1000]);
    expect(model.expectedMs).toBe(1000);
  });

  it("takes its prior from the timings, 1.5 s by default", () => {
    expect(new ActivationModel().approach()).toEqual([375, 750, 1125, 1350, 1500]);
    const restore = overrideTiming({ activationPriorMs: 100 });
    try {
      expect(new ActivationModel().approach()).toEqual([25, 50, 75, 90, 100]);
    } finally {
      restore();
    }
  });

  it("after an observation, polls at the middle of the bracket and at its end, and expects its end", () => {
    const model = new ActivationModel(1000);
    model.observe(1000, 1400);
    expect(model.learned).toBe(true);
    expect(model.approach()).toEqual([1200, 1400]);
    expect(model.expectedMs).toBe(1400);
  });

  it("polls only at the end of a bracket narrower than two backoff steps", () => {
    const model = new ActivationModel(1000);
    model.observe(1000, 1050);
    expect(model.approach()).toEqual([1050]);
  });

  it("keeps the medians of each end, so that one odd wait does not move the bracket", () => {
    const model = new ActivationModel(1000);
    model.observe(100, 200);
    model.observe(1000, 1400);
    model.observe(1100, 1500);
    expect(model.approach()).toEqual([1200, 1400]);
  });

  it.each([
    ["before the middle", 0, 1200, [1100, 1200]],
    ["after the middle", 1200, 1400, [1300, 1400]],
  ])(
    "halves the bracket when the loggers of a wave, settling %s, outnumber the observations before",
    (_, waiting, settled, halved) => {
      const model = new ActivationModel(1000);
      model.observe(1000, 1400);
      model.observe(waiting, settled);
      model.observe(waiting, settled);
      expect(model.approach()).toEqual(halved);
    },
  );

  it("keeps the lower end learnt so far for a logger settled at its first poll", () => {
    const model = new ActivationModel(1000);
    model.observe(1000, 1400);
    model.observe(0, 1200);
    model.observe(0, 1200);
    expect(model.approach()[0]).toBe(1100);
  });

  it("learns a steady activation to within a few percent, and then polls at most twice a wait", () => {
    const model = new ActivationModel(1500);
    const polls = Array.from({ length: 8 }, () => wait(model, 1170));
    expect(polls[0]).toEqual([375, 750, 1125, 1350]);
    for (const later of polls.slice(1)) expect(later.length).toBeLessThanOrEqual(2);
    expect(Math.abs(model.expectedMs - 1170) / 1170).toBeLessThan(0.03);
    expect(polls.at(-1)?.at(-1)).toBeLessThan(1200);
  });

  it.each([
    ["5 % of the expected time first", 1500, 0, 75],
    ["doubling", 1500, 2, 300],
    ["5 s at most", 1500, 7, 5000],
    ["25 ms at least", 100, 0, 25],
    ["25 ms at least, also doubled", 100, 2, 25],
  ])("backs off past the expected moment: %s", (_, priorMs, k, ms) => {
    expect(new ActivationModel(priorMs).backoff(k)).toBe(ms);
  });

  it("forgets all but the last 25 observations", () => {
    const model = new ActivationModel(1000);
    for (let i = 0; i < 13; i++) model.observe(100, 200);
    for (let i = 0; i < 25; i++) model.observe(1000, 1400);
    expect(model.approach()).toEqual([1200, 1400]);
  });
});
