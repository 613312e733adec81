import type { Emulator } from "../../emulator";
import { issueToken, nhn, send, start, validLogger } from "./helpers";

describe("emulator concurrency throttle (maxConcurrentRequests)", () => {
  let emu: Emulator;
  let api: ReturnType<typeof nhn>;
  beforeAll(async () => {
    emu = await start({ activationMs: 0, latencyMs: 50, maxConcurrentRequests: 2 });
    api = nhn(emu, await issueToken(emu));
  });
  afterAll(() => emu.close());

  it("answers 429 with Retry-After to network API calls above the limit, without processing them", async () => {
    emu.control.clearRequests();
    // Long enough that all six arrive while the first two are in flight, even on a loaded machine.
    emu.control.setLatency(500);
    const burst = await Promise.all(
      Array.from({ length: 6 }, (_, i) => api.create(validLogger({ name: `burst-${i}` }))),
    );
    emu.control.setLatency(50);
    expect(burst.map((res) => res.status).sort()).toEqual([201, 201, 429, 429, 429, 429]);
    const refused = burst.filter((res) => res.status === 429);
    expect(refused.map((res) => res.headers.get("retry-after"))).toEqual(["1", "1", "1", "1"]);
    expect(refused[0].body.error).toMatchObject({ code: 429 });
    expect(emu.control.loggers("KR1").filter((l) => l.name.startsWith("burst-"))).toHaveLength(2);
    const throttled = emu.control.requests().filter((r) => r.fault === "throttled");
    expect(throttled).toHaveLength(4);
    expect(throttled[0]).toMatchObject({ status: 429, region: "KR1", tokenValid: true });
    expect(emu.control.peakConcurrentRequests()).toBe(2);
  });

  it("admits calls again once those in flight are answered", async () => {
    for (const _ of [1, 2, 3]) {
      expect((await Promise.all([api.list(), api.list()])).map((res) => res.status)).toEqual([200, 200]);
    }
  });

  it("counts neither identity nor the control routes", async () => {
    emu.control.setLatency(300);
    const inFlight = Promise.all([api.list(), api.list()]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await send(`${emu.url}/_emulator/seed`)).status).toBe(200);
    await expect(issueToken(emu)).resolves.toMatch(/^[0-9a-f]{32}$/);
    expect((await inFlight).map((res) => res.status)).toEqual([200, 200]);
    emu.control.setLatency(50);
  });

  it.each([[0], [1.5], [-1]])("refuses to start with a limit of %p", async (limit) => {
    await expect(start({ maxConcurrentRequests: limit })).rejects.toThrow(
      "maxConcurrentRequests must be an integer of at least 1",
    );
  });
});
