import { z } from "zod";
import { clip } from "../common/errors";
import { apiNumber, apiString, bodyExcerpt, errorJson } from "../common/parse";

/**
 * NCloud's own model of a flow log configuration (vserver v2, `responseFormatType=json`). Non-strict
 * objects and plain strings: new fields or codes must not break parsing.
 */
export const ApiFlowLogConfiguration = z.object({
  networkInterfaceNo: apiString,
  collectActionType: z.object({ code: z.string(), codeName: z.string().optional() }),
  collectIntervalMinute: apiNumber,
  storageType: z.object({ code: z.string(), codeName: z.string().optional() }),
  storageBucketName: z.string(),
  storageBucketDirectoryName: z.string(),
});
export type ApiFlowLogConfiguration = z.infer<typeof ApiFlowLogConfiguration>;

/** The body every action shares under `{"<action>Response": …}`. */
export const ApiActionResult = z.object({
  returnCode: apiString,
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
  responseError: z.object({ returnCode: apiString, returnMessage: z.string().optional() }),
});
const GatewayError = z.object({
  error: z.object({
    errorCode: apiString,
    message: z.string().optional(),
    details: z.string().optional(),
  }),
});

export interface ApiError {
  code?: string;
  message: string;
}

/**
 * NCloud's code and message from an error body, whichever of the two shapes it has, and nothing else:
 * the rest of a JSON body (which may echo our request) is dropped; a body that is not JSON gives a short
 * tidied excerpt. Credentials are redacted before any of it is read.
 */
export function parseApiError(text: string): ApiError {
  const json = errorJson(text);
  if (json === undefined) return { message: bodyExcerpt(text) };
  const server = ServerError.safeParse(json);
  if (server.success) {
    const { returnCode, returnMessage } = server.data.responseError;
    return { code: returnCode, message: clip(returnMessage || `returnCode ${returnCode}`) };
  }
  const gateway = GatewayError.safeParse(json);
  if (gateway.success) {
    const { errorCode, message, details } = gateway.data.error;
    const said = [message, details].filter((part) => part !== undefined && part !== "").join(": ");
    return { code: errorCode, message: clip(said || `errorCode ${errorCode}`) };
  }
  return { message: "(an error body without a message)" };
}
