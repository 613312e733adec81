import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ErrorCodes, FlowLogError } from "../common/errors";
import { type ApiLoggingPort, apiDateToIso } from "./api";
import {
  type InputsOf,
  type LookupOptions,
  type LookupOutputOptions,
  lookupClient,
  outputOf,
  parseArgs,
  uuidArg,
} from "./lookup";

/** A port that a logger is collecting from (one per port of a VPC/SUBNET logger, one for a PORT logger). */
export interface LoggingPort {
  id: string;
  loggerId: string;
  portId: string;
  /** The VPC id. */
  networkId: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  /** ISO 8601, UTC. */
  updatedAt: string;
}

const GetLoggingPortsArgs = z.strictObject({
  id: uuidArg.optional(),
  loggerId: uuidArg.optional(),
  portId: uuidArg.optional(),
  networkId: uuidArg.optional(),
});
/** Filters; all optional, combined with AND. */
export type GetLoggingPortsArgs = z.input<typeof GetLoggingPortsArgs>;
export interface GetLoggingPortsResult {
  /** Sorted by id, so that previews do not flap. */
  loggingPorts: LoggingPort[];
}

const GetLoggingPortArgs = z.strictObject({ id: uuidArg });
export type GetLoggingPortArgs = z.input<typeof GetLoggingPortArgs>;
export interface GetLoggingPortResult {
  loggingPort: LoggingPort;
}

/** The one mapper from the API model. */
function toLoggingPort(api: ApiLoggingPort): LoggingPort {
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
  args?: GetLoggingPortsArgs,
  opts?: LookupOptions,
): Promise<GetLoggingPortsResult> {
  const query = parseArgs("getLoggingPorts", GetLoggingPortsArgs, args);
  const ports = await lookupClient(opts).listLoggingPorts({
    id: query.id,
    logger_id: query.loggerId,
    port_id: query.portId,
    network_id: query.networkId,
  });
  return { loggingPorts: ports.map(toLoggingPort).sort(byId) };
}

/** `getLoggingPorts` taking Inputs (e.g. `{ loggerId: logger.id }`); unknown during preview until they are. */
export function getLoggingPortsOutput(
  args?: InputsOf<GetLoggingPortsArgs>,
  opts?: LookupOutputOptions,
): pulumi.Output<GetLoggingPortsResult> {
  return outputOf(getLoggingPorts, args, opts);
}

/** Reads one logging port; fails with ERR_FLOWLOG_NOT_FOUND when there is none with this id. */
export async function getLoggingPort(
  args: GetLoggingPortArgs,
  opts?: LookupOptions,
): Promise<GetLoggingPortResult> {
  const { id } = parseArgs("getLoggingPort", GetLoggingPortArgs, args);
  const nhn = lookupClient(opts);
  const port = await nhn.getLoggingPort(id);
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
  args: InputsOf<GetLoggingPortArgs>,
  opts?: LookupOutputOptions,
): pulumi.Output<GetLoggingPortResult> {
  return outputOf(getLoggingPort, args, opts);
}
