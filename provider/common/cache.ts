import { createHash } from "node:crypto";

/**
 * Values made once per process (clients, token sources), keyed by everything that makes them differ: an
 * object such as a transport, by identity, then a hash of `parts`, so a map keyed by credentials never
 * holds them in clear. Two callers with the same settings but different transports get different values.
 */
export class PerProcess<T> {
  private readonly byScope = new WeakMap<object, Map<string, T>>();

  get(scope: object, parts: unknown, make: () => T): T {
    let cache = this.byScope.get(scope);
    if (!cache) {
      cache = new Map();
      this.byScope.set(scope, cache);
    }
    const key = createHash("sha256").update(JSON.stringify(parts)).digest("hex");
    let value = cache.get(key);
    if (value === undefined) {
      value = make();
      cache.set(key, value);
    }
    return value;
  }
}
