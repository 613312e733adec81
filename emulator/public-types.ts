/**
 * The emulator's public types as plain interfaces, for users of `pulumi-flowlog/testing` and the emulator's
 * control API: no zod in a declaration a user's compiler reads. test/emulator/public-types.test.ts pins each
 * to the schema that checks it.
 */

/** A port of the seeded topology. */
export interface SeedPort {
  /** The port's UUID. */
  id: string;
  /** A readable name. */
  name: string;
}

/** A subnet of the seeded topology and its ports. */
export interface SeedSubnet {
  /** The subnet's UUID. */
  id: string;
  /** A readable name. */
  name: string;
  /** Its ports. */
  ports: SeedPort[];
}

/** A VPC of the seeded topology and its subnets. */
export interface SeedVpc {
  /** The VPC's UUID. */
  id: string;
  /** A readable name. */
  name: string;
  /** Its subnets. */
  subnets: SeedSubnet[];
}

/** One NHN region of the seed. */
export interface NhnRegionSeed {
  /** The VPCs, their subnets and ports. */
  vpcs: SeedVpc[];
  /** Object Storage containers the flow log system account may write to; any other container ends in ERROR. */
  grantedContainers: string[];
}

/** The fixed world the emulator serves: NHN network topology per region, and NCloud interfaces and buckets. */
export interface Seed {
  /** NHN Cloud. */
  nhn: {
    /** Keyed by upper-case region name (KR1, KR2, KR3). */
    regions: Record<string, NhnRegionSeed>;
  };
  /** NAVER Cloud Platform. */
  ncloud: {
    /** Region codes served, e.g. KR. */
    regionCodes: string[];
    /** Network interface numbers that exist. */
    networkInterfaces: string[];
    /** Object Storage buckets that exist. */
    buckets: string[];
  };
}

/** How an injected fault answers: a status, a dropped connection, a trickled body, or an echo of the request. */
export type FaultKind = 429 | 500 | 502 | 503 | 504 | "drop" | "trickle" | "echo" | "echo-json";

/** Which API calls fail, and how (`POST /_emulator/faults`, `control.setFaults`). */
export interface FaultPlan {
  /** Probability (0..1) that a matching request fails. */
  rate: number;
  /** The kinds of fault, picked at random per faulted request. */
  kinds: FaultKind[];
  /** Sent as Retry-After on 429 and 503; default 1. */
  retryAfterSeconds?: number;
  /** Which requests: by method and by path prefix (identity is faulted only when the prefix says so). */
  match?: {
    /** HTTP method, e.g. POST. */
    method?: string;
    /** Path prefix, e.g. /network/ or /identity. */
    pathPrefix?: string;
  };
  /** Makes the sequence of faults reproducible. */
  seed?: number;
  /** Process the request (side effects happen), then drop or replace its answer. */
  after?: boolean;
  /** Inject this many faults, then the plan is spent; default: until cleared. */
  times?: number;
  /** With `after`: the request is processed this many ms after the answer went out (a slow backend). */
  delayMs?: number;
  /** The pace of "trickle": one body byte per this many ms; default 1000. */
  trickleIntervalMs?: number;
}

/** How the emulator plays what the NHN Flow Log API document leaves open (see the README's "Readings"). */
export interface Readings {
  /** How a list filter given twice (?id=a&id=b) combines; reject answers 400. */
  filterMode: "or" | "and" | "first" | "last" | "ignore" | "reject";
  /** List parameters the document does not list: ignored, or 400. */
  unknownFilters: "ignore" | "reject";
  /** Whether responses show customized_file_name. */
  echoFileName: "no" | "yes";
  /** Which responses show customized_field: all, GET/list only, none. */
  echoCustomizedField: "always" | "read-only" | "never";
  /** Logger names unique per resource_id or per tenant (else 409). */
  uniqueNames: "none" | "resource" | "tenant";
  /** The shape of the network API's error bodies. */
  errorBody: "neutron" | "keystone" | "text";
  /** A deleted logger vanishes at once, or after deleteDelayMs. */
  deleteMode: "immediate" | "eventual";
  /** How long an eventually deleted logger stays visible, in ms. */
  deleteDelayMs: number;
  /** List paging (?limit=&marker=&page_reverse=): honoured, silently ignored, or 400. */
  paging: "honor" | "ignore" | "reject";
  /** The server's default and largest page size; 0 is none. */
  pageSize: number;
  /** Whether a page with more after it carries `flowlog_loggers_links` (rel next/previous). */
  pageLinks: "yes" | "no";
  /** A list answers at most this many items, with no sign of the cut; 0 is none. */
  listCap: number;
  /**
   * A list asked without a `limit` answers at most this many items, silently (a default page smaller than
   * the limits honoured); 0 is none.
   */
  unpagedCap: number;
  /** The zone of created_at/updated_at, written zone-less either way: UTC or KST (UTC+9). */
  timeZone: "utc" | "kst";
  /** An unknown route answers its own 404, or exactly a missing logger's. */
  routeErrors: "distinct" | "like-logger";
}

