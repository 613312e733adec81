import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { routeControl } from "./control-routes";
import { faultReply, injectedReply } from "./fault-replies";
import {
  header,
  json,
  type LogNotes,
  type ParsedRequest,
  type Reply,
  readRequest,
  statusOf,
  writeReply,
} from "./http";
import { issueToken } from "./identity/handler";
import { requestParams, routeNcloud } from "./ncloud/handler";
import { routeNhn } from "./nhn/router";
import type { EmulatorState } from "./state";
import { THROTTLE_RETRY_AFTER_SECONDS } from "./throttle";
import type { ApiKind, EmulatorControl } from "./types";

type Router = (state: EmulatorState, control: EmulatorControl, req: ParsedRequest, notes: LogNotes) => Reply;

const notFound = (): Reply =>
  json(404, { error: { message: "The resource could not be found.", code: 404 } });

const ROUTERS: Array<{ prefix: string; api: ApiKind; route: Router }> = [
  {
    prefix: "/_emulator/",
    api: "control",
    route: (state, control, req) => routeControl(state, control, req),
  },
  {
    prefix: "/identity/",
    api: "identity",
    route: (state, _control, req, notes) =>
      /^\/identity\/v2\.0\/tokens\/?$/.test(req.path) && req.method === "POST"
        ? issueToken(
            {
              url: state.url,
              tokens: state.tokens,
              regions: [...state.nhn.keys()],
              credentials: state.options.credentials,
            },
            req,
            notes,
          )
        : notFound(),
  },
  {
    prefix: "/network/",
    api: "nhn",
    route: (state, _control, req, notes) =>
      routeNhn(
        {
          stores: state.nhn,
          tokens: state.tokens,
          readings: state.readings,
          loseCreateResponse: state.loseCreateResponse,
          url: state.url,
        },
        req,
        notes,
      ),
  },
  {
    prefix: "/vserver/",
    api: "ncloud",
    route: (state, _control, req, notes) =>
      routeNcloud(
        { store: state.ncloud, seed: state.seed.ncloud, credentials: state.ncloudCredentials },
        req,
        notes,
      ),
  },
];

/** What the log can say before any handler runs, so a faulted or throttled call is logged as fully as another. */
function callerNotes(state: EmulatorState, api: ApiKind, req: ParsedRequest): LogNotes {
  if (api === "nhn") {
    const region = /^\/network\/([^/]+)\//.exec(req.path)?.[1].toUpperCase();
    const tokenId = header(req, "x-auth-token");
    return {
      region: region !== undefined && state.nhn.has(region) ? region : undefined,
      tokenId,
      tokenValid: state.tokens.valid(tokenId) !== undefined,
    };
  }
  if (api === "ncloud") {
    return {
      accessKey: header(req, "x-ncp-iam-access-key"),
      region: requestParams(req).get("regionCode") ?? "KR",
    };
  }
  return {};
}

type Route = (typeof ROUTERS)[number] | undefined;

const NETWORK = ROUTERS.find(({ api }) => api === "nhn");

/** By prefix; under routeErrors "like-logger" the network API also answers every path no API claims. */
function routerFor(state: EmulatorState, path: string): Route {
  const router = ROUTERS.find(({ prefix }) => path.startsWith(prefix));
  return router ?? (state.readings.routeErrors === "like-logger" ? NETWORK : undefined);
}

/** The router's answer to a request, or a 500 when the emulator itself fails. */
function processed(
  state: EmulatorState,
  control: EmulatorControl,
  router: Route,
  req: ParsedRequest,
  notes: LogNotes,
): Reply {
  try {
    return router ? router.route(state, control, req, notes) : notFound();
  } catch (error) {
    return json(500, { error: { message: (error as Error).message, code: 500 } });
  }
}

/** A reply, how to send it, and whether the request is still to be processed (a slow backend). */
interface Answer {
  reply: Reply;
  trickleMs?: number;
  lateMs?: number;
}

/** The answer to a call the throttle admitted: injected fault, or the router's reply (possibly then replaced). */
function answer(
  state: EmulatorState,
  control: EmulatorControl,
  router: Route,
  req: ParsedRequest,
  notes: LogNotes,
): Answer {
  const api = router?.api ?? "control";
  const fault = state.faults.pick(api, req.method, req.path);
  if (!fault || api === "control") return { reply: processed(state, control, router, req, notes) };
  const { kind } = fault;
  if (kind === "trickle") {
    const reply = processed(state, control, router, req, notes);
    notes.fault = fault.fault;
    return { reply, trickleMs: fault.trickleIntervalMs };
  }
  const context = { retryAfterSeconds: fault.retryAfterSeconds, errorBody: state.readings.errorBody };
  const reply = injectedReply(api, kind, req, context);
  // By default a fault is chosen instead of processing: no side effect. An "after" fault processes first.
  if (fault.after && fault.delayMs === 0) processed(state, control, router, req, notes);
  notes.fault = fault.fault;
  return fault.after && fault.delayMs > 0 ? { reply, lateMs: fault.delayMs } : { reply };
}

async function handle(
  state: EmulatorState,
  control: EmulatorControl,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const at = Date.now();
  const parsed = await readRequest(req);
  const router = routerFor(state, parsed.path);
  const api = router?.api ?? "control";
  const notes = callerNotes(state, api, parsed);
  const log = (status: number) =>
    state.log.add({
      at,
      method: parsed.method,
      path: parsed.path,
      query: parsed.query,
      api,
      status,
      ...notes,
    });
  const throttled = api === "nhn" && !state.throttle.enter();
  if (throttled) {
    notes.fault = "throttled";
    log(writeReply(res, faultReply("nhn", 429, THROTTLE_RETRY_AFTER_SECONDS)));
    return;
  }
  try {
    const { reply, trickleMs, lateMs } = answer(state, control, router, parsed, notes);
    if (api !== "control" && state.settings.latencyMs > 0) await sleep(state.settings.latencyMs);
    const entry = log(writeReply(res, reply, trickleMs));
    // The request exactly as received (same token, same body), processed after its answer went out.
    if (lateMs !== undefined) {
      state.late.run(lateMs, () => {
        const late: LogNotes = {};
        const status = statusOf(processed(state, control, router, parsed, late));
        const learned = late.loggerId === undefined ? {} : { loggerId: late.loggerId };
        state.log.note(entry.seq, { lateStatus: status, lateAt: Date.now(), ...learned });
      });
    }
  } finally {
    if (api === "nhn") state.throttle.leave();
  }
}

/** Starts listening on 127.0.0.1; resolves with the bound port. */
export async function listen(state: EmulatorState, control: EmulatorControl, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    handle(state, control, req, res).catch(() => res.socket?.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return server;
}
