import { z } from "zod";
import { isRecord } from "../http";
import {
  COMPRESSION_TYPES,
  CREATE_DEFAULTS,
  CUSTOMIZABLE_FIELDS,
  FILE_NAME_VARIABLES,
  FILTERS,
  LOG_FORMATS,
  type LoggerSpec,
  RESOURCE_TYPES,
  STORAGE_TYPES,
  UUID_SHAPE,
} from "./model";

// Every message below becomes "Invalid input for <field>. Reason: <message>." (Neutron's wording).
const because = (reason: string | ((input: unknown) => string)) => ({
  error: (issue: { input?: unknown }) => (typeof reason === "string" ? reason : reason(issue.input)),
});
const quoted = (input: unknown) => `'${typeof input === "string" ? input : JSON.stringify(input)}'`;
const oneOf = (values: readonly string[]) =>
  because((input) => `${quoted(input)} is not in [${values.map((v) => `'${v}'`).join(", ")}]`);
const boolean = () => z.boolean(because((input) => `${quoted(input)} is not a valid boolean value`));

/** https://{host}[/v1]/AUTH_{id}/{container}[/{path}]; group 1 is the container. */
export const STORAGE_URL =
  /^https:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:\/v1)?\/AUTH_[A-Za-z0-9]+\/([^/?#\s]+)(?:\/[^?#\s]*)?$/;

const PARTITION_TEMPLATE = /^(?:[A-Za-z0-9/\-_:=]|#\{(?:year|month|day|hour)\})+$/;

function customizedFieldProblem(value: string): string | undefined {
  const fields = value.split(",");
  const unknown = fields.filter((f) => !(CUSTOMIZABLE_FIELDS as readonly string[]).includes(f));
  if (unknown.length > 0) {
    return `unknown field(s) ${unknown.map(quoted).join(", ")}; allowed: ${CUSTOMIZABLE_FIELDS.join(", ")}`;
  }
  const duplicate = fields.find((f, i) => fields.indexOf(f) !== i);
  return duplicate === undefined ? undefined : `field '${duplicate}' appears more than once`;
}

function fileNameProblem(value: string): string | undefined {
  const used = [...value.matchAll(/#\{([^}]*)\}/g)].map((m) => m[1]);
  const stray = used.find((v) => !(FILE_NAME_VARIABLES as readonly string[]).includes(v));
  if (stray !== undefined) return `unknown variable #{${stray}}`;
  const wrong = FILE_NAME_VARIABLES.find((v) => used.filter((u) => u === v).length !== 1);
  return wrong === undefined
    ? undefined
    : `must use each of ${FILE_NAME_VARIABLES.map((v) => `#{${v}}`).join(" ")} exactly once (#{${wrong}})`;
}

const problem = (check: (value: string) => string | undefined) => (value: string, ctx: z.RefinementCtx) => {
  const message = check(value);
  if (message !== undefined) ctx.addIssue({ code: "custom", message });
};

const NAME = because("must be a string of 1 to 255 characters");
const DESCRIPTION = because("must be a string of at most 255 characters");
const INTERVAL = because("must be an integer between 1 and 15");
const UUID = because((input) => `${quoted(input)} is not a valid UUID`);
const URL = because("must be https://{object-storage-endpoint}[/v1]/AUTH_{id}/{container}[/{path}]");
const PARTITION = because(
  "must be HOUR, DAY or a template of letters, digits, / - _ : = and #{year} #{month} #{day} #{hour}",
);

const fields = {
  name: z.string(NAME).min(1, NAME).max(255, NAME),
  description: z.string(DESCRIPTION).max(255, DESCRIPTION),
  admin_state_up: boolean(),
  resource_type: z.enum(RESOURCE_TYPES, oneOf(RESOURCE_TYPES)),
  resource_id: z.string(UUID).regex(UUID_SHAPE, UUID),
  filter: z.enum(FILTERS, oneOf(FILTERS)),
  aggregation_interval: z.number(INTERVAL).int(INTERVAL).min(1, INTERVAL).max(15, INTERVAL),
  connection_setup_only: boolean(),
  storage_type: z.enum(STORAGE_TYPES, oneOf(STORAGE_TYPES)),
  storage_url: z.string(URL).regex(STORAGE_URL, URL),
  log_format: z.enum(LOG_FORMATS, oneOf(LOG_FORMATS)),
  compression_type: z.enum(COMPRESSION_TYPES, oneOf(COMPRESSION_TYPES)),
  customized_field: z
    .string(because("must be a comma-separated string"))
    .superRefine(problem(customizedFieldProblem)),
  customized_file_name: z.string(because("must be a string")).superRefine(problem(fileNameProblem)),
  partition_period: z
    .string(PARTITION)
    .refine(
      (v) => v === "HOUR" || v === "DAY" || (PARTITION_TEMPLATE.test(v) && v.includes("#{")),
      PARTITION,
    ),
};

/** POST /v2.0/flowlog-loggers body (inside "flowlog_logger"). */
export const CreateLoggerRequest = z.strictObject({
  ...fields,
  description: fields.description.optional(),
  admin_state_up: fields.admin_state_up.optional(),
  resource_type: fields.resource_type.optional(),
  filter: fields.filter.optional(),
  aggregation_interval: fields.aggregation_interval.optional(),
  connection_setup_only: fields.connection_setup_only.optional(),
  log_format: fields.log_format.optional(),
  compression_type: fields.compression_type.optional(),
  customized_field: fields.customized_field.optional(),
  customized_file_name: fields.customized_file_name.optional(),
  partition_period: fields.partition_period.optional(),
});

/** PUT /v2.0/flowlog-loggers/{id} body: only these may change; the document marks name required. */
export const UpdateLoggerRequest = z.strictObject({
  name: fields.name,
  description: fields.description.optional(),
  admin_state_up: fields.admin_state_up.optional(),
});
export type UpdateLoggerRequest = z.infer<typeof UpdateLoggerRequest>;

const REQUIRED = ["name", "resource_id", "storage_type", "storage_url"];
const SERVER_SET = ["id", "tenant_id", "project_id", "status", "error_type", "created_at", "updated_at"];

export type Validated<T> = { ok: true; value: T } | { ok: false; message: string };

/** Unwraps {"flowlog_logger": {...}} the way Neutron does. */
export function unwrap(body: unknown): Validated<Record<string, unknown>> {
  if (!isRecord(body)) return { ok: false, message: "Body contains invalid data" };
  const inner = body.flowlog_logger;
  if (!isRecord(inner)) return { ok: false, message: "Resource body required" };
  return { ok: true, value: inner };
}

const requiredMessage = (field: string) =>
  `Failed to parse request. Required attribute '${field}' not specified`;

const unrecognized = (keys: string[]) => `Unrecognized attribute(s) '${keys.join(", ")}'`;

function firstFieldIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `Invalid input for ${String(issue.path[0])}. Reason: ${issue.message}.`;
}

export function validateCreate(body: Record<string, unknown>): Validated<LoggerSpec> {
  const keys = Object.keys(body);
  const serverSet = keys.find((k) => SERVER_SET.includes(k));
  if (serverSet) return { ok: false, message: `Attribute '${serverSet}' not allowed in POST` };
  const unknown = keys.filter((k) => !(k in CreateLoggerRequest.shape));
  if (unknown.length > 0) return { ok: false, message: unrecognized(unknown) };
  const missing = REQUIRED.find((k) => body[k] === undefined);
  if (missing) return { ok: false, message: requiredMessage(missing) };
  const parsed = CreateLoggerRequest.safeParse(body);
  if (!parsed.success) return { ok: false, message: firstFieldIssue(parsed.error) };
  return { ok: true, value: { ...CREATE_DEFAULTS, ...parsed.data } };
}

export function validateUpdate(body: Record<string, unknown>): Validated<UpdateLoggerRequest> {
  const keys = Object.keys(body);
  const unknown = keys.filter((k) => !(k in CreateLoggerRequest.shape) && !SERVER_SET.includes(k));
  if (unknown.length > 0) return { ok: false, message: unrecognized(unknown) };
  const readOnly = keys.find((k) => !(k in UpdateLoggerRequest.shape));
  if (readOnly) return { ok: false, message: `Cannot update read-only attribute ${readOnly}` };
  if (body.name === undefined) return { ok: false, message: requiredMessage("name") };
  const parsed = UpdateLoggerRequest.safeParse(body);
  // The document gives admin_state_up a default of true on PUT as on POST: leaving it out re-enables.
  return parsed.success
    ? { ok: true, value: { admin_state_up: true, ...parsed.data } }
    : { ok: false, message: firstFieldIssue(parsed.error) };
}
