import * as pulumi from "@pulumi/pulumi";
import { nhncloud } from "pulumi-flowlog";

// Defaults are the emulator's seeded ids, so the example runs against `npm run emulator` without setup.
const config = new pulumi.Config();
const consoleName = config.get("consoleName") ?? "console-made";
const portId = config.get("portId") ?? "cccccccc-0001-4000-8000-000000000112";
const storageUrl =
  config.get("storageUrl") ??
  "https://kr1-api-object-storage.nhncloudservice.com/v1/AUTH_0123456789abcdef0123456789abcdef/flowlog/console";

// The id of the console-made logger: from config (`pulumi config set adoptId <id>`), else looked up by name.
const adoptId =
  config.get("adoptId") ??
  nhncloud.getFlowLogLoggersOutput({ name: consoleName, resourceId: portId }).apply(({ loggers }) => {
    if (loggers.length !== 1) {
      throw new Error(
        `expected one logger named "${consoleName}" on port ${portId}, found ${loggers.length}: set adoptId`,
      );
    }
    return loggers[0].id;
  });

/**
 * Takes the existing logger under management instead of creating one. Arguments that cannot change in
 * place must match the logger (else nothing is touched and each difference is named); name, description
 * and adminStateUp converge. `pulumi destroy` deletes it: add `retainOnDelete: true` to keep it.
 */
const logger = new nhncloud.FlowLogLogger("adopted", {
  adoptId,
  name: consoleName,
  description: "managed by Pulumi since adoption",
  resourceType: "PORT",
  resourceId: portId,
  storageUrl,
});

export const loggerId = logger.id;
export const description = logger.description;
