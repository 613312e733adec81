import type * as pulumi from "@pulumi/pulumi";
import { ErrorCodes, FlowLogError } from "../../common/errors";
import { type ApiLoggingPort, apiDateToIso } from "../api/model";
import { lookupClient, outputOf, parseArgs, partialList } from "./invoke";
import { LoggingPortId, LoggingPortsFilters } from "./schemas";
import type * as T from "./types";

/** The one mapper from the API model. */
function toLoggingPort(api: ApiLoggingPort): T.LoggingPort {
  return {
    id: api.id,
    loggerId: api.logger_id,
    portId: api.port_id,
    networkId: api.network_id,
    createdAt: apiDateToIso(api.created_at),
    updatedAt: apiDateToIso(api.updated_at),
  };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Lists flow log logging ports, e.g. every port a VPC logger collects from: `{ loggerId: logger.id }`. */
export async function getLoggingPorts(
  args?: T.GetLoggingPortsArgs,
  opts?: T.LookupOptions,
): Promise<T.GetLoggingPortsResult> {
  const filters = parseArgs("getLoggingPorts", LoggingPortsFilters, args);
  const nhn = lookupClient(opts);
  const listing = await nhn.listLoggingPorts(
    { id: filters.id, logger_id: filters.loggerId, port_id: filters.portId, network_id: filters.networkId },
    { operation: "getLoggingPorts" },
  );
  if (!listing.complete) throw partialList("getLoggingPorts", nhn.region, listing.items.length);
  const ports = listing.items.map(toLoggingPort);
  // Filtered here as well: a filter the API ignores must not widen the answer.
  const wanted = Object.entries(filters).filter(([, value]) => value !== undefined);
  const matches = (port: T.LoggingPort) =>
    wanted.every(([key, value]) => port[key as keyof T.LoggingPort] === value);
  return { loggingPorts: ports.filter(matches).sort(byId) };
}

/** `getLoggingPorts` taking Inputs (e.g. `{ loggerId: logger.id }`); unknown during preview until they are. */
export function getLoggingPortsOutput(
  args?: T.GetLoggingPortsOutputArgs,
  opts?: T.LookupOutputOptions,
): pulumi.Output<T.GetLoggingPortsResult> {
  return outputOf(getLoggingPorts, args, opts);
}

/** Reads one logging port; fails with ERR_FLOWLOG_NOT_FOUND when there is none with this id. */
export async function getLoggingPort(
  args: T.GetLoggingPortArgs,
  opts?: T.LookupOptions,
): Promise<T.GetLoggingPortResult> {
  const { id } = parseArgs("getLoggingPort", LoggingPortId, args);
  const nhn = lookupClient(opts);
  const port = await nhn.findLoggingPort(id);
  if (!port) {
    throw new FlowLogError(
      ErrorCodes.notFound,
      `getLoggingPort: no flow log logging port ${id} in ${nhn.region}`,
      {
        operation: "getLoggingPort",
        status: 404,
      },
    );
  }
  return { loggingPort: toLoggingPort(port) };
}

/** `getLoggingPort` taking Inputs. */
export function getLoggingPortOutput(
  args: T.GetLoggingPortOutputArgs,
  opts?: T.LookupOutputOptions,
): pulumi.Output<T.GetLoggingPortResult> {
  return outputOf(getLoggingPort, args, opts);
}
