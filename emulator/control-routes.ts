import { z } from "zod";
import { FaultPlan } from "./faults";
import { empty, isRecord, json, type ParsedRequest, parseJson, type Reply } from "./http";
import { badRequest } from "./nhn/errors";
import type { EmulatorState } from "./state";
import type { EmulatorControl } from "./types";

interface ControlCall {
  state: EmulatorState;
  control: EmulatorControl;
  req: ParsedRequest;
  /** Captures of the route pattern: region, logger id. */
  args: string[];
}

type ControlHandler = (call: ControlCall) => Reply;

const controlError = (status: number, message: string): Reply => json(status, { error: { message } });

const body = (req: ParsedRequest): Record<string, unknown> => {
  const parsed = parseJson(req.body === "" ? "{}" : req.body);
  if (!isRecord(parsed)) throw new Error("the body must be a JSON object");
  return parsed;
};

const TokenRevocation = z.strictObject({ tokenId: z.string().optional() });

/** An existing logger or a 404; the region itself is checked by state.region. */
function withLogger({ state, args }: ControlCall, then: (region: string, id: string) => Reply): Reply {
  const [region, id] = args;
  if (!state.region(region).get(id)) return controlError(404, `no logger ${id} in region ${region}`);
  return then(region, id);
}

const ROUTES: Array<[string, RegExp, ControlHandler]> = [
  ["GET", /^\/seed$/, ({ control }) => json(200, control.seed())],
  ["GET", /^\/requests$/, ({ control }) => json(200, { requests: control.requests() })],
  [
    "DELETE",
    /^\/requests$/,
    ({ control }) => {
      control.clearRequests();
      return empty(204);
    },
  ],
  [
    "POST",
    /^\/faults$/,
    ({ control, req }) => {
      const plan = body(req);
      control.setFaults(Object.keys(plan).length === 0 ? undefined : FaultPlan.parse(plan));
      return empty(204);
    },
  ],
  [
    "GET",
    /^\/nhn\/([^/]+)\/loggers$/,
    ({ control, args }) => json(200, { flowlog_loggers: control.loggers(args[0]) }),
  ],
  [
    "POST",
    /^\/nhn\/([^/]+)\/loggers$/,
    ({ control, req, args }) => {
      try {
        const tenantId = req.params.get("tenant_id") ?? undefined;
        return json(201, { flowlog_logger: control.createLogger(args[0], body(req), tenantId) });
      } catch (error) {
        return badRequest((error as Error).message);
      }
    },
  ],
  [
    "PATCH",
    /^\/nhn\/([^/]+)\/loggers\/([^/]+)$/,
    (call) =>
      withLogger(call, (region, id) => {
        const patch = body(call.req);
        const inner = isRecord(patch.flowlog_logger) ? patch.flowlog_logger : patch;
        return json(200, { flowlog_logger: call.control.editLogger(region, id, inner) });
      }),
  ],
  [
    "DELETE",
    /^\/nhn\/([^/]+)\/loggers\/([^/]+)$/,
    (call) => withLogger(call, (region, id) => empty(call.control.deleteLogger(region, id) ? 204 : 404)),
  ],
  [
    "GET",
    /^\/ncloud\/flow-logs$/,
    ({ control, req }) =>
      json(200, { flowLogs: control.ncloudFlowLogs(req.params.get("regionCode") ?? undefined) }),
  ],
  [
    "POST",
    /^\/tokens\/expire$/,
    ({ control }) => {
      control.expireAllTokens();
      return empty(204);
    },
  ],
  [
    "POST",
    /^\/tokens\/revoke$/,
    ({ control, req }) => {
      const { tokenId } = TokenRevocation.parse(body(req));
      if (tokenId === undefined) control.revokeAllTokens();
      else control.revokeToken(tokenId);
      return empty(204);
    },
  ],
];

/** /_emulator/... : the control API over HTTP, for demos and curl. */
export function routeControl(state: EmulatorState, control: EmulatorControl, req: ParsedRequest): Reply {
  const path = req.path.slice("/_emulator".length).replace(/\/$/, "");
  const matching = ROUTES.filter(([, pattern]) => pattern.test(path));
  const route = matching.find(([method]) => method === req.method);
  if (!route)
    return matching.length > 0 ? controlError(405, "method not allowed") : controlError(404, "no such route");
  try {
    const args = (route[1].exec(path) ?? []).slice(1).map(decodeURIComponent);
    return route[2]({ state, control, req, args });
  } catch (error) {
    const message = error instanceof z.ZodError ? z.prettifyError(error) : (error as Error).message;
    return controlError(400, message);
  }
}
