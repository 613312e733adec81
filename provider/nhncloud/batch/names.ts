import { TIMING } from "../../common/timing";
import { WaveCollector } from "../../common/waves";
import { type NhnClient, perClient } from "../api/client";
import { listerFor, MAX_VALUES, type NameAnswer, type NameKey, nameKey } from "./lister";

interface Waiter {
  key: NameKey;
  resolve(answer: NameAnswer): void;
  reject(error: unknown): void;
}

/**
 * Look-ups by name that arrive together (the engine creates many loggers at once, each first looking for
 * its name) share one list call where the lister can prove the answer complete; see LoggerLister.byNames.
 */
export class NameLookup {
  // Two places stay free for the canaries. Creates of one wave reach the provider over some milliseconds
  // (each is its own gRPC call): the first wave, whose size is unknown, is gathered for a little longer.
  private readonly waves = new WaveCollector<Waiter>((batch) => this.flush(batch), {
    max: MAX_VALUES - 2,
    ...TIMING.nameWave,
  });

  constructor(private readonly client: NhnClient) {}

  /** Every logger named `name` on `resourceId` in this region, and whether that is proven to be all. */
  named(key: NameKey): Promise<NameAnswer> {
    return new Promise((resolve, reject) => this.waves.add(nameKey(key), { key, resolve, reject }));
  }

  private flush(batch: Map<string, Waiter[]>): Promise<void> {
    const keys = [...batch.values()].map((waiters) => waiters[0].key);
    const operation =
      keys.length === 1 ? `look up loggers named "${keys[0].name}"` : "look up loggers by name";
    return listerFor(this.client)
      .byNames(keys, operation)
      .then(
        (answers) => {
          for (const [key, waiters] of batch) {
            const answer = answers.get(key) as NameAnswer;
            for (const waiter of waiters) waiter.resolve({ ...answer, loggers: [...answer.loggers] });
          }
        },
        (error: unknown) => {
          for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
        },
      );
  }
}

export const nameLookupFor: (client: NhnClient) => NameLookup = perClient((client) => new NameLookup(client));
