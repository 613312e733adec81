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
  /** Also measure `__provider` from a project that installed the `npm pack` tarball (about 15 s). */
  pack: boolean;
}

/** The parameters the targets are stated for. */
export const DEFAULT_OPTIONS: BenchOptions = {
  n: 40,
  activationMs: 1500,
  latencyMs: 25,
  parallelism: 10,
  pack: true,
};

export const USAGE =
  "usage: npm run bench -- [--n 40] [--activation-ms 1500] [--latency-ms 25] [--parallelism 10] [--no-pack]";

function integer(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`--${name} must be an integer ≥ ${min}, got "${text}"\n${USAGE}`);
  }
  return value;
}

export function parseOptions(args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
    allowNegative: true,
    options: {
      n: { type: "string" },
      "activation-ms": { type: "string" },
      "latency-ms": { type: "string" },
      parallelism: { type: "string" },
      pack: { type: "boolean" },
    },
  });
  const d = DEFAULT_OPTIONS;
  return {
    n: integer("n", values.n, d.n, 1),
    activationMs: integer("activation-ms", values["activation-ms"], d.activationMs, 0),
    latencyMs: integer("latency-ms", values["latency-ms"], d.latencyMs, 0),
    parallelism: integer("parallelism", values.parallelism, d.parallelism, 1),
    pack: values.pack ?? d.pack,
  };
}
