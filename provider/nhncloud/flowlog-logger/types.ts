// Generated from the field table (fields.ts) by `npm run generate`: edit the table, not this file.
import type * as pulumi from "@pulumi/pulumi";

/** What `resourceId` names. */
export type ResourceType = "VPC" | "SUBNET" | "PORT";
/** Which packets to collect: `ACCEPT` (allowed), `DROP` (blocked) or `ALL`. */
export type LoggerFilter = "ALL" | "ACCEPT" | "DROP";
/** Where logs are stored; only `OBS` (Object Storage) exists. */
export type StorageType = "OBS";
/** File format. */
export type LogFormat = "CSV" | "PARQUET";
/** File compression. */
export type CompressionType = "RAW" | "GZIP";
/** A field a flow log record can hold (`vm_id` is the old name of `owner_id`). */
export type CustomizedField =
  | "timestamp_start"
  | "timestamp_end"
  | "interface_id"
  | "owner_type"
  | "owner_id"
  | "vm_id"
  | "subnet_id"
  | "vpc_id"
  | "region"
  | "protocol"
  | "src_addr"
  | "dst_addr"
  | "src_port"
  | "dst_port"
  | "tcp_flag"
  | "packets"
  | "bytes"
  | "direction"
  | "filter"
  | "transithub_drop_no_route_packets"
  | "transithub_drop_no_route_bytes"
  | "transithub_drop_black_hole_packets"
  | "transithub_drop_black_hole_bytes"
  | "status";
/** `BUILD` right after create, then `ACTIVE`, `INACTIVE` (adminStateUp false) or `ERROR`. */
export type LoggerStatus = "BUILD" | "ACTIVE" | "INACTIVE" | "ERROR";

/** Arguments of `nhncloud.FlowLogLogger`. Every one is a `pulumi.Input`. */
export interface FlowLogLoggerArgs {
  /** Logger name, 1 to 255 characters. Default: the Pulumi name, a dash and a stable 7-character hash. Updated in place. */
  name?: pulumi.Input<string>;
  /** Free text, at most 255 characters. Default: `""`. Updated in place. */
  description?: pulumi.Input<string>;
  /** `false` stops collection (status `INACTIVE`). Default: `true`. Updated in place. */
  adminStateUp?: pulumi.Input<boolean>;
  /** What `resourceId` names. Default: `"PORT"`. Forces replacement. */
  resourceType?: pulumi.Input<ResourceType>;
  /** UUID of the port, subnet or VPC to log. Required. Forces replacement. */
  resourceId: pulumi.Input<string>;
  /** Which packets to collect: `ACCEPT` (allowed), `DROP` (blocked) or `ALL`. Default: `"ALL"`. Forces replacement. */
  filter?: pulumi.Input<LoggerFilter>;
  /** Minutes between files written to storage, 1 to 15. Default: `10`. Forces replacement. */
  aggregationInterval?: pulumi.Input<number>;
  /** Collect only packets that set up a connection. Default: `false`. Forces replacement. */
  connectionSetupOnly?: pulumi.Input<boolean>;
  /** Where logs are stored; only `OBS` (Object Storage) exists. Default: `"OBS"`. Forces replacement. */
  storageType?: pulumi.Input<StorageType>;
  /** `https://{object-storage-endpoint}/v1/AUTH_{id}/{container}/{path}`; the flow log system account needs Write on the container. Required. Forces replacement. */
  storageUrl: pulumi.Input<string>;
  /** File format. Default: `"CSV"`. Forces replacement. */
  logFormat?: pulumi.Input<LogFormat>;
  /** File compression. Default: `"RAW"`. Forces replacement. */
  compressionType?: pulumi.Input<CompressionType>;
  /** Fields written to each record, in this order (`vm_id` is accepted as the old name of `owner_id`). Default: the service's list. Forces replacement. */
  customizedFields?: pulumi.Input<pulumi.Input<CustomizedField>[]>;
  /** File name template using each of `#{logger_id} #{year} #{month} #{day} #{hour} #{minute} #{second}` exactly once. Default: the service's template. Forces replacement. */
  customizedFileName?: pulumi.Input<string>;
  /** Folder layout under the storage path: `HOUR`, `DAY`, or a template such as `year=#{year}/month=#{month}/day=#{day}`. Default: `"DAY"`. Forces replacement. */
  partitionPeriod?: pulumi.Input<string>;
  /** Region whose endpoint serves the logger (`KR1`, `KR2`, `KR3` …); overrides `nhncloud:region`. Default: stack config `nhncloud:region` (or `OS_REGION_NAME`). Forces replacement. */
  region?: pulumi.Input<string>;
  /** Id of an existing logger to take under management instead of creating one. Default: none. Forces replacement. */
  adoptId?: pulumi.Input<string>;
}

