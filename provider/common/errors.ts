/** Stable codes: match on `error.code`, not `instanceof` (two copies of the package may be loaded). */
export const ErrorCodes = {
  config: "ERR_FLOWLOG_CONFIG",
  input: "ERR_FLOWLOG_INPUT",
  api: "ERR_FLOWLOG_API",
  auth: "ERR_FLOWLOG_AUTH",
  notFound: "ERR_FLOWLOG_NOT_FOUND",
  network: "ERR_FLOWLOG_NETWORK",
  outcomeUnknown: "ERR_FLOWLOG_OUTCOME_UNKNOWN",
  response: "ERR_FLOWLOG_RESPONSE",
  region: "ERR_FLOWLOG_REGION",
  timeout: "ERR_FLOWLOG_TIMEOUT",
  state: "ERR_FLOWLOG_STATE",
  conflict: "ERR_FLOWLOG_CONFLICT",
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export interface FlowLogErrorDetails {
  /** What we were doing, e.g. "create flow log logger". */
  operation: string;
  status?: number;
  /** The API's own message, already stripped of credentials. */
  apiMessage?: string;
  /** The API's own error code (NCloud returnCode, Neutron type). */
  apiCode?: string;
  /** The error this one explains or wraps; its code is kept by whoever wraps it. */
  cause?: unknown;
}

const secrets = new Set<string>();

/** Registers a credential so that no FlowLogError message or stack can ever contain it. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) secrets.add(value);
}

/** Replaces every registered credential in `text` with `[REDACTED]`. */
export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join("[REDACTED]");
  return out;
}

export class FlowLogError extends Error {
  readonly code: ErrorCode;
  readonly operation: string;
  readonly status?: number;
  readonly apiMessage?: string;
  readonly apiCode?: string;

  constructor(code: ErrorCode, message: string, details: FlowLogErrorDetails) {
    // Redacted before super(): the stack is built from the message at construction.
    super(redact(message), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "FlowLogError";
    this.code = code;
    this.operation = details.operation;
    if (details.status !== undefined) this.status = details.status;
    if (details.apiMessage !== undefined) this.apiMessage = redact(details.apiMessage);
    if (details.apiCode !== undefined) this.apiCode = details.apiCode;
  }
}

export function isFlowLogError(error: unknown, code?: ErrorCode): error is FlowLogError {
  if (typeof error !== "object" || error === null) return false;
  const actual = (error as { code?: unknown }).code;
  return (
    typeof actual === "string" && actual.startsWith("ERR_FLOWLOG_") && (code === undefined || actual === code)
  );
}

/** Cuts long API text (an HTML page, a stack) for a message. */
export function clip(text: string, max = 300): string {
  const plain = text.replace(/\s+/g, " ").trim();
  return plain.length > max ? `${plain.slice(0, max)}…` : plain;
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

/**
 * A failure that may pass if the same harmless request is sent later: no answer, a timeout, or the API
 * declining to work now (429, 5xx) after the transport's own retries.
 */
export function isTransient(error: unknown): boolean {
  if (!isFlowLogError(error)) return false;
  if (error.code === ErrorCodes.network || error.code === ErrorCodes.timeout) return true;
  return (
    error.code === ErrorCodes.api &&
    error.status !== undefined &&
    (error.status === 429 || error.status >= 500)
  );
}
