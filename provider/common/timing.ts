/** Bounds for retrying transient failures: exponential backoff with full jitter, capped in count and time. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry is started once this much time has passed since the first attempt. */
  maxElapsedMs: number;
}

/**
 * The pace of the core in one place: how long it waits, polls and gathers requests. None of these is a
 * setting: no stack config or environment variable reaches them (the timeouts a user sets are in each
 * provider's config). Modules read them when they use them, so tests shorten or control them with
 * `overrideTiming` and restore them after (issue 22).
 */
export interface Timing {
  /**
   * Retries of transient failures: the transport's, and those of each step of a create or a wait. Backoff
   * from `baseDelayMs`, doubling, within `maxDelayMs`; see retry.ts.
   */
  retry: RetryPolicy;
  /**
   * After a POST whose outcome is unknown, how long to look for the logger it may have made before POSTing
   * again; doubled after each further unknown outcome, within the create budget (see create.ts).
   */
  createFirstQuietMs: number;
  /** How long a logger takes to settle after the API answered, before this process has seen one do it. */
  activationPriorMs: number;
  /** Delays between polls while a deleted NHN logger is still listed, backing off; the last is repeated. */
  gonePollsMs: readonly number[];
  /**
   * Look-ups by name before creates: while the wave size is unknown the first wave is gathered until none
   * arrives for `quietMs` (each create is its own gRPC call), and none waits over `maxDelayMs`.
   */
  nameWave: { quietMs: number; maxDelayMs: number };
  /** Reads (refresh): a read may wait for the batch ahead of it, `maxDelayMs` at most; see ids.ts. */
  readWave: { quietMs: number; maxDelayMs: number };
  /** How long an unfiltered list may answer the refresh reads that follow it (see LoggerLister). */
  snapshotMs: number;
  /** NCloud: how long a delete waits for a disable it asked for to apply, and its polls (doubling). */
  ncloudDisableWait: { timeoutMs: number; firstDelayMs: number; maxDelayMs: number };
}

const defaults = (): Timing => ({
  retry: { maxAttempts: 6, baseDelayMs: 250, maxDelayMs: 8_000, maxElapsedMs: 60_000 },
  createFirstQuietMs: 250,
  activationPriorMs: 1500,
  gonePollsMs: [500, 250, 250, 250, 500, 500, 1000, 1500, 2500],
  nameWave: { quietMs: 25, maxDelayMs: 60 },
  readWave: { quietMs: 10, maxDelayMs: 250 },
  snapshotMs: 5000,
  ncloudDisableWait: { timeoutMs: 60_000, firstDelayMs: 250, maxDelayMs: 4_000 },
});

/** The timings in force. Objects are changed in place: a transport made earlier keeps `retry` live. */
export const TIMING: Timing = defaults();

/** Changes to some timings: whole values, or some fields of the grouped ones. */
export type TimingChanges = {
  [K in keyof Timing]?: Timing[K] extends readonly unknown[]
    ? Timing[K]
    : Timing[K] extends object
      ? Partial<Timing[K]>
      : Timing[K];
};

const isGroup = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function apply(changes: TimingChanges | Timing): void {
  const live = TIMING as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(changes)) {
    const current = live[key];
    if (isGroup(current) && isGroup(value)) Object.assign(current, value);
    else live[key] = value;
  }
}

/** For tests: changes some timings; returns what puts them back as they were. */
export function overrideTiming(changes: TimingChanges): () => void {
  const before = structuredClone(TIMING);
  apply(changes);
  return () => apply(before);
}

/** The timings a release runs with, for tests that check them. */
export const DEFAULT_TIMING: Readonly<Timing> = Object.freeze(defaults());
