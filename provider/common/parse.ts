import type { z } from "zod";
import { ErrorCodes, FlowLogError } from "./errors";

export interface ResponseContext {
  operation: string;
  status: number;
  /** Who answered, for the message: "the API", "NCloud". */
  service: string;
  /** Takes the part of the JSON body to validate (e.g. NCloud's `<action>Response`). */
  pick?: (json: unknown) => unknown;
}

/** Parses and validates a response body; a body that is not JSON or not of the schema is ERR_FLOWLOG_RESPONSE. */
export function parseResponse<T>(schema: z.ZodType<T>, text: string, context: ResponseContext): T {
  const { operation, status, service } = context;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new FlowLogError(
      ErrorCodes.response,
      `${operation}: ${service} answered HTTP ${status} with a body that is not JSON`,
      {
        operation,
        status,
      },
    );
  }
  const parsed = schema.safeParse(context.pick ? context.pick(json) : json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map(
      (issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`,
    );
    throw new FlowLogError(
      ErrorCodes.response,
      `${operation}: unexpected response from ${service} (${fields.slice(0, 5).join("; ")})`,
      {
        operation,
        status,
      },
    );
  }
  return parsed.data;
}