/** What `nhncloud.FlowLogLogger.get` may be told about the logger it reads; every field is optional. */
export interface FlowLogLoggerState {
  /** Logger name, 1 to 255 characters. */
  name?: pulumi.Input<string>;
  /** Free text, at most 255 characters. */
  description?: pulumi.Input<string>;
  /** `false` when collection is stopped (status `INACTIVE`). */
  adminStateUp?: pulumi.Input<boolean>;
  /** What `resourceId` names: a VPC, a subnet or a port. */
  resourceType?: pulumi.Input<ResourceType>;
  /** UUID of the port, subnet or VPC logged. */
  resourceId?: pulumi.Input<string>;
  /** Which packets are collected: `ACCEPT` (allowed), `DROP` (blocked) or `ALL`. */
  filter?: pulumi.Input<LoggerFilter>;
  /** Minutes between files written to storage, 1 to 15. */
  aggregationInterval?: pulumi.Input<number>;
  /** Whether only packets that set up a connection are collected. */
  connectionSetupOnly?: pulumi.Input<boolean>;
  /** Where logs are stored; only `OBS` (Object Storage) exists. */
  storageType?: pulumi.Input<StorageType>;
  /** Where the logs are written: `https://{object-storage-endpoint}/v1/AUTH_{id}/{container}/{path}`. */
  storageUrl?: pulumi.Input<string>;
  /** File format. */
  logFormat?: pulumi.Input<LogFormat>;
  /** File compression. */
  compressionType?: pulumi.Input<CompressionType>;
  /** Fields written to each record, in this order; absent when not set (the service's list) or, for a listed logger, not shown by the API. */
  customizedFields?: pulumi.Input<pulumi.Input<CustomizedField>[]>;
  /** File name template of the log files; absent when not set (the service's template) or, for a listed logger, not shown by the API. */
  customizedFileName?: pulumi.Input<string>;
  /** Folder layout under the storage path: `HOUR`, `DAY`, or a template such as `year=#{year}/month=#{month}/day=#{day}`. */
  partitionPeriod?: pulumi.Input<string>;
  /** Region whose endpoint serves the logger (`KR1`, `KR2`, `KR3` …). */
  region?: pulumi.Input<string>;
  /** Set when a resource took this existing logger under management (`adoptId`) instead of creating it: its id. */
  adoptId?: pulumi.Input<string>;
  /** `BUILD` right after create, then `ACTIVE`, `INACTIVE` (adminStateUp false) or `ERROR`. */
  status?: pulumi.Input<LoggerStatus>;
  /** Why the logger is in `ERROR` (`AuthenticationSystemError`, `OBSConfigurationError`, `OBSServiceNotAvailableError`), else `""`. */
  errorType?: pulumi.Input<string>;
  /** The tenant (project) that owns the logger. */
  tenantId?: pulumi.Input<string>;
  /** The project that owns the logger (the tenant id where the API gives none). */
  projectId?: pulumi.Input<string>;
  /** When the logger was created, ISO 8601 in UTC. */
  createdAt?: pulumi.Input<string>;
  /** When the logger last changed, ISO 8601 in UTC. */
  updatedAt?: pulumi.Input<string>;
}

