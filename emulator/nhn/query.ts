import type { Readings } from "../readings";
import { type ApiError, badRequest, invalidFilter, type Outcome } from "./errors";
import { PAGING_PARAMS } from "./paging";

/** A list endpoint's filters: every attribute Neutron filters on, and the parameters the document lists. */
export interface ListFilters<T> {
  /** Query parameter to attribute; more than the document lists, as Neutron filters on any attribute. */
  fields: Record<string, keyof T>;
  documented: readonly string[];
}

type FilterMode = Exclude<Readings["filterMode"], "reject">;

/** Whether an item passes a filter given more than once, under each filterMode. */
const REPEATED: Record<FilterMode, (values: string[], match: (value: string) => boolean) => boolean> = {
  or: (values, match) => values.some(match),
  and: (values, match) => values.every(match),
  first: (values, match) => match(values[0]),
  last: (values, match) => match(values[values.length - 1]),
  ignore: () => true,
};

const repeatedFilter = (param: string): ApiError =>
  badRequest(`Filter ${param} is given more than once; give one value`);

/** The filter parameters the readings make filters, with the values given. */
function wantedFilters<T>(params: URLSearchParams, filters: ListFilters<T>, readings: Readings) {
  const names = readings.unknownFilters === "reject" ? filters.documented : Object.keys(filters.fields);
  return names
    .map((param) => ({ param, field: filters.fields[param], values: params.getAll(param) }))
    .filter(({ values }) => values.length > 0);
}

/**
 * Neutron list filtering under the readings, as a test of one item (undefined: the query filters nothing).
 * Every filter given must match. A filter given once matches its value; one given more than once combines
 * as filterMode says. Parameters that are no filter are ignored, as Neutron does, unless unknownFilters is
 * "reject" (then only the documented ones are filters). Paging parameters are never filters.
 */
export function filterOf<T extends object>(
  params: URLSearchParams,
  filters: ListFilters<T>,
  readings: Readings,
): Outcome<((item: T) => boolean) | undefined> {
  if (readings.unknownFilters === "reject") {
    const known = [...filters.documented, ...PAGING_PARAMS];
    const unknown = [...params.keys()].find((param) => !known.includes(param));
    if (unknown !== undefined) return { ok: false, error: invalidFilter(unknown) };
  }
  const wanted = wantedFilters(params, filters, readings);
  const combine = readings.filterMode === "reject" ? undefined : REPEATED[readings.filterMode];
  const repeated = wanted.find(({ values }) => values.length > 1);
  if (repeated && !combine) return { ok: false, error: repeatedFilter(repeated.param) };
  if (wanted.length === 0) return { ok: true, value: undefined };
  const value = (item: T) =>
    wanted.every(({ field, values }) => {
      const match = (value: string) => matches(item[field], value);
      return values.length === 1 || !combine ? match(values[0]) : combine(values, match);
    });
  return { ok: true, value };
}

/**
 * The first of `indexed` that the query filters on, with the values an index should look up: every item the
 * filter keeps has one of them. Undefined when none narrows (not given, or repeated under filterMode "ignore").
 */
export function narrowing<T>(
  params: URLSearchParams,
  filters: ListFilters<T>,
  readings: Readings,
  indexed: readonly string[],
): { param: string; values: string[] } | undefined {
  const wanted = wantedFilters(params, filters, readings);
  const ignoresRepeats = readings.filterMode === "ignore";
  const found = indexed
    .map((param) => wanted.find((w) => w.param === param))
    .find((w) => w !== undefined && (w.values.length === 1 || !ignoresRepeats));
  return found && { param: found.param, values: found.values };
}

function matches(actual: unknown, wanted: string): boolean {
  return typeof actual === "boolean" ? String(actual) === wanted.toLowerCase() : String(actual) === wanted;
}
