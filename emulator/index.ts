import type { AddressInfo } from "node:net";
import { createControl } from "./control";
import { listen } from "./server";
import { EmulatorState } from "./state";
import type { Emulator, EmulatorOptions } from "./types";

export { signNcloud } from "./ncloud/signature";
export type {
  EmulatorLogger as ApiLogger,
  EmulatorLoggingPort as ApiLoggingPort,
  FaultKind,
  FaultPlan,
  NcloudFlowLog,
  NcloudFlowLogInput,
  NhnRegionSeed,
  Readings,
  Seed,
} from "./public-types";
export { DEFAULT_READINGS } from "./readings";
export { DEFAULT_SEED, loadSeed, Seed as SeedSchema } from "./seed";
export { configSetCommands, EMULATOR_TENANT, stackConfigFor, writeStackConfig } from "./stack-config";
export { DEFAULT_NCLOUD_CREDENTIALS } from "./state";
export type { ApiKind, Emulator, EmulatorControl, EmulatorOptions, RequestLogEntry } from "./types";

/** Starts both APIs on 127.0.0.1 (an ephemeral port by default). Close it with `close()`. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const state = new EmulatorState(options);
  const control = createControl(state);
  const server = await listen(state, control, options.port ?? 0);
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closing: Promise<void> | undefined;
  return {
    url: state.url,
    control,
    // Idempotent: afterAll hooks and signal handlers may both close.
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        state.late.cancelAll();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
