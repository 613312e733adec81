import { UUID_PATTERN } from "../common/check";
import { isFlowLogError } from "../common/errors";
import type { ApiLogger } from "./api";
import type { NhnClient } from "./client";

/** Ids per filtered list call: keeps the query string well under common URL limits. */
const MAX_BATCH = 50;

/**
 * What this process has learnt about how the API combines a repeated filter (`?id=a&id=b`); the document
 * lists `id` as a single value. "exact": the answer held every id asked for and nothing else (OR). Anything
 * else ("and", "first", "last", a refusal, or a filter ignored so that the whole tenant comes back) is
 * "unreliable", and a list without the filter answers instead.
 */
export type FilterReading = "unknown" | "exact" | "unreliable";

interface Waiter {
  resolve(logger: ApiLogger | undefined): void;
  reject(error: unknown): void;
}

/**
 * Answers reads that arrive together (the engine refreshes many resources at once) in a number of calls that
 * does not depend on how the API reads repeated filters: one list filtered by id; when that answer comes back
 * incomplete, one list without the filter; and a GET only for an id neither list holds, to confirm that the
 * logger is really gone. What the first answers teach is kept, so later waves skip the filtered list when the
 * API does not honour it.
 */
export class LoggerReader {
  reading: FilterReading = "unknown";
  private pending = new Map<string, Waiter[]>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly client: NhnClient,
    private readonly windowMs = 10,
  ) {}

  get(id: string): Promise<ApiLogger | undefined> {
    // Not an id the API can have: the GET refuses it before any request, with the reason.
    if (!UUID_PATTERN.test(id)) return this.client.getLogger(id);
    return new Promise((resolve, reject) => {
      const waiters = this.pending.get(id) ?? [];
      waiters.push({ resolve, reject });
      this.pending.set(id, waiters);
      if (this.pending.size >= MAX_BATCH) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Map();
    const settle = (id: string, outcome: { logger?: ApiLogger; error?: unknown }) => {
      for (const waiter of batch.get(id) ?? []) {
        if (outcome.error === undefined) waiter.resolve(outcome.logger);
        else waiter.reject(outcome.error);
      }
    };
    this.fetch([...batch.keys()], settle).catch((error: unknown) => {
      for (const id of batch.keys()) settle(id, { error });
    });
  }

  /**
   * Answers each id through `settle`: its logger, undefined once a GET confirmed it gone, or the error of
   * that GET. A failed list rejects the whole call.
   */
  async fetch(ids: string[], settle: (id: string, outcome: { logger?: ApiLogger; error?: unknown }) => void) {
    const found = await this.listed(ids);
    for (const [id, logger] of found) settle(id, { logger });
    await Promise.all(
      ids
        .filter((id) => !found.has(id))
        .map((id) =>
          this.client.getLogger(id).then(
            (logger) => settle(id, { logger }),
            (error: unknown) => settle(id, { error }),
          ),
        ),
    );
  }

  /** What one or two list calls say about these ids (none for a single id: its GET is as cheap). */
  private async listed(ids: string[]): Promise<Map<string, ApiLogger>> {
    const found = new Map<string, ApiLogger>();
    if (ids.length < 2) return found;
    const wanted = new Set(ids);
    const take = (loggers: ApiLogger[]) => {
      for (const logger of loggers) if (wanted.has(logger.id)) found.set(logger.id, logger);
    };
    let complete = false;
    if (this.reading !== "unreliable") {
      const listed = await this.client.listLoggers({ id: ids }).catch((error: unknown) => {
        // A refused repeated filter (400) teaches; anything else is a real failure.
        if (isFlowLogError(error) && error.status === 400) return undefined;
        throw error;
      });
      if (listed === undefined) this.reading = "unreliable";
      else {
        take(listed);
        const extra = listed.some((logger) => !wanted.has(logger.id));
        if (extra) this.reading = "unreliable";
        // Two ids and nothing else came back: repeats are OR-ed ("and", "first", "last" cannot do that).
        else if (found.size >= 2) this.reading = "exact";
        // An answer with loggers we did not ask for is the unfiltered list: complete as it is.
        complete = extra || found.size === wanted.size || this.reading === "exact";
      }
    }
    if (!complete) {
      const before = found.size;
      take(await this.client.listLoggers({}, "list flow log loggers (the filtered list was incomplete)"));
      if (found.size > before) this.reading = "unreliable";
    }
    return found;
  }
}

const readers = new WeakMap<NhnClient, LoggerReader>();

export function readerFor(client: NhnClient): LoggerReader {
  let reader = readers.get(client);
  if (!reader) {
    reader = new LoggerReader(client);
    readers.set(client, reader);
  }
  return reader;
}
