/**
 * Neutron list filtering: every parameter named in `fields` must match; a repeated parameter
 * (?id=a&id=b) matches any of its values. Unknown parameters are ignored, as Neutron does.
 */
export function filterByQuery<T extends object>(
  items: T[],
  params: URLSearchParams,
  fields: Record<string, keyof T>,
): T[] {
  const wanted = Object.entries(fields)
    .map(([param, field]) => ({ field, values: params.getAll(param) }))
    .filter(({ values }) => values.length > 0);
  return items.filter((item) =>
    wanted.every(({ field, values }) => values.some((value) => matches(item[field], value))),
  );
}

function matches(actual: unknown, wanted: string): boolean {
  return typeof actual === "boolean" ? String(actual) === wanted.toLowerCase() : String(actual) === wanted;
}
