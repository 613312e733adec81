import { ErrorCodes, FlowLogError } from "../../provider/common/errors";
import { ResponseTooLarge } from "../../provider/common/http";
import type { ListCallOptions, NhnClient, WriteEvent } from "../../provider/nhncloud/api/client";
import { ApiClock } from "../../provider/nhncloud/api/clock";
import type { Listing } from "../../provider/nhncloud/api/listing";
import { ListingKnowledge } from "../../provider/nhncloud/api/listing";
import type { ApiLogger, ApiLoggerCreate, LoggerQuery } from "../../provider/nhncloud/api/model";
import { LoggerArgs } from "../../provider/nhncloud/flowlog-logger/fields";
import type { LoggerInputs } from "../../provider/nhncloud/flowlog-logger/state";

/**
 * A small NhnClient in process, for unit tests (issue 22): it keeps loggers in memory and answers the
 * methods the batching, waiting and creating modules use, at the time of the (fake or real) clock. Every
 * call is recorded with its time, and failures can be scripted per method.
 */

/** How a repeated filter (`?id=a&id=b`) is read; single values are read the same under every one. */
export type Reading = "or" | "and" | "first" | "last" | "ignored" | "refused";

export type FakeCall =
  | { method: "list"; at: number; query: LoggerQuery; options: ListCallOptions }
  | { method: "find"; at: number; id: string }
  | { method: "create"; at: number; body: ApiLoggerCreate }
  | { method: "delete"; at: number; id: string };

/** What a create does: its result, or an error after making the logger or not. */
export type CreateScript = (body: ApiLoggerCreate, fake: FakeNhn) => Promise<ApiLogger>;

let serial = 0;
/** A fresh UUID, readable in a failure: `aaaaaaaa-0000-4000-8000-00000000001f`. */
export const uuid = (): string => `aaaaaaaa-0000-4000-8000-${(++serial).toString(16).padStart(12, "0")}`;

/** A time as the API writes it: no zone, UTC here. */
export const apiNow = (at = Date.now()): string => new Date(at).toISOString().slice(0, 19).replace("T", " ");

export const RESOURCE = "bbbbbbbb-0001-4000-8000-000000000011";

/** A FlowLogLogger's checked inputs (defaults filled) on a subnet of RESOURCE, named "web" unless `extra` says. */
export const loggerInputs = (extra: Partial<LoggerInputs> = {}): LoggerInputs => ({
  ...LoggerArgs.parse({
    resourceType: "SUBNET",
    resourceId: RESOURCE,
    storageUrl:
      "https://kr1-api-object-storage.nhncloudservice.com/v1/AUTH_0123456789abcdef0123456789abcdef/flowlog/a",
  }),
  name: "web",
  region: "KR1",
  ...extra,
});

/** A logger in the API's model; `fields` override the defaults. */
export function apiLogger(fields: Partial<ApiLogger> = {}): ApiLogger {
  return {
    id: uuid(),
    name: "web",
    description: "",
    resource_type: "SUBNET",
    resource_id: RESOURCE,
    filter: "ALL",
    aggregation_interval: 1,
    connection_setup_only: false,
    storage_type: "OBS",
    storage_url: "https://obs.example/v1/AUTH_x/flowlog/a",
    log_format: "CSV",
    compression_type: "NONE",
    customized_field: null,
    customized_file_name: null,
    partition_period: "DAY",
    admin_state_up: true,
    status: "ACTIVE",
    error_type: null,
    tenant_id: "t",
    project_id: "p",
    created_at: apiNow(),
    updated_at: apiNow(),
    ...fields,
  };
}

/** The logger a POST of `body` makes, in BUILD. */
export const madeOf = (body: ApiLoggerCreate): ApiLogger =>
  apiLogger({
    ...body,
    customized_field: body.customized_field ?? null,
    customized_file_name: body.customized_file_name ?? null,
    status: "BUILD",
  });

/** An error as NhnClient throws it for an HTTP status. */
export const httpError = (status: number, operation = "call the API", apiMessage = "refused"): FlowLogError =>
  new FlowLogError(
    status === 401 || status === 403 ? ErrorCodes.auth : ErrorCodes.api,
    `${operation} in KR1: HTTP ${status}: ${apiMessage}`,
    { operation, status, apiMessage },
  );

