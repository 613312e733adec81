import { ErrorCodes, FlowLogError } from "../../common/errors";
import type { ApiLogger } from "../api/model";

/** The status a logger settles in: ACTIVE when enabled, INACTIVE when not. */
export const settledStatus = (adminStateUp: boolean): string => (adminStateUp ? "ACTIVE" : "INACTIVE");

/** What waiting makes of a status: done, failed (ERROR, the caller keeps the logger), or keep waiting. */
export function classify(status: string, adminStateUp: boolean): "settled" | "error" | "waiting" {
  if (status === settledStatus(adminStateUp)) return "settled";
  // BUILD, PENDING_*, the other of ACTIVE/INACTIVE for a moment, or a status the document does not list:
  // none of them is success.
  return status === "ERROR" ? "error" : "waiting";
}

const KNOWN = new Set(["BUILD", "ACTIVE", "INACTIVE", "ERROR"]);

export function stillWaiting(logger: ApiLogger, adminStateUp: boolean, waitedMs: number): FlowLogError {
  const status = JSON.stringify(logger.status.slice(0, 32));
  const what = KNOWN.has(logger.status)
    ? `is still ${status}, not ${settledStatus(adminStateUp)},`
    : `reports status ${status}, which the API document does not list (BUILD, ACTIVE, INACTIVE, ERROR), and not ${settledStatus(adminStateUp)}`;
  return new FlowLogError(
    ErrorCodes.timeout,
    `flow log logger ${logger.id} ${what} after ${Math.round(waitedMs / 1000)} s; check it in the NHN Cloud console, then run \`pulumi up\` again`,
    { operation: `wait for flow log logger ${logger.id}` },
  );
}

/** Plain words for the API's error types (Flow Log API v2, "Error type"). */
export const ERROR_TYPE_HELP: Readonly<Record<string, string>> = {
  OBSConfigurationError:
    "Object Storage refused the flow log's test write (HTTP 403). Check that the container in storageUrl exists " +
    "and that its access policy grants Write to the flow log system account.",
  OBSServiceNotAvailableError:
    "Object Storage answered the flow log's test write with an error: the service is not working. " +
    "Retry later or contact the NHN Cloud Customer Center.",
  AuthenticationSystemError:
    "the flow log system account could not get a token from NHN Cloud's identity service. This is on NHN " +
    "Cloud's side: contact the Customer Center.",
};

export function explainError(logger: ApiLogger): string {
  const type = logger.error_type || "unknown error";
  const help = Object.hasOwn(ERROR_TYPE_HELP, type)
    ? ERROR_TYPE_HELP[type]
    : "The API gave no further detail; see the logger in the NHN Cloud console.";
  return `flow log logger "${logger.name}" (${logger.id}) is in ERROR (${type.slice(0, 64)}): ${help}`;
}
