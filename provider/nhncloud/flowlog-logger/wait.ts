import { emitDiagnostic } from "../../common/diagnostics";
import { ErrorCodes, FlowLogError } from "../../common/errors";
import { pollUntil } from "../../common/poll";
import { TIMING } from "../../common/timing";
import type { NhnClient } from "../api/client";
import type { ApiLogger } from "../api/model";
import { watchFor } from "./watch";

/** How long an update or delete waits for the API to apply it. */
export const WAIT_TIMEOUT_MS = 10 * 60_000;

/**
 * Waits until the logger is ACTIVE (INACTIVE when disabled) or ERROR, which is returned, not thrown, so the
 * caller can keep it. Polls are shared with every other logger waiting in the region (see LoggerWatch).
 */
export function waitUntilSettled(
  client: NhnClient,
  logger: ApiLogger,
  adminStateUp: boolean,
  deadline = Date.now() + WAIT_TIMEOUT_MS,
  fresh = false,
): Promise<ApiLogger> {
  return watchFor(client).until(logger, adminStateUp, deadline, fresh);
}

/** Polls until the API says the logger is gone (a DELETE may be applied after it is answered). */
export async function waitUntilGone(
  client: NhnClient,
  id: string,
  timeoutMs = WAIT_TIMEOUT_MS,
): Promise<void> {
  const started = Date.now();
  const gone = await pollUntil(
    async () => ((await client.findLogger(id, `delete flow log logger ${id}`)) ? undefined : true),
    { delaysMs: TIMING.gonePollsMs },
    started + timeoutMs,
    (nextPollMs) =>
      emitDiagnostic({
        kind: "wait",
        subject: `deletion of flow log logger ${id}`,
        status: "still listed",
        waitedMs: Date.now() - started,
        nextPollMs,
      }),
  );
  if (!gone) {
    throw new FlowLogError(
      ErrorCodes.timeout,
      `flow log logger ${id} still exists ${Math.round(timeoutMs / 1000)} s after DELETE`,
      { operation: `delete flow log logger ${id}` },
    );
  }
}
