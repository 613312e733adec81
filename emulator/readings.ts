import { z } from "zod";

const quote = (input: unknown) => JSON.stringify(input) ?? String(input);

const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: (issue) => `must be one of ${values.map(quote).join(", ")}, got ${quote(issue.input)}`,
  });

const MILLISECONDS = "must be an integer of at least 0 (milliseconds)";
const ITEMS = "must be an integer of at least 0 (items; 0 means no bound)";

const count = (what: string) =>
  z.number({ error: ITEMS }).int({ error: ITEMS }).min(0, { error: ITEMS }).describe(what);

/**
 * How the emulator plays what the NHN Flow Log API document leaves open: one switch per ambiguity, so the
 * provider can be tested under every plausible reading. Each `describe` is the CLI's help line.
 */
export const Readings = z.strictObject({
  /** How a repeated list filter combines (?id=a&id=b), on every list endpoint (loggers and logging ports). */
  filterMode: choice(["or", "and", "first", "last", "ignore", "reject"]).describe(
    "how a list filter given twice (?id=a&id=b) combines; reject answers 400",
  ),
  /** Query parameters the document does not list: ignored (Neutron's way) or refused with 400. */
  unknownFilters: choice(["ignore", "reject"]).describe(
    "list parameters the document does not list: ignored, or 400",
  ),
  /** Whether responses show customized_file_name (no documented response does). */
  echoFileName: choice(["no", "yes"]).describe("whether responses show customized_file_name"),
  /** Where customized_field appears: every response; GET/list only; or never. */
  echoCustomizedField: choice(["always", "read-only", "never"]).describe(
    "which responses show customized_field: all, GET/list only, none",
  ),
  /** Logger-name uniqueness: none; per resource_id; per tenant. A POST (or a PUT rename) that breaks it answers 409. */
  uniqueNames: choice(["none", "resource", "tenant"]).describe(
    "logger names unique per resource_id or per tenant (else 409)",
  ),
  /** Shape of error bodies of the network API (not identity, not injected gateway faults). */
  errorBody: choice(["neutron", "keystone", "text"]).describe("shape of the network API's error bodies"),
  /** DELETE answers 204 and the logger is gone at once, or stays visible (GET/list, unchanged) for deleteDelayMs. */
  deleteMode: choice(["immediate", "eventual"]).describe(
    "a deleted logger vanishes at once, or after --delete-delay-ms",
  ),
  /** How long a deleted logger stays visible under deleteMode "eventual". */
  deleteDelayMs: z
    .number({ error: MILLISECONDS })
    .int({ error: MILLISECONDS })
    .min(0, { error: MILLISECONDS })
    .describe("how long an eventually deleted logger stays visible"),
  /** Neutron paging of list endpoints (?limit=&marker=&page_reverse=): honoured, silently ignored, or 400. */
  paging: choice(["honor", "ignore", "reject"]).describe(
    "list paging (?limit=&marker=): honoured, ignored, or 400",
  ),
  /** The server's default and maximum page size (0: none); a bigger limit is cut to it. */
  pageSize: count("the server's default and largest page size; 0 is none"),
  /** Whether a page with more after it says so with flowlog_loggers_links (rel next/previous). */
  pageLinks: choice(["yes", "no"]).describe("whether a page with more after it carries next/previous links"),
  /** A list answers at most this many items (0: no cap), whatever the paging, and nothing says so. */
  listCap: count("a list answers at most N items, with no sign of the cut; 0 is none"),
  /** A list asked without a limit answers at most this many (0: none), silently: a default page smaller than limits. */
  unpagedCap: count("a list asked without a limit answers at most N items, silently; 0 is none"),
  /** The zone of created_at/updated_at, both written without one: UTC, or KST (UTC+9). */
  timeZone: choice(["utc", "kst"]).describe("the zone of created_at/updated_at, written zone-less"),
  /** A path no route serves: the router's own 404, or exactly the 404 of a missing logger. */
  routeErrors: choice(["distinct", "like-logger"]).describe(
    "an unknown route answers its own 404, or a missing logger's",
  ),
});
export type Readings = z.infer<typeof Readings>;

export const DEFAULT_READINGS: Readonly<Readings> = Object.freeze({
  filterMode: "or",
  unknownFilters: "ignore",
  echoFileName: "no",
  echoCustomizedField: "always",
  uniqueNames: "none",
  errorBody: "neutron",
  deleteMode: "immediate",
  deleteDelayMs: 1000,
  paging: "honor",
  pageSize: 0,
  pageLinks: "yes",
  listCap: 0,
  unpagedCap: 0,
  timeZone: "utc",
  routeErrors: "distinct",
});

/** What PUT /_emulator/readings, setReadings and the `readings` option take: any subset. */
export const ReadingsPatch = Readings.partial();
export type ReadingsPatch = z.infer<typeof ReadingsPatch>;

/** A refused patch: each field with what is wrong and the values it takes. */
export function describeReadingsError(error: z.ZodError): string {
  const problems = error.issues.map((issue) =>
    issue.code === "unrecognized_keys"
      ? `unknown field ${issue.keys.map(quote).join(", ")} (fields: ${Object.keys(Readings.shape).join(", ")})`
      : `${issue.path.map(String).join(".") || "the readings"}: ${issue.message}`,
  );
  return `invalid readings: ${problems.join("; ")}. Example: {"filterMode":"and","errorBody":"text"}`;
}

/** Validates a patch; throws an Error with describeReadingsError's message. */
export function parseReadingsPatch(patch: unknown): ReadingsPatch {
  const parsed = ReadingsPatch.safeParse(patch);
  if (!parsed.success) throw new Error(describeReadingsError(parsed.error));
  return parsed.data;
}

/** `filterMode=or unknownFilters=ignore …` for the CLI's banner. */
export const formatReadings = (readings: Readings): string =>
  Object.entries(readings)
    .map(([key, value]) => `${key}=${value}`)
    .join(" ");
