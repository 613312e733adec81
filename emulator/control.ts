import { ApiFailure, badRequest } from "./nhn/errors";
import type { StoredLogger } from "./nhn/model";
import { present } from "./nhn/present";
import { unwrap, validateCreate } from "./nhn/validation";
import { parseReadingsPatch } from "./readings";
import type { EmulatorState } from "./state";
import type { EmulatorControl } from "./types";

/** The in-process test controls over a running emulator's state. */
export function createControl(state: EmulatorState): EmulatorControl {
  const shown = (logger: StoredLogger) => present(logger, state.readings, "read");
  return {
    setFaults: (plan) => state.faults.set(plan),
    loseNextCreateResponses: (n) => {
      state.lostCreates = n;
    },
    setLatency: (ms) => {
      state.settings.latencyMs = ms;
    },
    setActivationMs: (ms) => {
      state.settings.activationMs = ms;
    },
    setReadings: (readings) => {
      Object.assign(state.readings, parseReadingsPatch(readings));
    },
    readings: () => ({ ...state.readings }),
    expireAllTokens: () => state.tokens.expireAll(),
    revokeAllTokens: () => state.tokens.revokeAll(),
    revokeToken: (tokenId) => state.tokens.revoke(tokenId),
    tokensIssued: () => state.tokens.count(),
    loggers: (region) => state.region(region).list().map(shown),
    createLogger: (region, body, tenantId) => {
      // Accept the API's wrapped body as well as the bare attributes.
      const wrapped = unwrap(body);
      const spec = validateCreate(wrapped.ok ? wrapped.value : body);
      if (!spec.ok) throw new ApiFailure(badRequest(spec.message));
      const created = state.region(region).create(spec.value, tenantId ?? state.defaultTenant());
      if (!created.ok) throw new ApiFailure(created.error);
      return shown(created.value);
    },
    editLogger: (region, id, patch) => shown(state.region(region).edit(id, patch)),
    deleteLogger: (region, id) => state.region(region).remove(id),
    ncloudFlowLogs: (regionCode) => state.ncloud.list(regionCode),
    setNcloudFlowLog: (cfg) => state.ncloud.put(cfg),
    deleteNcloudFlowLog: (networkInterfaceNo, regionCode = "KR") =>
      state.ncloud.delete(regionCode, networkInterfaceNo),
    peakConcurrentRequests: () => state.throttle.peak,
    requests: () => state.log.all(),
    clearRequests: () => state.log.clear(),
    seed: () => structuredClone(state.seed),
  };
}
