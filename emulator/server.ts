import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { routeControl } from "./control-routes";
import { json, type LogNotes, type ParsedRequest, type Reply, readRequest, writeReply } from "./http";
import { issueToken } from "./identity/handler";
import { routeNcloud } from "./ncloud/handler";
import { routeNhn } from "./nhn/router";
import type { EmulatorState } from "./state";
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
        { stores: state.nhn, tokens: state.tokens, loseCreateResponse: state.loseCreateResponse },
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
  const notes: LogNotes = {};
  // A faulted request is not processed at all: no side effect.
  const fault = state.faults.pick(api, parsed.method, parsed.path);
  let reply: Reply;
  if (fault) {
    notes.fault = fault.fault;
    reply = fault.reply;
  } else {
    try {
      reply = router ? router.route(state, control, parsed, notes) : notFound();
    } catch (error) {
      reply = json(500, { error: { message: (error as Error).message, code: 500 } });
    }
  }
  if (api !== "control" && state.settings.latencyMs > 0) await sleep(state.settings.latencyMs);
  const status = writeReply(res, reply);
  state.log.add({ at, method: parsed.method, path: parsed.path, query: parsed.query, api, status, ...notes });
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
