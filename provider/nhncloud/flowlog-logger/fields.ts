import { z } from "zod";
import { apiDateToIso } from "../api/model";
import * as v from "./values";

/**
 * Every field of a logger, declared once (the Terraform Plugin Framework habit: attributes with plan
 * modifiers). The argument schema, the outputs, the create and PUT bodies, the diff's replace/update
 * lists, the public argument types and the README's argument table are all derived from this table.
 */

/** What a change of the field does: PUT accepts it, or the API cannot change it (replacement). */
export type OnChange = "update" | "replace";
/**
 * Whether API responses show the field: "yes" where every documented response does; "unknown" where the
 * document is silent or says "currently not supported" (so diff relies on what create applied, and uses an
 * echo only when one comes); "n/a" for what only the provider knows.
 */
export type Echo = "yes" | "unknown" | "n/a";
/** Whether a change made outside Pulumi (the console) shows on `pulumi refresh`. */
export type Drift = "yes" | "when-set-and-echoed" | "no";

export interface ArgumentField {
  /** The API attribute, or undefined for what only the provider uses. */
  api?: string;
  /** The checked value: `.default()` fills the value into state, `.optional()` leaves it out. */
  schema: z.ZodType;
  /** Who decides when the program leaves an optional field without default out (docs). */
  absent?: string;
  onChange: OnChange;
  echo: Echo;
  drift: Drift;
  /** One line for docs: what the field is and its rule, as an argument (hover on `FlowLogLoggerArgs`). */
  doc: string;
  /**
   * The same for the field as an output, a logger's state and a listed logger, where it differs: what the
   * value is, not what to type (no defaults, rules or "overrides").
   */
  outputDoc?: string;
  /** The same for the named literal union (`typeName`), where one value is not the whole field. */
  typeDoc?: string;
  /** The README's "API field" column. */
  apiDoc: string;
  /** A name for the field's literal union in the public types, e.g. `ResourceType`. */
  typeName?: string;
  /** Always has a value once checked (a name is generated, a region taken from config), though optional. */
  resolved?: true;
  /** The list query parameter that filters on it (`getFlowLogLoggers`), as the API document spells it. */
  filterParam?: string;
  /** The API's representation, when it is not the argument's own. */
  toApi?: (value: never) => unknown;
  fromApi?: (value: unknown) => unknown;
  /** Equality for diff, when it is not JSON equality. */
  same?: (a: unknown, b: unknown) => boolean;
}

export interface ComputedField {
  api: string;
  doc: string;
  /** The list query parameter that filters on it, as the API document spells it. */
  filterParam?: string;
  /** The TypeScript type of the output. */
  tsType: string;
  typeName?: string;
  fromApi: (value: unknown, logger: Record<string, unknown>) => unknown;
}

const splitFields = (value: unknown): string[] | undefined =>
  typeof value === "string" && value.trim() !== "" ? value.split(",").map((f) => f.trim()) : undefined;

