import { randomUUID } from "node:crypto";
import { json, type Reply } from "../http";
import type { ActionResult } from "./actions";
import type { NcloudFlowLog } from "./store";

const CODE_NAMES: Record<string, string> = {
  ALLOW: "Allow",
  DENY: "Deny",
  ALL: "All",
  OBJT: "Object Storage",
};

const codeAndName = (code: string) => ({ code, codeName: CODE_NAMES[code] ?? code });

function configuration(cfg: NcloudFlowLog) {
  return {
    networkInterfaceNo: cfg.networkInterfaceNo,
    collectActionType: codeAndName(cfg.collectActionTypeCode),
    collectIntervalMinute: cfg.collectIntervalMinute,
    storageType: codeAndName(cfg.storageTypeCode),
    storageBucketName: cfg.storageBucketName,
    storageBucketDirectoryName: cfg.storageBucketDirectoryName,
  };
}

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** <name>…</name>; arrays become repeated <item> elements named by `itemName`. */
function toXml(name: string, value: unknown, itemName = "FlowLogConfiguration"): string {
  if (Array.isArray(value)) return `<${name}>${value.map((v) => toXml(itemName, v)).join("")}</${name}>`;
  if (typeof value === "object" && value !== null) {
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => toXml(k, v))
      .join("")}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** The success or responseError body in the format the caller asked for (xml by default, as the API). */
export function renderResult(action: string, result: ActionResult, format: string): Reply {
  const [status, rootName, body] = result.ok
    ? [
        200,
        `${action}Response`,
        {
          requestId: randomUUID(),
          returnCode: "0",
          returnMessage: "success",
          totalRows: result.configurations.length,
          flowLogConfigurationList: result.configurations.map(configuration),
        },
      ]
    : [400, "responseError", { returnCode: result.returnCode, returnMessage: result.returnMessage }];
  if (format === "json") return json(status, { [rootName]: body });
  return {
    kind: "text",
    status,
    contentType: "application/xml;charset=UTF-8",
    body: `<?xml version="1.0" encoding="UTF-8"?>${toXml(rootName, body)}`,
  };
}
