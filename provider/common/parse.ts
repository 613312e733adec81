import { z } from "zod";
import { clip, ErrorCodes, FlowLogError } from "./errors";
import { redact } from "./redact";

export interface ResponseContext {
  operation: string;
  status: number;
  /** Who answered, for the message: "the API", "NCloud". */
  service: string;
  /** Takes the part of the JSON body to validate (e.g. NCloud's `<action>Response`). */
  pick?: (json: unknown) => unknown;
}

/** Parses and validates a response body; a body that is not JSON or not of the schema is ERR_FLOWLOG_RESPONSE. */
export function parseResponse<T>(schema: z.ZodType<T>, text: string, context: ResponseContext): T {
  const { operation, status, service } = context;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new FlowLogError(
      ErrorCodes.response,
      `${operation}: ${service} answered HTTP ${status} with a body that is not JSON`,
      { operation, status, cause },
    );
  }
  const parsed = schema.safeParse(context.pick ? context.pick(json) : json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map(
      (issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`,
    );
    throw new FlowLogError(
      ErrorCodes.response,
      `${operation}: unexpected response from ${service} (${fields.slice(0, 5).join("; ")})`,
      { operation, status, cause: parsed.error },
    );
  }
  return parsed.data;
}

/** A number as an API may send it: a JSON number or a non-empty numeric string, never "" (which Number() reads as 0). */
export const apiNumber = z.union([
  z.number(),
  z
    .string()
    .regex(/^\s*-?\d+(\.\d+)?\s*$/, { error: "expected a number" })
    .transform(Number),
]);

/** An identifier or code as an API may send it: a string, or a number taken as its digits. */
export const apiString = z.union([z.string(), z.number().transform(String)]);

/** The most of an error body that is read: a longer one is a page, not an error message. */
export const MAX_ERROR_BODY = 64 * 1024;

/** An error body's JSON, after credentials were redacted from its text; undefined when it is not JSON. */
export function errorJson(text: string): unknown {
  try {
    return JSON.parse(redact(text, MAX_ERROR_BODY));
  } catch {
    return undefined;
  }
}

/** The named field of an object, when it is a non-blank string or a number. */
export function field(value: unknown, name: string): string | undefined {
  const found = (value as Record<string, unknown> | null | undefined)?.[name];
  if (typeof found === "number") return String(found);
  return typeof found === "string" && found.trim() !== "" ? found : undefined;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

/** Whether the character after a `<` opens a tag: a letter, `/`, `!` or `?` (else the `<` is text). */
function opensTag(code: number): boolean {
  const letter = (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
  return letter || code === 0x2f || code === 0x21 || code === 0x3f;
}

/**
 * The words of an HTML page, in one linear pass: tags become spaces, scripts and styles vanish, and an
 * unclosed tag ends the text. (Backtracking regexes took 104 s on 400 kB of `<`.)
 */
export function stripTags(html: string): string {
  const lower = html.replace(/[A-Z]+/g, (run) => run.toLowerCase());
  const parts: string[] = [];
  let text = 0;
  for (let at = 0; ; ) {
    const open = html.indexOf("<", at);
    if (open === -1) {
      parts.push(html.slice(text));
      break;
    }
    at = open + 1;
    if (!opensTag(html.charCodeAt(open + 1))) continue;
    parts.push(html.slice(text, open), " ");
    const close = html.indexOf(">", open);
    if (close === -1) break;
    at = text = close + 1;
    const name = /^<([a-z]+)/.exec(lower.slice(open, open + 8))?.[1];
    if (name === "script" || name === "style") {
      const end = lower.indexOf(`</${name}`, at);
      const endClose = end === -1 ? -1 : html.indexOf(">", end);
      if (endClose === -1) break;
      at = text = endClose + 1;
    }
  }
  return parts.join("").replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name]);
}

/**
 * A short excerpt of a body that is not a known error shape (a proxy's page, plain text): redacted
 * before anything else, capped, stripped of markup, cut.
 */
export function bodyExcerpt(text: string): string {
  return clip(stripTags(redact(text, MAX_ERROR_BODY))) || "(empty body)";
}
