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
/** Fields written to each record, in this order (`vm_id` is accepted as the old name of `owner_id`). */
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
  /** Logger name, 1 to 255 characters. Default: the Pulumi name, a dash and 7 characters (auto-naming, see below). Updated in place. */
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
