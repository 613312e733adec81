import { ErrorCodes, isFlowLogError } from "../../common/errors";
import { ResponseTooLarge } from "../../common/http";
import { TIMING } from "../../common/timing";
import { type NhnClient, perClient, type WriteEvent } from "../api/client";
import { PAGE_LIMIT } from "../api/listing";
import type { ApiLogger } from "../api/model";

/**
 * What a repeated list filter (`?id=a&id=b`) does in this API: the document lists each filter as a single
 * value, and Neutron-style APIs differ (OR, AND, first or last value wins, refused, ignored). "exact": an
 * answer held every value asked for and nothing else, so repeats are OR-ed. "unreliable": anything else.
 */
export type FilterReading = "unknown" | "exact" | "unreliable";
type Param = "id" | "name";

/** Values per filtered list call: keeps the query string well under common URL limits. */
export const MAX_VALUES = 50;
/**
 * An unfiltered list is read, as evidence of what exists, up to this many loggers per logger looked for,
 * or FIRST_LOOK loggers (about 440 KB), whichever is more; never to decide that one is absent.
 */
export const UNFILTERED_FACTOR = 4;
export const FIRST_LOOK = 500;
/** Loggers an unfiltered list reads when all it is for is two canaries (below). */
const CANARY_LOOK = 16;
const CANARIES_KEPT = 64;

/** Every logger named `name` on `resourceId`, and whether the answer proves there is no other. */
export interface NameAnswer {
  loggers: ApiLogger[];
  /** True when the answer was proven complete (see api/listing.ts); absence is concluded only then. */
  complete: boolean;
}

/** A (name, resource) pair looked up before a create. */
export interface NameKey {
  name: string;
  resourceId: string;
}

export const nameKey = ({ name, resourceId }: NameKey): string => `${name}\u0000${resourceId}`;

const onResource = (loggers: readonly ApiLogger[], { name, resourceId }: NameKey) =>
  loggers.filter((logger) => logger.name === name && logger.resource_id === resourceId);

/**
 * Lists loggers for many ids or names in as few calls as the API's reading of repeated filters allows, and
 * correct under every reading. One per client (region and credentials), so what it learns is shared.
 * - `byIds` finds: what it returns exists. An id it does not return is not concluded gone; the caller asks
 *   for that id alone (api/client.ts `findLogger`), which the API answers the same under every reading.
 * - `byNames` proves: each answer says whether it is complete, and only a complete one shows absence.
 * Its caches follow this client's writes (`onWrite`): no caller keeps them true by hand.
 */
export class LoggerLister {
  private readonly readings = new Map<Param, FilterReading>();
  /** Loggers seen to exist (name → id), newest last: their names prove a repeated name filter is OR-ed. */
  private readonly seen = new Map<string, string>();
  /**
   * The last unfiltered list, and the ids it has answered. A refresh reads each resource once, in waves as
   * large as the engine's parallelism; its later waves are answered from the first one's list where it shows
   * them, for TIMING.snapshotMs. It answers each id once (an id asked again is a new refresh), and any write
   * by this process drops it.
   */
  private snapshot?: { at: number; loggers: Map<string, ApiLogger>; answered: Set<string> };
  /** The tenant's size in this region, when an unfiltered list was read whole. */
  private tenantSize?: number;
  /** Loggers an unfiltered list showed when it was not read whole: the tenant has at least as many. */
  private tenantAtLeast = 0;
  /** An unfiltered list could not be read (too large for one body with `limit` ignored): not tried again. */
  private unfilteredUnusable = false;

  constructor(
    private readonly client: NhnClient,
    private readonly now: () => number = Date.now,
  ) {
    client.onWrite((event) => this.written(event));
  }

  reading(param: Param): FilterReading {
    return this.readings.get(param) ?? "unknown";
  }

  /** The loggers among `ids` that the fewest list calls show. `refresh`: a later wave may reuse the list. */
  async byIds(ids: readonly string[], purpose: "refresh" | "poll"): Promise<Map<string, ApiLogger>> {
    const found = new Map<string, ApiLogger>();
    const missing = () => ids.filter((id) => !found.has(id));
    if (ids.length === 1) {
      const logger = await this.client.findLogger(ids[0]);
      if (logger) found.set(logger.id, logger);
      return found;
    }
    if (purpose === "refresh") this.fromSnapshot(ids, found);
    for (let at = 0; missing().length > 1 && this.reading("id") !== "unreliable" && at < ids.length; ) {
      const chunk = missing().slice(0, MAX_VALUES);
      at += chunk.length;
      const listed = await this.filtered("id", chunk);
      if (!listed) break;
      const before = found.size;
      for (const logger of listed) if (chunk.includes(logger.id)) found.set(logger.id, logger);
      // Loggers we did not ask for: the filter was ignored. What it shows still exists.
      if (listed.some((logger) => !chunk.includes(logger.id))) {
        this.learn("id", "unreliable");
        for (const logger of listed) if (ids.includes(logger.id)) found.set(logger.id, logger);
      } else if (found.size - before >= 2) this.learn("id", "exact");
    }
    const left = missing();
    if (left.length > 0 && this.reading("id") !== "exact" && this.unfilteredWorth(left.length, purpose)) {
      for (const logger of await this.unfiltered(left.length, ids))
        if (ids.includes(logger.id)) found.set(logger.id, logger);
    }
    this.remember([...found.values()]);
    return found;
  }