export class FakeNhn {
  readonly region = "KR1";
  readonly clock = new ApiClock();
  /** What answers have shown of a cap, as the real client learns it (none where answers are `partial`). */
  readonly loggerListing = new ListingKnowledge();
  readonly calls: FakeCall[] = [];
  /** The tenant, in list order. */
  loggers: ApiLogger[] = [];
  reading: Reading = "or";
  /** Answers hold at most this many loggers and cannot prove themselves whole (a silent cap). */
  cap?: number;
  /** Every answer that shows a logger is unproven (cut short, no way to ask further). */
  partial = false;
  /** An unfiltered answer is too large for one body. */
  tooLarge = false;
  /** Filters the API does not know, and ignores. */
  readonly ignores = new Set<string>();
  /** Ids that lists of more than their own id do not show yet (a lagging index); `findLogger` does. */
  readonly hidden = new Set<string>();
  /** Errors the next calls of each method throw, in order. */
  readonly failures: { list: unknown[]; find: unknown[] } = { list: [], find: [] };
  /** What a POST does; by default it makes the logger and answers it. */
  create: CreateScript = async (body) => this.add(madeOf(body));
  private readonly listeners: ((event: WriteEvent) => void)[] = [];

  /** This fake where the modules expect a client. */
  get client(): NhnClient {
    return this as unknown as NhnClient;
  }

  /** Adds loggers to the tenant; returns the first. */
  add(...loggers: ApiLogger[]): ApiLogger {
    this.loggers.push(...loggers);
    return loggers[0];
  }

  /** Sets the status of a logger `afterMs` from now (by the clock's timers). */
  statusIn(id: string, afterMs: number, status: string): void {
    setTimeout(() => {
      const logger = this.loggers.find((candidate) => candidate.id === id);
      if (logger) logger.status = status;
    }, afterMs);
  }

  /** The recorded calls of one method. */
  callsOf<M extends FakeCall["method"]>(method: M): Extract<FakeCall, { method: M }>[] {
    return this.calls.filter((call): call is Extract<FakeCall, { method: M }> => call.method === method);
  }

  onWrite(listener: (event: WriteEvent) => void): void {
    this.listeners.push(listener);
  }

  emit(event: WriteEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  async listLoggers(query: LoggerQuery = {}, options: ListCallOptions = {}): Promise<Listing<ApiLogger>> {
    this.calls.push({ method: "list", at: Date.now(), query, options });
    const operation = options.operation ?? "list flow log loggers";
    const failure = this.failures.list.shift();
    if (failure) throw failure;
    const filters = Object.entries(query).filter(
      ([key, value]) => value !== undefined && !this.ignores.has(key),
    );
    if (filters.length === 0 && this.tooLarge) {
      throw new ResponseTooLarge(ErrorCodes.response, `${operation}: response body exceeds 8388608 bytes`, {
        operation,
      });
    }
    const repeated = filters.filter(([, value]) => Array.isArray(value) && value.length > 1);
    if (repeated.length > 0 && this.reading === "refused") {
      throw httpError(400, operation, `Filter ${repeated[0][0]} is given more than once`);
    }
    const single = filters.length === 1 && query.id !== undefined && !repeated.length;
    const matched = this.loggers
      .filter((logger) => single || !this.hidden.has(logger.id))
      .filter((logger) => filters.every(([key, value]) => this.matches(logger, key, value)));
    const limit = Math.min(
      options.maxItems ?? Number.POSITIVE_INFINITY,
      this.cap ?? Number.POSITIVE_INFINITY,
    );
    const items = matched.slice(0, limit).map((logger) => structuredClone(logger));
    const cut = matched.length > limit || (this.cap !== undefined && matched.length >= this.cap);
    if (!this.partial) {
      const floor = this.loggerListing.capFloor;
      floor.limited = Math.max(floor.limited, items.length);
    }
    return { items, complete: items.length === 0 || (!cut && !this.partial) };
  }

  async findLogger(id: string): Promise<ApiLogger | undefined> {
    this.calls.push({ method: "find", at: Date.now(), id });
    const failure = this.failures.find.shift();
    if (failure) throw failure;
    const logger = this.loggers.find((candidate) => candidate.id === id);
    return logger && structuredClone(logger);
  }

  async createLogger(body: ApiLoggerCreate): Promise<ApiLogger> {
    this.calls.push({ method: "create", at: Date.now(), body });
    const created = await this.create(body, this);
    this.emit({ kind: "created", logger: created });
    return structuredClone(created);
  }

  async deleteLogger(id: string): Promise<boolean> {
    this.calls.push({ method: "delete", at: Date.now(), id });
    const before = this.loggers.length;
    this.loggers = this.loggers.filter((logger) => logger.id !== id);
    this.emit({ kind: "deleted", id });
    return this.loggers.length < before;
  }

  private matches(logger: ApiLogger, key: string, value: unknown): boolean {
    const shown = String((logger as unknown as Record<string, unknown>)[key]);
    const values = (Array.isArray(value) ? value : [value]).map(String);
    if (values.length === 1) return shown === values[0];
    const rules: Record<Exclude<Reading, "refused">, () => boolean> = {
      or: () => values.includes(shown),
      and: () => values.every((one) => one === shown),
      first: () => shown === values[0],
      last: () => shown === values[values.length - 1],
      ignored: () => true,
    };
    return rules[this.reading as Exclude<Reading, "refused">]();
  }
}