/** The outputs of `nhncloud.FlowLogLogger`: every argument resolved (defaults filled), then what the service reports. */
export interface FlowLogLoggerOutputs {
  /** Logger name, 1 to 255 characters. */
  readonly name: pulumi.Output<string>;
  /** Free text, at most 255 characters. */
  readonly description: pulumi.Output<string>;
  /** `false` when collection is stopped (status `INACTIVE`). */
  readonly adminStateUp: pulumi.Output<boolean>;
  /** What `resourceId` names: a VPC, a subnet or a port. */
  readonly resourceType: pulumi.Output<ResourceType>;
  /** UUID of the port, subnet or VPC logged. */
  readonly resourceId: pulumi.Output<string>;
  /** Which packets are collected: `ACCEPT` (allowed), `DROP` (blocked) or `ALL`. */
  readonly filter: pulumi.Output<LoggerFilter>;
  /** Minutes between files written to storage, 1 to 15. */
  readonly aggregationInterval: pulumi.Output<number>;
  /** Whether only packets that set up a connection are collected. */
  readonly connectionSetupOnly: pulumi.Output<boolean>;
  /** Where logs are stored; only `OBS` (Object Storage) exists. */
  readonly storageType: pulumi.Output<StorageType>;
  /** Where the logs are written: `https://{object-storage-endpoint}/v1/AUTH_{id}/{container}/{path}`. */
  readonly storageUrl: pulumi.Output<string>;
  /** File format. */
  readonly logFormat: pulumi.Output<LogFormat>;
  /** File compression. */
  readonly compressionType: pulumi.Output<CompressionType>;
  /** Fields written to each record, in this order; absent when not set (the service's list) or, for a listed logger, not shown by the API. */
  readonly customizedFields: pulumi.Output<CustomizedField[] | undefined>;
  /** File name template of the log files; absent when not set (the service's template) or, for a listed logger, not shown by the API. */
  readonly customizedFileName: pulumi.Output<string | undefined>;
  /** Folder layout under the storage path: `HOUR`, `DAY`, or a template such as `year=#{year}/month=#{month}/day=#{day}`. */
  readonly partitionPeriod: pulumi.Output<string>;
  /** Region whose endpoint serves the logger (`KR1`, `KR2`, `KR3` …). */
  readonly region: pulumi.Output<string>;
  /** Set when a resource took this existing logger under management (`adoptId`) instead of creating it: its id. */
  readonly adoptId: pulumi.Output<string | undefined>;
  /** `BUILD` right after create, then `ACTIVE`, `INACTIVE` (adminStateUp false) or `ERROR`. */
  readonly status: pulumi.Output<LoggerStatus>;
  /** Why the logger is in `ERROR` (`AuthenticationSystemError`, `OBSConfigurationError`, `OBSServiceNotAvailableError`), else `""`. */
  readonly errorType: pulumi.Output<string>;
  /** The tenant (project) that owns the logger. */
  readonly tenantId: pulumi.Output<string>;
  /** The project that owns the logger (the tenant id where the API gives none). */
  readonly projectId: pulumi.Output<string>;
  /** When the logger was created, ISO 8601 in UTC. */
  readonly createdAt: pulumi.Output<string>;
  /** When the logger last changed, ISO 8601 in UTC. */
  readonly updatedAt: pulumi.Output<string>;
}

/** A logger as `getFlowLogLoggers` returns it: `FlowLogLogger`'s outputs as plain values, and its id. */
export interface FlowLogLoggerInfo {
  /** The logger id. */
  id: string;
  /** Logger name, 1 to 255 characters. */
  name: string;
  /** Free text, at most 255 characters. */
  description: string;
  /** `false` when collection is stopped (status `INACTIVE`). */
  adminStateUp: boolean;
  /** What `resourceId` names: a VPC, a subnet or a port. */
  resourceType: ResourceType;
  /** UUID of the port, subnet or VPC logged. */
  resourceId: string;
  /** Which packets are collected: `ACCEPT` (allowed), `DROP` (blocked) or `ALL`. */
  filter: LoggerFilter;
  /** Minutes between files written to storage, 1 to 15. */
  aggregationInterval: number;
  /** Whether only packets that set up a connection are collected. */
  connectionSetupOnly: boolean;
  /** Where logs are stored; only `OBS` (Object Storage) exists. */
  storageType: StorageType;
  /** Where the logs are written: `https://{object-storage-endpoint}/v1/AUTH_{id}/{container}/{path}`. */
  storageUrl: string;
  /** File format. */
  logFormat: LogFormat;
  /** File compression. */
  compressionType: CompressionType;
  /** Fields written to each record, in this order; absent when not set (the service's list) or, for a listed logger, not shown by the API. */
  customizedFields?: CustomizedField[];
  /** File name template of the log files; absent when not set (the service's template) or, for a listed logger, not shown by the API. */
  customizedFileName?: string;
  /** Folder layout under the storage path: `HOUR`, `DAY`, or a template such as `year=#{year}/month=#{month}/day=#{day}`. */
  partitionPeriod: string;
  /** Region whose endpoint serves the logger (`KR1`, `KR2`, `KR3` …). */
  region: string;
  /** Set when a resource took this existing logger under management (`adoptId`) instead of creating it: its id. */
  adoptId?: string;
  /** `BUILD` right after create, then `ACTIVE`, `INACTIVE` (adminStateUp false) or `ERROR`. */
  status: LoggerStatus;
  /** Why the logger is in `ERROR` (`AuthenticationSystemError`, `OBSConfigurationError`, `OBSServiceNotAvailableError`), else `""`. */
  errorType: string;
  /** The tenant (project) that owns the logger. */
  tenantId: string;
  /** The project that owns the logger (the tenant id where the API gives none). */
  projectId: string;
  /** When the logger was created, ISO 8601 in UTC. */
  createdAt: string;
  /** When the logger last changed, ISO 8601 in UTC. */
  updatedAt: string;
}

