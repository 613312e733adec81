import * as pulumi from "@pulumi/pulumi";
import { nhncloud } from "pulumi-flowlog";

// Defaults are the emulator's seeded ids, so the example runs against `npm run emulator` without setup.
const config = new pulumi.Config();
const portId = config.get("portId") ?? "cccccccc-0001-4000-8000-000000000111";
const storageUrl =
  config.get("storageUrl") ??
  "https://kr1-api-object-storage.nhncloudservice.com/v1/AUTH_0123456789abcdef0123456789abcdef/flowlog/web";

/** Logs every packet of one port; name, description and adminStateUp change in place, the rest replaces. */
const logger = new nhncloud.FlowLogLogger("web-port", {
  resourceType: "PORT",
  resourceId: portId,
  storageUrl,
  description: "web server port",
  aggregationInterval: 5,
  customizedFields: ["timestamp_start", "src_addr", "dst_addr", "dst_port", "protocol", "packets", "bytes"],
});

export const loggerId = logger.id;
export const loggerName = logger.name;
export const status = logger.status;
