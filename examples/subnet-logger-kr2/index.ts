import * as pulumi from "@pulumi/pulumi";
import { nhncloud } from "pulumi-flowlog";

// Defaults are the emulator's seeded ids, so the example runs against `npm run emulator` without setup.
const config = new pulumi.Config();
const subnetId = config.get("subnetId") ?? "bbbbbbbb-0002-4000-8000-000000000011";
const storageUrl =
  config.get("storageUrl") ??
  "https://kr2-api-object-storage.nhncloudservice.com/v1/AUTH_0123456789abcdef0123456789abcdef/flowlog/subnet";

/**
 * `region` on the resource overrides the stack's `nhncloud:region` (say KR1): one stack, loggers in several
 * regions, one set of credentials. Changing it replaces the logger.
 */
const logger = new nhncloud.FlowLogLogger("subnet-kr2", {
  region: "KR2",
  resourceType: "SUBNET",
  resourceId: subnetId,
  storageUrl,
  filter: "ACCEPT",
  connectionSetupOnly: true,
});

// Data functions take the region the same way, as their last argument.
const ports = nhncloud.getLoggingPortsOutput({ loggerId: logger.id }, { region: logger.region });

export const loggerId = logger.id;
export const region = logger.region;
export const loggedPortIds = ports.apply(({ loggingPorts }) => loggingPorts.map((port) => port.portId));
