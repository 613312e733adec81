import { z } from "zod";
import { shorten } from "./errors";
import { isUnknown, UNKNOWN } from "./unknown";

type Props = Record<string, unknown>;

export interface Failure {
  property: string;
  reason: string;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

/** zod issues as `{property, reason}`, each naming the field and what it accepts. */
export function failuresOf(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  subject: string,
  argumentNames: readonly string[],
): Failure[] {
  return issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.slice(0, 10).map((key) => ({
        property: shorten(key),
        reason: `${shorten(key)} is not an argument of ${subject}; arguments are ${argumentNames.join(", ")}`,
      }));
    }
    // Keys of what a user typed may be anything, of any length: shown cut short.
    const [property = "(args)", ...rest] = issue.path.map((key) => shorten(String(key)));
    const label = rest.length > 0 ? `${property}[${rest.join("][")}]` : property;
    const value = issue.path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown>)?.[key], input);
    const message = issue.code === "custom" ? shorten(issue.message, MAX_CUSTOM_REASON) : issue.message;
    return [{ property, reason: `${label} ${message}${echo(issue, value)}` }];
  });
}

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
