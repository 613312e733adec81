import { redact } from "./redact";

export { redact, registerSecret } from "./redact";

/** Stable codes: match on `error.code`, not `instanceof` (two copies of the package may be loaded). */
export const ErrorCodes = {
  /** A setting (stack config or environment) is missing or invalid. */
  config: "ERR_FLOWLOG_CONFIG",
  /** An argument or id is invalid; nothing was sent. */
  input: "ERR_FLOWLOG_INPUT",
  /** The API refused the request (a 4xx or 5xx other than those below). */
  api: "ERR_FLOWLOG_API",
  /** The credentials were refused (401, 403). */
  auth: "ERR_FLOWLOG_AUTH",
  /** What was asked for does not exist (404). */
  notFound: "ERR_FLOWLOG_NOT_FOUND",
  /** The API could not be reached, after the retries. */
  network: "ERR_FLOWLOG_NETWORK",
  /** A change was sent and its answer lost: it may or may not have taken effect. */
  outcomeUnknown: "ERR_FLOWLOG_OUTCOME_UNKNOWN",
  /** The API answered with a body that is not what it documents. */
  response: "ERR_FLOWLOG_RESPONSE",
  /** The region has no endpoint in the service catalog. */
  region: "ERR_FLOWLOG_REGION",
  /** A request, a wait or a create ran out of time. */
  timeout: "ERR_FLOWLOG_TIMEOUT",
  /** The resource is in a state it should not be in (e.g. a logger in ERROR). */
  state: "ERR_FLOWLOG_STATE",
  /** Something already exists that the change would clash with (a name, a flow log on an interface). */
  conflict: "ERR_FLOWLOG_CONFLICT",
} as const;
/** One of the stable error codes. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** What a FlowLogError says beyond its message. */
export interface FlowLogErrorDetails {
  /** What we were doing, e.g. "create flow log logger". */
  operation: string;
  /** The HTTP status the API answered, when it answered. */
  status?: number;
  /** The API's own message, already stripped of credentials. */
  apiMessage?: string;
  /** The API's own error code (NCloud returnCode, Neutron type). */
  apiCode?: string;
  /** The error this one wraps (a socket error, a parse error, another FlowLogError). */
  cause?: unknown;
}

/** How deep a chain of causes is kept: a wrapped error's own causes are rarely useful further down. */
const MAX_CAUSE_DEPTH = 4;

/**
 * A cause as it may travel with a FlowLogError: ours as they are (already redacted), anything else copied
 * with its name, code, a redacted and bounded message, and its stack frames (V8's JSON.parse messages
 * quote the text they failed on, which may be a server's echo of a credential).
 */
function safeCause(cause: unknown, depth = 0): unknown {
  if (cause === undefined || depth >= MAX_CAUSE_DEPTH) return undefined;
  if (cause instanceof FlowLogError) return cause;
  // Duck-typed: errors from another realm (Node's core under jest's sandbox) are not `instanceof Error`.
  const errorLike =
    typeof cause === "object" && cause !== null && typeof (cause as Error).message === "string";
  const source = errorLike ? (cause as Error) : new Error(clip(String(cause)));
  const inner = safeCause(source.cause, depth + 1);
  // V8's JSON.parse errors quote the text around the fault: keep what went wrong, not where.
  const message = source.name === "SyntaxError" ? source.message.replace(/"[\s\S]*"/, "…") : source.message;
  const copy = new Error(clip(message, 500), inner === undefined ? undefined : { cause: inner });
  copy.name = source.name;
  const code = (source as { code?: unknown }).code;
  if (typeof code === "string") Object.assign(copy, { code });
  const frames = (source.stack ?? "").split("\n").filter((line) => line.startsWith("    at "));
  copy.stack = [`${copy.name}: ${copy.message}`, ...frames].join("\n");
  return copy;
}

/** An error of this package: a stable code, the operation, and the API's own words; never a credential. */
export class FlowLogError extends Error {
  /** Stable: match on it (ErrorCodes) rather than on `instanceof`. */
  readonly code: ErrorCode;
  /** What was being done, e.g. "create flow log logger". */
  readonly operation: string;
  /** The HTTP status the API answered, when it answered. */
  readonly status?: number;
  /** The API's own message, credentials redacted. */
  readonly apiMessage?: string;
  /** The API's own error code (NCloud returnCode, Neutron type). */
  readonly apiCode?: string;

  /**
   * @param code One of ErrorCodes.
   * @param message What went wrong and what to do; credentials are redacted from it.
   * @param details The operation, the API's answer, and the error this one wraps.
   */
  constructor(code: ErrorCode, message: string, details: FlowLogErrorDetails) {
    // Redacted before super(): the stack is built from the message at construction.
    const cause = safeCause(details.cause);
    super(redact(message), cause === undefined ? undefined : { cause });
    this.name = "FlowLogError";
    this.code = code;
    this.operation = details.operation;
    if (details.status !== undefined) this.status = details.status;
    if (details.apiMessage !== undefined) this.apiMessage = redact(details.apiMessage);
    if (details.apiCode !== undefined) this.apiCode = shorten(redact(details.apiCode), 64);
  }
}

/** Whether `error` is a FlowLogError (of any copy of this package), with `code` if given. */
export function isFlowLogError(error: unknown, code?: ErrorCode): error is FlowLogError {
  if (typeof error !== "object" || error === null) return false;
  const actual = (error as { code?: unknown }).code;
  return (
    typeof actual === "string" && actual.startsWith("ERR_FLOWLOG_") && (code === undefined || actual === code)
  );
}

/** The most of a text that clip reads: a longer one is an error page, not a message. */
const CLIP_INPUT = 64 * 1024;

/**
 * Cuts long API text (an HTML page, a stack) for a message. Credentials are redacted first, so that
 * neither the whitespace collapsing nor the cut can hide one from redaction.
 */
export function clip(text: string, max = 300): string {
  const plain = redact(text, CLIP_INPUT).replace(/\s+/g, " ").trim();
  return plain.length > max ? `${plain.slice(0, max)}…` : plain;
}

/** `text` cut to `max` characters, with "…" when something was cut. */
export function shorten(text: string, max = 32): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * A value for a message, in quotes and cut short: ids, names and settings are quoted through this, so
 * no input, however large, is ever echoed whole.
 */
export function quoted(value: unknown, max = 32): string {
  const text = typeof value === "string" ? value : String(value);
  return JSON.stringify(shorten(text, max));
}

/** A partial failure as the dynamic-provider host reports it: the resource exists and the engine records it. */
export type PartialFailure = FlowLogError & {
  id: string;
  properties: Record<string, unknown>;
  reasons: string[];
};

/**
 * Marks `error` as raised after the resource was made: the engine records `id` and `properties` (which must
 * carry `__provider`, or later refresh and destroy cannot load the provider), so nothing is orphaned.
 */
export function partialFailure(
  error: FlowLogError,
  id: string,
  properties: Record<string, unknown>,
): PartialFailure {
  return Object.assign(error, { id, properties, reasons: [error.message] });
}

/** The message of any thrown value, redacted. */
export function messageOf(error: unknown): string {
  return redact(error instanceof Error ? error.message : String(error));
}
