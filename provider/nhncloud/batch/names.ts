import { WaveCollector } from "../../common/waves";
import { type NhnClient, perClient } from "../api/client";
import type { ApiLogger } from "../api/model";
import { listerFor, MAX_VALUES } from "./lister";

interface Waiter {
  resolve(loggers: ApiLogger[]): void;
  reject(error: unknown): void;
}

/**
 * Look-ups by name that arrive together (the engine creates many loggers at once, each first looking for
 * its name) share one list call when the lister can prove the answer complete; see LoggerLister.byNames.
 */
export class NameLookup {
  // Two places stay free for the canaries. Creates of one wave reach the provider over some milliseconds
  // (each is its own gRPC call): the first wave, whose size is unknown, is gathered for a little longer.
  private readonly waves = new WaveCollector<Waiter>((batch) => this.flush(batch), {
    max: MAX_VALUES - 2,
    quietMs: 25,
  });

  constructor(private readonly client: NhnClient) {}

  /** Every logger named `name` in this region, on any resource. */
  named(name: string): Promise<ApiLogger[]> {
    return new Promise((resolve, reject) => this.waves.add(name, { resolve, reject }));
  }

  private flush(batch: Map<string, Waiter[]>): Promise<void> {
    const names = [...batch.keys()];
    const operation = names.length === 1 ? `look up loggers named "${names[0]}"` : "look up loggers by name";
    return listerFor(this.client)
      .byNames(names, operation)
      .then(
        (found) => {
          for (const [name, waiters] of batch)
            for (const waiter of waiters) waiter.resolve([...(found.get(name) ?? [])]);
        },
        (error: unknown) => {
          for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
        },
      );
  }
}

export const nameLookupFor: (client: NhnClient) => NameLookup = perClient((client) => new NameLookup(client));
