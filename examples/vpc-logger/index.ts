import * as pulumi from "@pulumi/pulumi";
import { nhncloud } from "pulumi-flowlog";

// Defaults are the emulator's seeded ids, so the example runs against `npm run emulator` without setup.
const config = new pulumi.Config();
const vpcId = config.get("vpcId") ?? "aaaaaaaa-0001-4000-8000-000000000001";
const storageUrl =
  config.get("storageUrl") ??
  "https://kr1-api-object-storage.nhncloudservice.com/v1/AUTH_0123456789abcdef0123456789abcdef/flowlog/vpc";

/** One logger for every port of the VPC, written as gzipped Parquet in Hive-style folders. */
const logger = new nhncloud.FlowLogLogger("vpc", {
  resourceType: "VPC",
  resourceId: vpcId,
  storageUrl,
  filter: "DROP",
  logFormat: "PARQUET",
  compressionType: "GZIP",
  partitionPeriod: "year=#{year}/month=#{month}/day=#{day}",
});

// The ports the logger collects from. Unknown in a first preview (the logger has no id yet), then sorted by
// id, so later previews show no change.
const ports = nhncloud.getLoggingPortsOutput({ loggerId: logger.id });

export const loggerId = logger.id;
export const loggedPortIds = ports.apply(({ loggingPorts }) => loggingPorts.map((port) => port.portId));
export const loggedPortCount = ports.apply(({ loggingPorts }) => loggingPorts.length);
