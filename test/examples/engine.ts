import * as pulumi from "@pulumi/pulumi";
import { type Registration, urnOf } from "../support/program";
import type { World } from "../support/world";

// Exported by the SDK's runtime but marked @internal in its typings.
const { waitForRPCs } = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

type Answer = { id: string; state: Record<string, unknown> };
interface RunOptions {
  project: string;
  stack?: string;
}

/** Runs `program` under the SDK's mocks, letting `answer` play the engine's part for each registration. */
async function run<T>(
  world: World,
  program: () => T,
  options: RunOptions & { preview: boolean },
  answer: (registration: Registration, all: Registration[]) => Promise<Answer>,
): Promise<{ registrations: Registration[]; result: T }> {
  const stack = options.stack ?? "test";
  const registrations: Registration[] = [];
  for (const [key, value] of Object.entries(world.config)) pulumi.runtime.setConfig(key, value);
  await pulumi.runtime.setMocks(
    {
      newResource: (args: pulumi.runtime.MockResourceArgs) => {
        const urn = urnOf(stack, options.project, args.type, args.name);
        const registration: Registration = { type: args.type, name: args.name, urn, inputs: args.inputs };
        if (args.id) registration.id = args.id;
        registrations.push(registration);
        return answer(registration, registrations);
      },
      call: (args: pulumi.runtime.MockCallArgs) => {
        throw new Error(`unexpected invoke ${args.token}`);
      },
    },
    options.project,
    stack,
    options.preview,
  );
  const result = program();
  await waitForRPCs();
  return { registrations, result };
}

/**
 * `pulumi preview` of a new stack: a new resource has no id yet (unknown, as the engine answers), so data
 * functions fed by it stay unknown. runProgram's mocks answer a made-up id, which a UUID check refuses.
 */
export function previewProgram<T>(world: World, program: () => T, options: RunOptions) {
  return run(world, program, { ...options, preview: true }, async (registration) => ({
    id: registration.id ?? "",
    state: registration.inputs,
  }));
}

/**
 * `pulumi up`: each resource is created through the provider host when the program registers it, and the
 * program continues with its real id and outputs, so `getLoggingPortsOutput({ loggerId: logger.id })`
 * sees the real id. Registrations go through `Stack.up` one at a time, with every registration so far, so
 * the stack's own step rules decide and nothing registered earlier is deleted.
 */
export function upProgram<T>(world: World, program: () => T, options: RunOptions) {
  let queue: Promise<unknown> = Promise.resolve();
  return run(world, program, { ...options, preview: false }, async (registration, all) => {
    const step = queue.then(() => world.stack.up([...all]));
    queue = step.catch(() => undefined);
    const { failures } = await step;
    const failure = failures.find((f) => f.urn === registration.urn);
    if (failure) throw failure.error;
    const entry = world.stack.state.get(registration.urn);
    if (!entry) throw new Error(`${registration.urn} was not created`);
    return { id: entry.id, state: entry.outputs };
  });
}
