import type * as pulumi from "@pulumi/pulumi";

/** The public types of the NHN Cloud data functions: plain interfaces, as the SDK's own invoke types are. */

/** Options of every data function: Pulumi's invoke options, and the region to query. */
export interface LookupOptions extends pulumi.InvokeOptions {
  /** Region to query (`KR1`, `KR2`, `KR3` …). Default: stack config `nhncloud:region` or `OS_REGION_NAME`. */
  region?: string;
}

/** Options of the `…Output` forms: the region may come from another resource. */
export interface LookupOutputOptions extends pulumi.InvokeOptions {
  /** Region to query (`KR1`, `KR2`, `KR3` …). Default: stack config `nhncloud:region` or `OS_REGION_NAME`. */
  region?: pulumi.Input<string>;
}

/** A port that a logger is collecting from (one per port of a VPC or SUBNET logger, one for a PORT logger). */
export interface LoggingPort {
  /** The logging port's id. */
  id: string;
  /** The logger collecting from the port. */
  loggerId: string;
  /** The port logged. */
  portId: string;
  /** The VPC the port is in. */
  networkId: string;
  /** When the logging port was made, ISO 8601 in UTC. */
  createdAt: string;
  /** When it last changed, ISO 8601 in UTC. */
  updatedAt: string;
}

/** Filters of `getLoggingPorts`; all optional, combined with AND. */
export interface GetLoggingPortsArgs {
  /** Only the logging port with this id. */
  id?: string;
  /** Only the ports this logger collects from, e.g. a VPC logger's id. */
  loggerId?: string;
  /** Only the logging ports of this port. */
  portId?: string;
  /** Only the logging ports in this VPC. */
  networkId?: string;
}

/** Filters of `getLoggingPortsOutput`: those of `getLoggingPorts`, each a `pulumi.Input`. */
export interface GetLoggingPortsOutputArgs {
  /** Only the logging port with this id. */
  id?: pulumi.Input<string>;
  /** Only the ports this logger collects from, e.g. `logger.id`. */
  loggerId?: pulumi.Input<string>;
  /** Only the logging ports of this port. */
  portId?: pulumi.Input<string>;
  /** Only the logging ports in this VPC. */
  networkId?: pulumi.Input<string>;
}

/** What `getLoggingPorts` returns. */
export interface GetLoggingPortsResult {
  /** The logging ports, sorted by id, so that previews do not flap. */
  loggingPorts: LoggingPort[];
}

/** Arguments of `getLoggingPort`. */
export interface GetLoggingPortArgs {
  /** The logging port's id. */
  id: string;
}

/** Arguments of `getLoggingPortOutput`. */
export interface GetLoggingPortOutputArgs {
  /** The logging port's id. */
  id: pulumi.Input<string>;
}

/** What `getLoggingPort` returns. */
export interface GetLoggingPortResult {
  /** The logging port. */
  loggingPort: LoggingPort;
}
