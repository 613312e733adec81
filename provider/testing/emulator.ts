import { startEmulator as startServer } from "../../emulator";
import type { Seed } from "../../emulator/seed";
import { stackConfigFor } from "../../emulator/stack-config";
import type { EmulatorControl, EmulatorOptions } from "../../emulator/types";

export type { EmulatorControl, EmulatorOptions, Seed };

/** The emulator of both APIs, in this process, with the stack config that aims a stack at it. */
export interface TestEmulator {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** `nhncloud:*` and `ncloud:*` stack config aimed at this emulator (plain values: they are not secrets). */
  stackConfig: Record<string, string>;
  /** The seeded topology, e.g. `seed.nhn.regions.KR1.vpcs[0].subnets[0].ports[0].id`. */
  seed: Seed;
  /** Console-style changes and inspection: `loggers("KR1")`, `editLogger(...)`, `setFaults(...)`, ... */
  control: EmulatorControl;
  close(): Promise<void>;
}

/**
 * Starts the emulator on 127.0.0.1 (a free port unless `port` is given). New loggers leave BUILD at once
 * (`activationMs` 0, where the emulator's CLI defaults to 1500 ms) so that tests do not wait.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startServer({ port: 0, activationMs: 0, ...options });
  return {
    url: emulator.url,
    stackConfig: stackConfigFor(emulator.url, options),
    seed: emulator.control.seed(),
    control: emulator.control,
    close: () => emulator.close(),
  };
}
