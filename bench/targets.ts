import type { BenchOptions } from "./options";

/** What ours must reach (issue 13), and the run parameters the targets are stated for. */
export interface TargetSet {
  name: string;
  /** Which runs it applies to. */
  appliesTo: string;
  stated: Omit<BenchOptions, "pack" | "proof">;
  /** Create p50 over the floor (activation plus one round trip). */
  createP50OverFloor: number;
  callsPerCreate: number;
  /** NHN API calls per refreshed logger, under every reading of repeated filters. */
  refreshCallsPerLogger: number;
  /** NHN API calls of a whole refresh under the worst reading (the API-readings issue). */
  worstReadingCalls: number;
  /** Tokens issued by one provider process. */
  tokensPerProcess?: number;
  failedCreates?: number;
}

const SMALL: TargetSet = {
  name: "N=40",
  appliesTo: "N < 300",
  stated: { n: 40, activationMs: 1500, latencyMs: 25, parallelism: 10 },
  createP50OverFloor: 1.1,
  callsPerCreate: 3,
  refreshCallsPerLogger: 0.1,
  worstReadingCalls: 4,
  tokensPerProcess: 1,
};

const LARGE: TargetSet = {
  name: "N=300",
  appliesTo: "N ≥ 300",
  stated: { n: 300, activationMs: 1500, latencyMs: 25, parallelism: 50, maxInFlight: 24 },
  createP50OverFloor: 1.3,
  callsPerCreate: 3,
  refreshCallsPerLogger: 0.05,
  worstReadingCalls: 15,
  failedCreates: 0,
};

/** The N=300 targets from 300 loggers on, the N=40 targets below. */
export const targetsFor = (options: BenchOptions): TargetSet => (options.n >= LARGE.stated.n ? LARGE : SMALL);

const FLAGS: Record<keyof TargetSet["stated"], string> = {
  n: "--n",
  activationMs: "--activation-ms",
  latencyMs: "--latency-ms",
  parallelism: "--parallelism",
  maxInFlight: "--max-in-flight",
};

/** Where the run's parameters differ from those the targets are stated for, e.g. `--parallelism 16 (stated 10)`. */
export function departures(set: TargetSet, options: BenchOptions): string[] {
  const keys = Object.keys(FLAGS) as (keyof TargetSet["stated"])[];
  const show = (value: number | undefined) => (value === undefined ? "no cap" : String(value));
  return keys
    .filter((key) => options[key] !== set.stated[key])
    .map((key) => `${FLAGS[key]} ${show(options[key])} (stated ${show(set.stated[key])})`);
}
