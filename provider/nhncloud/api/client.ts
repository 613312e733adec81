import type { z } from "zod";
import { PerProcess } from "../../common/cache";
import { isUuid } from "../../common/check";
import { ErrorCodes, FlowLogError, quoted, shorten } from "../../common/errors";
import { type HttpMethod, send, sharedTransport, type Transport } from "../../common/http";
import { parseResponse } from "../../common/parse";
import { pollUntil } from "../../common/poll";
import { duration } from "../../common/time";
import { TIMING } from "../../common/timing";
import { joinUrl } from "../../common/urls";
import {
  describeRegionSource,
  NHN_SETTINGS,
  NHN_TIMEOUT_SETTING,
  type NhnSettings,
  networkEndpoint,
} from "../config";
import { type IssuedToken, type TokenSource, tokenSourceFor } from "./auth";
import { ApiClock } from "./clock";
import { parseApiError } from "./errors";
import { type FetchPage, type Listing, ListingKnowledge, type ListOptions, listAll } from "./listing";
import {
  type ApiLogger,
  type ApiLoggerCreate,
  type ApiLoggerUpdate,
  type ApiLoggingPort,
  LoggerEnvelope,
  LoggerList,
  type LoggerQuery,
  LoggingPortList,
  type LoggingPortQuery,
} from "./model";

/**
 * Ids go into URL paths: anything but a UUID is refused before a request is made. The length is checked
 * first, so a huge id costs nothing, and only a short prefix of it is quoted.
 */
export function assertUuid(value: string, what: string): string {
  if (!isUuid(value)) {
    throw new FlowLogError(ErrorCodes.input, `${what} must be a UUID, got ${quoted(value)}`, {
      operation: `check ${what}`,
    });
  }
  return value;
}

/** How long a logger whose DELETE answered 404 may still be listed (a DELETE under way) before it is an error. */
const GONE_AFTER_404_MS = 10_000;

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
  /** A path under the endpoint, or a whole URL of the same collection (a `next` link). */
  path: string;
  schema?: z.ZodType<T>;
  body?: unknown;
  /** A 404 answers `undefined` instead of failing (a logger's path; its list then proves the route right). */
  allowNotFound?: boolean;
  /** A list of this collection path: a 404 means a wrong route, and `path` may be a `next` link. */
  list?: string;
}

/** Options of a list call. */
export interface ListCallOptions extends ListOptions {
  /** What the list is for, in errors (e.g. a look-up before a create). */
  operation?: string;
}

/** A change this client made: every cache of what the tenant holds listens (see `onWrite`). */
export type WriteEvent = { kind: "created" | "updated"; logger: ApiLogger } | { kind: "deleted"; id: string };

const COLLECTIONS = {
  loggers: { path: "/v2.0/flowlog-loggers", key: "flowlog_loggers", what: "flow log loggers" },
  ports: {
    path: "/v2.0/flowlog-logging-ports",
    key: "flowlog_logging_ports",
    what: "flow log logging ports",
  },
} as const;
type Collection = keyof typeof COLLECTIONS;

/** The `rel: "next"` link of a Neutron list answer, if it has one. */
function nextLink(body: unknown, key: string): string | undefined {
  const links = (body as Record<string, unknown> | null)?.[`${key}_links`];
  if (!Array.isArray(links)) return undefined;
  const next = links.find((link) => (link as { rel?: unknown })?.rel === "next") as
    | { href?: unknown }
    | undefined;
  return typeof next?.href === "string" ? next.href : undefined;
}

/** The NHN Cloud network API (Flow Log v2) for one region and one set of credentials. */
export class NhnClient {
  readonly region: string;
  /** The zone the API writes its times in, as far as this client has seen. */
  readonly clock = new ApiClock();
  private readonly tokens: TokenSource;
  private readonly listings: Record<Collection, ListingKnowledge> = {
    loggers: new ListingKnowledge(),
    ports: new ListingKnowledge(),
  };
  private readonly listeners: ((event: WriteEvent) => void)[] = [];

  /** `tokens` defaults to the process-wide source for these credentials (one token per `pulumi up`). */
  constructor(
    private readonly settings: NhnSettings,
    private readonly transport: Transport = transportFor(settings),
    tokens?: TokenSource,
  ) {
    this.region = settings.region;
    this.tokens = tokens ?? tokenSourceFor(settings, transport);
  }

  /** Calls `listener` after each change this client makes, so that no cache of the tenant goes stale. */
  onWrite(listener: (event: WriteEvent) => void): void {
    this.listeners.push(listener);
  }

  /** What list answers of loggers have shown of their paging and caps. */
  get loggerListing(): Readonly<ListingKnowledge> {
    return this.listings.loggers;
  }

