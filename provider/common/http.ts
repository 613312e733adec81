import { Agent, type Dispatcher, request } from "undici";
import { ErrorCodes, FlowLogError, messageOf } from "./errors";
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter, type RetryPolicy, sleep } from "./retry";

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
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
}

export interface Transport {
  dispatcher: Dispatcher;
  retry: RetryPolicy;
  requestTimeoutMs: number;
  maxResponseBytes: number;
  /** Counts every attempt (benchmarks and tests read it). */
  onAttempt?: (req: HttpRequest, attempt: number) => void;
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
/**
 * Statuses that say the server did not act on the request, so even a POST may be re-sent. Only 429: a
 * limiter refuses before any work, while a 503 may come from a gateway that gave up on a backend that
 * went on to act.
 */
const NOT_PROCESSED_STATUS = new Set([429]);
/** Errors raised before a request could reach the server. */
const NOT_SENT_ERRORS = new Set([
  "ECONNREFUSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
]);

let sharedAgent: Agent | undefined;

/** One keep-alive pool per process, with a per-host connection cap so a large `pulumi up` queues instead of tripping 429s. */
export function defaultAgent(): Agent {
  sharedAgent ??= new Agent({
    connections: 16,
    keepAliveTimeout: 10_000,
    connect: { timeout: 10_000 },
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  return sharedAgent;
}

export function defaultTransport(overrides: Partial<Transport> = {}): Transport {
  return {
    dispatcher: defaultAgent(),
    retry: DEFAULT_RETRY,
    requestTimeoutMs: 30_000,
    maxResponseBytes: 8 * 1024 * 1024,
    ...overrides,
  };
}

function errorCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown; cause?: { code?: unknown } })?.code;
  if (typeof code === "string") return code;
  const causeCode = (error as { cause?: { code?: unknown } })?.cause?.code;
  return typeof causeCode === "string" ? causeCode : undefined;
}

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
      throw new FlowLogError(ErrorCodes.response, `${operation}: response body exceeds ${limit} bytes`, {
        operation,
      });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function attemptOnce(req: HttpRequest, transport: Transport): Promise<HttpResponse> {
  const res = await request(req.url, {
    method: req.method,
    headers: req.headers,
    body: req.body,
    dispatcher: transport.dispatcher,
    headersTimeout: transport.requestTimeoutMs,
    bodyTimeout: transport.requestTimeoutMs,
  });
  const text = await readCapped(res.body, transport.maxResponseBytes, req.operation);
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return { status: res.statusCode, headers, text };
}

/**
 * Sends a request, retrying 429/502/503/504 and connection failures with backoff and jitter, honouring
 * Retry-After, bounded by the transport's policy. Returns the last response, whatever its status.
 */
export async function send(req: HttpRequest, transport: Transport): Promise<HttpResponse> {
  const { retry } = transport;
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    transport.onAttempt?.(req, attempt);
    const canRetry = (delay: number) =>
      attempt < retry.maxAttempts && Date.now() - started + delay <= retry.maxElapsedMs;
    let response: HttpResponse;
    try {
      response = await attemptOnce(req, transport);
    } catch (error) {
      if ((error as { code?: unknown }).code === ErrorCodes.response) throw error;
      const code = errorCodeOf(error);
      const notSent = code !== undefined && NOT_SENT_ERRORS.has(code);
      if (!notSent && !req.idempotent) {
        throw new FlowLogError(
          ErrorCodes.outcomeUnknown,
          `${req.operation}: the connection failed after the request was sent (${code ?? messageOf(error)}); it may or may not have taken effect`,
          { operation: req.operation },
        );
      }
      const delay = backoffDelay(retry, attempt);
      if (canRetry(delay)) {
        await sleep(delay);
        continue;
      }
      throw new FlowLogError(
        ErrorCodes.network,
        `${req.operation}: could not reach ${new URL(req.url).origin} after ${attempt} attempt(s): ${code ?? messageOf(error)}`,
        { operation: req.operation },
      );
    }
    if (!RETRYABLE_STATUS.has(response.status)) return response;
    if (!req.idempotent && !NOT_PROCESSED_STATUS.has(response.status)) {
      throw new FlowLogError(
        ErrorCodes.outcomeUnknown,
        `${req.operation}: the server answered HTTP ${response.status}; the request may or may not have taken effect`,
        { operation: req.operation, status: response.status },
      );
    }
    const delay = backoffDelay(retry, attempt, parseRetryAfter(response.headers["retry-after"]));
    if (!canRetry(delay)) return response;
    await sleep(delay);
  }
}
