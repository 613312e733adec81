import type { Readings } from "../readings";
import { badRequest, invalidFilter, type Outcome } from "./errors";

/** Neutron's paging parameters: never filters, whatever unknownFilters says. */
export const PAGING_PARAMS: readonly string[] = ["limit", "marker", "page_reverse"];

/** A list item: its place in the store's order (what a marker compares) and its view, made when needed. */
export interface Listed<T> {
  rank: number;
  id: string;
  view: () => T;
}

/** A caller's list at one moment: the items in order, and the rank of any of the caller's items by id. */
export interface Listing<T> {
  items: Listed<T>[];
  /** Undefined when the caller has no item with that id. */
  rankOf: (id: string) => number | undefined;
}

/** What the client asked for, as far as the paging reading lets it ask. */
export interface PageRequest {
  /** Absent, or 0 (Neutron's "no limit"): the page is as long as pageSize allows. */
  limit?: number;
  marker?: string;
  /** The page ends before the marker instead of starting after it (Neutron's "previous" links). */
  reverse: boolean;
}

export interface Link {
  rel: "next" | "previous";
  href: string;
}

export interface Page<T> {
  items: Listed<T>[];
  links: Link[];
}

const UNPAGED: PageRequest = { reverse: false };

// Neutron's convert_to_boolean, which page_reverse goes through.
const BOOLEANS: Record<string, boolean> = { true: true, "1": true, false: false, "0": false };

/** The request's paging under the readings: honoured, ignored, or a 400 naming the first one given. */
export function pageRequest(params: URLSearchParams, readings: Readings): Outcome<PageRequest> {
  if (readings.paging === "ignore") return { ok: true, value: UNPAGED };
  if (readings.paging === "reject") {
    const given = PAGING_PARAMS.find((param) => params.has(param));
    return given === undefined ? { ok: true, value: UNPAGED } : { ok: false, error: invalidFilter(given) };
  }
  const limit = params.get("limit");
  if (limit !== null && !/^\d+$/.test(limit)) {
    return { ok: false, error: badRequest(`Limit must be an integer 0 or greater and not '${limit}'`) };
  }
  const reverse = params.get("page_reverse");
  const reversed = reverse === null ? false : BOOLEANS[reverse.toLowerCase()];
  if (reversed === undefined) {
    return { ok: false, error: badRequest(`'${reverse}' cannot be converted to boolean`) };
  }
  const value: PageRequest = { reverse: reversed };
  if (limit !== null && Number(limit) > 0) value.limit = Number(limit);
  // An empty marker is no marker, as in Neutron.
  const marker = params.get("marker");
  if (marker) value.marker = marker;
  return { ok: true, value };
}

export const markerNotFound = (marker: string) => badRequest(`marker ${marker} not found`);

/** Builds the href of a link: the request's own URL with these parameters set (or removed when undefined). */
export type LinkTo = (changes: Record<string, string | undefined>) => string;

/**
 * The page of `listed` (filtered, in order): after the marker's rank (before it when reversed), at most
 * min(limit, pageSize) items, with next/previous links where items lie beyond it and the readings give
 * links; then listCap (and unpagedCap, for a request without a limit) cuts silently, dropping the links.
 */
export function paginate<T>(
  listed: Listed<T>[],
  request: PageRequest,
  markerRank: number | undefined,
  readings: Readings,
  linkTo: LinkTo,
): Page<T> {
  const bounds = [request.limit, readings.pageSize].filter((n): n is number => n !== undefined && n > 0);
  const size = bounds.length > 0 ? Math.min(...bounds) : undefined;
  let start = 0;
  let end = listed.length;
  if (markerRank !== undefined && request.reverse) end = firstWhere(listed, (rank) => rank >= markerRank);
  if (markerRank !== undefined && !request.reverse) start = firstWhere(listed, (rank) => rank > markerRank);
  if (size !== undefined && request.reverse) start = Math.max(start, end - size);
  if (size !== undefined && !request.reverse) end = Math.min(end, start + size);
  const items = listed.slice(start, end);
  const links: Link[] = [];
  // Links only where following them works: never under paging "ignore" or "reject".
  if (readings.paging === "honor" && readings.pageLinks === "yes" && size !== undefined && items.length > 0) {
    const limit = String(size);
    if (end < listed.length) {
      const href = linkTo({ marker: items[items.length - 1].id, limit, page_reverse: undefined });
      links.push({ rel: "next", href });
    }
    if (start > 0)
      links.push({ rel: "previous", href: linkTo({ marker: items[0].id, limit, page_reverse: "True" }) });
  }
  // Under "ignore" and "reject" no limit is ever read: every request is one without a limit.
  const unpaged = request.limit === undefined && readings.unpagedCap > 0 ? readings.unpagedCap : 0;
  const cap = Math.min(...[readings.listCap, unpaged].filter((n) => n > 0));
  if (items.length > cap) return { items: items.slice(0, cap), links: [] };
  return { items, links };
}

/** The index of the first item whose rank passes a test that, once true, stays true (ranks ascend). */
function firstWhere<T>(listed: Listed<T>[], test: (rank: number) => boolean): number {
  let low = 0;
  let high = listed.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (test(listed[mid].rank)) high = mid;
    else low = mid + 1;
  }
  return low;
}
