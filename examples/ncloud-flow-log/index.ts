import * as pulumi from "@pulumi/pulumi";
import { ncloud } from "pulumi-flowlog";

// Defaults are the emulator's seeded interface and bucket, so the example runs against `npm run emulator`.
const config = new pulumi.Config();
const networkInterfaceNo = config.get("networkInterfaceNo") ?? "1000001";
const bucket = config.get("bucket") ?? "flowlog-bucket";

/**
 * A NAVER Cloud VPC flow log on one network interface. NCloud has no update: any change disables the
 * flow log and enables it again. The id is the interface number.
 */
const flowLog = new ncloud.FlowLog("web-nic", {
  networkInterfaceNo,
  collectActionTypeCode: "ALL",
  collectIntervalMinute: 5,
  storageBucketName: bucket,
  storageBucketDirectoryName: "web_nic",
});

export const flowLogId = flowLog.id;
export const directory = flowLog.storageBucketDirectoryName;
