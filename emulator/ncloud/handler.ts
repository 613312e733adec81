import { header, type LogNotes, type ParsedRequest, type Reply } from "../http";
import { ACTIONS, type NcloudContext } from "./actions";
import { renderResult } from "./render";
import { gatewayError, verifySignature } from "./signature";

export interface NcloudHandlerContext extends NcloudContext {
  credentials: { accessKey: string; secretKey: string };
}

const PATH = /^\/vserver\/v2\/([^/]+)\/?$/;

/** Query parameters, plus the form body of a POST (the signature covers only the request target). */
export function requestParams(req: ParsedRequest): URLSearchParams {
  const params = new URLSearchParams(req.query);
  if (
    req.method === "POST" &&
    (header(req, "content-type") ?? "").includes("application/x-www-form-urlencoded")
  ) {
    for (const [key, value] of new URLSearchParams(req.body)) params.append(key, value);
  }
  return params;
}

/** /vserver/v2/{action}: gateway routing and signature check, then the action. */
export function routeNcloud(ctx: NcloudHandlerContext, req: ParsedRequest, notes: LogNotes): Reply {
  const name = PATH.exec(req.path)?.[1];
  const action = name !== undefined && Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
  if (name === undefined || !action || !["GET", "POST"].includes(req.method)) {
    return gatewayError(404, "300", "Not Found", `No such API: ${req.method} ${req.path}`);
  }
  notes.accessKey = header(req, "x-ncp-iam-access-key");
  const denied = verifySignature(req, ctx.credentials);
  if (denied) return denied;
  const params = requestParams(req);
  const regionCode = params.get("regionCode") ?? "KR";
  const format = params.get("responseFormatType") ?? "xml";
  notes.region = regionCode;
  if (!ctx.store.hasRegion(regionCode)) {
    return renderResult(
      name,
      { ok: false, returnCode: "1099000", returnMessage: "parameter value is not valid" },
      format,
    );
  }
  return renderResult(name, action(ctx, params, regionCode), format);
}
