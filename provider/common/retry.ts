import { type RetryPolicy, TIMING } from "./timing";

export type { RetryPolicy };

/** The policy in force: the live `TIMING.retry` (see timing.ts), not a copy. */
export const DEFAULT_RETRY: RetryPolicy = TIMING.retry;

/** Delay before retry number `attempt` (1-based); a server's Retry-After is a floor, never shortened. */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(ceiling / 2 + (random() * ceiling) / 2);
  if (retryAfterMs === undefined) return jittered;
  // Jitter on top of Retry-After so that callers throttled together do not return together.
  return retryAfterMs + Math.round((random() * policy.baseDelayMs) / 2);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a harmless (idempotent) operation again after a transient failure, with backoff, until `deadline`:
 * a step of a create is bounded by the create's time budget, not by the transport's count of attempts.
 */
export async function untilDeadline<T>(
  deadline: number,
  transient: (error: unknown) => boolean,
  work: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const delay = backoffDelay(DEFAULT_RETRY, attempt);
      if (!transient(error) || Date.now() + delay >= deadline) throw error;
      await sleep(delay);
    }
  }
}
