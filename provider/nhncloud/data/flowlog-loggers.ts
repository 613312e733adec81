import type * as pulumi from "@pulumi/pulumi";
import type { LoggerQuery } from "../api/model";
import { toOutputs } from "../flowlog-logger/state";
import type {
  FlowLogLoggerInfo,
  GetFlowLogLoggersArgs,
  GetFlowLogLoggersOutputArgs,
  GetFlowLogLoggersResult,
} from "../flowlog-logger/types";
import { lookupClient, outputOf, parseArgs, partialList } from "./invoke";
import { LOGGER_QUERY, LoggersFilters } from "./schemas";
import type { LookupOptions, LookupOutputOptions } from "./types";

const byNameThenId = (a: FlowLogLoggerInfo, b: FlowLogLoggerInfo) =>
  a.name === b.name ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.name < b.name ? -1 : 1;

/** Lists the flow log loggers of the project in one region, including ones made in the console. */
export async function getFlowLogLoggers(
  args?: GetFlowLogLoggersArgs,
  opts?: LookupOptions,
): Promise<GetFlowLogLoggersResult> {
  const filters = parseArgs("getFlowLogLoggers", LoggersFilters, args);
  const wanted = Object.entries(filters).filter(([, value]) => value !== undefined);
  // Single-valued filters only: they mean the same under every reading of the API document.
  const query = Object.fromEntries(wanted.map(([key, value]) => [LOGGER_QUERY[key], value])) as LoggerQuery;
  const nhn = lookupClient(opts);
  const listing = await nhn.listLoggers(query, { operation: "getFlowLogLoggers" });
  if (!listing.complete) throw partialList("getFlowLogLoggers", nhn.region, listing.items.length);
  const loggers = listing.items.map(
    (api) => ({ id: api.id, ...toOutputs(api, { region: nhn.region }) }) as FlowLogLoggerInfo,
  );
  // Filtered here as well: a filter the API ignores must not widen the answer.
  const matches = (logger: FlowLogLoggerInfo) =>
    wanted.every(([key, value]) => logger[key as keyof FlowLogLoggerInfo] === value);
  return { loggers: loggers.filter(matches).sort(byNameThenId) };
}

/** `getFlowLogLoggers` taking Inputs; unknown during preview until they are known. */
export function getFlowLogLoggersOutput(
  args?: GetFlowLogLoggersOutputArgs,
  opts?: LookupOutputOptions,
): pulumi.Output<GetFlowLogLoggersResult> {
  return outputOf(getFlowLogLoggers, args, opts);
}
