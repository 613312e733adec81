import { nhncloud } from "pulumi-flowlog";
import { SEED, STORAGE_URL, startWorld, type World } from "../support/world";

const LOGGERS = 40;
/** provider/common/http.ts defaultAgent: connections per host. */
const PROVIDER_CONNECTIONS = 16;

let world: World;
beforeAll(async () => {
  world = await startWorld({
    emulator: { activationMs: 0, latencyMs: 30, maxConcurrentRequests: PROVIDER_CONNECTIONS },
    parallelism: LOGGERS,
  });
});
afterAll(() => world.close());

describe("a large up against an API that throttles above 16 calls in flight", () => {
  it("creates every logger without one 429, as the provider never has more than 16 calls in flight", async () => {
    const registrations = await world.program(() => {
      for (let i = 0; i < LOGGERS; i++) {
        new nhncloud.FlowLogLogger(`burst-${i}`, {
          name: `burst-${i}`,
          resourceId: SEED.KR1.ports[i % SEED.KR1.ports.length],
          storageUrl: STORAGE_URL,
        });
      }
    });
    world.emulator.control.clearRequests();
    const result = await world.stack.up(registrations);
    expect(result.failures).toEqual([]);
    expect(world.stack.state.size).toBe(LOGGERS);
    expect(world.emulator.control.loggers("KR1")).toHaveLength(LOGGERS);
    const network = world.emulator.control.requests().filter((r) => r.api === "nhn");
    expect(network.filter((r) => r.status === 429)).toEqual([]);
    expect(network.filter((r) => r.method === "POST")).toHaveLength(LOGGERS);
    // The cap is reached (16 in practice) yet never passed.
    expect(world.emulator.control.peakConcurrentRequests()).toBeGreaterThan(1);
    expect(world.emulator.control.peakConcurrentRequests()).toBeLessThanOrEqual(PROVIDER_CONNECTIONS);
  });

  it("destroys them all without one 429 either", async () => {
    world.emulator.control.clearRequests();
    await world.stack.destroy();
    expect(world.emulator.control.loggers("KR1")).toEqual([]);
    expect(world.emulator.control.requests().filter((r) => r.status === 429)).toEqual([]);
  });
});
