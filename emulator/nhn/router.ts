import { header, type LogNotes, type ParsedRequest, type Reply } from "../http";
import type { TokenStore } from "../identity/tokens";
import type { Readings } from "../readings";
import {
  errorReply,
  loggerNotFound,
  methodNotAllowed,
  type NhnReply,
  notFound,
  unauthorized,
} from "./errors";
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
  /** The emulator's URL. */
  url: string;
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

/**
 * Region endpoint, then token, then resource. Under routeErrors "like-logger" any path no route serves
 * (this router is then also handed every path no other API claims) answers, after the token check,
 * exactly what a missing logger answers for its last segment.
 */
function dispatch(ctx: NhnContext, req: ParsedRequest, notes: LogNotes): NhnReply {
  const match = PATH.exec(req.path);
  const region = match?.[1].toUpperCase();
  const store = region === undefined ? undefined : ctx.stores.get(region);
  const likeLogger = ctx.readings.routeErrors === "like-logger";
  if ((!match || !store) && !likeLogger) return notFound();
  if (store) notes.region = region;
  const tokenId = header(req, "x-auth-token");
  const token = ctx.tokens.valid(tokenId);
  notes.tokenId = tokenId;
  notes.tokenValid = token !== undefined;
  if (!token) return unauthorized();
  if (!match || !store || !Object.hasOwn(COLLECTIONS, match[2])) {
    return likeLogger ? loggerNotFound(lastSegment(req.path)) : notFound();
  }
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
    url: ctx.url,
  };
  return handler(call, id ?? "");
}

/** The id a wrong route seems to address: its last non-empty segment. */
function lastSegment(path: string): string {
  const segments = path.split("/").filter((segment) => segment !== "");
  return safeDecode(segments[segments.length - 1] ?? "");
}

// A malformed escape is just an id that cannot exist.
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