  /** For each (name, resource): every logger there, and whether that is proven to be all of them. */
  async byNames(keys: readonly NameKey[], operation: string): Promise<Map<string, NameAnswer>> {
    const answers = new Map<string, NameAnswer>();
    const names = [...new Set(keys.map((key) => key.name))];
    if (names.length >= 2) {
      const batch = await this.namesWithCanaries(names, operation);
      if (batch)
        for (const key of keys)
          answers.set(nameKey(key), { loggers: onResource(batch.loggers, key), complete: batch.complete });
    }
    const rest = keys.filter((key) => !answers.has(nameKey(key)));
    const singles = await Promise.all(rest.map((key) => this.single(key, operation)));
    rest.forEach((key, i) => {
      answers.set(nameKey(key), singles[i]);
    });
    return answers;
  }

  /**
   * One list filtered by every name plus two loggers known to exist, one first and one last: only when both
   * come back are repeats OR-ed for this very call ("first", "last" and "and" each lose one). Undefined
   * when it cannot be used; `complete` only when the listing proves it (a cap may cut an OR-ed answer too).
   * A tenant proven empty (an unfiltered answer of nothing cannot be partial) holds none of the names.
   */
  private async namesWithCanaries(names: string[], operation: string): Promise<NameAnswer | undefined> {
    if (this.reading("name") === "unreliable" || names.length + 2 > MAX_VALUES) return undefined;
    let canaries = this.canaries(names);
    if (canaries.length < 2 && !this.unfilteredUnusable) {
      const look = await this.unfilteredList(CANARY_LOOK, `${operation} (two loggers known to exist)`);
      if (look?.length === 0) return { loggers: [], complete: true };
      canaries = this.canaries(names);
    }
    if (canaries.length < 2) return undefined;
    const asked = [canaries[0], ...names, canaries[1]];
    const listing = await this.filteredListing("name", asked, operation);
    if (!listing) return undefined;
    const shown = new Set(listing.items.map((logger) => logger.name));
    this.remember(listing.items);
    if (!canaries.every((canary) => shown.has(canary))) {
      // A canary deleted meanwhile, or repeats not OR-ed ("first", "last", "and"): either way this call
      // proves nothing, and the next look-ups ask one name at a time (a wrong guess costs calls, not truth).
      for (const canary of canaries) if (!shown.has(canary)) this.seen.delete(canary);
      this.learn("name", "unreliable");
      return undefined;
    }
    if (listing.items.some((logger) => !asked.includes(logger.name))) {
      this.learn("name", "unreliable");
      return undefined;
    }
    this.learn("name", "exact");
    return listing.complete ? { loggers: listing.items, complete: true } : undefined;
  }

  /**
   * One name on one resource: single-valued filters mean the same under every reading. An answer of a few
   * loggers that paging could not prove whole (the API ignores or refuses `marker`) is proven by a page
   * larger than it seen anywhere (a cap is at least that): one small unfiltered list shows one, if the
   * tenant has that many.
   */
  private async single(key: NameKey, operation: string): Promise<NameAnswer> {
    const query = { name: key.name, resource_id: key.resourceId };
    // Asked with a limit, like the look below: a default page size (no limit) may be smaller than limits.
    const listing = await this.client.listLoggers(query, { operation, maxItems: PAGE_LIMIT });
    this.remember(listing.items);
    let complete = listing.complete;
    const size = listing.items.length;
    if (!complete && size < CANARY_LOOK && !this.unfilteredUnusable) {
      await this.unfilteredList(CANARY_LOOK, `${operation} (how many loggers one answer can hold)`);
      complete = this.client.loggerListing.floorNow > size;
    }
    return { loggers: onResource(listing.items, key), complete };
  }

  /** Two loggers seen to exist, other than `names`, newest last. */
  private canaries(names: readonly string[]): string[] {
    return [...this.seen.keys()].filter((name) => !names.includes(name)).slice(-2);
  }

