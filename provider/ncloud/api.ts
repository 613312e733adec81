import { z } from "zod";
import { clip } from "../common/errors";

/**
 * NCloud's own model of a flow log configuration (vserver v2, `responseFormatType=json`). Non-strict
 * objects and plain strings: new fields or codes must not break parsing.
 */
export const ApiFlowLogConfiguration = z.object({
  networkInterfaceNo: z.coerce.string(),
  collectActionType: z.object({ code: z.string(), codeName: z.string().optional() }),
  collectIntervalMinute: z.coerce.number(),
  storageType: z.object({ code: z.string(), codeName: z.string().optional() }),
  storageBucketName: z.string(),
  storageBucketDirectoryName: z.string(),
});
export type ApiFlowLogConfiguration = z.infer<typeof ApiFlowLogConfiguration>;

/** The body every action shares under `{"<action>Response": …}`. */
export const ApiActionResult = z.object({
  returnCode: z.coerce.string(),
  returnMessage: z.string().optional(),
  flowLogConfigurationList: z.array(ApiFlowLogConfiguration).default([]),
});
export type ApiActionResult = z.infer<typeof ApiActionResult>;

/** enableFlowLog parameters, named as the API names them. */
export interface ApiEnableFlowLog {
  regionCode: string;
  networkInterfaceNo: string;
  collectActionTypeCode: string;
  collectIntervalMinute: number;
  storageTypeCode: string;
  storageBucketName: string;
  storageBucketDirectoryName: string;
}

/** A server error (`responseError`) or an API gateway error (`error`); both answer non-2xx. */
const ServerError = z.object({
  responseError: z.object({ returnCode: z.coerce.string(), returnMessage: z.string().optional() }),
});
const GatewayError = z.object({
  error: z.object({
    errorCode: z.coerce.string(),
    message: z.string().optional(),
    details: z.string().optional(),
  }),
});

export interface ApiError {
  code?: string;
  message: string;
}

/** NCloud's code and message from an error body, whichever of the two shapes it has. */
export function parseApiError(text: string): ApiError {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { message: clip(text) || "(empty body)" };
  }
  const server = ServerError.safeParse(json);
  if (server.success) {
    const { returnCode, returnMessage } = server.data.responseError;
    return { code: returnCode, message: returnMessage ?? `returnCode ${returnCode}` };
  }
  const gateway = GatewayError.safeParse(json);
  if (gateway.success) {
    const { errorCode, message, details } = gateway.data.error;
    const text = [message, details].filter((part) => part !== undefined && part !== "").join(": ");
    return { code: errorCode, message: text || `errorCode ${errorCode}` };
  }
  return { message: clip(JSON.stringify(json)) };
}