/** Filters of `getFlowLogLoggers`, each a list query the API supports; all optional, combined with AND. */
export interface GetFlowLogLoggersArgs {
  /** Only the logger with this id. */
  id?: string;
  /** Only loggers whose `name` is this (query `name`). */
  name?: string;
  /** Only loggers whose `resourceType` is this (query `resource_type`). */
  resourceType?: ResourceType;
  /** Only loggers whose `resourceId` is this (query `resource_id`). */
  resourceId?: string;
  /** Only loggers whose `filter` is this (query `filter`). */
  filter?: LoggerFilter;
  /** Only loggers whose `aggregationInterval` is this (query `aggregation_interval`). */
  aggregationInterval?: number;
  /** Only loggers whose `storageType` is this (query `storage_type`). */
  storageType?: StorageType;
  /** Only loggers whose `logFormat` is this (query `log_format`). */
  logFormat?: LogFormat;
  /** Only loggers whose `compressionType` is this (query `compression_type`). */
  compressionType?: CompressionType;
  /** Only loggers whose `partitionPeriod` is this (query `partitioned_period`). */
  partitionPeriod?: string;
  /** Only loggers whose `status` is this (query `status`). */
  status?: LoggerStatus;
}

/** Filters of `getFlowLogLoggersOutput`: those of `getFlowLogLoggers`, each a `pulumi.Input`. */
export interface GetFlowLogLoggersOutputArgs {
  /** Only the logger with this id. */
  id?: pulumi.Input<string>;
  /** Only loggers whose `name` is this (query `name`). */
  name?: pulumi.Input<string>;
  /** Only loggers whose `resourceType` is this (query `resource_type`). */
  resourceType?: pulumi.Input<ResourceType>;
  /** Only loggers whose `resourceId` is this (query `resource_id`). */
  resourceId?: pulumi.Input<string>;
  /** Only loggers whose `filter` is this (query `filter`). */
  filter?: pulumi.Input<LoggerFilter>;
  /** Only loggers whose `aggregationInterval` is this (query `aggregation_interval`). */
  aggregationInterval?: pulumi.Input<number>;
  /** Only loggers whose `storageType` is this (query `storage_type`). */
  storageType?: pulumi.Input<StorageType>;
  /** Only loggers whose `logFormat` is this (query `log_format`). */
  logFormat?: pulumi.Input<LogFormat>;
  /** Only loggers whose `compressionType` is this (query `compression_type`). */
  compressionType?: pulumi.Input<CompressionType>;
  /** Only loggers whose `partitionPeriod` is this (query `partitioned_period`). */
  partitionPeriod?: pulumi.Input<string>;
  /** Only loggers whose `status` is this (query `status`). */
  status?: pulumi.Input<LoggerStatus>;
}

/** What `getFlowLogLoggers` returns. */
export interface GetFlowLogLoggersResult {
  /** The loggers, sorted by name, then id, so that previews do not flap. */
  loggers: FlowLogLoggerInfo[];
}