export const ARGUMENT_FIELDS = {
  name: {
    api: "name",
    schema: v.name.optional(),
    absent: "the Pulumi name, a dash and a stable 7-character hash",
    resolved: true,
    filterParam: "name",
    onChange: "update",
    echo: "yes",
    drift: "yes",
    doc: "Logger name, 1 to 255 characters.",
    apiDoc: "name",
  },
  description: {
    api: "description",
    schema: v.description.default(""),
    onChange: "update",
    echo: "yes",
    drift: "yes",
    doc: "Free text, at most 255 characters.",
    apiDoc: "description",
    fromApi: (value) => value ?? "",
  },
  adminStateUp: {
    api: "admin_state_up",
    schema: v.adminStateUp.default(true),
    onChange: "update",
    echo: "yes",
    drift: "yes",
    doc: "`false` stops collection (status `INACTIVE`).",
    outputDoc: "`false` when collection is stopped (status `INACTIVE`).",
    apiDoc: "admin_state_up",
  },
  resourceType: {
    api: "resource_type",
    filterParam: "resource_type",
    schema: v.resourceType.default("PORT"),
    onChange: "replace",
    echo: "yes",
    drift: "yes",
    doc: "What `resourceId` names.",
    outputDoc: "What `resourceId` names: a VPC, a subnet or a port.",
    apiDoc: "resource_type: `VPC` \\| `SUBNET` \\| `PORT`",
    typeName: "ResourceType",
  },
  resourceId: {
    api: "resource_id",
    filterParam: "resource_id",
    schema: v.resourceId,
    onChange: "replace",
    echo: "yes",
    drift: "yes",
    doc: "UUID of the port, subnet or VPC to log.",
    outputDoc: "UUID of the port, subnet or VPC logged.",
    apiDoc: "resource_id (UUID)",
  },
  filter: {
    api: "filter",
    filterParam: "filter",
    schema: v.filter.default("ALL"),
    onChange: "replace",
    echo: "yes",
    drift: "yes",
    doc: "Which packets to collect: `ACCEPT` (allowed), `DROP` (blocked) or `ALL`.",
    outputDoc: "Which packets are collected: `ACCEPT` (allowed), `DROP` (blocked) or `ALL`.",
    apiDoc: "filter: `ALL` \\| `ACCEPT` \\| `DROP`",
    typeName: "LoggerFilter",
  },
  aggregationInterval: {
    api: "aggregation_interval",
    filterParam: "aggregation_interval",
    schema: v.aggregationInterval.default(10),
    onChange: "replace",
    echo: "yes",
    drift: "yes",
    doc: "Minutes between files written to storage, 1 to 15.",
    apiDoc: "aggregation_interval, minutes 1–15",
  },
  connectionSetupOnly: {
    api: "connection_setup_only",
    schema: v.connectionSetupOnly.default(false),
    onChange: "replace",
    echo: "yes",
    drift: "yes",
    doc: "Collect only packets that set up a connection.",
    outputDoc: "Whether only packets that set up a connection are collected.",
    apiDoc: "connection_setup_only",
  },
  storageType: {
    api: "storage_type",
    filterParam: "storage_type",
    schema: v.storageType.default("OBS"),
    onChange: "replace",
    echo: "yes",
    drift: "yes",
    doc: "Where logs are stored; only `OBS` (Object Storage) exists.",
    apiDoc: "storage_type: `OBS`",
    typeName: "StorageType",
  },
  storageUrl: {
    api: "storage_url",
    schema: v.storageUrl,
    onChange: "replace",
    echo: "yes",
    drift: "yes",
    doc: "`https://{object-storage-endpoint}/v1/AUTH_{id}/{container}/{path}`; the flow log system account needs Write on the container.",
    outputDoc:
      "Where the logs are written: `https://{object-storage-endpoint}/v1/AUTH_{id}/{container}/{path}`.",
    apiDoc: "storage_url, `https://{obs-endpoint}/{AUTH_id}/{container}/{path}`",
  },
  logFormat: {
    api: "log_format",
    filterParam: "log_format",
    schema: v.logFormat.default("CSV"),
    onChange: "replace",
    echo: "yes",
    drift: "yes",
    doc: "File format.",
    apiDoc: "log_format: `CSV` \\| `PARQUET`",
    typeName: "LogFormat",
  },
  compressionType: {
    api: "compression_type",
    filterParam: "compression_type",
    schema: v.compressionType.default("RAW"),
    onChange: "replace",
    echo: "yes",
    drift: "yes",
    doc: "File compression.",
    apiDoc: "compression_type: `RAW` \\| `GZIP`",
    typeName: "CompressionType",
  },
  customizedFields: {
    api: "customized_field",
    schema: v.customizedFields.optional(),
    absent: "the service's list",
    onChange: "replace",
    // The create and PUT response tables say "Currently not supported" for customized_field.
    echo: "unknown",
    drift: "when-set-and-echoed",
    doc: "Fields written to each record, in this order (`vm_id` is accepted as the old name of `owner_id`).",
    outputDoc:
      "Fields written to each record, in this order; absent when not set (the service's list) or, for a listed logger, not shown by the API.",
    typeDoc: "A field a flow log record can hold (`vm_id` is the old name of `owner_id`).",
    apiDoc:
      "customized_field (an array here, comma-joined in the API; order kept; `vm_id` accepted as the old name of `owner_id`)",
    typeName: "CustomizedField",
    toApi: (fields: string[]) => fields.join(","),
    fromApi: splitFields,
    same: (a, b) =>
      JSON.stringify(Array.isArray(a) ? v.canonicalFields(a) : a) ===
      JSON.stringify(Array.isArray(b) ? v.canonicalFields(b) : b),
  },
  customizedFileName: {
    api: "customized_file_name",
    schema: v.customizedFileName.optional(),
    absent: "the service's template",
    onChange: "replace",
    // Create takes it, but no documented response shows it.
    echo: "unknown",
    drift: "when-set-and-echoed",
    doc: "File name template using each of `#{logger_id} #{year} #{month} #{day} #{hour} #{minute} #{second}` exactly once.",
    outputDoc:
      "File name template of the log files; absent when not set (the service's template) or, for a listed logger, not shown by the API.",
    apiDoc:
      "customized_file_name, each of `#{logger_id} #{year} #{month} #{day} #{hour} #{minute} #{second}` exactly once",
  },
  partitionPeriod: {
    api: "partition_period",
    // The document spells the query parameter partitioned_period, though the field is partition_period.
    filterParam: "partitioned_period",
    schema: v.partitionPeriod.default("DAY"),
    onChange: "replace",
    echo: "yes",
    drift: "yes",
    doc: "Folder layout under the storage path: `HOUR`, `DAY`, or a template such as `year=#{year}/month=#{month}/day=#{day}`.",
    apiDoc:
      "partition_period: `HOUR` \\| `DAY` \\| a template such as `year=#{year}/month=#{month}/day=#{day}`",
  },
  region: {
    schema: v.region.optional(),
    absent: "stack config `nhncloud:region` (or `OS_REGION_NAME`)",
    resolved: true,
    onChange: "replace",
    echo: "n/a",
    drift: "no",
    doc: "Region whose endpoint serves the logger (`KR1`, `KR2`, `KR3` …); overrides `nhncloud:region`.",
    outputDoc: "Region whose endpoint serves the logger (`KR1`, `KR2`, `KR3` …).",
    apiDoc: "which region's endpoint (overrides `nhncloud:region`)",
  },
  adoptId: {
    schema: v.adoptId.optional(),
    absent: "none",
    onChange: "replace",
    echo: "n/a",
    drift: "no",
    doc: "Id of an existing logger to take under management instead of creating one.",
    outputDoc:
      "Set when a resource took this existing logger under management (`adoptId`) instead of creating it: its id.",
    apiDoc: "id of an existing logger to take under management instead of creating one",
  },
} as const satisfies Record<string, ArgumentField>;

