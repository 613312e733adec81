import { header, type LogNotes, type ParsedRequest, type Reply } from "../http";
import type { TokenStore } from "../identity/tokens";
import type { Readings } from "../readings";
import { errorReply, methodNotAllowed, type NhnReply, notFound, unauthorized } from "./errors";
import {
  createLogger,
  deleteLogger,
  type LoggerCall,
  listLoggers,
  showLogger,
  updateLogger,
} from "./loggers";
import { listLoggingPorts, showLoggingPort } from "./logging-ports";
import type { RegionStore } from "./store";

export interface NhnContext {
  /** Keyed by upper-case region. */
  stores: Map<string, RegionStore>;
  tokens: TokenStore;
  readings: Readings;
  loseCreateResponse: () => boolean;
}

type Handler = (call: LoggerCall, id: string) => NhnReply;

const COLLECTIONS: Record<string, { list: Record<string, Handler>; item: Record<string, Handler> }> = {
  "flowlog-loggers": {
    list: { GET: listLoggers, POST: createLogger },
    item: { GET: showLogger, PUT: updateLogger, DELETE: deleteLogger },
  },
  "flowlog-logging-ports": { list: { GET: listLoggingPorts }, item: { GET: showLoggingPort } },
};

const PATH = /^\/network\/([^/]+)\/v2\.0\/([^/]+?)(?:\/([^/]+))?\/?$/;

/** /network/{region}/v2.0/... : every answer, errors shaped as the errorBody reading says. */
export function routeNhn(ctx: NhnContext, req: ParsedRequest, notes: LogNotes): Reply {
  const answer = dispatch(ctx, req, notes);
  return answer.kind === "error" ? errorReply(ctx.readings.errorBody, answer) : answer;
}

/** Region endpoint, then token, then resource. */
function dispatch(ctx: NhnContext, req: ParsedRequest, notes: LogNotes): NhnReply {
  const match = PATH.exec(req.path);
  const region = match?.[1].toUpperCase();
  const store = region === undefined ? undefined : ctx.stores.get(region);
  if (!match || !store) return notFound();
  notes.region = region;
  const tokenId = header(req, "x-auth-token");
  const token = ctx.tokens.valid(tokenId);
  notes.tokenId = tokenId;
  notes.tokenValid = token !== undefined;
  if (!token) return unauthorized();
  if (!Object.hasOwn(COLLECTIONS, match[2])) return notFound();
  const collection = COLLECTIONS[match[2]];
  const id = match[3] === undefined ? undefined : safeDecode(match[3]);
  const handlers = id === undefined ? collection.list : collection.item;
  if (!Object.hasOwn(handlers, req.method)) return methodNotAllowed();
  const handler = handlers[req.method];
  const call: LoggerCall = {
    store,
    tenantId: token.tenantId,
    req,
    notes,
    readings: ctx.readings,
    loseCreateResponse: ctx.loseCreateResponse,
  };
  return handler(call, id ?? "");
}

// A malformed escape is just an id that cannot exist.
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
