import { unwrap, validateCreate } from "./nhn/validation";
import type { EmulatorState } from "./state";
import type { EmulatorControl } from "./types";

/** The in-process test controls over a running emulator's state. */
export function createControl(state: EmulatorState): EmulatorControl {
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
    expireAllTokens: () => state.tokens.expireAll(),
    revokeAllTokens: () => state.tokens.revokeAll(),
    revokeToken: (tokenId) => state.tokens.revoke(tokenId),
    tokensIssued: () => state.tokens.count(),
    loggers: (region) => state.region(region).list(),
    createLogger: (region, body, tenantId) => {
      // Accept the API's wrapped body as well as the bare attributes.
      const wrapped = unwrap(body);
      const spec = validateCreate(wrapped.ok ? wrapped.value : body);
      if (!spec.ok) throw new Error(spec.message);
      const created = state.region(region).create(spec.value, tenantId ?? state.defaultTenant());
      if (!created.ok) throw new Error(created.message);
      return created.value;
    },
    editLogger: (region, id, patch) => state.region(region).edit(id, patch),
    deleteLogger: (region, id) => state.region(region).delete(id),
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
