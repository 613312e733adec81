import { ErrorCodes, FlowLogError, isFlowLogError, messageOf } from "../../common/errors";
import { pollUntil } from "../../common/poll";
import { TIMING } from "../../common/timing";
import type { ApiFlowLogConfiguration } from "../api";
import type { NcloudClient } from "../client";
import { type FlowLogState, toApiEnable } from "./schema";

/**
 * Enables the flow log and reads it back. An enable whose answer was lost (ERR_FLOWLOG_OUTCOME_UNKNOWN: a
 * stale keep-alive socket makes this common) is sent once more, and only after the read-back confirmed it
 * did not take effect: re-sending is then harmless, as enableFlowLog sets the same settings either way.
 * A read-back that fails is ERR_FLOWLOG_STATE: the flow log may exist.
 */
export async function enable(
  api: NcloudClient,
  state: FlowLogState,
): Promise<ApiFlowLogConfiguration | undefined> {
  const { networkInterfaceNo: nic, regionCode } = state;
  for (let attempt = 1; ; attempt++) {
    let outcomeUnknown: FlowLogError | undefined;
    try {
      await api.enableFlowLog(toApiEnable(state));
    } catch (error) {
      if (!isFlowLogError(error, ErrorCodes.outcomeUnknown)) throw error;
      outcomeUnknown = error;
    }
    let created: ApiFlowLogConfiguration | undefined;
    try {
      created = await api.getFlowLog(nic, regionCode);
    } catch (error) {
      const message = `the flow log of network interface ${nic} may have been enabled, but reading it back failed: ${messageOf(error)}; run \`pulumi refresh\``;
      throw new FlowLogError(ErrorCodes.state, message, { operation: "create flow log", cause: error });
    }
    if (created || !outcomeUnknown) return created;
    if (attempt >= 2) {
      const message = `${outcomeUnknown.message}. It did not, twice: the interface has no flow log; run \`pulumi up\` again`;
      throw new FlowLogError(ErrorCodes.network, message, {
        operation: outcomeUnknown.operation,
        cause: outcomeUnknown,
      });
    }
  }
}

/**
 * Waits until the interface shows no flow log after disableFlowLog answered. Should NCloud apply the disable
 * asynchronously, a delete-before-replace would otherwise race its replacement's create, which refuses an
 * interface that still has a flow log.
 */
export async function waitUntilDisabled(api: NcloudClient, nic: string, regionCode: string): Promise<void> {
  const wait = TIMING.ncloudDisableWait;
  const disabled = await pollUntil(
    async () => ((await api.getFlowLog(nic, regionCode)) ? undefined : true),
    { firstMs: wait.firstDelayMs, maxMs: wait.maxDelayMs },
    Date.now() + wait.timeoutMs,
  );
  if (!disabled) {
    throw new FlowLogError(
      ErrorCodes.timeout,
      `NCloud accepted disableFlowLog for network interface ${nic} in ${regionCode}, but the interface still has a flow log ` +
        `after ${wait.timeoutMs / 1000} s; check it in the NCloud console, then run \`pulumi refresh\``,
      { operation: `delete the flow log of network interface ${nic}` },
    );
  }
}