  /** Loggers matching `query`, every page; `complete` says whether one can be missing (see listing.ts). */
  listLoggers(query: LoggerQuery = {}, options: ListCallOptions = {}): Promise<Listing<ApiLogger>> {
    return this.list("loggers", query, LoggerList, options, (body) => body.flowlog_loggers);
  }

  /**
   * The logger with this id, or undefined when the API says there is none: a list filtered by the one id
   * answers the same under every reading of the document, and its 200 proves the route right (a 404 from
   * a wrong endpoint is an error, never "gone").
   */
  async findLogger(id: string, operation = `get flow log logger ${id}`): Promise<ApiLogger | undefined> {
    assertUuid(id, "logger id");
    const { items } = await this.listLoggers({ id }, { operation, prove: false });
    for (const logger of items) this.clock.seen(logger.created_at);
    const found = items.find((logger) => logger.id === id);
    if (found || items.length === 0) return found;
    // Others and not this one: the filter was not applied, and a list cut short may lack it. Not "gone".
    throw new FlowLogError(
      ErrorCodes.response,
      `${operation}: asked for the logger with id ${id}, the API answered with ${items.length} other logger(s) ` +
        `and not that one, so its id filter was not applied and the answer proves neither that the logger ` +
        `exists nor that it is gone. Nothing was concluded and the stack's state is kept. Check ` +
        `${this.endpointSource()}: it must be the NHN Cloud network endpoint.`,
      { operation },
    );
  }

  async createLogger(logger: ApiLoggerCreate): Promise<ApiLogger> {
    const operation = `create flow log logger "${logger.name}"`;
    const sent = Date.now();
    const body = await this.call({
      operation,
      method: "POST",
      path: COLLECTIONS.loggers.path,
      schema: LoggerEnvelope,
      body: { flowlog_logger: logger },
    });
    const created = this.required(body, operation).flowlog_logger;
    this.clock.made(created.created_at, sent, Date.now());
    this.emit({ kind: "created", logger: created });
    return created;
  }

  /** A PUT; a logger the API proves gone fails with ERR_FLOWLOG_NOT_FOUND. */
  async updateLogger(id: string, logger: ApiLoggerUpdate): Promise<ApiLogger> {
    const operation = `update flow log logger ${id}`;
    const path = `${COLLECTIONS.loggers.path}/${assertUuid(id, "logger id")}`;
    const body = await this.call({
      operation,
      method: "PUT",
      path,
      schema: LoggerEnvelope,
      body: { flowlog_logger: logger },
      allowNotFound: true,
    });
    if (body === undefined) {
      // Gone, or a wrong route: the list tells which (a wrong route fails there, naming the endpoint).
      const live = await this.findLogger(id, operation);
      throw new FlowLogError(
        ErrorCodes.notFound,
        live
          ? `${operation} in ${this.region}: the API answered 404 to the PUT, yet lists the logger; run \`pulumi up\` again`
          : `${operation} in ${this.region}: the logger no longer exists; run \`pulumi refresh\``,
        { operation, status: 404 },
      );
    }
    const updated = body.flowlog_logger;
    this.emit({ kind: "updated", logger: updated });
    return updated;
  }

  /** Deletes a logger; false when the API proves it was already gone (see findLogger). */
  async deleteLogger(id: string): Promise<boolean> {
    const operation = `delete flow log logger ${id}`;
    const path = `${COLLECTIONS.loggers.path}/${assertUuid(id, "logger id")}`;
    const result = await this.call<object>({ operation, method: "DELETE", path, allowNotFound: true });
    if (result === undefined && (await this.listedAfter404(id, operation))) {
      throw new FlowLogError(
        ErrorCodes.api,
        `${operation} in ${this.region}: the API answered 404 to the DELETE, yet still lists the logger ` +
          `${duration(GONE_AFTER_404_MS)} later; nothing is removed from the stack: run \`pulumi destroy\` or \`up\` again`,
        { operation, status: 404 },
      );
    }
    this.emit({ kind: "deleted", id });
    return result !== undefined;
  }

  /**
   * Whether a logger whose DELETE answered 404 is still listed once a short while has passed: an earlier
   * DELETE (its answer lost) may be under way, and a list may show it until it is done.
   */
  private async listedAfter404(id: string, operation: string): Promise<boolean> {
    const gone = await pollUntil(
      async () => ((await this.findLogger(id, operation)) ? undefined : true),
      { delaysMs: TIMING.gonePollsMs },
      Date.now() + GONE_AFTER_404_MS,
    );
    return gone === undefined;
  }

  listLoggingPorts(
    query: LoggingPortQuery = {},
    options: ListCallOptions = {},
  ): Promise<Listing<ApiLoggingPort>> {
    return this.list("ports", query, LoggingPortList, options, (body) => body.flowlog_logging_ports);
  }

