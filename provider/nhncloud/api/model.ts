import { z } from "zod";
import { apiNumber } from "../../common/parse";

/**
 * The NHN Flow Log API's own model (snake_case). Non-strict objects: the API documents that new fields
 * may appear, and they must not break parsing. Enums are plain strings for the same reason.
 */
export const ApiLogger = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  resource_type: z.string(),
  resource_id: z.string(),
  filter: z.string(),
  aggregation_interval: apiNumber,
  connection_setup_only: z.boolean(),
  storage_type: z.string(),
  storage_url: z.string(),
  log_format: z.string(),
  compression_type: z.string(),
  customized_field: z.string().nullish(),
  customized_file_name: z.string().nullish(),
  partition_period: z.string(),
  admin_state_up: z.boolean(),
  status: z.string(),
  error_type: z.string().nullish(),
  tenant_id: z.string().nullish(),
  project_id: z.string().nullish(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type ApiLogger = z.infer<typeof ApiLogger>;

export const ApiLoggingPort = z.object({
  id: z.string(),
  logger_id: z.string(),
  port_id: z.string(),
  network_id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type ApiLoggingPort = z.infer<typeof ApiLoggingPort>;

/** Neutron's paging links (`rel: "next"`, `"previous"`); kept loose: only a string `href` of `next` is used. */
const Links = z.array(z.unknown()).optional().catch(undefined);

export const LoggerEnvelope = z.object({ flowlog_logger: ApiLogger });
export const LoggerList = z.object({ flowlog_loggers: z.array(ApiLogger), flowlog_loggers_links: Links });
export const LoggingPortEnvelope = z.object({ flowlog_logging_port: ApiLoggingPort });
export const LoggingPortList = z.object({
  flowlog_logging_ports: z.array(ApiLoggingPort),
  flowlog_logging_ports_links: Links,
});

/** The create body: every field the API accepts on POST. */
export interface ApiLoggerCreate {
  name: string;
  description: string;
  admin_state_up: boolean;
  resource_type: string;
  resource_id: string;
  filter: string;
  aggregation_interval: number;
  connection_setup_only: boolean;
  storage_type: string;
  storage_url: string;
  log_format: string;
  compression_type: string;
  partition_period: string;
  customized_field?: string;
  customized_file_name?: string;
}

/** The only fields PUT accepts. */
export interface ApiLoggerUpdate {
  name: string;
  description?: string;
  admin_state_up?: boolean;
}

/** Filters of GET /v2.0/flowlog-loggers; an array repeats the parameter (Neutron reads repeats as OR). */
export type LoggerQuery = Partial<
  Record<
    | "id"
    | "name"
    | "resource_type"
    | "resource_id"
    | "filter"
    | "aggregation_interval"
    | "storage_type"
    | "log_format"
    | "compression_type"
    | "partition_period"
    | "partitioned_period"
    | "status",
    string | number | readonly string[]
  >
>;

export type LoggingPortQuery = Partial<
  Record<"id" | "logger_id" | "port_id" | "network_id", string | readonly string[]>
>;

/**
 * NHN returns dates without a zone and sometimes with microseconds. Outputs carry them as ISO with `Z`, as
 * every release has (state must not change on upgrade), though the zone the API writes is not documented
 * (UTC or KST, see clock.ts): no decision rests on these outputs; decisions read times through ApiClock.
 */
export function apiDateToIso(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    value.trim(),
  );
  if (!match) return value;
  const fraction = (match[3] ?? ".000").slice(0, 4).padEnd(4, "0");
  const parsed = new Date(`${match[1]}T${match[2]}${fraction}${match[4] ?? "Z"}`);
  return Number.isNaN(parsed.getTime()) ? value : parsed.toISOString();
}
