import type * as pulumi from "@pulumi/pulumi";
import { type Emulator, startEmulator } from "../../emulator";
import { ErrorCodes, type FlowLogError } from "../../provider/common/errors";
import { provider } from "../../provider/nhncloud/flowlog-logger/provider";
import { STATE_VERSION } from "../../provider/nhncloud/flowlog-logger/state";
import { nhnConfig, SEED, STORAGE_URL } from "../support/world";

// Issue 11: a failure while waiting for a new logger keeps its own code (with the original as its cause),
// and is still a partial failure the engine records, so the logger is never orphaned.
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, activationMs: 1500 });
  const config: Record<string, string> = { ...nhnConfig(emulator), "nhncloud:createTimeout": "3s" };
  await provider.configure!({
    config: { get: (key: string) => config[key] },
  } as pulumi.dynamic.ConfigureRequest);
});
afterAll(() => emulator.close());
afterEach(() => {
  emulator.control.setFaults(undefined);
  emulator.control.setActivationMs(1500);
  for (const logger of emulator.control.loggers("KR1")) emulator.control.deleteLogger("KR1", logger.id);
});

async function failedCreate(
  name: string,
): Promise<FlowLogError & { id: string; properties: Record<string, unknown> }> {
  const { inputs } = await provider.check!(
    {},
    { name, resourceId: SEED.KR1.ports[0], storageUrl: STORAGE_URL },
  );
  try {
    await provider.create(inputs!);
  } catch (error) {
    return error as FlowLogError & { id: string; properties: Record<string, unknown> };
  }
  throw new Error("the create did not fail");
}

/** Runs `then` once the emulator has the logger (the create's POST went through). */
function whenMade(then: () => void): void {
  const timer = setInterval(() => {
    if (emulator.control.loggers("KR1").length > 0) {
      clearInterval(timer);
      then();
    }
  }, 20);
}

describe("a new logger's wait that fails", () => {
  it("keeps ERR_FLOWLOG_TIMEOUT when the logger is still in BUILD at the end of the create budget", async () => {
    emulator.control.setActivationMs(60_000);
    const error = await failedCreate("slow");
    expect(error.code).toBe(ErrorCodes.timeout);
    expect(error.message).toMatch(/still "BUILD".*kept in the stack/s);
    expect(error.cause).toBeDefined();
    expect(error.id).toBe(emulator.control.loggers("KR1")[0].id);
    expect(error.properties).toMatchObject({ status: "BUILD", stateVersion: STATE_VERSION });
  });

  it("keeps ERR_FLOWLOG_NOT_FOUND when the logger is deleted while it waits", async () => {
    whenMade(() => {
      for (const logger of emulator.control.loggers("KR1")) emulator.control.deleteLogger("KR1", logger.id);
    });
    const error = await failedCreate("vanishing");
    expect(error.code).toBe(ErrorCodes.notFound);
    expect(error.message).toMatch(/disappeared while it was "BUILD"/);
    expect(error.cause).toBeDefined();
  });

  it("keeps ERR_FLOWLOG_NETWORK when the API cannot be reached while it waits", async () => {
    whenMade(() => emulator.control.setFaults({ rate: 1, kinds: ["drop"], match: { method: "GET" } }));
    const error = await failedCreate("unreachable");
    expect(error.code).toBe(ErrorCodes.network);
    expect(error.cause).toBeDefined();
    expect(error.id).toEqual(expect.any(String));
  });
});
