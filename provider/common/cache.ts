import { createHash } from "node:crypto";

/**
 * One value per distinct `parts` for the life of the process (a client, a token source). The key is a
 * hash, so a map keyed by credentials never holds them in clear.
 */
export function perProcess<T>(cache: Map<string, T>, parts: unknown, make: () => T): T {
  const key = createHash("sha256").update(JSON.stringify(parts)).digest("hex");
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}
