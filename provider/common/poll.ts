import { sleep } from "./retry";

/** When to look again: fixed delays (the last one repeated), or doubling from `firstMs` up to `maxMs`. */
export type Schedule = { delaysMs: readonly number[] } | { firstMs: number; maxMs: number };

/** The delay after look number `n` (from 0) on `schedule`. */
export function delayAfter(schedule: Schedule, n: number): number {
  if ("delaysMs" in schedule) return schedule.delaysMs[Math.min(n, schedule.delaysMs.length - 1)];
  return Math.min(schedule.maxMs, schedule.firstMs * 2 ** n);
}

/**
 * Looks until `look` finds something (not undefined), on `schedule`, until `until` (epoch ms): then
 * undefined. The one loop of every wait that polls: a deletion, an NCloud disable, a create's own logger
 * (the logger watch shares its polls among loggers, and retries follow retry.ts).
 */
export async function pollUntil<T>(
  look: () => Promise<T | undefined>,
  schedule: Schedule,
  until: number,
  onWait?: (nextMs: number) => void,
): Promise<T | undefined> {
  for (let n = 0; ; n++) {
    const found = await look();
    if (found !== undefined) return found;
    const left = until - Date.now();
    if (left <= 0) return undefined;
    const next = Math.min(delayAfter(schedule, n), left);
    onWait?.(next);
    await sleep(next);
  }
}
