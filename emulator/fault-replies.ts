import type { FaultKind } from "./faults";
import { header, json, type ParsedRequest, type Reply } from "./http";
import { errorReply, internalError } from "./nhn/errors";
import type { Readings } from "./readings";
import type { ApiKind } from "./types";

type Api = Exclude<ApiKind, "control">;

const TITLES: Record<number, string> = {
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

// NCloud's API gateway error codes for the same statuses.
const NCLOUD_GATEWAY_CODES: Record<number, [string, string]> = {
  429: ["420", "Rate Limited"],
  500: ["900", "Unexpected Error"],
  502: ["500", "Endpoint Error"],
  503: ["500", "Endpoint Error"],
  504: ["510", "Endpoint Timeout"],
};

// A load balancer in front of the network API answers 502/503/504 with HTML, not JSON.
const nhnBody = (status: number): Reply =>
  status === 500
    ? json(status, {
        NeutronError: {
          type: "HTTPInternalServerError",
          message: "Request Failed: internal server error while processing your request.",
          detail: "",
        },
      })
    : status === 429
      ? json(status, { error: { code: 429, title: TITLES[429], message: "Rate limit exceeded." } })
      : {
          kind: "text",
          status,
          contentType: "text/html",
          body: `<html><body><h1>${status} ${TITLES[status]}</h1></body></html>`,
        };

const FAULT_BODIES: Record<Api, (status: number) => Reply> = {
  nhn: nhnBody,
  identity: (status) =>
    json(status, { error: { message: TITLES[status], code: status, title: TITLES[status] } }),
  ncloud: (status) => {
    const [errorCode, message] = NCLOUD_GATEWAY_CODES[status];
    return json(status, { error: { errorCode, message, details: "Injected by the emulator." } });
  },
};

/** The answer an API gives when it refuses a call with `status`; 429 and 503 carry Retry-After. */
export function faultReply(api: Api, status: number, retryAfterSeconds = 1): Reply {
  const reply = FAULT_BODIES[api](status);
  if ((status === 429 || status === 503) && (reply.kind === "json" || reply.kind === "text")) {
    reply.headers = { ...reply.headers, "retry-after": String(retryAfterSeconds) };
  }
  return reply;
}

// Raw on purpose: a broken server neither escapes nor redacts what it repeats.
function echoPage(req: ParsedRequest): Reply {
  const token = header(req, "x-auth-token");
  const dump = token === undefined ? req.body : `X-Auth-Token: ${token}\n\n${req.body}`;
  const body = `<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1><pre>${dump}</pre></body></html>`;
  return { kind: "text", status: 500, contentType: "text/html", body };
}

const echoJson = (req: ParsedRequest, shape: Readings["errorBody"]): Reply =>
  errorReply(
    shape,
    internalError(`${req.body} token=${encodeURIComponent(header(req, "x-auth-token") ?? "")}`),
  );

/** The kinds that answer instead of the call's own reply ("trickle" sends that reply slowly). */
export type ReplacingKind = Exclude<FaultKind, "trickle">;

interface Context {
  retryAfterSeconds: number;
  errorBody: Readings["errorBody"];
}

const OTHER_KINDS: Record<Exclude<ReplacingKind, number>, (req: ParsedRequest, ctx: Context) => Reply> = {
  drop: () => ({ kind: "drop" }),
  echo: (req) => echoPage(req),
  "echo-json": (req, { errorBody }) => echoJson(req, errorBody),
};

/** What an injected fault of `kind` answers. */
export function injectedReply(api: Api, kind: ReplacingKind, req: ParsedRequest, ctx: Context): Reply {
  return typeof kind === "number"
    ? faultReply(api, kind, ctx.retryAfterSeconds)
    : OTHER_KINDS[kind](req, ctx);
}
