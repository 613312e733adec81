import { isFlowLogError } from "../../common/errors";
import { type NhnClient, perClient } from "../api/client";
import type { ApiLogger } from "../api/model";

/**
 * What a repeated list filter (`?id=a&id=b`) does in this API: the document lists each filter as a single
 * value, and Neutron-style APIs differ (OR, AND, first or last value wins, refused, ignored). "exact": an
 * answer held every value asked for and nothing else, so repeats are OR-ed. "unreliable": anything else.
 */
export type FilterReading = "unknown" | "exact" | "unreliable";
type Param = "id" | "name";

/**
 * An unfiltered list answers instead of a filtered one only when it holds at most this many loggers per
 * logger it answers for: calls drop to one, bytes stay within a small multiple of per-logger requests.
 */
export const UNFILTERED_FACTOR = 4;
/** Values per filtered list call: keeps the query string well under common URL limits. */
export const MAX_VALUES = 50;
const CANARIES_KEPT = 64;
/**
 * How long a whole-tenant list may answer the refresh reads that follow it. A refresh reads each resource
 * once, in waves as large as the engine's parallelism; under a reading that makes each wave cost an
 * unfiltered list, the later waves of the same refresh are answered from the first one's list instead. A
 * list answers each id once: an id asked again is a new refresh (or a re-read), which gets a fresh list.
 * Any write by this process drops it too.
 */
export const SNAPSHOT_MS = 5000;

/**
 * Lists loggers for many ids or names in as few calls as the API's reading of repeated filters allows, and
 * correct under every reading: an answer is used only when it is provably complete, else an unfiltered list
 * or single-valued lookups answer. One per client (region and credentials), so what it learns is shared.
 */
export class LoggerLister {
  private readonly readings = new Map<Param, FilterReading>();
  /** Loggers in the last unfiltered list: the tenant's size in this region. */
  tenantSize?: number;
  /** Loggers seen to exist (name → id), newest last: their names prove a repeated name filter is OR-ed. */
  private readonly seen = new Map<string, string>();
  /** The last whole-tenant list, and the ids it has answered (see SNAPSHOT_MS). */
  private snapshot?: { at: number; loggers: Map<string, ApiLogger>; answered: Set<string> };

  constructor(private readonly client: NhnClient) {}

  reading(param: Param): FilterReading {
    return this.readings.get(param) ?? "unknown";
  }

  /** Notes loggers that exist, as canaries for later name lookups. */
  remember(loggers: readonly ApiLogger[]): void {
    for (const logger of loggers) {
      this.seen.delete(logger.name);
      this.seen.set(logger.name, logger.id);
    }
    for (const name of this.seen.keys()) {
      if (this.seen.size <= CANARIES_KEPT) break;
      this.seen.delete(name);
    }
  }

  /** Forgets a logger that is gone (a canary must exist). */
  forget(id: string): void {
    for (const [name, known] of this.seen) if (known === id) this.seen.delete(name);
  }

  /** This process made a logger: one more in the tenant, and a canary. */
  created(logger: ApiLogger): void {
    if (this.tenantSize !== undefined) this.tenantSize++;
    this.remember([logger]);
    this.changed();
  }

  /** This process deleted a logger. */
  deleted(id: string): void {
    if (this.tenantSize !== undefined && this.tenantSize > 0) this.tenantSize--;
    this.forget(id);
    this.changed();
  }

  /** This process changed a logger: a whole-tenant list taken before is out of date. */
  changed(): void {
    this.snapshot = undefined;
  }

  /**
   * The loggers among `ids` that one or two list calls show (one for a single id). An id missing from the answer may still exist
   * (an unfiltered list was too costly): the caller GETs it, which also confirms a deletion. With
   * `unfiltered: "always"` (refresh), an incomplete filtered answer is always completed by one unfiltered list.
   */
  async byIds(ids: readonly string[], unfiltered: "always" | "when-cheap"): Promise<Map<string, ApiLogger>> {
    const found = new Map<string, ApiLogger>();
    if (ids.length === 1) {
      // One value: the same under every reading of repeated filters, and no GET for a logger that exists.
      for (const logger of await this.client.listLoggers({ id: ids[0] }))
        if (logger.id === ids[0]) found.set(ids[0], logger);
      return found;
    }
    const wanted = new Set(ids);
    const snapshot = this.snapshot;
    if (unfiltered === "always" && snapshot && Date.now() - snapshot.at <= SNAPSHOT_MS) {
      if (ids.every((id) => !snapshot.answered.has(id))) {
        for (const id of ids) {
          snapshot.answered.add(id);
          const logger = snapshot.loggers.get(id);
          if (logger) found.set(id, logger);
        }
        return found;
      }
      this.snapshot = undefined;
    }
    const take = (loggers: ApiLogger[]) => {
      for (const logger of loggers) if (wanted.has(logger.id)) found.set(logger.id, logger);
    };
    let complete = false;
    for (let at = 0; at < ids.length && this.reading("id") !== "unreliable"; at += MAX_VALUES) {
      const chunk = ids.slice(at, at + MAX_VALUES);
      const listed = await this.filtered("id", chunk);
      if (!listed) break;
      const before = found.size;
      take(listed);
      // Loggers we did not ask for: the filter was ignored and this is the whole tenant, complete as it is.
      if (listed.some((logger) => !chunk.includes(logger.id))) {
        this.learn("id", "unreliable", listed.length);
        this.keep(listed, ids);
        complete = true;
        break;
      }
      if (found.size - before >= 2) this.learn("id", "exact");
    }
    complete ||= found.size === wanted.size || this.reading("id") === "exact";
    this.remember([...found.values()]);
    if (!complete && (unfiltered === "always" || this.cheap(wanted.size - found.size))) {
      const before = found.size;
      take(await this.all("the filtered list was incomplete", ids));
      if (found.size > before) this.learn("id", "unreliable");
    }
    for (const id of ids) if (!found.has(id)) this.forget(id);
    return found;
  }

