import { startEmulator as startServer } from "../../emulator";
import { stackConfigFor } from "../../emulator/stack-config";
import type { EmulatorOptions } from "../../emulator/types";
import type { TestEmulator } from "./types";

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
