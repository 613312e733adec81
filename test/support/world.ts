import { nhncloud } from "pulumi-flowlog";
import {
  EMULATOR_TENANT,
  type Emulator,
  type EmulatorOptions,
  stackConfigFor,
  startEmulator,
} from "../../emulator";
import { type HostOptions, ProviderHost } from "./host";
import { type ProgramOptions, type Registration, runProgram } from "./program";
import { Stack } from "./stack";

export const TENANT = EMULATOR_TENANT;
export const STORAGE_URL = `https://kr1-api-object-storage.nhncloudservice.com/v1/AUTH_${TENANT}/flowlog/vpc`;
/** Seeded by the emulator (emulator/seed.ts): kind a/b/c = VPC/subnet/port, then region, then position. */
export const SEED = {
  KR1: {
    vpc: "aaaaaaaa-0001-4000-8000-000000000001",
    subnet: "bbbbbbbb-0001-4000-8000-000000000011",
    ports: [
      "cccccccc-0001-4000-8000-000000000111",
      "cccccccc-0001-4000-8000-000000000112",
      "cccccccc-0001-4000-8000-000000000113",
    ],
  },
  KR2: {
    vpc: "aaaaaaaa-0002-4000-8000-000000000001",
    subnet: "bbbbbbbb-0002-4000-8000-000000000011",
    ports: [
      "cccccccc-0002-4000-8000-000000000111",
      "cccccccc-0002-4000-8000-000000000112",
      "cccccccc-0002-4000-8000-000000000113",
    ],
  },
} as const;

/** The NHN Cloud half of the emulator's stack config (emulator/stack-config.ts), in `region`. */
export function nhnConfig(emulator: Emulator, region = "KR1"): Record<string, string> {
  const nhn = Object.entries(stackConfigFor(emulator.url)).filter(([key]) => key.startsWith("nhncloud:"));
  return { ...Object.fromEntries(nhn), "nhncloud:region": region };
}

export interface World {
  emulator: Emulator;
  host: ProviderHost;
  stack: Stack;
  config: Record<string, string>;
  /** Runs a program under mocks with this world's config and returns its registrations. */
  program(fn: () => void, options?: ProgramOptions): Promise<Registration[]>;
  /** A program of one FlowLogLogger `name`, on the first seeded KR1 port and the test bucket unless `args` differ. */
  oneLogger(name: string, args?: Partial<nhncloud.FlowLogLoggerArgs>): Promise<Registration[]>;
  /** Between tests: clears faults, destroys the stack, and deletes every logger left in the emulator. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

interface WorldOptions {
  host?: HostOptions;
  config?: Record<string, string>;
  parallelism?: number;
}

/** The emulator, a provider host configured for it, and an empty stack: the engine's path, minus the engine. */
export async function startWorld(
  options: WorldOptions & { emulator?: EmulatorOptions } = {},
): Promise<World> {
  // No BUILD phase unless a test asks for one: otherwise every create would wait for the first poll (1 s).
  const emulator = await startEmulator({ port: 0, activationMs: 0, ...options.emulator });
  const world = await startWorldOn(emulator, options);
  return {
    ...world,
    close: async () => {
      await world.close();
      await emulator.close();
    },
  };
}

/**
 * A provider host (a fresh process, as a new `pulumi up` is) configured for an emulator the caller started
 * and closes, and an empty stack: for tests that share one API, e.g. a tenant seeded with 20,000 loggers.
 * Its `close` ends the host alone.
 */
export async function startWorldOn(emulator: Emulator, options: WorldOptions = {}): Promise<World> {
  const host = await ProviderHost.start(options.host);
  const config = { ...nhnConfig(emulator), ...options.config };
  await host.configure(config);
  const stack = new Stack(host, options.parallelism);
  const program: World["program"] = async (fn, programOptions) =>
    (await runProgram(fn, { config, ...programOptions })).registrations;
  return {
    emulator,
    host,
    stack,
    config,
    program,
    oneLogger: (name, args = {}) =>
      program(() => {
        new nhncloud.FlowLogLogger(name, { resourceId: SEED.KR1.ports[0], storageUrl: STORAGE_URL, ...args });
      }),
    reset: async () => {
      emulator.control.setFaults(undefined);
      try {
        await stack.destroy();
      } finally {
        for (const region of Object.keys(emulator.control.seed().nhn.regions)) {
          for (const logger of emulator.control.loggers(region))
            emulator.control.deleteLogger(region, logger.id);
        }
      }
    },
    close: () => host.close(),
  };
}
