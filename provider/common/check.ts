import { z } from "zod";
import { shorten } from "./errors";
import { isUnknown, UNKNOWN } from "./unknown";

type Props = Record<string, unknown>;

export interface Failure {
  property: string;
  reason: string;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID: its length first, so a huge value costs nothing. The one UUID check. */
export const isUuid = (value: unknown): value is string =>
  typeof value === "string" && value.length === 36 && UUID_PATTERN.test(value);

/** A UUID argument, as a user types it; `what` names it in the error (e.g. "the port, subnet or VPC"). */
export const uuid = (what?: string) => {
  const error = what === undefined ? "must be a UUID" : `must be a UUID (the ${what})`;
  return z.string({ error }).refine(isUuid, { error });
};

/** A string enum whose error lists the allowed values. */
export const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(", ")}` });

/** A custom issue's message may quote the input (an unknown variable, say): it is cut to this length. */
const MAX_CUSTOM_REASON = 240;

/**
 * Echoes the offending value only where it cannot be a secret or an unbounded text: a number, a boolean,
 * or a string offered for a closed set that differs from an allowed value only in case ("did you mean
 * VPC?"). Free text is never echoed: the host receives secret inputs in plaintext.
 */
function echo(issue: z.core.$ZodIssue, value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return ` (got ${shorten(String(value))})`;
  if (issue.code !== "invalid_value" || typeof value !== "string") return "";
  const match = issue.values.find(
    (allowed) =>
      typeof allowed === "string" &&
      allowed.length === value.length &&
      allowed.toLowerCase() === value.toLowerCase(),
  );
  return match === undefined ? "" : ` (got ${JSON.stringify(value)}: did you mean ${String(match)}?)`;
}

/** Edit distance (insertions, deletions, substitutions, swaps of neighbours) between two short names. */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

/**
 * The argument a misspelt key most likely means: the nearest name, ignoring case, `_` and `-`
 * (`resourceID`, `storage_url`), when it is at most a quarter of the key's length away (at least 1, at
 * most 3 edits); none for a key far from every name.
 */
export function nearestName(key: string, names: readonly string[]): string | undefined {
  const plain = (text: string) => text.toLowerCase().replace(/[_-]/g, "");
  const typed = plain(key);
  const longest = Math.max(0, ...names.map((name) => name.length));
  if (typed.length === 0 || typed.length > 2 * longest) return undefined;
  const limit = Math.min(3, Math.max(1, Math.floor(typed.length / 4)));
  let best: { name: string; edits: number } | undefined;
  for (const name of names) {
    const edits = distance(typed, plain(name));
    if (edits <= limit && (best === undefined || edits < best.edits)) best = { name, edits };
  }
  return best?.name;
}

/**
 * zod issues as `{property, reason}`. The engine shows a failure as `property: reason`, so the reason does
 * not name the property again: it says what is wrong and what the field accepts (an element of a list is
 * named by its index, `[2] must be one of …`).
 */
export function failuresOf(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  subject: string,
  argumentNames: readonly string[],
): Failure[] {
  return issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      const names = argumentNames.join(", ");
      return issue.keys.slice(0, 10).map((key) => {
        const near = nearestName(key, argumentNames);
        const reason =
          near === undefined
            ? `not an argument of ${subject}; arguments are ${names}`
            : `not an argument of ${subject}; did you mean ${near}? Arguments are ${names}`;
        return { property: shorten(key), reason };
      });
    }
    // Keys of what a user typed may be anything, of any length: shown cut short.
    const [property = "(args)", ...rest] = issue.path.map((key) => shorten(String(key)));
    const within = rest.length > 0 ? `[${rest.join("][")}] ` : "";
    const value = issue.path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown>)?.[key], input);
    const message = issue.code === "custom" ? shorten(issue.message, MAX_CUSTOM_REASON) : issue.message;
    return [{ property, reason: `${within}${message}${echo(issue, value)}` }];
  });
}

/** A failure as one self-contained line, as the engine shows it: `property: reason`. */
export const describeFailure = ({ property, reason }: Failure): string => `${property}: ${reason}`;

/**
 * Validates a resource's inputs as check receives them: `__provider` set aside, values not known yet
 * (preview) neither validated nor defaulted but kept as they are, everything else parsed by `schema`.
 */
export function checkInputs<S extends z.ZodObject>(
  schema: S,
  news: Props,
  subject: string,
  argumentNames: readonly string[],
): { inputs: Props; failures: Failure[] } {
  const { __provider, ...args } = news;
  const unknownKeys = Object.keys(args).filter((key) => key in schema.shape && isUnknown(args[key]));
  const known = Object.fromEntries(Object.entries(args).filter(([key]) => !unknownKeys.includes(key)));
  const mask = Object.fromEntries(unknownKeys.map((key) => [key, true]));
  const parsed = schema.partial(mask as never).safeParse(known);
  if (!parsed.success)
    return { inputs: news, failures: failuresOf(parsed.error.issues, known, subject, argumentNames) };
  const inputs: Props = { ...(parsed.data as Props) };
  for (const key of unknownKeys) inputs[key] = UNKNOWN;
  return { inputs, failures: [] };
}
