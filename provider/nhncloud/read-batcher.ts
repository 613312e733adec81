import { UUID_PATTERN } from "../common/check";
import type { ApiLogger } from "./api";
import type { NhnClient } from "./client";

/** Ids per list call: keeps the query string well under common URL limits. */
const MAX_BATCH = 50;

interface Waiter {
  resolve(logger: ApiLogger | undefined): void;
  reject(error: unknown): void;
}

/**
 * Answers reads that arrive together (the engine refreshes many resources at once) from one list call
 * filtered by id, then a GET only for ids the list did not contain, so a deletion is still confirmed.
 * If the API ignores repeated `id` filters the answer is the same, just larger.
 */
export class LoggerReader {
  private pending = new Map<string, Waiter[]>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly client: NhnClient,
    private readonly windowMs = 10,
  ) {}

  get(id: string): Promise<ApiLogger | undefined> {
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
    this.answer(batch).catch((error: unknown) => {
      for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
    });
  }

  private async answer(batch: Map<string, Waiter[]>): Promise<void> {
    const ids = [...batch.keys()];
    const listable = ids.filter((id) => UUID_PATTERN.test(id));
    // The list is an optimisation: if it fails (say the API refuses repeated ids), each id gets its own GET.
    const listed =
      listable.length < 2 ? [] : await this.client.listLoggers({ id: listable }).catch((): ApiLogger[] => []);
    const found = new Map(
      listed.filter((logger) => batch.has(logger.id)).map((logger) => [logger.id, logger]),
    );
    await Promise.all(
      ids.map(async (id) => {
        const waiters = batch.get(id) ?? [];
        try {
          const logger = found.get(id) ?? (await this.client.getLogger(id));
          for (const waiter of waiters) waiter.resolve(logger);
        } catch (error) {
          for (const waiter of waiters) waiter.reject(error);
        }
      }),
    );
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
