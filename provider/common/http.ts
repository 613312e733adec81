import type { Agent, Dispatcher } from "undici";

import { emitDiagnostic } from "./diagnostics";
import { ErrorCodes, FlowLogError, isFlowLogError, messageOf } from "./errors";
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter, type RetryPolicy, sleep } from "./retry";
import { duration } from "./time";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Operation name for error messages, e.g. "get flow log logger 3e84…". */
  operation: string;
  /**
   * Whether re-sending is harmless. A non-idempotent request that may have reached the server is never
   * re-sent: it fails with ERR_FLOWLOG_OUTCOME_UNKNOWN so the caller can look for its effect.
   */
  idempotent: boolean;
  /**
   * The setting the URL came from (e.g. "stack config `nhncloud:authUrl` (or OS_AUTH_URL)"), for an endpoint
   * that is either there or misconfigured: a host name that does not resolve, or a refused connection,
   * fails at once naming it, instead of being retried for the whole bound.
   */
  endpointSetting?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
}

export interface Transport {
  dispatcher: Dispatcher;
  retry: RetryPolicy;
  /** Deadline of one attempt, headers and body together; never past the retry policy's `maxElapsedMs`. */
  requestTimeoutMs: number;
  maxResponseBytes: number;
  /** Where the deadline is set, for the timeout message, e.g. "nhncloud:requestTimeout / NHN_REQUEST_TIMEOUT". */
  timeoutSetting?: string;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * Statuses worth another attempt. Of these only 429 says the server did not act on the request, so only a
 * 429 re-sends a POST: any 5xx may come from a backend (or a gateway in front of one) that acted first.
 */
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
/** Errors raised before a request could reach the server. */
const NOT_SENT_ERRORS = new Set([
  "ECONNREFUSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
]);
/** OpenSSL's verdicts on a server certificate, as Node names them: retrying cannot change them. */
const CERTIFICATE_ERRORS = new Set([
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_REVOKED",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_SIGNATURE_FAILURE",
  "CERT_CHAIN_TOO_LONG",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_DECRYPT_CERT_SIGNATURE",
  "UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY",
  "ERROR_IN_CERT_NOT_BEFORE_FIELD",
  "ERROR_IN_CERT_NOT_AFTER_FIELD",
  "INVALID_CA",
  "INVALID_PURPOSE",
  "PATH_LENGTH_EXCEEDED",
  "HOSTNAME_MISMATCH",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

type Undici = typeof import("undici");
let undiciModule: Undici | undefined;
/**
 * undici, loaded by the first request or agent: a program that only declares resources never sends one,
 * and loading undici is a tenth of a second of its start (0.1 s of CPU of every test file's, issue 22).
 */
function undici(): Undici {
  undiciModule ??= require("undici") as Undici;
  return undiciModule;
}

let sharedAgent: Agent | undefined;

/** Connections per host of the shared agent, for everything a process sends. */
export const AGENT_CONNECTIONS = 16;

/** One keep-alive pool per process, with a per-host connection cap so a large `pulumi up` queues instead of tripping 429s. */
export function defaultAgent(): Agent {
  sharedAgent ??= new (undici().Agent)({
    connections: AGENT_CONNECTIONS,
    keepAliveTimeout: 10_000,
    connect: { timeout: 10_000 },
    headersTimeout: DEFAULT_REQUEST_TIMEOUT_MS,
    bodyTimeout: DEFAULT_REQUEST_TIMEOUT_MS,
  });
  return sharedAgent;
}

export function defaultTransport(overrides: Partial<Transport> = {}): Transport {
  return {
    dispatcher: defaultAgent(),
    retry: DEFAULT_RETRY,
    requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
    maxResponseBytes: 8 * 1024 * 1024,
    ...overrides,
  };
}

const sharedTransports = new Map<string, Transport>();

/**
 * The process-wide transport for a deadline and its setting's name: one object per distinct pair, so that
 * clients of different regions share it (and with it their token source, cached per transport).
 */
export function sharedTransport(
  requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
  timeoutSetting?: string,
): Transport {
  const key = `${requestTimeoutMs} ${timeoutSetting ?? ""}`;
  let transport = sharedTransports.get(key);
  if (!transport) {
    transport = defaultTransport({ requestTimeoutMs, ...(timeoutSetting ? { timeoutSetting } : {}) });
    sharedTransports.set(key, transport);
  }
  return transport;
}

function errorCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown; cause?: { code?: unknown } })?.code;
  if (typeof code === "string") return code;
  const causeCode = (error as { cause?: { code?: unknown } })?.cause?.code;
  return typeof causeCode === "string" ? causeCode : undefined;
}