  /** The logging port with this id, or undefined when the API says there is none (as findLogger). */
  async findLoggingPort(id: string): Promise<ApiLoggingPort | undefined> {
    assertUuid(id, "logging port id");
    const operation = `get flow log logging port ${id}`;
    const { items } = await this.listLoggingPorts({ id }, { operation, prove: false });
    return items.find((port) => port.id === id);
  }

  private emit(event: WriteEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Every page of a list (listing.ts): the query with `limit`/`marker`, then the answer's `next` links. */
  private list<B, T extends { id: string }>(
    collection: Collection,
    query: Record<string, string | number | readonly string[] | undefined>,
    schema: z.ZodType<B>,
    options: ListCallOptions,
    itemsOf: (body: B) => T[],
  ): Promise<Listing<T>> {
    const { path, key, what } = COLLECTIONS[collection];
    const operation = options.operation ?? `list ${what}`;
    const fetch: FetchPage<T> = async (request) => {
      const target = "href" in request ? request.href : `${path}${queryString({ ...query, ...request })}`;
      const body = await this.call({ operation, method: "GET", path: target, schema, list: path });
      const page = this.required(body, operation);
      return { items: itemsOf(page), next: nextLink(page, key) };
    };
    return listAll(fetch, this.listings[collection], options);
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
    return networkEndpoint(match.publicURL, `the catalog's network endpoint for ${shorten(this.region, 16)}`);
  }

  /** Where the endpoint came from, for a message that says what to check. */
  private endpointSource(): string {
    return this.settings.networkUrl
      ? `${NHN_SETTINGS.networkUrl.config} (or ${NHN_SETTINGS.networkUrl.env[0]}) for ${this.region}`
      : `the service catalog's network endpoint for ${this.region}`;
  }

  /** A `next` link as a URL under the endpoint, only when it names the same collection on the same host. */
  private linked(href: string, base: string, collection: string, operation: string): string {
    let url: URL | undefined;
    try {
      url = new URL(href, `${base}/`);
    } catch {
      url = undefined;
    }
    const expected = new URL(joinUrl(base, collection));
    if (!url || url.origin !== expected.origin || url.pathname.replace(/\/+$/, "") !== expected.pathname) {
      throw new FlowLogError(
        ErrorCodes.response,
        `${operation}: the API's next-page link leads away from ${expected.origin}${expected.pathname}; it was not followed, so the list cannot be read whole`,
        { operation },
      );
    }
    return url.href;
  }

  /** One API call: token, endpoint, retries (in `send`), one renewal after a 401, error mapping, validation. */
  private async call<T>(call: Call<T>): Promise<T | undefined> {
    const { operation } = call;
    for (let renewed = false; ; renewed = true) {
      const token = await this.tokens.current();
      const base = this.endpoint(token);
      const url = /^https?:\/\//i.test(call.path)
        ? this.linked(call.path, base, call.list ?? "", operation)
        : joinUrl(base, call.path);
      const res = await send(
        {
          method: call.method,
          url,
          headers: {
            "x-auth-token": token.id,
            accept: "application/json",
            ...(call.body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
          operation,
          idempotent: call.method !== "POST",
          ...(this.settings.networkUrl ? { endpointSetting: this.endpointSource() } : {}),
        },
        this.transport,
      );
      if (res.status === 401 && !renewed) {
        this.tokens.invalidate(token.id);
        continue;
      }
      if (res.status === 404 && call.list !== undefined) throw this.wrongRoute(operation, url, res.status);
      if (res.status === 404 && call.allowNotFound) return undefined;
      if (res.status < 200 || res.status >= 300) throw this.httpError(operation, res.status, res.text);
      // Without a schema (DELETE) the body is not used: a proxy's non-JSON 200 must not fail the call.
      if (!call.schema) return {} as T;
      return parseResponse(call.schema, res.text, { operation, status: res.status, service: "the API" });
    }
  }

  /**
   * A list answered 404: a collection that exists in every tenant cannot be missing, so the route is wrong
   * (an endpoint with an extra path, another service). Nothing is concluded about any logger.
   */
  private wrongRoute(operation: string, url: string, status: number): FlowLogError {
    const { origin, pathname } = new URL(url);
    return new FlowLogError(
      this.settings.networkUrl ? ErrorCodes.config : ErrorCodes.api,
      `${operation}: ${origin}${pathname} answered HTTP ${status}, so it is not the NHN Cloud Flow Log API ` +
        `(a list of loggers always exists). Nothing was concluded about any logger and the stack's state is kept. ` +
        `Check ${this.endpointSource()}: it must be the network endpoint itself, without /v2.0 ` +
        "(e.g. https://kr1-api-network-infrastructure.nhncloudservice.com).",
      { operation, status },
    );
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
