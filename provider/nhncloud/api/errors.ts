import { clip } from "../../common/errors";
import { bodyExcerpt, errorJson, field } from "../../common/parse";

export interface ApiErrorBody {
  message: string;
  type?: string;
}

/**
 * The API's own words from an error body, and nothing else: Neutron `{"NeutronError":{type, message,
 * detail}}`, Keystone `{"error":{code, title, message}}`, Nova-style `badRequest`/`itemNotFound`. The
 * rest of a JSON body (which may echo our request) is dropped; a body that is not JSON gives a short
 * tidied excerpt. Credentials are redacted before any of it is read.
 */
export function parseApiError(text: string): ApiErrorBody {
  const json = errorJson(text);
  if (json === undefined) return { message: bodyExcerpt(text) };
  const body = json as Record<string, unknown> | null;
  const inner = body?.NeutronError ?? body?.error ?? body?.badRequest ?? body?.itemNotFound;
  const message = field(inner, "message") ?? field(body, "message");
  const type = field(inner, "type") ?? field(inner, "title");
  const detail = field(inner, "detail");
  const said = message === undefined ? undefined : `${clip(message)}${detail ? ` (${clip(detail)})` : ""}`;
  return {
    message: said ?? (type ? clip(type, 64) : "(an error body without a message)"),
    ...(type === undefined ? {} : { type }),
  };
}

/** The API's own message from an error body (see parseApiError). */
export function apiErrorMessage(text: string): string {
  return parseApiError(text).message;
}

/** The API's own error type (Neutron's e.g. "FlowlogLoggerNotFound", Keystone's title), when the body has one. */
export function apiErrorType(text: string): string | undefined {
  return parseApiError(text).type;
}
