import * as pulumi from "@pulumi/pulumi";
import { nhncloud } from "pulumi-flowlog";

// The repository's own Pulumi project (Pulumi.yaml at the root): the demo's logger on one port, and the
// lookup that only works with its real id. Defaults are the emulator's seeded ids; Pulumi.dev.yaml aims the
// `dev` stack at `npm run emulator -- --port 8080`.
const config = new pulumi.Config();
const portId = config.get("portId") ?? "cccccccc-0001-4000-8000-000000000111";
const storageUrl =
  config.get("storageUrl") ??
  "https://kr1-api-object-storage.nhncloudservice.com/v1/AUTH_0123456789abcdef0123456789abcdef/flowlog/web";

const logger = new nhncloud.FlowLogLogger("web-port", {
  resourceType: "PORT",
  resourceId: portId,
  storageUrl,
  description: "web server port",
  aggregationInterval: 5,
});

export const loggerId = logger.id;
export const loggerName = logger.name;
export const status = logger.status;
export const loggedPortIds = nhncloud
  .getLoggingPortsOutput({ loggerId: logger.id })
  .loggingPorts.apply((ports) => ports.map((port) => port.portId));