/** The abort reason of an attempt that ran out of time: ours, so it cannot be taken for a socket error. */
class DeadlineExceeded extends Error {
  constructor(readonly limitMs: number) {
    super(`no complete answer within ${limitMs} ms`);
    this.name = "DeadlineExceeded";
  }
}

/** A response body over the size bound: the answer was not read (an unfiltered list of a large tenant). */
export class ResponseTooLarge extends FlowLogError {}

async function readCapped(
  body: Dispatcher.ResponseData["body"],
  limit: number,
  operation: string,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      throw new ResponseTooLarge(ErrorCodes.response, `${operation}: response body exceeds ${limit} bytes`, {
        operation,
      });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * One attempt, headers and body within `deadlineMs`. undici's own timeouts measure gaps between bytes,
 * so a body trickled a byte at a time never trips them; the abort also frees the socket.
 */
async function attemptOnce(
  req: HttpRequest,
  transport: Transport,
  deadlineMs: number,
): Promise<HttpResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DeadlineExceeded(deadlineMs)), deadlineMs);
  try {
    const res = await undici().request(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      dispatcher: transport.dispatcher,
      signal: controller.signal,
      // A backstop only: the deadline above fires first.
      headersTimeout: deadlineMs + 1_000,
      bodyTimeout: deadlineMs + 1_000,
    });
    const text = await readCapped(res.body, transport.maxResponseBytes, req.operation);
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
    }
    return { status: res.statusCode, headers, text };
  } finally {
    clearTimeout(timer);
  }
}

/** What bounded an attempt that timed out: the request deadline, or what was left of the retry bound. */
function describeLimit(transport: Transport, limitMs: number): string {
  if (limitMs < transport.requestTimeoutMs) {
    return `${duration(limitMs)}, what was left of the ${duration(transport.retry.maxElapsedMs)} bound on a request and its retries`;
  }
  const setting = transport.timeoutSetting ? `; set by ${transport.timeoutSetting}` : "";
  return `${duration(limitMs)} (the request timeout${setting})`;
}

interface Failure {
  error: FlowLogError;
  /** Whether sending again is harmless and may help. */
  retryable: boolean;
}

/** What an attempt that got no HTTP answer means: a timeout, a refused certificate, a lost connection. */
function failedAttempt(
  req: HttpRequest,
  transport: Transport,
  error: unknown,
  attempt: number,
  elapsedMs: number,
): Failure {
  const { operation } = req;
  // Our own errors (a body over the cap) pass through with their code.
  if (isFlowLogError(error)) return { error, retryable: false };
  const origin = new URL(req.url).origin;
  if (error instanceof DeadlineExceeded) {
    const limit = describeLimit(transport, error.limitMs);
    const message = req.idempotent
      ? `${operation}: no complete answer from ${origin} within ${limit}, after ${attempt} attempt(s)`
      : `${operation}: no complete answer from ${origin} within ${limit} after the request was sent; it may or may not have taken effect`;
    const code = req.idempotent ? ErrorCodes.timeout : ErrorCodes.outcomeUnknown;
    return { error: new FlowLogError(code, message, { operation, cause: error }), retryable: req.idempotent };
  }
  const code = errorCodeOf(error);
  if (code !== undefined && CERTIFICATE_ERRORS.has(code)) {
    const message =
      `${operation}: the TLS certificate of ${origin} was refused: ${messageOf(error)} (${code}). Not retried: ` +
      "check this machine's clock, and whether a proxy intercepts TLS (NODE_EXTRA_CA_CERTS adds a private CA)";
    return {
      error: new FlowLogError(ErrorCodes.network, message, { operation, cause: error }),
      retryable: false,
    };
  }
  const notSent = code !== undefined && NOT_SENT_ERRORS.has(code);
  if (!req.idempotent && !notSent) {
    const message = `${operation}: the connection failed after the request was sent (${code ?? messageOf(error)}); it may or may not have taken effect`;
    return {
      error: new FlowLogError(ErrorCodes.outcomeUnknown, message, { operation, cause: error }),
      retryable: false,
    };
  }
  if (req.endpointSetting && code !== undefined && code in UNREACHABLE) {
    const message = `${operation}: ${origin} ${UNREACHABLE[code]} (${code}); nothing was sent. Check ${req.endpointSetting}`;
    return {
      error: new FlowLogError(ErrorCodes.network, message, { operation, cause: error }),
      retryable: false,
    };
  }
  const message =
    `${operation}: could not reach ${origin} after ${attempt} attempt(s) in ${duration(elapsedMs)}: ${code ?? messageOf(error)} ` +
    `(a request and its retries take at most ${duration(transport.retry.maxElapsedMs)}${
      transport.timeoutSetting ? `, each attempt at most ${transport.timeoutSetting}` : ""
    })${req.endpointSetting ? `. Check ${req.endpointSetting}` : ""}`;
  return {
    error: new FlowLogError(ErrorCodes.network, message, { operation, cause: error }),
    retryable: true,
  };
}

