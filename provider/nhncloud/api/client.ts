import type { z } from "zod";
import { PerProcess } from "../../common/cache";
import { UUID_PATTERN } from "../../common/check";
import { ErrorCodes, FlowLogError, quoted, shorten } from "../../common/errors";
import { type HttpMethod, send, sharedTransport, type Transport } from "../../common/http";
import { parseResponse } from "../../common/parse";
import { joinUrl, safeUrl } from "../../common/urls";
import { describeRegionSource, NHN_TIMEOUT_SETTING, type NhnSettings } from "../config";
import { type IssuedToken, type TokenSource, tokenSourceFor } from "./auth";
import { parseApiError } from "./errors";
import {
  type ApiLogger,
  type ApiLoggerCreate,
  type ApiLoggerUpdate,
  type ApiLoggingPort,
  LoggerEnvelope,
  LoggerList,
  type LoggerQuery,
  LoggingPortEnvelope,
  LoggingPortList,
  type LoggingPortQuery,
} from "./model";

/**
 * Ids go into URL paths: anything but a UUID is refused before a request is made. The length is checked
 * first, so a huge id costs nothing, and only a short prefix of it is quoted.
 */
export function assertUuid(value: string, what: string): string {
  if (typeof value !== "string" || value.length !== 36 || !UUID_PATTERN.test(value)) {
    throw new FlowLogError(ErrorCodes.input, `${what} must be a UUID, got ${quoted(value)}`, {
      operation: `check ${what}`,
    });
  }
  return value;
}

/** The transport of clients made without one: shared by every region, so they share one token too. */
const transportFor = (settings: NhnSettings): Transport =>
  sharedTransport(settings.requestTimeoutMs, NHN_TIMEOUT_SETTING);

