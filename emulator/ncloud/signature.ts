import { createHmac, timingSafeEqual } from "node:crypto";
import { header, json, type ParsedRequest, type Reply } from "../http";

const MAX_SKEW_MS = 5 * 60 * 1000;

/** Signature v2: base64(HMAC-SHA256(secretKey, "METHOD target\ntimestamp\naccessKey")). */
export function signNcloud(
  secretKey: string,
  method: string,
  target: string,
  timestamp: string,
  accessKey: string,
) {
  return createHmac("sha256", secretKey)
    .update(`${method} ${target}\n${timestamp}\n${accessKey}`)
    .digest("base64");
}

export const gatewayError = (status: number, errorCode: string, message: string, details: string): Reply =>
  json(status, { error: { errorCode, message, details } });

const authFailed = (details: string) => gatewayError(401, "200", "Authentication Failed", details);

/** The gateway's check; undefined when the request is signed correctly. */
export function verifySignature(
  req: ParsedRequest,
  credentials: { accessKey: string; secretKey: string },
): Reply | undefined {
  const timestamp = header(req, "x-ncp-apigw-timestamp");
  const accessKey = header(req, "x-ncp-iam-access-key");
  const signature = header(req, "x-ncp-apigw-signature-v2");
  if (!timestamp || !accessKey || !signature) return authFailed("Invalid authentication information.");
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() - Number(timestamp)) > MAX_SKEW_MS) {
    return authFailed(
      "Invalid timestamp: x-ncp-apigw-timestamp must be within 5 minutes of the server time.",
    );
  }
  if (accessKey !== credentials.accessKey) return authFailed("Invalid authentication information.");
  const expected = Buffer.from(
    signNcloud(credentials.secretKey, req.method, req.target, timestamp, accessKey),
  );
  const given = Buffer.from(signature);
  const ok = expected.length === given.length && timingSafeEqual(expected, given);
  return ok ? undefined : authFailed("Invalid authentication information.");
}
