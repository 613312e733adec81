import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { routeControl } from "./control-routes";
import { faultReply } from "./faults";
import { header, json, type LogNotes, type ParsedRequest, type Reply, readRequest, writeReply } from "./http";
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

/** The reply of a call the throttle admitted: injected fault, or the router's answer (possibly then replaced). */
function answer(
  state: EmulatorState,
  control: EmulatorControl,
  router: (typeof ROUTERS)[number] | undefined,
  req: ParsedRequest,
  notes: LogNotes,
): Reply {
  const fault = state.faults.pick(router?.api ?? "control", req.method, req.path);
  // A fault is by default chosen instead of processing: no side effect. An "after" fault processes first.
  if (fault && !fault.after) {
    notes.fault = fault.fault;
    return fault.reply;
  }
  let reply: Reply;
  try {
    reply = router ? router.route(state, control, req, notes) : notFound();
  } catch (error) {
    reply = json(500, { error: { message: (error as Error).message, code: 500 } });
  }
  if (!fault) return reply;
  notes.fault = fault.fault;
  return fault.reply;
}

async function handle(
  state: EmulatorState,
  control: EmulatorControl,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const at = Date.now();
  const parsed = await readRequest(req);
  const router = ROUTERS.find(({ prefix }) => parsed.path.startsWith(prefix));
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
    const reply = answer(state, control, router, parsed, notes);
    if (api !== "control" && state.settings.latencyMs > 0) await sleep(state.settings.latencyMs);
    log(writeReply(res, reply));
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