/** A logger as the emulator's NHN API renders it (snake_case, dates zone-less: UTC, or KST under timeZone). */
export interface EmulatorLogger {
  /** The logger id. */
  id: string;
  /** Logger name. */
  name: string;
  /** Free text. */
  description: string;
  /** VPC, SUBNET or PORT. */
  resource_type: "VPC" | "SUBNET" | "PORT";
  /** The logged resource's UUID. */
  resource_id: string;
  /** ALL, ACCEPT or DROP. */
  filter: "ALL" | "ACCEPT" | "DROP";
  /** Minutes between files. */
  aggregation_interval: number;
  /** Only connection-setup packets. */
  connection_setup_only: boolean;
  /** OBS. */
  storage_type: "OBS";
  /** Where files go. */
  storage_url: string;
  /** CSV or PARQUET. */
  log_format: "CSV" | "PARQUET";
  /** RAW or GZIP. */
  compression_type: "RAW" | "GZIP";
  /** Comma-separated fields; absent where the echoCustomizedField reading hides it. */
  customized_field?: string;
  /** The file name template; shown only under the echoFileName reading "yes". */
  customized_file_name?: string;
  /** HOUR, DAY or a template. */
  partition_period: string;
  /** Whether it collects. */
  admin_state_up: boolean;
  /** The owning tenant. */
  tenant_id: string;
  /** The owning project. */
  project_id: string;
  /** BUILD, ACTIVE, INACTIVE or ERROR. */
  status: "BUILD" | "ACTIVE" | "INACTIVE" | "ERROR";
  /** Why it is in ERROR, else "". */
  error_type: "" | "AuthenticationSystemError" | "OBSConfigurationError" | "OBSServiceNotAvailableError";
  /** Zone-less (UTC, or KST under the timeZone reading), e.g. 2024-08-04 05:22:57. */
  created_at: string;
  /** Zone-less like created_at, with microseconds after an update. */
  updated_at: string;
}

/** A logging port as the emulator's NHN API renders it. */
export interface EmulatorLoggingPort {
  /** The logging port's id. */
  id: string;
  /** Its logger. */
  logger_id: string;
  /** The port logged. */
  port_id: string;
  /** The port's VPC. */
  network_id: string;
  /** The owning tenant. */
  tenant_id: string;
  /** The owning project. */
  project_id: string;
  /** Zone-less, in the timeZone reading's zone. */
  created_at: string;
  /** Zone-less, in the timeZone reading's zone. */
  updated_at: string;
}

/** One NCloud interface's flow log configuration, as stored. */
export interface NcloudFlowLog {
  /** The region code, e.g. KR. */
  regionCode: string;
  /** The interface. */
  networkInterfaceNo: string;
  /** ALLOW, DENY or ALL. */
  collectActionTypeCode: "ALLOW" | "DENY" | "ALL";
  /** Minutes between collections. */
  collectIntervalMinute: number;
  /** OBJT. */
  storageTypeCode: string;
  /** The bucket. */
  storageBucketName: string;
  /** The directory in the bucket. */
  storageBucketDirectoryName: string;
}

/** What `control.setNcloudFlowLog` takes: a configuration, defaults filled where left out. */
export interface NcloudFlowLogInput {
  /** The region code; default KR. */
  regionCode?: string;
  /** The interface. */
  networkInterfaceNo: string;
  /** ALLOW, DENY or ALL. */
  collectActionTypeCode: "ALLOW" | "DENY" | "ALL";
  /** Minutes between collections; default 15. */
  collectIntervalMinute?: number;
  /** Default OBJT. */
  storageTypeCode?: string;
  /** The bucket. */
  storageBucketName: string;
  /** Default VPC_FLOW_LOG. */
  storageBucketDirectoryName?: string;
}
