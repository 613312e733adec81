import { parseArgs } from "node:util";

export interface BenchOptions {
  /** Loggers created, refreshed and deleted by each approach. */
  n: number;
  /** How long the emulator keeps a new logger in BUILD. */
  activationMs: number;
  /** Delay the emulator adds before every API response. */
  latencyMs: number;
  /** Resource operations in flight at once (the engine's default --parallel is 10 here). */
  parallelism: number;
  /**
   * NHN API calls in flight above which the emulator answers 429 with Retry-After, as a rate-limiting
   * gateway does (the emulator's maxConcurrentRequests); undefined: no cap.
   */
  maxInFlight?: number;
  /** Also measure `__provider` from a project that installed the `npm pack` tarball (about 15 s). */
  pack: boolean;
  /** Instead: issue 20's runs where lists are capped, paged or huge (calls and bytes per phase). */
  proof?: boolean;
}

/** The parameters the targets are stated for. */
export const DEFAULT_OPTIONS: BenchOptions = {
  n: 40,
  activationMs: 1500,
  latencyMs: 25,
  parallelism: 10,
  pack: true,
};

const d = DEFAULT_OPTIONS;

export const USAGE = `usage: npm run bench -- [options]

Creates, refreshes and deletes N loggers against the emulator, with this package through the SDK's
dynamic-provider host and with a textbook dynamic provider, and prints the figures side by side.

  --n N              loggers per approach (integer ≥ 1; default ${d.n})
  --activation-ms N  how long the emulator keeps a new logger in BUILD (integer ≥ 0; default ${d.activationMs})
  --latency-ms N     delay the emulator adds before every API response (integer ≥ 0; default ${d.latencyMs})
  --parallelism N    operations in flight at once, like pulumi up --parallel (integer ≥ 1; default ${d.parallelism})
  --max-in-flight N  NHN API calls in flight above which the emulator answers 429 (integer ≥ 1; default: no cap)
  --pack, --no-pack  measure __provider from an npm pack install, about 15 s (default --pack)
  --proof            instead: ten creates (three answers lost), refreshes and a destroy where lists are
                     capped, paged or 20,000 long; calls, bytes, duplicates and orphans per phase
  -h, --help         print this help and exit`;

/** A bad command line: the caller prints the message (which ends with the usage) and exits 2. */
export class UsageError extends Error {}

function integer(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const value = text.trim() === "" ? Number.NaN : Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new UsageError(`--${name} must be an integer ≥ ${min}, got "${text}"\n\n${USAGE}`);
  }
  return value;
}

/** `--help`/`-h` anywhere on the command line, checked before the flags are read. */
export const wantsHelp = (args: string[]): boolean => args.includes("--help") || args.includes("-h");

const read = (args: string[]) =>
  parseArgs({
    args,
    allowNegative: true,
    options: {
      n: { type: "string" },
      "activation-ms": { type: "string" },
      "latency-ms": { type: "string" },
      parallelism: { type: "string" },
      "max-in-flight": { type: "string" },
      pack: { type: "boolean" },
      proof: { type: "boolean" },
    },
  });

/** Reads `npm run bench -- …`; throws a UsageError (message ends with the usage) on a flag it cannot use. */
export function parseOptions(args: string[]): BenchOptions {
  let values: ReturnType<typeof read>["values"];
  try {
    ({ values } = read(args));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const maxInFlight = values["max-in-flight"];
  return {
    n: integer("n", values.n, d.n, 1),
    activationMs: integer("activation-ms", values["activation-ms"], d.activationMs, 0),
    latencyMs: integer("latency-ms", values["latency-ms"], d.latencyMs, 0),
    parallelism: integer("parallelism", values.parallelism, d.parallelism, 1),
    ...(maxInFlight === undefined ? {} : { maxInFlight: integer("max-in-flight", maxInFlight, 0, 1) }),
    pack: values.pack ?? d.pack,
    ...(values.proof ? { proof: true } : {}),
  };
}
