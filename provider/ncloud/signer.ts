import { createHmac } from "node:crypto";

export interface SignatureInput {
  method: string;
  /** Path and query exactly as sent, e.g. `/vserver/v2/getFlowLogConfigurationList?regionCode=KR`. */
  pathWithQuery: string;
  /** Epoch milliseconds, as sent in `x-ncp-apigw-timestamp`. */
  timestamp: number;
  accessKey: string;
  secretKey: string;
}

/** NCloud API gateway signature v2: base64(HMAC-SHA256(secretKey, "METHOD pathWithQuery\ntimestamp\naccessKey")). */
export function signatureV2(input: SignatureInput): string {
  const message = `${input.method} ${input.pathWithQuery}\n${input.timestamp}\n${input.accessKey}`;
  return createHmac("sha256", input.secretKey).update(message, "utf8").digest("base64");
}

/** The three headers that authenticate one request to the NCloud API gateway. */
export function signedHeaders(input: SignatureInput): Record<string, string> {
  return {
    "x-ncp-apigw-timestamp": String(input.timestamp),
    "x-ncp-iam-access-key": input.accessKey,
    "x-ncp-apigw-signature-v2": signatureV2(input),
  };
}
