import { z } from "zod";
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

const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
};

/**
 * Echoes the offending value only where it cannot be a secret: numbers, booleans, and strings offered for
 * a closed set (an enum). Free text is never echoed: the host receives secret inputs in plaintext.
 */
function echo(issue: z.core.$ZodIssue, value: unknown): string {
  const safe = typeof value === "number" || typeof value === "boolean" || issue.code === "invalid_value";
  return safe && value !== undefined ? ` (got ${shown(value)})` : "";
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
      return issue.keys.map((key) => ({
        property: key,
        reason: `${key} is not an argument of ${subject}; arguments are ${argumentNames.join(", ")}`,
      }));
    }
    const [property = "(args)", ...rest] = issue.path.map(String);
    const label = rest.length > 0 ? `${property}[${rest.join("][")}]` : property;
    const value = issue.path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown>)?.[key], input);
    return [{ property, reason: `${label} ${issue.message}${echo(issue, value)}` }];
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
