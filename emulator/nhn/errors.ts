import { json, type Reply } from "../http";
import type { Readings } from "../readings";

/** A network API error before it has a body; `errorReply` gives it the shape the errorBody reading picks. */
export interface ApiError {
  kind: "error";
  status: number;
  /** Neutron's exception name, e.g. FlowlogLoggerNotFound. */
  type: string;
  message: string;
  /** Raised in front of Neutron (token check, routing): Keystone-shaped even under the neutron reading. */
  middleware?: true;
}

/** A store operation's result: the value, or the error the API answers. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** A handler's answer: a reply, or an error still to be shaped. */
export type NhnReply = Reply | ApiError;

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  500: "Internal Server Error",
};

const keystone = ({ status, message }: ApiError): Reply =>
  json(status, { error: { code: status, title: TITLES[status] ?? "Error", message } });

const SHAPES: Record<Readings["errorBody"], (error: ApiError) => Reply> = {
  // Neutron's own errors; keystonemiddleware and the router in front of it answer Keystone-style.
  neutron: (error) =>
    error.middleware
      ? keystone(error)
      : json(error.status, { NeutronError: { type: error.type, message: error.message, detail: "" } }),
  keystone,
  text: ({ status, message }) => ({ kind: "text", status, contentType: "text/plain", body: message }),
};

/** The one place a network API error gets its body. */
export const errorReply = (shape: Readings["errorBody"], error: ApiError): Reply => SHAPES[shape](error);

const apiError = (status: number, type: string, message: string): ApiError => ({
  kind: "error",
  status,
  type,
  message,
});

export const badRequest = (message: string) => apiError(400, "HTTPBadRequest", message);

/** Neutron's answer to a parameter it does not filter on (under unknownFilters or paging "reject"). */
export const invalidFilter = (param: string) => badRequest(`${param} is invalid attribute for filtering`);

export const loggerNotFound = (id: string) =>
  apiError(404, "FlowlogLoggerNotFound", `Flowlog logger ${id} could not be found.`);

export const loggingPortNotFound = (id: string) =>
  apiError(404, "FlowlogLoggingPortNotFound", `Flowlog logging port ${id} could not be found.`);

export const nameInUse = (name: string, holder: string) =>
  apiError(
    409,
    "FlowlogLoggerNameInUse",
    `Flowlog logger name '${name}' is already in use (logger ${holder})`,
  );

export const internalError = (message: string) => apiError(500, "HTTPInternalServerError", message);

export const unauthorized = (): ApiError => ({
  ...apiError(401, "HTTPUnauthorized", "The request you have made requires authentication."),
  middleware: true,
});

export const notFound = (): ApiError => ({
  ...apiError(404, "HTTPNotFound", "The resource could not be found."),
  middleware: true,
});

export const methodNotAllowed = (): ApiError => ({
  ...apiError(405, "HTTPMethodNotAllowed", "The method is not allowed for the requested URL."),
  middleware: true,
});

/** Carries an ApiError through the in-process control, which throws rather than answers. */
export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}