/** What the service adds to the arguments. */
export const COMPUTED_FIELDS = {
  status: {
    api: "status",
    filterParam: "status",
    doc: "`BUILD` right after create, then `ACTIVE`, `INACTIVE` (adminStateUp false) or `ERROR`.",
    tsType: '"BUILD" | "ACTIVE" | "INACTIVE" | "ERROR"',
    typeName: "LoggerStatus",
    fromApi: (value) => value,
  },
  errorType: {
    api: "error_type",
    doc: 'Why the logger is in `ERROR` (`AuthenticationSystemError`, `OBSConfigurationError`, `OBSServiceNotAvailableError`), else `""`.',
    tsType: "string",
    fromApi: (value) => value ?? "",
  },
  tenantId: {
    api: "tenant_id",
    doc: "The tenant (project) that owns the logger.",
    tsType: "string",
    fromApi: (value) => value ?? "",
  },
  projectId: {
    api: "project_id",
    doc: "The project that owns the logger (the tenant id where the API gives none).",
    tsType: "string",
    fromApi: (value, logger) => value ?? logger.tenant_id ?? "",
  },
  createdAt: {
    api: "created_at",
    doc: "When the logger was created, ISO 8601 in UTC.",
    tsType: "string",
    fromApi: (value) => apiDateToIso(String(value)),
  },
  updatedAt: {
    api: "updated_at",
    doc: "When the logger last changed, ISO 8601 in UTC.",
    tsType: "string",
    fromApi: (value) => apiDateToIso(String(value)),
  },
} as const satisfies Record<string, ComputedField>;

export type ArgumentName = keyof typeof ARGUMENT_FIELDS;
export type ComputedName = keyof typeof COMPUTED_FIELDS;

const entries = Object.entries(ARGUMENT_FIELDS) as [ArgumentName, ArgumentField][];
const names = (test: (field: ArgumentField) => boolean): ArgumentName[] =>
  entries.filter(([, field]) => test(field)).map(([name]) => name);

/** The argument names a user may set. */
export const ARGUMENTS: readonly ArgumentName[] = names(() => true);
/** What the API cannot change in place: read by diff (Terraform's RequiresReplace). */
export const REPLACE_FIELDS: readonly ArgumentName[] = names((f) => f.onChange === "replace");
/** What PUT changes; the API requires the name in every PUT body. */
export const UPDATE_FIELDS: readonly ArgumentName[] = names((f) => f.onChange === "update");
/**
 * Create-only fields without a default whose echo the API does not promise: state keeps what create
 * applied, so that adding, changing or removing one in the program is seen (and replaces the logger).
 */
export const APPLIED_FIELDS: readonly ArgumentName[] = names(
  (f) => f.onChange === "replace" && f.echo === "unknown",
);
export const OUTPUT_FIELDS: readonly (ArgumentName | ComputedName)[] = [
  ...ARGUMENTS,
  ...(Object.keys(COMPUTED_FIELDS) as ComputedName[]),
];

export function fieldOf(name: ArgumentName): ArgumentField {
  return ARGUMENT_FIELDS[name];
}

/** Equality of two values of a field, as diff sees them. */
export function sameValue(name: ArgumentName, a: unknown, b: unknown): boolean {
  const field = fieldOf(name);
  return field.same ? field.same(a, b) : JSON.stringify(a) === JSON.stringify(b);
}

type Shape<T extends Record<string, { schema: z.ZodType }>> = { [K in keyof T]: T[K]["schema"] };
const shapeOf = <T extends Record<string, { schema: z.ZodType }>>(table: T): Shape<T> =>
  Object.fromEntries(Object.entries(table).map(([key, field]) => [key, field.schema])) as Shape<T>;

/** What a user may type (strict: a misspelt argument is an error). Defaults are filled so that state shows them. */
export const LoggerArgs = z.strictObject({
  ...shapeOf(ARGUMENT_FIELDS),
  /** Set by the resource class: the Pulumi name that auto-naming starts from, and its project/stack. */
  pulumiName: z.string().optional(),
  pulumiStack: z.string().optional(),
});
export type LoggerArgs = z.input<typeof LoggerArgs>;

/** The default a field's schema fills in, if any. */
export function defaultOf(name: ArgumentName): { value: unknown } | undefined {
  const schema = fieldOf(name).schema;
  return schema instanceof z.ZodDefault ? { value: schema.def.defaultValue } : undefined;
}
