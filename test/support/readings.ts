import type { Readings } from "../../emulator";

/**
 * Readings of the API document the core tests run under (issue 11): together they play every value of every
 * switch the emulator has, each filter combination in a profile of its own.
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
    },
  ],
  [
    "first value wins",
    { filterMode: "first", echoCustomizedField: "read-only", uniqueNames: "resource", errorBody: "keystone" },
  ],
  [
    "last value wins",
    {
      filterMode: "last",
      unknownFilters: "reject",
      echoFileName: "yes",
      deleteMode: "eventual",
      deleteDelayMs: 300,
    },
  ],
  [
    "repeated filters ignored",
    { filterMode: "ignore", echoCustomizedField: "never", errorBody: "keystone", uniqueNames: "tenant" },
  ],
  [
    "repeated filters refused",
    {
      filterMode: "reject",
      unknownFilters: "reject",
      echoCustomizedField: "read-only",
      errorBody: "text",
      uniqueNames: "resource",
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