  /**
   * A list filtered by repeated values; undefined when the API refuses repeats (400) or answers with more
   * than one body can hold (the filter ignored in a large tenant). Ids are unique: an answer with more
   * loggers than ids asked shows the filter ignored, and is not read further. Names need not be: their
   * answer is read up to FIRST_LOOK loggers, and proven complete.
   */
  private async filteredListing(param: Param, values: string[], operation?: string) {
    const maxItems = param === "id" ? values.length + 1 : FIRST_LOOK;
    try {
      return await this.client.listLoggers(
        { [param]: values },
        { operation, prove: param === "name", maxItems },
      );
    } catch (error) {
      const refused = isFlowLogError(error) && error.status === 400;
      if (!refused && !isFlowLogError(error, ErrorCodes.response)) throw error;
      this.learn(param, "unreliable");
      return undefined;
    }
  }

  private async filtered(param: Param, values: string[]): Promise<ApiLogger[] | undefined> {
    return (await this.filteredListing(param, values))?.items;
  }

  /** The part of the snapshot that answers `ids`, if they are the later waves of the refresh it was read for. */
  private fromSnapshot(ids: readonly string[], found: Map<string, ApiLogger>): void {
    const snapshot = this.snapshot;
    if (!snapshot) return;
    if (this.now() - snapshot.at > TIMING.snapshotMs || ids.some((id) => snapshot.answered.has(id))) {
      this.snapshot = undefined;
      return;
    }
    for (const id of ids) {
      snapshot.answered.add(id);
      const logger = snapshot.loggers.get(id);
      if (logger) found.set(id, logger);
    }
  }

  /** Whether an unfiltered list may be worth its bytes for `count` loggers. */
  private unfilteredWorth(count: number, purpose: "refresh" | "poll"): boolean {
    if (this.unfilteredUnusable) return false;
    const budget = this.budget(count);
    if (this.tenantSize !== undefined)
      return this.tenantSize <= (purpose === "refresh" ? budget : UNFILTERED_FACTOR * count);
    return this.tenantAtLeast <= budget;
  }

  private budget(count: number): number {
    return Math.max(UNFILTERED_FACTOR * count, FIRST_LOOK);
  }

  /** An unfiltered list read for `count` loggers, kept as the snapshot that answers `ids` now. */
  private async unfiltered(count: number, ids: readonly string[]): Promise<ApiLogger[]> {
    // Worth it only in fewer calls than asking for the loggers one by one would take.
    const loggers = await this.unfilteredList(
      this.budget(count),
      "list flow log loggers (a filtered list was not enough)",
      Math.max(2, Math.ceil(count / 4)),
    );
    if (loggers === undefined) return [];
    this.snapshot = {
      at: this.now(),
      loggers: new Map(loggers.map((logger) => [logger.id, logger])),
      answered: new Set(ids),
    };
    return loggers;
  }

  /**
   * Up to `maxItems` loggers of the tenant, in at most `maxCalls` requests, as evidence of what exists;
   * undefined when it cannot be read.
   */
  private async unfilteredList(
    maxItems: number,
    operation: string,
    maxCalls = 2,
  ): Promise<ApiLogger[] | undefined> {
    try {
      const listing = await this.client.listLoggers({}, { maxItems, maxCalls, prove: false, operation });
      // Cut at what this look could afford: more exist than it will ever be worth reading like this.
      const cut = listing.items.length >= maxItems;
      if (listing.complete) this.tenantSize = listing.items.length;
      else this.tenantAtLeast = Math.max(this.tenantAtLeast, cut ? maxItems + 1 : listing.items.length);
      this.remember(listing.items.slice(-CANARIES_KEPT));
      return listing.items;
    } catch (error) {
      // Too large to read in one body (the API ignores `limit`): the tenant is large; never again.
      if (!(error instanceof ResponseTooLarge)) throw error;
      this.unfilteredUnusable = true;
      return undefined;
    }
  }

  /** Notes loggers that exist, as canaries for later name lookups. */
  private remember(loggers: readonly ApiLogger[]): void {
    for (const logger of loggers) {
      this.client.clock.seen(logger.created_at);
      this.seen.delete(logger.name);
      this.seen.set(logger.name, logger.id);
    }
    for (const name of this.seen.keys()) {
      if (this.seen.size <= CANARIES_KEPT) break;
      this.seen.delete(name);
    }
  }

  private forget(id: string): void {
    for (const [name, known] of this.seen) if (known === id) this.seen.delete(name);
  }

  /** This client changed the tenant: what was read before is out of date. */
  private written(event: WriteEvent): void {
    this.snapshot = undefined;
    if (event.kind === "deleted") {
      if (this.tenantSize !== undefined && this.tenantSize > 0) this.tenantSize--;
      this.forget(event.id);
      return;
    }
    if (event.kind === "created" && this.tenantSize !== undefined) this.tenantSize++;
    this.forget(event.logger.id);
    this.remember([event.logger]);
  }

  private learn(param: Param, reading: FilterReading): void {
    if (this.reading(param) !== "unreliable") this.readings.set(param, reading);
  }
}

export const listerFor: (client: NhnClient) => LoggerLister = perClient((client) => new LoggerLister(client));
