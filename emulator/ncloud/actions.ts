import type { Seed } from "../seed";
import { COLLECT_ACTION_TYPES, type NcloudFlowLog, type NcloudStore } from "./store";

export type ActionResult =
  | { ok: true; configurations: NcloudFlowLog[] }
  | { ok: false; returnCode: string; returnMessage: string };

export interface NcloudContext {
  store: NcloudStore;
  seed: Seed["ncloud"];
}

type Action = (ctx: NcloudContext, params: URLSearchParams, regionCode: string) => ActionResult;

const fail = (returnCode: string, returnMessage: string): ActionResult => ({
  ok: false,
  returnCode,
  returnMessage,
});
const missing = (code: string, name: string) => fail(code, `there are no required parameter (${name})`);
const invalid = () => fail("1099000", "parameter value is not valid");

const DIRECTORY_NAME = /^[A-Za-z0-9_]{1,100}$/;
const INTEGER = /^\d+$/;

function enableFlowLog(ctx: NcloudContext, params: URLSearchParams, regionCode: string): ActionResult {
  const nic = params.get("networkInterfaceNo");
  if (!nic) return missing("1000101", "networkInterfaceNo");
  const bucket = params.get("storageBucketName");
  if (!bucket) return missing("1000102", "storageBucketName");
  const action = params.get("collectActionTypeCode") ?? "";
  const interval = params.get("collectIntervalMinute") ?? "15";
  const storageType = params.get("storageTypeCode") ?? "OBJT";
  const directory = params.get("storageBucketDirectoryName") ?? "VPC_FLOW_LOG";
  const valid =
    ctx.seed.networkInterfaces.includes(nic) &&
    (COLLECT_ACTION_TYPES as readonly string[]).includes(action) &&
    INTEGER.test(interval) &&
    Number(interval) >= 5 &&
    Number(interval) <= 15 &&
    storageType === "OBJT" &&
    DIRECTORY_NAME.test(directory);
  if (!valid) return invalid();
  if (!ctx.seed.buckets.includes(bucket)) return fail("1000100", "failed to applied flowLog");
  const cfg = ctx.store.put({
    regionCode,
    networkInterfaceNo: nic,
    collectActionTypeCode: action as NcloudFlowLog["collectActionTypeCode"],
    collectIntervalMinute: Number(interval),
    storageTypeCode: storageType,
    storageBucketName: bucket,
    storageBucketDirectoryName: directory,
  });
  return { ok: true, configurations: [cfg] };
}

function disableFlowLog(ctx: NcloudContext, params: URLSearchParams, regionCode: string): ActionResult {
  const nic = params.get("networkInterfaceNo");
  if (!nic) return missing("1000101", "networkInterfaceNo");
  if (!ctx.seed.networkInterfaces.includes(nic)) return invalid();
  if (!ctx.store.delete(regionCode, nic))
    return fail("14016", "flow log is not enabled on this network interface");
  return { ok: true, configurations: [] };
}

function getFlowLogConfigurationList(
  ctx: NcloudContext,
  params: URLSearchParams,
  regionCode: string,
): ActionResult {
  const wanted = [...params.entries()]
    .filter(([key]) => /^networkInterfaceNoList\.\d+$/.test(key))
    .map(([, value]) => value);
  const all = ctx.store.list(regionCode);
  return {
    ok: true,
    configurations: wanted.length === 0 ? all : all.filter((cfg) => wanted.includes(cfg.networkInterfaceNo)),
  };
}

export const ACTIONS: Record<string, Action> = { enableFlowLog, disableFlowLog, getFlowLogConfigurationList };
