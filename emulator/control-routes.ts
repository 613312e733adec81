import { z } from "zod";
import { describeFaultPlanError, FAULT_PLAN_EXAMPLE, FAULT_PLAN_OPTIONS, FaultPlan } from "./faults";
import { empty, isRecord, json, type ParsedRequest, parseJson, type Reply } from "./http";
import { ApiFailure, badRequest, errorReply } from "./nhn/errors";
import { DEFAULT_READINGS, describeReadingsError, ReadingsPatch } from "./readings";
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

interface ControlRoute {
  method: string;
  /** Under /_emulator; `{name}` is one path segment, handed to the handler in order. */
  path: string;
  /** One line for the CLI's banner. */
  what: string;
  handler: ControlHandler;
}

const ROUTES: ControlRoute[] = [
  {
    method: "GET",
    path: "/seed",
    what: "the seed: VPCs, subnets, ports, granted containers, NCloud interfaces",
    handler: ({ control }) => json(200, control.seed()),
  },
  {
    method: "GET",
    path: "/requests",
    what: "every API request so far (method, path, status, token, injected fault)",
    handler: ({ control }) => json(200, { requests: control.requests() }),
  },
  {
    method: "DELETE",
    path: "/requests",
    what: "clear the request log",
    handler: ({ control }) => {
      control.clearRequests();
      return empty(204);
    },
  },
  {
    method: "POST",
    path: "/faults",
    what: `fail API calls: ${FAULT_PLAN_EXAMPLE} (${FAULT_PLAN_OPTIONS}); {} clears`,
    handler: ({ control, req }) => {
      const plan = body(req);
      if (Object.keys(plan).length === 0) {
        control.setFaults(undefined);
        return empty(204);
      }
      const parsed = FaultPlan.safeParse(plan);
      if (!parsed.success) return controlError(400, describeFaultPlanError(parsed.error));
      control.setFaults(parsed.data);
      return empty(204);
    },
  },
  {
    method: "GET",
    path: "/readings",
    what: "how the emulator reads what the API document leaves open (filterMode, errorBody, …)",
    handler: ({ control }) => json(200, control.readings()),
  },
  {
    method: "PUT",
    path: "/readings",
    what: `change some readings, e.g. {"filterMode":"and"}; defaults: ${JSON.stringify(DEFAULT_READINGS)}`,
    handler: ({ control, req }) => {
      const parsed = ReadingsPatch.safeParse(body(req));
      if (!parsed.success) return controlError(400, describeReadingsError(parsed.error));
      control.setReadings(parsed.data);
      return json(200, control.readings());
    },
  },
  {
    method: "GET",
    path: "/nhn/{region}/loggers",
    what: "the region's loggers, every tenant",
    handler: ({ control, args }) => json(200, { flowlog_loggers: control.loggers(args[0]) }),
  },
  {
    method: "POST",
    path: "/nhn/{region}/loggers",
    what: "make a logger as the console would (API body; ?tenant_id= sets the owner)",
    handler: ({ state, control, req, args }) => {
      try {
        const tenantId = req.params.get("tenant_id") ?? undefined;
        return json(201, { flowlog_logger: control.createLogger(args[0], body(req), tenantId) });
      } catch (error) {
        const failure = error instanceof ApiFailure ? error.error : badRequest((error as Error).message);
        return errorReply(state.readings.errorBody, failure);
      }
    },
  },
  {
    method: "PATCH",
    path: "/nhn/{region}/loggers/{id}",
    what: 'edit any field out of band, e.g. {"description":"edited in the console"}',
    handler: (call) =>
      withLogger(call, (region, id) => {
        const patch = body(call.req);
        const inner = isRecord(patch.flowlog_logger) ? patch.flowlog_logger : patch;
        return json(200, { flowlog_logger: call.control.editLogger(region, id, inner) });
      }),
  },
  {
    method: "DELETE",
    path: "/nhn/{region}/loggers/{id}",
    what: "delete a logger out of band",
    handler: (call) =>
      withLogger(call, (region, id) => empty(call.control.deleteLogger(region, id) ? 204 : 404)),
  },
  {
    method: "GET",
    path: "/ncloud/flow-logs",
    what: "NCloud flow log configurations (?regionCode= to filter)",
    handler: ({ control, req }) =>
      json(200, { flowLogs: control.ncloudFlowLogs(req.params.get("regionCode") ?? undefined) }),
  },
  {
    method: "POST",
    path: "/tokens/expire",
    what: "expire every token issued so far",
    handler: ({ control }) => {
      control.expireAllTokens();
      return empty(204);
    },
  },
  {
    method: "POST",
    path: "/tokens/revoke",
    what: 'revoke every token, or one: {"tokenId":"…"}',
    handler: ({ control, req }) => {
      const { tokenId } = TokenRevocation.parse(body(req));
      if (tokenId === undefined) control.revokeAllTokens();
      else control.revokeToken(tokenId);
      return empty(204);
    },
  },
];

const patternOf = (path: string) => new RegExp(`^${path.replace(/\{[^}]+\}/g, "([^/]+)")}$`);
const COMPILED = ROUTES.map((route) => ({ ...route, pattern: patternOf(route.path) }));

/** The control routes as `{ method, path, what }` with full paths, for the CLI's banner. */
export const CONTROL_ROUTES: ReadonlyArray<{ method: string; path: string; what: string }> = ROUTES.map(
  ({ method, path, what }) => ({ method, path: `/_emulator${path}`, what }),
);

/** /_emulator/... : the control API over HTTP, for demos and curl. */
export function routeControl(state: EmulatorState, control: EmulatorControl, req: ParsedRequest): Reply {
  const path = req.path.slice("/_emulator".length).replace(/\/$/, "");
  const matching = COMPILED.filter(({ pattern }) => pattern.test(path));
  const route = matching.find(({ method }) => method === req.method);
  if (!route)
    return matching.length > 0 ? controlError(405, "method not allowed") : controlError(404, "no such route");
  try {
    const args = (route.pattern.exec(path) ?? []).slice(1).map(decodeURIComponent);
    return route.handler({ state, control, req, args });
  } catch (error) {
    const message = error instanceof z.ZodError ? z.prettifyError(error) : (error as Error).message;
    return controlError(400, message);
  }
}