  /** Every logger named as asked, for each name (complete: an empty list means none has that name). */
  async byNames(names: readonly string[], operation: string): Promise<Map<string, ApiLogger[]>> {
    const unique = [...new Set(names)];
    const result = new Map(unique.map((name) => [name, [] as ApiLogger[]]));
    const group = (loggers: ApiLogger[]) => {
      for (const logger of loggers) result.get(logger.name)?.push(logger);
      this.remember(loggers);
      return result;
    };
    if (unique.length === 1) return group(await this.single(unique[0], operation));
    const listed = await this.namesWithCanaries(unique);
    if (listed) return group(listed);
    if (this.cheap(unique.length, unique.length >= 3)) return group(await this.all(operation));
    return group((await Promise.all(unique.map((name) => this.single(name, operation)))).flat());
  }

  /**
   * A list filtered by every name plus two loggers known to exist, one first and one last: only when both
   * come back are repeats OR-ed for this very call ("first", "last" and "and" each lose one), so the answer
   * is complete. Undefined when it cannot be used.
   */
  private async namesWithCanaries(names: string[]): Promise<ApiLogger[] | undefined> {
    if (this.reading("name") === "unreliable" || names.length + 2 > MAX_VALUES) return undefined;
    const canaries = [...this.seen.keys()].filter((name) => !names.includes(name)).slice(-2);
    if (canaries.length < 2) return undefined;
    const asked = [canaries[0], ...names, canaries[1]];
    const listed = await this.filtered("name", asked);
    if (!listed) return undefined;
    const shown = new Set(listed.map((logger) => logger.name));
    for (const canary of canaries) if (!shown.has(canary)) this.seen.delete(canary);
    if (!canaries.every((canary) => shown.has(canary))) return undefined;
    const extra = listed.some((logger) => !asked.includes(logger.name));
    this.learn("name", extra ? "unreliable" : "exact", extra ? listed.length : undefined);
    return listed;
  }

  /** One name: a single-valued filter means the same under every reading; checked here too. */
  private async single(name: string, operation: string): Promise<ApiLogger[]> {
    return (await this.client.listLoggers({ name }, operation)).filter((logger) => logger.name === name);
  }

  /** A list filtered by repeated values; undefined when the API refuses repeats (400). */
  private async filtered(param: Param, values: string[]): Promise<ApiLogger[] | undefined> {
    try {
      return await this.client.listLoggers({ [param]: values });
    } catch (error) {
      if (!isFlowLogError(error) || error.status !== 400) throw error;
      this.learn(param, "unreliable");
      return undefined;
    }
  }

  /** Keeps a whole-tenant list that has just answered `ids`. */
  private keep(tenant: ApiLogger[], ids: readonly string[] = []): void {
    const loggers = new Map(tenant.map((logger) => [logger.id, logger]));
    this.snapshot = { at: Date.now(), loggers, answered: new Set(ids) };
  }

  /** The whole tenant, in one unfiltered list; `ids`: those it answers now. */
  private async all(why: string, ids: readonly string[] = []): Promise<ApiLogger[]> {
    const listed = await this.client.listLoggers({}, `list flow log loggers (${why})`);
    this.tenantSize = listed.length;
    this.keep(listed, ids);
    this.remember(listed.slice(-CANARIES_KEPT));
    return listed;
  }

  /** Whether an unfiltered list is worth it for `count` loggers; `whenUnknown` before the tenant's size is known. */
  private cheap(count: number, whenUnknown = true): boolean {
    return this.tenantSize === undefined ? whenUnknown : this.tenantSize <= UNFILTERED_FACTOR * count;
  }

  private learn(param: Param, reading: FilterReading, tenantSize?: number): void {
    if (this.reading(param) !== "unreliable") this.readings.set(param, reading);
    if (tenantSize !== undefined) this.tenantSize = tenantSize;
  }
}

export const listerFor: (client: NhnClient) => LoggerLister = perClient((client) => new LoggerLister(client));
