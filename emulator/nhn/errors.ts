import { json, type Reply } from "../http";

// Neutron's error body; the network API is Neutron-based and no document shows another shape.
export const neutronError = (status: number, type: string, message: string): Reply =>
  json(status, { NeutronError: { type, message, detail: "" } });

export const badRequest = (message: string): Reply => neutronError(400, "HTTPBadRequest", message);

export const loggerNotFound = (id: string): Reply =>
  neutronError(404, "FlowlogLoggerNotFound", `Flowlog logger ${id} could not be found.`);

export const loggingPortNotFound = (id: string): Reply =>
  neutronError(404, "FlowlogLoggingPortNotFound", `Flowlog logging port ${id} could not be found.`);

export const notFound = (): Reply =>
  json(404, { error: { message: "The resource could not be found.", code: 404, title: "Not Found" } });

export const methodNotAllowed = (): Reply =>
  json(405, {
    error: {
      message: "The method is not allowed for the requested URL.",
      code: 405,
      title: "Method Not Allowed",
    },
  });
