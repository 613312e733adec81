import { readFileSync } from "node:fs";
import type { Emulator, Readings, RequestLogEntry } from "../emulator";
import type { CountingProxy } from "./proxy";

/** Where the figures come from: the emulator's request log and the connection-counting proxy before it. */
export interface Meters {
  emulator: Emulator;
  proxy: CountingProxy;
}

/** What one phase (create, refresh or delete of all loggers) cost, read from the emulator's request log. */
export interface Phase {
  wallMs: number;
  /** Flow Log API requests. */
  apiCalls: number;
  /** Identity requests, i.e. tokens issued. */
  tokens: number;
  /** 429 answers (the gateway cap, --max-in-flight), each retried by the caller. */
  throttled: number;
  /** TCP connections opened to the API. */
  connectionsOpened: number;
  /** Most connections open at once. */
  peakConnections: number;
}

export type FilterMode = Readings["filterMode"];

/** One approach's run over N loggers. */
export interface RunFigures {
  /** Time around each create call, in ms (failed ones too). */
  createMs: number[];
  /** Ours: each resource's step as the engine sees it, from its check to its create's answer, in ms. */
  stepMs?: number[];
  /** Creates that failed: failures of the `up` (ours), creates that threw (textbook). */
  failedCreates: number;
  /** Why the first of them failed. */
  firstFailure?: string;
  create: Phase;
  /** Refresh under the emulator's default reading of repeated filters (OR-ed). */
  refresh: Phase;
  /** Loggers each refresh read. */
  refreshed: number;
  /** Ours: a refresh from a fresh provider host under each reading of repeated filters. */
  refreshByReading?: Partial<Record<FilterMode, Phase>>;
  delete: Phase;
  /** Peak resident memory in MB of the provider process that ran up and destroy, when it is its own process. */
  peakMemoryMb?: number;
  /** The same, most of the fresh provider processes that ran the refreshes. */
  refreshPeakMemoryMb?: number;
  /** Most NHN API calls in flight at once at the emulator. */
  peakInFlight?: number;
}

function summarize(entries: RequestLogEntry[], wallMs: number, proxy: CountingProxy): Phase {
  return {
    wallMs,
    connectionsOpened: proxy.opened,
    peakConnections: proxy.peakOpen,
    apiCalls: entries.filter((entry) => entry.api === "nhn").length,
    tokens: entries.filter((entry) => entry.api === "identity").length,
    throttled: entries.filter((entry) => entry.api === "nhn" && entry.status === 429).length,
  };
}

/** Runs `work` on a cleared request log and counts what it sent. */
export async function measurePhase(meters: Meters, work: () => Promise<void>): Promise<Phase> {
  meters.emulator.control.clearRequests();
  meters.proxy.reset();
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  return summarize(meters.emulator.control.requests(), wallMs, meters.proxy);
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Runs `work` over `items`, at most `limit` at a time (the engine's --parallel). */
export async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const runners = Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  });
  await Promise.all(runners);
}

/** Times one call and records its duration in `into`. */
export async function timed<T>(into: number[], work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    into.push(performance.now() - started);
  }
}

/** Peak resident set (VmHWM) of a process in MB; undefined where /proc is not available. */
export function peakMemoryMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
