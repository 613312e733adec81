import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { LoggerQuery } from "./api";
import {
  COMPRESSION_TYPES,
  FILTERS,
  LOG_FORMATS,
  type LoggerOutputs,
  RESOURCE_TYPES,
  STORAGE_TYPES,
  toOutputs,
} from "./flowlog-logger/schema";
import {
  type InputsOf,
  type LookupOptions,
  type LookupOutputOptions,
  lookupClient,
  outputOf,
  parseArgs,
  uuidArg,
} from "./lookup";

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(", ")}` });
export const LOGGER_STATUSES = ["BUILD", "ACTIVE", "INACTIVE", "ERROR"] as const;

const GetFlowLogLoggersArgs = z.strictObject({
  id: uuidArg.optional(),
  name: z.string({ error: "must be a string" }).optional(),
  resourceType: oneOf(RESOURCE_TYPES).optional(),
  resourceId: uuidArg.optional(),
  filter: oneOf(FILTERS).optional(),
  aggregationInterval: z
    .number({ error: "must be a whole number of minutes from 1 to 15" })
    .int({ error: "must be a whole number of minutes from 1 to 15" })
    .min(1, { error: "must be a whole number of minutes from 1 to 15" })
    .max(15, { error: "must be a whole number of minutes from 1 to 15" })
    .optional(),
  storageType: oneOf(STORAGE_TYPES).optional(),
  logFormat: oneOf(LOG_FORMATS).optional(),
  compressionType: oneOf(COMPRESSION_TYPES).optional(),
  partitionPeriod: z.string({ error: "must be a string" }).optional(),
  status: oneOf(LOGGER_STATUSES).optional(),
});
/** Every list filter the API supports; all optional, combined with AND. */
export type GetFlowLogLoggersArgs = z.input<typeof GetFlowLogLoggersArgs>;

/** A logger exactly as `FlowLogLogger` outputs show it, plus its id. */
export type FlowLogLoggerInfo = LoggerOutputs & { id: string };
export interface GetFlowLogLoggersResult {
  /** Sorted by name, then id, so that previews do not flap. */
  loggers: FlowLogLoggerInfo[];
}

/** camelCase argument → the API's query parameter. */
const QUERY: Record<keyof GetFlowLogLoggersArgs, keyof LoggerQuery> = {
  id: "id",
  name: "name",
  resourceType: "resource_type",
  resourceId: "resource_id",
  filter: "filter",
  aggregationInterval: "aggregation_interval",
  storageType: "storage_type",
  logFormat: "log_format",
  compressionType: "compression_type",
  partitionPeriod: "partition_period",
  status: "status",
};

const byNameThenId = (a: FlowLogLoggerInfo, b: FlowLogLoggerInfo) =>
  a.name === b.name ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.name < b.name ? -1 : 1;

/** Lists the flow log loggers of the project in one region, including ones made in the console. */
export async function getFlowLogLoggers(
  args?: GetFlowLogLoggersArgs,
  opts?: LookupOptions,
): Promise<GetFlowLogLoggersResult> {
  const filters = parseArgs("getFlowLogLoggers", GetFlowLogLoggersArgs, args);
  const query: LoggerQuery = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined) query[QUERY[key as keyof GetFlowLogLoggersArgs]] = value;
  }
  const nhn = lookupClient(opts);
  const loggers = await nhn.listLoggers(query);
  return {
    loggers: loggers
      .map((api) => ({ id: api.id, ...toOutputs(api, { region: nhn.region }) }))
      .sort(byNameThenId),
  };
}

/** `getFlowLogLoggers` taking Inputs; unknown during preview until they are known. */
export function getFlowLogLoggersOutput(
  args?: InputsOf<GetFlowLogLoggersArgs>,
  opts?: LookupOutputOptions,
): pulumi.Output<GetFlowLogLoggersResult> {
  return outputOf(getFlowLogLoggers, args, opts);
}
