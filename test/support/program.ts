import * as pulumi from "@pulumi/pulumi";

/** A resource as the program registered it, with the inputs the engine would receive (incl. `__provider`). */
export interface Registration {
  type: string;
  name: string;
  urn: string;
  inputs: Record<string, unknown>;
  /** Set for `Resource.get(name, id)` reads. */
  id?: string;
}

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
const { waitForRPCs } = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

export const urnOf = (stack: string, project: string, type: string, name: string): string =>
  `urn:pulumi:${stack}::${project}::${type}::${name}`;

/**
 * Runs a Pulumi program under the SDK's mocks and returns what it registered: the first half of the
 * engine's path (the second half is the dynamic-provider host, see host.ts).
 */
export async function runProgram<T>(
  program: () => T | Promise<T>,
  options: ProgramOptions = {},
): Promise<{ registrations: Registration[]; result: T }> {
  const project = options.project ?? "flowlog-test";
  const stack = options.stack ?? "test";
  const registrations: Registration[] = [];
  for (const [key, value] of Object.entries(options.config ?? {})) pulumi.runtime.setConfig(key, value);
  await pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        const inputs = args.inputs as Record<string, unknown>;
        const registration: Registration = {
          type: args.type,
          name: args.name,
          urn: urnOf(stack, project, args.type, args.name),
          inputs,
        };
        if (args.id !== undefined && args.id !== "") registration.id = args.id;
        registrations.push(registration);
        if (options.answer) return options.answer(registration, registrations);
        return { id: args.id || (options.preview ? "" : `${args.name}-id`), state: inputs };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        if (!options.call) throw new Error(`unexpected invoke ${args.token}`);
        return options.call(args);
      },
    },
    project,
    stack,
    options.preview ?? false,
  );
  const result = await program();
  await waitForRPCs();
  return { registrations, result };
}

/** Resolves an Output in a test. */
export function resolved<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}
