import type { Emulator } from "../../emulator";
import { send, start } from "./helpers";

describe("POST /_emulator/faults with a plan it cannot use", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await start();
  });
  afterAll(() => emu.close());

  it.each([
    [
      "an unknown kind",
      { rate: 1, kinds: [418] },
      'kinds[0]: must be one of 429, 500, 502, 503, 504, "drop", "trickle", "echo" or "echo-json", got 418',
    ],
    ["a rate above 1", { rate: 2, kinds: [503] }, "rate: must be a number from 0 to 1"],
    ["no rate", { kinds: [503] }, "rate: must be a number from 0 to 1"],
    [
      "no kinds",
      { rate: 1, kinds: [] },
      'kinds: must list at least one of 429, 500, 502, 503, 504, "drop", "trickle", "echo" or "echo-json"',
    ],
    ["kinds that is not a list", { rate: 1, kinds: 503 }, "kinds: must be a list of"],
    ["after that is not a boolean", { rate: 1, kinds: [502], after: "yes" }, "after: must be true or false"],
    ["times of 0", { rate: 1, kinds: [502], times: 0 }, "times: must be an integer of at least 1"],
    ["times that is not an integer", { rate: 1, kinds: [502], times: 1.5 }, "times: must be an integer"],
    [
      "an unknown field",
      { rate: 1, kinds: [503], retry: 1 },
      'unknown field "retry" (fields: rate, kinds, retryAfterSeconds, match, seed, after, times, delayMs, trickleIntervalMs)',
    ],
    [
      "delayMs without after",
      { rate: 1, kinds: [502], delayMs: 100 },
      'delayMs: needs "after": true (the answer goes out at once, the processing delayMs later)',
    ],
    [
      "a negative delayMs",
      { rate: 1, kinds: [502], after: true, delayMs: -1 },
      "delayMs: must be an integer of at least 0",
    ],
    [
      "trickleIntervalMs without the trickle kind",
      { rate: 1, kinds: [502], trickleIntervalMs: 10 },
      'trickleIntervalMs: paces the "trickle" kind only; add "trickle" to kinds',
    ],
    [
      "a trickleIntervalMs of 0",
      { rate: 1, kinds: ["trickle"], trickleIntervalMs: 0 },
      "trickleIntervalMs: must be an integer of at least 1",
    ],
  ])("answers 400 naming the field for %s, with a plan that works", async (_case, plan, names) => {
    const res = await send(`${emu.url}/_emulator/faults`, { method: "POST", body: plan });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(`invalid fault plan: ${names}`);
    expect(res.body.error.message).toContain(
      'Example: {"rate":1,"kinds":[503],"retryAfterSeconds":1}; {} clears the plan',
    );
  });
});