/** Connection failures that say the endpoint is wrong, not busy: what each means, for the message. */
const UNREACHABLE: Record<string, string> = {
  ENOTFOUND: "does not resolve: no host has that name",
  ECONNREFUSED: "refused the connection: nothing listens there",
};

/**
 * Sends a request, retrying 429/502/503/504, timeouts and connection failures with backoff and jitter,
 * honouring Retry-After, bounded by the transport's policy: no attempt runs past `maxElapsedMs` from the
 * first. Returns the last response, whatever its status; a non-idempotent request answered 5xx, cut off
 * or timed out after it was sent is ERR_FLOWLOG_OUTCOME_UNKNOWN (only a 429 means "not processed").
 */
export async function send(req: HttpRequest, transport: Transport): Promise<HttpResponse> {
  const { retry } = transport;
  const started = Date.now();
  // No retry is started that would have less than this left: it could only time out.
  const minAttemptMs = Math.min(transport.requestTimeoutMs, retry.maxElapsedMs / 10);
  for (let attempt = 1; ; attempt++) {
    const canRetry = (delay: number) =>
      attempt < retry.maxAttempts && Date.now() - started + delay + minAttemptMs <= retry.maxElapsedMs;
    const left = retry.maxElapsedMs - (Date.now() - started);
    let response: HttpResponse;
    const attemptStarted = Date.now();
    const report = (outcome: number | string, retryInMs?: number) =>
      emitDiagnostic({
        kind: "http",
        method: req.method,
        url: req.url,
        attempt,
        durationMs: Date.now() - attemptStarted,
        outcome,
        ...(retryInMs === undefined ? {} : { retryInMs }),
      });
    try {
      response = await attemptOnce(req, transport, Math.max(1, Math.min(transport.requestTimeoutMs, left)));
    } catch (error) {
      const failure = failedAttempt(req, transport, error, attempt, Date.now() - started);
      const delay = backoffDelay(retry, attempt);
      report(failure.error.code, failure.retryable && canRetry(delay) ? delay : undefined);
      if (!failure.retryable || !canRetry(delay)) throw failure.error;
      await sleep(delay);
      continue;
    }
    const retryDelay = backoffDelay(retry, attempt, parseRetryAfter(response.headers["retry-after"]));
    const retrying = (req.idempotent || response.status < 500) && RETRYABLE_STATUS.has(response.status);
    report(response.status, retrying && canRetry(retryDelay) ? retryDelay : undefined);
    if (!req.idempotent && response.status >= 500) {
      throw new FlowLogError(
        ErrorCodes.outcomeUnknown,
        `${req.operation}: the server answered HTTP ${response.status}; the request may or may not have taken effect`,
        { operation: req.operation, status: response.status },
      );
    }
    if (!RETRYABLE_STATUS.has(response.status)) return response;
    if (!canRetry(retryDelay)) return response;
    await sleep(retryDelay);
  }
}

/**
 * A failure that may pass if the same harmless request is sent later: no answer, a timeout, or the API
 * declining to work now (429, 5xx) after the transport's own retries. A refused certificate is not one.
 */
export function isTransient(error: unknown): boolean {
  if (!isFlowLogError(error)) return false;
  if (error.code === ErrorCodes.network) return !CERTIFICATE_ERRORS.has(errorCodeOf(error.cause) ?? "");
  if (error.code === ErrorCodes.timeout) return true;
  return (
    error.code === ErrorCodes.api &&
    error.status !== undefined &&
    (error.status === 429 || error.status >= 500)
  );
}
