import { z } from "zod";

export const RESOURCE_TYPES = ["VPC", "SUBNET", "PORT"] as const;
export const FILTERS = ["ALL", "ACCEPT", "DROP"] as const;
export const STORAGE_TYPES = ["OBS"] as const;
export const LOG_FORMATS = ["CSV", "PARQUET"] as const;
export const COMPRESSION_TYPES = ["RAW", "GZIP"] as const;
export const STATUSES = ["BUILD", "ACTIVE", "INACTIVE", "ERROR"] as const;
export const ERROR_TYPES = [
  "",
  "AuthenticationSystemError",
  "OBSConfigurationError",
  "OBSServiceNotAvailableError",
] as const;

/** Fields usable in customized_field; vm_id is the older name of owner_id and still accepted. */
export const CUSTOMIZABLE_FIELDS = [
  "timestamp_start",
  "timestamp_end",
  "interface_id",
  "owner_type",
  "owner_id",
  "vm_id",
  "subnet_id",
  "vpc_id",
  "region",
  "protocol",
  "src_addr",
  "dst_addr",
  "src_port",
  "dst_port",
  "tcp_flag",
  "packets",
  "bytes",
  "direction",
  "filter",
  "transithub_drop_no_route_packets",
  "transithub_drop_no_route_bytes",
  "transithub_drop_black_hole_packets",
  "transithub_drop_black_hole_bytes",
  "status",
] as const;

export const FILE_NAME_VARIABLES = ["logger_id", "year", "month", "day", "hour", "minute", "second"] as const;

/** What the service fills in when create leaves a field out. */
export const CREATE_DEFAULTS = {
  resource_type: "PORT",
  filter: "ALL",
  aggregation_interval: 10,
  connection_setup_only: false,
  log_format: "CSV",
  compression_type: "RAW",
  customized_field:
    "timestamp_start,timestamp_end,interface_id,vm_id,subnet_id,vpc_id,region,protocol,src_addr,dst_addr,src_port,dst_port,tcp_flag,packets,bytes,filter,status",
  customized_file_name: "#{logger_id}_#{year}-#{month}-#{day}T#{hour}:#{minute}:#{second}KST",
  partition_period: "DAY",
  admin_state_up: true,
  description: "",
} as const;

/** The settable attributes of a logger (create body after defaults). */
export const LoggerSpec = z.object({
  name: z.string(),
  description: z.string(),
  resource_type: z.enum(RESOURCE_TYPES),
  resource_id: z.string(),
  filter: z.enum(FILTERS),
  aggregation_interval: z.number().int(),
  connection_setup_only: z.boolean(),
  storage_type: z.enum(STORAGE_TYPES),
  storage_url: z.string(),
  log_format: z.enum(LOG_FORMATS),
  compression_type: z.enum(COMPRESSION_TYPES),
  customized_field: z.string(),
  customized_file_name: z.string(),
  partition_period: z.string(),
  admin_state_up: z.boolean(),
});
export type LoggerSpec = z.infer<typeof LoggerSpec>;

/** A logger as the store keeps it: the spec and its state (snake_case, dates zone-less: UTC, or KST under timeZone). */
export const StoredLogger = LoggerSpec.extend({
  id: z.string(),
  tenant_id: z.string(),
  project_id: z.string(),
  status: z.enum(STATUSES),
  error_type: z.enum(ERROR_TYPES),
  created_at: z.string(),
  updated_at: z.string(),
});
export type StoredLogger = z.infer<typeof StoredLogger>;

/**
 * What the API answers. By default every stored field but customized_file_name, which no documented
 * response shows; the echoFileName and echoCustomizedField readings add or remove those two.
 */
export const ApiLogger = StoredLogger.extend({
  customized_field: z.string().optional(),
  customized_file_name: z.string().optional(),
});
export type ApiLogger = z.infer<typeof ApiLogger>;

export const ApiLoggingPort = z.object({
  id: z.string(),
  logger_id: z.string(),
  port_id: z.string(),
  network_id: z.string(),
  tenant_id: z.string(),
  project_id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type ApiLoggingPort = z.infer<typeof ApiLoggingPort>;

/** Any UUID-shaped id; the API answers 404 (not 400) for anything else in a path. */
export const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
