import { header, json, type ParsedRequest } from "../http";
import type { Readings } from "../readings";
import type { NhnReply } from "./errors";
import { type LinkTo, type Listing, markerNotFound, pageRequest, paginate } from "./paging";
import { filterOf, type ListFilters, narrowing } from "./query";

/** A filter on an indexed parameter: the values to look up. */
export interface Narrowing {
  param: string;
  values: string[];
}

/** One list endpoint: what it is called in the body, its filters, and the store's view of the caller's items. */
export interface ListSource<T extends object> {
  /** The body's key, e.g. flowlog_loggers; its links go under `${key}_links`. */
  key: string;
  filters: ListFilters<T>;
  /** Filter parameters the store answers from an index, in order of preference. */
  indexed: readonly string[];
  /** The caller's items in list order; narrowed, only those matching one of the values (and maybe more). */
  listing: (narrowed?: Narrowing) => Listing<T>;
  present: (item: T) => unknown;
}

/**
 * GET of a list: paging as the readings let it, filters, the marker (by rank, so a marker the filters
 * leave out still works), the page, then listCap. Only the page's items are rendered when nothing filters.
 */
export function listReply<T extends object>(
  source: ListSource<T>,
  req: ParsedRequest,
  readings: Readings,
  base: string,
): NhnReply {
  const request = pageRequest(req.params, readings);
  if (!request.ok) return request.error;
  const filter = filterOf(req.params, source.filters, readings);
  if (!filter.ok) return filter.error;
  const listing = source.listing(narrowing(req.params, source.filters, readings, source.indexed));
  const { marker } = request.value;
  const markerRank = marker === undefined ? undefined : listing.rankOf(marker);
  if (marker !== undefined && markerRank === undefined) return markerNotFound(marker);
  const keep = filter.value;
  const kept = keep ? listing.items.filter((item) => keep(item.view())) : listing.items;
  const page = paginate(kept, request.value, markerRank, readings, linkTo(req, base));
  return json(200, {
    [source.key]: page.items.map((item) => source.present(item.view())),
    ...(page.links.length > 0 ? { [`${source.key}_links`]: page.links } : {}),
  });
}

/** Links point back at the request's own origin (its Host), the same path and query with paging changed. */
function linkTo(req: ParsedRequest, base: string): LinkTo {
  const host = header(req, "host");
  const origin = host ? `http://${host}` : base;
  return (changes) => {
    const params = new URLSearchParams(req.query);
    for (const [param, value] of Object.entries(changes)) {
      if (value === undefined) params.delete(param);
      else params.set(param, value);
    }
    return `${origin}${req.path}?${params}`;
  };
}
