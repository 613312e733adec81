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

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/**
 * Inputs as the engine sends them to the dynamic-provider host, not as the SDK's mocks hand them over: an
 * unknown (preview) becomes the sentinel string, and a secret is sent plain (the host refuses secrets).
 */
export function asEngineSends(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asEngineSends);
  if (value === null || typeof value !== "object") return value;
  const object = value as Record<string, unknown>;
  if (object.__pulumiUnknown === true) return UNKNOWN;
  if (object[SECRET_SIG_KEY] === SECRET_SIG) return asEngineSends(object.value);
  return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, asEngineSends(item)]));
}

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
          inputs: asEngineSends(inputs) as Record<string, unknown>,
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
