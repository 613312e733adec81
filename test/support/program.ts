import * as pulumi from "@pulumi/pulumi";
import { installMocks, type Registration } from "../../provider/testing/program";

export type { Registration } from "../../provider/testing/program";

export interface ProgramOptions {
  project?: string;
  stack?: string;
  preview?: boolean;
  /** Stack config, full keys (`nhncloud:region`). */
  config?: Record<string, string>;
  /** Answers data-function invokes the program makes (none by default: ours call the API directly). */
  call?: (args: pulumi.runtime.MockCallArgs) => Record<string, unknown>;
  /**
   * Plays the engine's part for each registration (all = every registration so far). Default: a made-up
   * id, or at preview no id (unknown, as the engine answers for a resource not created yet).
   */
  answer?: (registration: Registration, all: Registration[]) => MockAnswer | Promise<MockAnswer>;
}

export interface MockAnswer {
  id: string;
  state: Record<string, unknown>;
}

// Exported by the SDK's runtime but marked @internal in its typings.
const settings = require("@pulumi/pulumi/runtime/settings") as Parameters<typeof installMocks>[1] & {
  waitForRPCs(): Promise<void>;
};

/**
 * Runs a Pulumi program in this process under the SDK's mocks (the testing kit's, provider/testing/program.ts)
 * and returns what it registered: the first half of the engine's path (the second half is the
 * dynamic-provider host, see host.ts). `pulumi-flowlog/testing` runs a project's program the same way, in
 * a child process.
 */
export async function runProgram<T>(
  program: () => T | Promise<T>,
  options: ProgramOptions = {},
): Promise<{ registrations: Registration[]; result: T }> {
  const preview = options.preview ?? false;
  const registrations: Registration[] = [];
  for (const [key, value] of Object.entries(options.config ?? {})) pulumi.runtime.setConfig(key, value);
  await installMocks(pulumi, settings, {
    project: options.project ?? "flowlog-test",
    stack: options.stack ?? "test",
    preview,
    answer: async (registration) => {
      registrations.push(registration);
      if (options.answer) {
        const { id, state } = await options.answer(registration, registrations);
        return { id, outputs: state };
      }
      return { id: registration.id ?? (preview ? "" : `${registration.name}-id`) };
    },
    call: options.call,
  });
  const result = await program();
  await settings.waitForRPCs();
  return { registrations, result };
}

/** Resolves an Output in a test. */
export function resolved<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}
