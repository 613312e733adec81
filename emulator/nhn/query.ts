import type { Readings } from "../readings";
import { type ApiError, badRequest, type Outcome } from "./errors";

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

const invalidFilter = (param: string): ApiError => badRequest(`${param} is invalid attribute for filtering`);

const repeatedFilter = (param: string): ApiError =>
  badRequest(`Filter ${param} is given more than once; give one value`);

/**
 * Neutron list filtering under the readings: every filter given must match. A filter given once matches
 * its value; one given more than once combines as filterMode says. Parameters that are no filter are
 * ignored, as Neutron does, unless unknownFilters is "reject" (then only the documented ones are filters).
 */
export function filterByQuery<T extends object>(
  items: T[],
  params: URLSearchParams,
  filters: ListFilters<T>,
  readings: Readings,
): Outcome<T[]> {
  const strict = readings.unknownFilters === "reject";
  const names = strict ? filters.documented : Object.keys(filters.fields);
  const unknown = strict ? [...params.keys()].find((param) => !names.includes(param)) : undefined;
  if (unknown !== undefined) return { ok: false, error: invalidFilter(unknown) };
  const wanted = names
    .map((param) => ({ param, field: filters.fields[param], values: params.getAll(param) }))
    .filter(({ values }) => values.length > 0);
  const combine = readings.filterMode === "reject" ? undefined : REPEATED[readings.filterMode];
  const repeated = wanted.find(({ values }) => values.length > 1);
  if (repeated && !combine) return { ok: false, error: repeatedFilter(repeated.param) };
  const value = items.filter((item) =>
    wanted.every(({ field, values }) => {
      const match = (value: string) => matches(item[field], value);
      return values.length === 1 || !combine ? match(values[0]) : combine(values, match);
    }),
  );
  return { ok: true, value };
}

function matches(actual: unknown, wanted: string): boolean {
  return typeof actual === "boolean" ? String(actual) === wanted.toLowerCase() : String(actual) === wanted;
}