function queryString(query: Record<string, string | number | readonly string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

interface Call<T> {
  operation: string;
  method: HttpMethod;
  path: string;
  schema?: z.ZodType<T>;
  body?: unknown;
  /** A 404 answers `undefined` instead of failing. */
  allowNotFound?: boolean;
}

/** The NHN Cloud network API (Flow Log v2) for one region and one set of credentials. */
export class NhnClient {
  readonly region: string;
  private readonly tokens: TokenSource;

  /** `tokens` defaults to the process-wide source for these credentials (one token per `pulumi up`). */
  constructor(
    private readonly settings: NhnSettings,
    private readonly transport: Transport = transportFor(settings),
    tokens?: TokenSource,
  ) {
    this.region = settings.region;
    this.tokens = tokens ?? tokenSourceFor(settings, transport);
  }

  /** `operation` names what the list is for in errors, e.g. a look-up before a create. */
  listLoggers(query: LoggerQuery = {}, operation = "list flow log loggers"): Promise<ApiLogger[]> {
    const path = `/v2.0/flowlog-loggers${queryString(query)}`;
    return this.call({ operation, method: "GET", path, schema: LoggerList }).then(
      (body) => body?.flowlog_loggers ?? [],
    );
  }

  async getLogger(id: string): Promise<ApiLogger | undefined> {
    const path = `/v2.0/flowlog-loggers/${assertUuid(id, "logger id")}`;
    const body = await this.call({
      operation: `get flow log logger ${id}`,
      method: "GET",
      path,
      schema: LoggerEnvelope,
      allowNotFound: true,
    });
    return body?.flowlog_logger;
  }

  async createLogger(logger: ApiLoggerCreate): Promise<ApiLogger> {
    const operation = `create flow log logger "${logger.name}"`;
    const body = await this.call({
      operation,
      method: "POST",
      path: "/v2.0/flowlog-loggers",
      schema: LoggerEnvelope,
      body: { flowlog_logger: logger },
    });
    return this.required(body, operation).flowlog_logger;
  }

  async updateLogger(id: string, logger: ApiLoggerUpdate): Promise<ApiLogger> {
    const operation = `update flow log logger ${id}`;
    const path = `/v2.0/flowlog-loggers/${assertUuid(id, "logger id")}`;
    const body = await this.call({
      operation,
      method: "PUT",
      path,
      schema: LoggerEnvelope,
      body: { flowlog_logger: logger },
    });
    return this.required(body, operation).flowlog_logger;
  }

  /** Deletes a logger; false when it was already gone. */
  async deleteLogger(id: string): Promise<boolean> {
    const path = `/v2.0/flowlog-loggers/${assertUuid(id, "logger id")}`;
    const result = await this.call<object>({
      operation: `delete flow log logger ${id}`,
      method: "DELETE",
      path,
      allowNotFound: true,
    });
    return result !== undefined;
  }

  listLoggingPorts(query: LoggingPortQuery = {}): Promise<ApiLoggingPort[]> {
    const path = `/v2.0/flowlog-logging-ports${queryString(query)}`;
    return this.call({
      operation: "list flow log logging ports",
      method: "GET",
      path,
      schema: LoggingPortList,
    }).then((body) => body?.flowlog_logging_ports ?? []);
  }

  async getLoggingPort(id: string): Promise<ApiLoggingPort | undefined> {
    const path = `/v2.0/flowlog-logging-ports/${assertUuid(id, "logging port id")}`;
    const body = await this.call({
      operation: `get flow log logging port ${id}`,
      method: "GET",
      path,
      schema: LoggingPortEnvelope,
      allowNotFound: true,
    });
    return body?.flowlog_logging_port;
  }

  private required<T>(body: T | undefined, operation: string): T {
    if (body === undefined) {
      throw new FlowLogError(ErrorCodes.response, `${operation}: the API answered without a body`, {
        operation,
      });
    }
    return body;
  }

  private endpoint(token: IssuedToken): string {
    if (this.settings.networkUrl) return this.settings.networkUrl;
    const network = token.catalog.find((entry) => entry.type === "network");
    const regions = network?.endpoints.map((endpoint) => endpoint.region) ?? [];
    const match = network?.endpoints.find((endpoint) => endpoint.region.toUpperCase() === this.region);
    if (!match) {
      const available = regions.length > 0 ? regions.slice(0, 20).map((r) => shorten(r, 16)) : ["none"];
      const source = describeRegionSource(this.settings.regionSource);
      const fix = source
        ? `${quoted(this.region)} comes from ${source}: set it to one of those.`
        : "Set the `region` argument, or stack config `nhncloud:region` (or OS_REGION_NAME), to one of those.";
      throw new FlowLogError(
        ErrorCodes.region,
        `Region ${quoted(this.region)} has no network endpoint in the NHN Cloud service catalog; ` +
          `regions available: ${available.join(", ")}. ${fix}`,
        { operation: "find network endpoint" },
      );
    }
    return safeUrl(match.publicURL, `the catalog's network endpoint for ${shorten(this.region, 16)}`).href;
  }

  /** One API call: token, endpoint, retries (in `send`), one renewal after a 401, error mapping, validation. */
  private async call<T>(call: Call<T>): Promise<T | undefined> {
    const { operation } = call;
    for (let renewed = false; ; renewed = true) {
      const token = await this.tokens.current();
      const res = await send(
        {
          method: call.method,
          url: joinUrl(this.endpoint(token), call.path),
          headers: {
            "x-auth-token": token.id,
            accept: "application/json",
            ...(call.body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
          operation,
          idempotent: call.method !== "POST",
        },
        this.transport,
      );
      if (res.status === 401 && !renewed) {
        this.tokens.invalidate(token.id);
        continue;
      }
      if (res.status === 404 && call.allowNotFound) return undefined;
      if (res.status < 200 || res.status >= 300) throw this.httpError(operation, res.status, res.text);
      // Without a schema (DELETE) the body is not used: a proxy's non-JSON 200 must not fail the call.
      if (!call.schema) return {} as T;
      return parseResponse(call.schema, res.text, { operation, status: res.status, service: "the API" });
    }
  }

  private httpError(operation: string, status: number, text: string): FlowLogError {
    const { message: apiMessage, type } = parseApiError(text);
    const code =
      status === 401 || status === 403
        ? ErrorCodes.auth
        : status === 404
          ? ErrorCodes.notFound
          : ErrorCodes.api;
    const hint =
      status === 401 ? " (the token was renewed once and still refused; check the credentials)" : "";
    return new FlowLogError(code, `${operation} in ${this.region}: HTTP ${status}: ${apiMessage}${hint}`, {
      operation,
      status,
      apiMessage,
      ...(type === undefined ? {} : { apiCode: type }),
    });
  }
}

const clients = new PerProcess<NhnClient>();

/**
 * One client per region, credentials and transport per process, so tokens and connections are shared.
 * Without a transport, the one shared by every client with the same request timeout.
 */
export function nhnClientFor(
  settings: NhnSettings,
  transport: Transport = transportFor(settings),
): NhnClient {
  return clients.get(transport, settings, () => new NhnClient(settings, transport));
}

/**
 * One `make(client)` per client, made on first use and dropped with the client: how the lister, the name
 * look-up, the reader and the watcher share their calls among everything that uses one client.
 */
export function perClient<T>(make: (client: NhnClient) => T): (client: NhnClient) => T {
  const made = new WeakMap<NhnClient, T>();
  return (client) => {
    let value = made.get(client);
    if (value === undefined) {
      value = make(client);
      made.set(client, value);
    }
    return value;
  };
}
