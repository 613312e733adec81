import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { trickle } from "./trickle";
import type { RequestLogEntry } from "./types";

/** What a handler answers; the server writes it (or drops the connection). */
export type Reply =
  | { kind: "json"; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: "text"; status: number; body: string; contentType: string; headers?: Record<string, string> }
  | { kind: "empty"; status: number }
  | { kind: "drop" };

export interface ParsedRequest {
  method: string;
  path: string;
  /** Raw query string without the leading "?". */
  query: string;
  params: URLSearchParams;
  /** The request target exactly as received (path plus ?query). */
  target: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Facts a handler learns that belong in the request log. */
export type LogNotes = Partial<
  Pick<RequestLogEntry, "region" | "tokenId" | "tokenValid" | "accessKey" | "fault" | "loggerId">
>;

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  kind: "json",
  status,
  body,
  headers,
});

export const empty = (status: number): Reply => ({ kind: "empty", status });

export async function readRequest(req: IncomingMessage): Promise<ParsedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const target = req.url ?? "/";
  const q = target.indexOf("?");
  const query = q < 0 ? "" : target.slice(q + 1);
  return {
    method: (req.method ?? "GET").toUpperCase(),
    path: q < 0 ? target : target.slice(0, q),
    query,
    params: new URLSearchParams(query),
    target,
    headers: req.headers,
    body: Buffer.concat(chunks).toString("utf8"),
  };
}

/** Parses a JSON body; undefined when it is not JSON. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function header(req: ParsedRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Status of a reply as logged: 0 when dropped. */
export const statusOf = (reply: Reply): number => (reply.kind === "drop" ? 0 : reply.status);

/** Writes a reply, its body one byte per `trickleMs` when given; returns the status logged. */
export function writeReply(res: ServerResponse, reply: Reply, trickleMs?: number): number {
  if (reply.kind === "drop") {
    res.socket?.destroy();
    return 0;
  }
  if (reply.kind === "empty") {
    res.writeHead(reply.status).end();
    return reply.status;
  }
  const [contentType, payload] =
    reply.kind === "json"
      ? ["application/json", JSON.stringify(reply.body)]
      : [reply.contentType, reply.body];
  const headers = {
    ...reply.headers,
    "content-type": contentType,
    "content-length": Buffer.byteLength(payload),
  };
  if (trickleMs === undefined) res.writeHead(reply.status, headers).end(payload);
  else trickle(res, reply.status, headers, Buffer.from(payload), trickleMs);
  return reply.status;
}
