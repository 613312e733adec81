import { z } from "zod";
import { oneOf, uuid } from "../../common/check";
import { quoted } from "../../common/errors";

/** The values each logger field accepts: the zod types the field table (fields.ts) is built from. */

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

const bool = z.boolean({ error: "must be true or false" });

const variablesIn = (text: string): string[] => [...text.matchAll(/#\{([^}]*)\}/g)].map((m) => m[1]);

function fileNameProblem(value: string): string | undefined {
  const used = variablesIn(value);
  const unknown = used.filter((v) => !FILE_NAME_VARIABLES.includes(v));
  // The value is free text of any length: name at most a few of its variables, each cut short.
  const named = unknown.slice(0, 3).map((v) => quoted(`#{${v}}`));
  if (unknown.length > 0)
    return `uses unknown variable(s) ${named.join(", ")}${unknown.length > 3 ? " …" : ""}`;
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

const refined = (problem: (value: string) => string | undefined) => (value: string, ctx: z.RefinementCtx) => {
  const message = problem(value);
  if (message) ctx.addIssue({ code: "custom", message });
};

export const name = z
  .string({ error: "must be a string of 1 to 255 characters" })
  .min(1, { error: "must be a string of 1 to 255 characters" })
  .max(255, { error: "must be a string of 1 to 255 characters" });

export const description = z
  .string({ error: "must be a string" })
  .max(255, { error: "must be at most 255 characters" });

export const adminStateUp = bool;
export const resourceType = oneOf(RESOURCE_TYPES);
export const resourceId = uuid("id of the port, subnet or VPC to log");
export const filter = oneOf(FILTERS);

/** Minutes between files; shared with the data functions' filter. */
export const aggregationInterval = z
  .number({ error: "must be a whole number of minutes from 1 to 15" })
  .int({ error: "must be a whole number of minutes from 1 to 15" })
  .min(1, { error: "must be a whole number of minutes from 1 to 15" })
  .max(15, { error: "must be a whole number of minutes from 1 to 15" });

export const connectionSetupOnly = bool;
export const storageType = oneOf(STORAGE_TYPES);
export const storageUrl = z.string({ error: "is required" }).regex(STORAGE_URL, {
  error: "must be https://{object-storage-endpoint}/v1/AUTH_{id}/{container}/{path}",
});
export const logFormat = oneOf(LOG_FORMATS);
export const compressionType = oneOf(COMPRESSION_TYPES);

export const customizedFields = z
  .array(oneOf(CUSTOMIZED_FIELDS), { error: `must be a list of fields: ${CUSTOMIZED_FIELDS.join(", ")}` })
  .min(1, { error: "must name at least one field" })
  .refine((fields) => new Set(canonicalFields(fields)).size === fields.length, {
    error: "must not repeat a field (vm_id is the old name of owner_id)",
  });

export const customizedFileName = z
  .string({ error: "must be a string" })
  .superRefine(refined(fileNameProblem));

export const partitionPeriod = z
  .string({ error: "must be HOUR, DAY or a template" })
  .superRefine(refined(partitionProblem));

export const region = z
  .string({ error: "must be a region name such as KR1, KR2 or KR3" })
  .regex(/^[A-Za-z]{2,}[0-9]*$/, { error: "must be a region name such as KR1, KR2 or KR3" })
  .transform((value) => value.toUpperCase());

export const adoptId = uuid("id of an existing logger to manage");

export const status = oneOf(LOGGER_STATUSES);
