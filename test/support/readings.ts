import type { Readings } from "../../emulator";

/**
 * Readings of the API document the core tests run under (issues 11 and 20): together they play every value
 * of every switch the emulator has, each filter combination in a profile of its own: paging honoured,
 * ignored and refused; pages with links and without (a silent page size); silent caps, and a smaller one on
 * lists asked without a limit; times in UTC and KST;
 * route 404s like a missing logger's.
 */
export const READINGS: [string, Partial<Readings>][] = [
  ["the document's (OR-ed filters, no file-name echo)", {}],
  [
    "AND-ed filters, strict API",
    {
      filterMode: "and",
      unknownFilters: "reject",
      echoFileName: "yes",
      echoCustomizedField: "never",
      uniqueNames: "tenant",
      errorBody: "text",
      deleteMode: "eventual",
      deleteDelayMs: 300,
      pageSize: 4,
      unpagedCap: 2,
      timeZone: "kst",
      routeErrors: "like-logger",
    },
  ],
  [
    "first value wins",
    {
      filterMode: "first",
      echoCustomizedField: "read-only",
      uniqueNames: "resource",
      errorBody: "keystone",
      listCap: 5,
    },
  ],
  [
    "last value wins",
    {
      filterMode: "last",
      unknownFilters: "reject",
      echoFileName: "yes",
      deleteMode: "eventual",
      deleteDelayMs: 300,
      pageSize: 3,
      pageLinks: "no",
      timeZone: "kst",
    },
  ],
  [
    "repeated filters ignored",
    {
      filterMode: "ignore",
      echoCustomizedField: "never",
      errorBody: "keystone",
      uniqueNames: "tenant",
      paging: "ignore",
      listCap: 10,
    },
  ],
  [
    "repeated filters refused",
    {
      filterMode: "reject",
      unknownFilters: "reject",
      echoCustomizedField: "read-only",
      errorBody: "text",
      uniqueNames: "resource",
      paging: "reject",
      routeErrors: "like-logger",
    },
  ],
];

/** Only the filter combinations, for tests whose subject is the number of list calls. */
export const FILTER_MODES = [
  "or",
  "and",
  "first",
  "last",
  "ignore",
  "reject",
] as const satisfies readonly Readings["filterMode"][];

/** An instant as the emulator writes `created_at` under these readings: zone-less, in UTC or KST. */
export function apiTimeOf(ms: number, readings: { timeZone?: "utc" | "kst" } = {}): string {
  const shifted = ms + (readings.timeZone === "kst" ? 9 * 3_600_000 : 0);
  return new Date(shifted).toISOString().slice(0, 19).replace("T", " ");
}

/**
 * The profiles a behaviour depends on, for end-to-end tests that would only repeat themselves under the
 * others (issue 22): in-process unit tests cover the rest under every reading.
 */
export const READINGS_FOR = {
  /** Strays and budgets: names unique or not, deletion at once or eventual, times in UTC or KST. */
  strays: pick("the document's", "AND-ed filters", "last value wins"),
  /** What responses echo: customized_field always, never, GET only; customized_file_name or not. */
  echoes: pick("the document's", "AND-ed filters", "first value wins"),
  /** The zone of times, and whether paging can prove an answer whole: UTC and KST, marker honoured or not. */
  zones: pick("the document's", "AND-ed filters", "repeated filters ignored"),
  /** Calls shared by loggers created together: OR-ed, AND-ed with pages, a silent cap, paging ignored. */
  batching: pick("the document's", "AND-ed filters", "first value wins", "repeated filters ignored"),
};

function pick(...names: string[]): [string, Partial<Readings>][] {
  return READINGS.filter(([title]) => names.some((name) => title.startsWith(name)));
}
