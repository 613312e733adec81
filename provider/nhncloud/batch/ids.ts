import { TIMING } from "../../common/timing";
import { WaveCollector } from "../../common/waves";
import { assertUuid, type NhnClient, perClient } from "../api/client";
import type { ApiLogger } from "../api/model";
import { listerFor, MAX_VALUES } from "./lister";

interface Waiter {
  resolve(logger: ApiLogger | undefined): void;
  reject(error: unknown): void;
}

/** What became of one id: its logger, undefined once the API said there is none, or the error of asking. */
export type Outcome = { logger?: ApiLogger; error?: unknown };

/**
 * The loggers with these ids, each answered through `answer`: from the lister's list calls, and for an id
 * those did not show, a list of that id alone, which the API answers the same under every reading: only
 * that proves a logger gone. `confirm` limits those (the watcher spends them only on loggers due now; one
 * not shown and not due is left for its own time). A failed list call fails every id.
 */
export async function fetchLoggers(
  client: NhnClient,
  ids: readonly string[],
  purpose: "refresh" | "poll",
  answer: (id: string, outcome: Outcome) => void,
  confirm: (id: string) => boolean = () => true,
): Promise<void> {
  if (ids.length === 1) {
    // The list of that one id is both the look and the proof: asked once.
    answer(ids[0], { logger: await client.findLogger(ids[0]) });
    return;
  }
  const found = await listerFor(client).byIds(ids, purpose);
  for (const [id, logger] of found) answer(id, { logger });
  await Promise.all(
    ids
      .filter((id) => !found.has(id) && confirm(id))
      .map((id) =>
        client.findLogger(id).then(
          (logger) => answer(id, { logger }),
          (error: unknown) => answer(id, { error }),
        ),
      ),
  );
}

/**
 * Answers reads that arrive together (the engine refreshes many resources at once) with a number of calls
 * that does not depend on how the API reads repeated filters (see LoggerLister): O(1) list calls per wave,
 * plus one per logger that is really gone.
 */
export class LoggerReader {
  // A read may wait for the batch ahead of it to be answered.
  private readonly waves = new WaveCollector<Waiter>((batch) => this.flush(batch), {
    max: MAX_VALUES,
    holdWhileAnswering: true,
    ...TIMING.readWave,
  });

  constructor(private readonly client: NhnClient) {}

  /** The logger, or undefined when the API says there is none with this id. */
  get(id: string): Promise<ApiLogger | undefined> {
    // Not an id the API can have: refused before any request, with the reason.
    assertUuid(id, "logger id");
    return new Promise((resolve, reject) => this.waves.add(id, { resolve, reject }));
  }

  private flush(batch: Map<string, Waiter[]>): Promise<void> {
    const answer = (id: string, outcome: Outcome) => {
      for (const waiter of batch.get(id) ?? []) {
        if (outcome.error === undefined) waiter.resolve(outcome.logger);
        else waiter.reject(outcome.error);
      }
    };
    return fetchLoggers(this.client, [...batch.keys()], "refresh", answer).catch((error: unknown) => {
      for (const id of batch.keys()) answer(id, { error });
    });
  }
}

export const readerFor: (client: NhnClient) => LoggerReader = perClient((client) => new LoggerReader(client));
