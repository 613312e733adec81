import { UUID_PATTERN } from "../../common/check";
import { WaveCollector } from "../../common/waves";
import { type NhnClient, perClient } from "../api/client";
import type { ApiLogger } from "../api/model";
import { listerFor, MAX_VALUES } from "./lister";

interface Waiter {
  resolve(logger: ApiLogger | undefined): void;
  reject(error: unknown): void;
}

/** What became of one id: its logger, undefined once a GET confirmed it gone, or the error of that GET. */
export type Outcome = { logger?: ApiLogger; error?: unknown };

/**
 * The loggers with these ids, each answered through `settle`: from the lister's one or two list calls, and a
 * GET only for an id those did not show, which confirms that the logger is really gone. `confirm` limits the
 * GETs (the watcher spends them only on loggers due now; one not shown and not due is left for its own
 * time). A failed list call fails every id.
 */
export async function fetchLoggers(
  client: NhnClient,
  ids: readonly string[],
  unfiltered: "always" | "when-cheap",
  settle: (id: string, outcome: Outcome) => void,
  confirm: (id: string) => boolean = () => true,
): Promise<void> {
  const found = await listerFor(client).byIds(ids, unfiltered);
  for (const [id, logger] of found) settle(id, { logger });
  await Promise.all(
    ids
      .filter((id) => !found.has(id) && confirm(id))
      .map((id) =>
        client.getLogger(id).then(
          (logger) => settle(id, { logger }),
          (error: unknown) => settle(id, { error }),
        ),
      ),
  );
}

/**
 * Answers reads that arrive together (the engine refreshes many resources at once) with a number of calls
 * that does not depend on how the API reads repeated filters (see LoggerLister): O(1) list calls per wave,
 * plus a GET per logger that is really gone.
 */
export class LoggerReader {
  private readonly waves = new WaveCollector<Waiter>((batch) => this.flush(batch), {
    max: MAX_VALUES,
    holdWhileAnswering: true,
    // A read may wait for the batch ahead of it to be answered.
    maxDelayMs: 250,
  });

  constructor(private readonly client: NhnClient) {}

  get(id: string): Promise<ApiLogger | undefined> {
    // Not an id the API can have: the GET refuses it before any request, with the reason.
    if (!UUID_PATTERN.test(id)) return this.client.getLogger(id);
    return new Promise((resolve, reject) => this.waves.add(id, { resolve, reject }));
  }

  private flush(batch: Map<string, Waiter[]>): Promise<void> {
    const settle = (id: string, outcome: Outcome) => {
      for (const waiter of batch.get(id) ?? []) {
        if (outcome.error === undefined) waiter.resolve(outcome.logger);
        else waiter.reject(outcome.error);
      }
    };
    return fetchLoggers(this.client, [...batch.keys()], "always", settle).catch((error: unknown) => {
      for (const id of batch.keys()) settle(id, { error });
    });
  }
}

export const readerFor: (client: NhnClient) => LoggerReader = perClient((client) => new LoggerReader(client));
