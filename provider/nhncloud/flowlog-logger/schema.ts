import { z } from "zod";
import { oneOf, UUID_PATTERN } from "../../common/check";
import { type ApiLogger, type ApiLoggerCreate, type ApiLoggerUpdate, apiDateToIso } from "../api";

export const RESOURCE_TYPES = ["VPC", "SUBNET", "PORT"] as const;
export const FILTERS = ["ALL", "ACCEPT", "DROP"] as const;
export const STORAGE_TYPES = ["OBS"] as const;
export const LOG_FORMATS = ["CSV", "PARQUET"] as const;
export const COMPRESSION_TYPES = ["RAW", "GZIP"] as const;
export const LOGGER_STATUSES = ["BUILD", "ACTIVE", "INACTIVE", "ERROR"] as const;
/** Fields usable in customized_field; `vm_id` is the older name of `owner_id` and still appears in the API's examples. */
export const CUSTOMIZED_FIELDS = [
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
/** `vm_id` is the older name of `owner_id`: the same field, whichever name the API echoes. */
export const canonicalFields = (fields: readonly string[]): string[] =>
  fields.map((field) => (field === "vm_id" ? "owner_id" : field));

const FILE_NAME_VARIABLES = ["logger_id", "year", "month", "day", "hour", "minute", "second"];
const PARTITION_VARIABLES = ["year", "month", "day", "hour"];

const STORAGE_URL = /^https:\/\/[^/\s]+(\/v1)?\/AUTH_[A-Za-z0-9]+\/[^/\s]+(\/\S*)?$/;

const uuid = (what: string) =>
  z
    .string({ error: `must be a UUID (the ${what})` })
    .regex(UUID_PATTERN, { error: `must be a UUID (the ${what})` });
const bool = z.boolean({ error: "must be true or false" });

const variablesIn = (text: string): string[] => [...text.matchAll(/#\{([^}]*)\}/g)].map((m) => m[1]);

function fileNameProblem(value: string): string | undefined {
  const used = variablesIn(value);
  const unknown = used.filter((v) => !FILE_NAME_VARIABLES.includes(v));
  if (unknown.length > 0) return `uses unknown variable(s) ${unknown.map((v) => `#{${v}}`).join(", ")}`;
  const wrong = FILE_NAME_VARIABLES.filter((v) => used.filter((u) => u === v).length !== 1);
  if (wrong.length > 0)
    return `must use each of ${FILE_NAME_VARIABLES.map((v) => `#{${v}}`).join(" ")} exactly once`;
  return undefined;
}

function partitionProblem(value: string): string | undefined {
  if (value === "HOUR" || value === "DAY") return undefined;
  const unknown = variablesIn(value).filter((v) => !PARTITION_VARIABLES.includes(v));
  const rest = value.replace(/#\{[^}]*\}/g, "");
  const variables = variablesIn(value).length;
  if (variables === 0 || unknown.length > 0 || !/^[A-Za-z0-9/_:=-]*$/.test(rest)) {
    return "must be HOUR, DAY, or a template of letters, digits, / - _ : = and #{year} #{month} #{day} #{hour}, e.g. year=#{year}/month=#{month}/day=#{day}";
  }
  return undefined;
}

/** Minutes between files; shared with the data functions' filter. */
export const aggregationInterval = z
  .number({ error: "must be a whole number of minutes from 1 to 15" })
  .int({ error: "must be a whole number of minutes from 1 to 15" })
  .min(1, { error: "must be a whole number of minutes from 1 to 15" })
  .max(15, { error: "must be a whole number of minutes from 1 to 15" });

/** What a user may type (strict: a misspelt argument is an error). Defaults are filled so that state shows them. */
export const LoggerArgs = z.strictObject({
  name: z
    .string({ error: "must be a string of 1 to 255 characters" })
    .min(1, { error: "must be a string of 1 to 255 characters" })
    .max(255, { error: "must be a string of 1 to 255 characters" })
    .optional(),
  description: z
    .string({ error: "must be a string" })
    .max(255, { error: "must be at most 255 characters" })
    .default(""),
  adminStateUp: bool.default(true),
  resourceType: oneOf(RESOURCE_TYPES).default("PORT"),
  resourceId: uuid("id of the port, subnet or VPC to log"),
  filter: oneOf(FILTERS).default("ALL"),
  aggregationInterval: aggregationInterval.default(10),
  connectionSetupOnly: bool.default(false),
  storageType: oneOf(STORAGE_TYPES).default("OBS"),
  storageUrl: z.string({ error: "is required" }).regex(STORAGE_URL, {
    error: "must be https://{object-storage-endpoint}/v1/AUTH_{id}/{container}/{path}",
  }),
  logFormat: oneOf(LOG_FORMATS).default("CSV"),
  compressionType: oneOf(COMPRESSION_TYPES).default("RAW"),
  customizedFields: z
    .array(oneOf(CUSTOMIZED_FIELDS), { error: `must be a list of fields: ${CUSTOMIZED_FIELDS.join(", ")}` })
    .min(1, { error: "must name at least one field" })
    .refine((fields) => new Set(canonicalFields(fields)).size === fields.length, {
      error: "must not repeat a field (vm_id is the old name of owner_id)",
    })
    .optional(),
  customizedFileName: z
    .string({ error: "must be a string" })
    .superRefine((value, ctx) => {
      const problem = fileNameProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .optional(),
  partitionPeriod: z
    .string({ error: "must be HOUR, DAY or a template" })
    .superRefine((value, ctx) => {
      const problem = partitionProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .default("DAY"),
  region: z
    .string({ error: "must be a region name such as KR1, KR2 or KR3" })
    .regex(/^[A-Za-z]{2,}[0-9]*$/, { error: "must be a region name such as KR1, KR2 or KR3" })
    .transform((region) => region.toUpperCase())
    .optional(),
  adoptId: uuid("id of an existing logger to manage").optional(),
  /** Set by the resource class: the Pulumi name that auto-naming starts from, and its project/stack. */
  pulumiName: z.string().optional(),
  pulumiStack: z.string().optional(),
});
export type LoggerArgs = z.input<typeof LoggerArgs>;
/** Checked inputs: defaults filled, name and region resolved. */
export type LoggerInputs = z.output<typeof LoggerArgs> & { name: string; region: string };

/** The argument names a user may set (`pulumiName` and `pulumiStack` are set by the resource class). */
export const ARGUMENTS = Object.keys(LoggerArgs.shape).filter((key) => !key.startsWith("pulumi"));

/** Outputs the service adds to the resolved arguments. */
export const STATUS_FIELDS = [
  "status",
  "errorType",
  "tenantId",
  "projectId",
  "createdAt",
  "updatedAt",
] as const;

/** Equality of plain JSON values (what inputs and outputs are). */
export const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** What the API cannot change in place: declared once, read by diff (Terraform's RequiresReplace). */
export const REPLACE_FIELDS = [
  "resourceType",
  "resourceId",
  "filter",
  "aggregationInterval",
  "connectionSetupOnly",
  "storageType",
  "storageUrl",
  "logFormat",
  "compressionType",
  "customizedFields",
  "customizedFileName",
  "partitionPeriod",
  "region",
  "adoptId",
] as const satisfies readonly (keyof LoggerInputs)[];

/** What PUT can change. */
export const UPDATE_FIELDS = [
  "name",
  "description",
  "adminStateUp",
] as const satisfies readonly (keyof LoggerInputs)[];

/** Outputs: every argument resolved, plus what the service reports. No undefined, no Dates (gRPC structs). */
export type LoggerOutputs = {
  name: string;
  description: string;
  adminStateUp: boolean;
  resourceType: string;
  resourceId: string;
  filter: string;
  aggregationInterval: number;
  connectionSetupOnly: boolean;
  storageType: string;
  storageUrl: string;
  logFormat: string;
  compressionType: string;
  customizedFields?: string[];
  customizedFileName?: string;
  partitionPeriod: string;
  region: string;
  adoptId?: string;
  status: string;
  errorType: string;
  tenantId: string;
  projectId: string;
  createdAt: string;
  updatedAt: string;
};

/** The one mapper from the API model to outputs; `extra` carries what the API does not know. */
export function toOutputs(
  api: ApiLogger,
  extra: { region: string; adoptId?: string; customizedFileName?: string },
): LoggerOutputs {
  const out: LoggerOutputs = {
    name: api.name,
    description: api.description ?? "",
    adminStateUp: api.admin_state_up,
    resourceType: api.resource_type,
    resourceId: api.resource_id,
    filter: api.filter,
    aggregationInterval: api.aggregation_interval,
    connectionSetupOnly: api.connection_setup_only,
    storageType: api.storage_type,
    storageUrl: api.storage_url,
    logFormat: api.log_format,
    compressionType: api.compression_type,
    partitionPeriod: api.partition_period,
    region: extra.region,
    status: api.status,
    errorType: api.error_type ?? "",
    tenantId: api.tenant_id ?? "",
    projectId: api.project_id ?? api.tenant_id ?? "",
    createdAt: apiDateToIso(api.created_at),
    updatedAt: apiDateToIso(api.updated_at),
  };
  if (api.customized_field) out.customizedFields = api.customized_field.split(",").map((f) => f.trim());
  // The API takes customized_file_name but its responses do not show it: carry what was asked for.
  const fileName = api.customized_file_name ?? extra.customizedFileName;
  if (fileName) out.customizedFileName = fileName;
  if (extra.adoptId) out.adoptId = extra.adoptId;
  return out;
}

/** The inputs that outputs imply: what `read` hands back so the next `pulumi up` diffs against live state. */
export function inputsOf(outputs: LoggerOutputs): Record<string, unknown> {
  const { status, errorType, tenantId, projectId, createdAt, updatedAt, ...inputs } = outputs;
  return inputs;
}

/** The PUT body: the API requires the name and accepts only the fields in UPDATE_FIELDS. */
export function toApiUpdate(inputs: LoggerInputs): ApiLoggerUpdate {
  return { name: inputs.name, description: inputs.description, admin_state_up: inputs.adminStateUp };
}

export function toApiCreate(inputs: LoggerInputs): ApiLoggerCreate {
  const body: ApiLoggerCreate = {
    name: inputs.name,
    description: inputs.description,
    admin_state_up: inputs.adminStateUp,
    resource_type: inputs.resourceType,
    resource_id: inputs.resourceId,
    filter: inputs.filter,
    aggregation_interval: inputs.aggregationInterval,
    connection_setup_only: inputs.connectionSetupOnly,
    storage_type: inputs.storageType,
    storage_url: inputs.storageUrl,
    log_format: inputs.logFormat,
    compression_type: inputs.compressionType,
    partition_period: inputs.partitionPeriod,
  };
  if (inputs.customizedFields) body.customized_field = inputs.customizedFields.join(",");
  if (inputs.customizedFileName) body.customized_file_name = inputs.customizedFileName;
  return body;
}
