import { ErrorCodes, FlowLogError } from "../../common/errors";
import { sleep } from "../../common/retry";
import type { ApiLogger } from "../api";
import type { NhnClient } from "../client";

/**
 * Delays between polls after a create or update. Activation usually takes one to two seconds, so the
 * first look comes at 1 s and the next ones every half second, then the schedule backs off.
 */
export const POLL_SCHEDULE_MS = [1000, 500, 500, 500, 1000, 1000, 2000, 3000, 5000];
export const WAIT_TIMEOUT_MS = 10 * 60_000;

const isSettling = (status: string): boolean => status === "BUILD" || status.startsWith("PENDING");

/** Polls until the logger leaves BUILD; ERROR is returned, not thrown, so the caller can keep the logger. */
export async function waitUntilSettled(
  client: NhnClient,
  logger: ApiLogger,
  timeoutMs = WAIT_TIMEOUT_MS,
): Promise<ApiLogger> {
  const started = Date.now();
  let current = logger;
  for (let poll = 0; isSettling(current.status); poll++) {
    if (Date.now() - started > timeoutMs) {
      throw new FlowLogError(
        ErrorCodes.timeout,
        `flow log logger ${logger.id} is still ${current.status} after ${Math.round(timeoutMs / 1000)} s`,
        { operation: `wait for flow log logger ${logger.id}` },
      );
    }
    await sleep(POLL_SCHEDULE_MS[Math.min(poll, POLL_SCHEDULE_MS.length - 1)]);
    const next = await client.getLogger(logger.id);
    if (!next) {
      throw new FlowLogError(
        ErrorCodes.notFound,
        `flow log logger ${logger.id} disappeared while it was ${current.status}`,
        {
          operation: `wait for flow log logger ${logger.id}`,
        },
      );
    }
    current = next;
  }
  return current;
}

/** Polls until GET answers 404. */
export async function waitUntilGone(
  client: NhnClient,
  id: string,
  timeoutMs = WAIT_TIMEOUT_MS,
): Promise<void> {
  const started = Date.now();
  for (let poll = 0; await client.getLogger(id); poll++) {
    if (Date.now() - started > timeoutMs) {
      throw new FlowLogError(
        ErrorCodes.timeout,
        `flow log logger ${id} still exists ${Math.round(timeoutMs / 1000)} s after DELETE`,
        {
          operation: `delete flow log logger ${id}`,
        },
      );
    }
    await sleep(POLL_SCHEDULE_MS[Math.min(poll, POLL_SCHEDULE_MS.length - 1)] / 2);
  }
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
  const help =
    ERROR_TYPE_HELP[type] ?? "The API gave no further detail; see the logger in the NHN Cloud console.";
  return `flow log logger "${logger.name}" (${logger.id}) is in ERROR (${type}): ${help}`;
}
