/**
 * Lists whose completeness is proven, never assumed. The API document says nothing of paging: an answer
 * may be one page of many (Neutron's `limit`, `marker` and `*_links`), or cut short with no sign at all (a
 * silent cap, like a default page size). So a list follows `next` links to the end, and an answer counts
 * as complete only when nothing could have been left out:
 * - it is empty (a cap cannot empty a non-empty answer), or
 * - its last page is smaller than a page already seen of the same kind, asked with a `limit` or without
 *   (a cap, if any, is at least the largest page seen; an API may cut a list asked without a limit to a
 *   default page size smaller than the limits it honours), and than the `limit` asked, or
 * - a page after its last item (`marker`) comes back empty.
 * Anything else is positive evidence only: what it shows exists; what it does not show may exist.
 */

/** Whether the API pages by `limit` and `marker`, as far as this process has seen. */
export type PagingSupport = "unknown" | "honoured" | "ignored" | "refused";

/** What one collection's list answers have shown so far, per client (region and credentials). */
export class ListingKnowledge {
  /**
   * The most items one page has held, asked with a `limit` (or a `next` link of such a page) and without:
   * a silent cap on requests of that kind, if there is one, is at least this.
   */
  capFloor: Record<PageKind, number> = { limited: 0, unlimited: 0 };
  paging: PagingSupport = "unknown";

  /** The cap floor of the requests a list sends from now on (no `limit` once paging is known refused). */
  get floorNow(): number {
    return this.capFloor[this.paging === "refused" ? "unlimited" : "limited"];
  }
}

/** Whether a page was asked for with a `limit`: the API's default page size may be smaller than limits. */
export type PageKind = "limited" | "unlimited";

/** One page to ask for: the query's first page with `limit`, the page after `marker`, or a `next` link. */
export type PageRequest = { limit?: number; marker?: string } | { href: string };

export interface Page<T> {
  items: T[];
  /** The `rel: "next"` link, when the answer has one. */
  next?: string;
}

/** Fetches one page; a 400 is thrown as a FlowLogError with `status` 400. */
export type FetchPage<T> = (request: PageRequest) => Promise<Page<T>>;

/** What a list call proves. */
export interface Listing<T> {
  /** Every item the pages showed, each once. */
  items: T[];
  /** True only when no item matching the query can be missing (see above). */
  complete: boolean;
}

export interface ListOptions {
  /** Stop after this many items (the answer is then incomplete); default all. */
  maxItems?: number;
  /** Stop after this many requests (the answer is then incomplete); default no bound. */
  maxCalls?: number;
  /**
   * Whether to spend a call proving an answer complete when nothing else does (default true). False where
   * the answer is positive evidence only (what it shows exists): the caller proves absence another way.
   */
  prove?: boolean;
}

/** Items asked per page: large enough that a filtered answer is one page, small enough to bound a body. */
export const PAGE_LIMIT = 1000;

const isBadRequest = (error: unknown) => (error as { status?: unknown } | undefined)?.status === 400;

/**
 * The first page: with `limit` when the list is read within a budget (unless the API refuses paging, learnt
 * from a 400 that goes away without it); without, the API's own page size and links apply.
 */
async function firstPage<T>(
  fetch: FetchPage<T>,
  known: ListingKnowledge,
  limit: number | undefined,
): Promise<[Page<T>, PageKind]> {
  if (limit === undefined || known.paging === "refused") return [await fetch({}), "unlimited"];
  try {
    return [await fetch({ limit }), "limited"];
  } catch (error) {
    if (!isBadRequest(error) || known.paging !== "unknown") throw error;
    // A 400 may refuse `limit`, or something else of the query: the same query without it tells which.
    const page = await fetch({});
    known.paging = "refused";
    return [page, "unlimited"];
  }
}

/**
 * Every page of one list query (see ListOptions). `known` learns the cap floor and the API's paging as it
 * goes, for every later list of the same collection.
 */
export async function listAll<T extends { id: string }>(
  fetch: FetchPage<T>,
  known: ListingKnowledge,
  options: ListOptions = {},
): Promise<Listing<T>> {
  const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
  // A limit bounds what one page may cost; a list read whole needs none (the API's pages and links apply).
  const limit = Number.isFinite(maxItems) ? Math.max(1, Math.min(PAGE_LIMIT, maxItems)) : undefined;
  const pageSize = limit ?? PAGE_LIMIT;
  const found = new Map<string, T>();
  let calls = 0;
  const maxCalls = options.maxCalls ?? Number.POSITIVE_INFINITY;
  const counted = (request: PageRequest) => {
    calls++;
    return fetch(request);
  };
  /** Adds a page's items; how many were new. */
  const take = (items: T[]) => {
    const before = found.size;
    for (const item of items) if (!found.has(item.id)) found.set(item.id, item);
    return found.size - before;
  };
  const done = (complete: boolean): Listing<T> => ({ items: [...found.values()], complete });
  // The largest page of each kind seen before the one being judged (this listing's earlier pages included).
  const floor = { ...known.capFloor };
  let [page, kind] = await firstPage(counted, known, limit);
  // The `limit` the page being judged was asked with (a `next` link carries its page's).
  let asked = kind === "limited" ? limit : undefined;
  for (let first = true; ; first = false) {
    known.capFloor[kind] = Math.max(known.capFloor[kind], page.items.length);
    // A linked page of nothing new: the links go round in a circle, and prove nothing.
    if (take(page.items) === 0 && page.items.length > 0 && !first) return done(false);
    if (page.next !== undefined) {
      if (found.size >= maxItems || calls >= maxCalls) return done(false);
      floor[kind] = Math.max(floor[kind], page.items.length);
      page = await counted({ href: page.next });
      continue;
    }
    const size = page.items.length;
    // Smaller than a page of its kind seen before (so no cap cut it) and than the limit sent (so the limit
    // did not).
    if (size === 0 || (size < floor[kind] && (asked === undefined || size < asked))) return done(true);
    const probe = options.prove !== false && found.size < maxItems && calls < maxCalls;
    if (!probe || known.paging === "ignored" || known.paging === "refused") return done(false);
    // Nothing proves the answer whole yet: ask for what comes after its last item.
    floor[kind] = Math.max(floor[kind], size);
    try {
      page = await counted({ limit: pageSize, marker: page.items[size - 1].id });
      kind = "limited";
      asked = pageSize;
    } catch (error) {
      if (!isBadRequest(error)) throw error;
      known.paging = "refused";
      return done(false);
    }
    if (page.items.some((item) => found.has(item.id))) {
      known.paging = "ignored";
      return done(false);
    }
    known.paging = "honoured";
  }
}
