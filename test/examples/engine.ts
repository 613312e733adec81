import { type Registration, runProgram } from "../support/program";
import type { World } from "../support/world";

interface RunOptions {
  project: string;
  stack?: string;
}

/**
 * `pulumi preview` of a new stack: a new resource has no id yet (unknown, as the engine answers), so data
 * functions fed by it stay unknown.
 */
export function previewProgram<T>(world: World, program: () => T, options: RunOptions) {
  return runProgram(program, { ...options, config: world.config, preview: true });
}

/**
 * `pulumi up`: each resource is created through the provider host when the program registers it, and the
 * program continues with its real id and outputs, so `getLoggingPortsOutput({ loggerId: logger.id })`
 * sees the real id. Registrations go through `Stack.up` one at a time, with every registration so far, so
 * the stack's own step rules decide and nothing registered earlier is deleted.
 */
export function upProgram<T>(world: World, program: () => T, options: RunOptions) {
  let queue: Promise<unknown> = Promise.resolve();
  const answer = async (registration: Registration, all: Registration[]) => {
    const step = queue.then(() => world.stack.up([...all]));
    queue = step.catch(() => undefined);
    const { failures } = await step;
    const failure = failures.find((f) => f.urn === registration.urn);
    if (failure) throw failure.error;
    const entry = world.stack.state.get(registration.urn);
    if (!entry) throw new Error(`${registration.urn} was not created`);
    return { id: entry.id, state: entry.outputs };
  };
  return runProgram(program, { ...options, config: world.config, answer });
}
