import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { Equal, Plain } from "../emulator/public-types-agree";
import type { FlowLogArgs as FlowLogSchema } from "./ncloud/flow-log/schema";
import type { FlowLogArgs } from "./ncloud/flow-log/types";
import type { LoggersFilters, LoggingPortId, LoggingPortsFilters } from "./nhncloud/data/schemas";
import type { GetLoggingPortArgs, GetLoggingPortsArgs } from "./nhncloud/data/types";
import type { GetFlowLogLoggersArgs } from "./nhncloud/flowlog-logger/types";

/**
 * Issue 14, checked by every build (`npm run build`, which `npm test` runs first) and by `npm run lint`:
 * the public declarations are plain interfaces, and each agrees with the zod schema that checks it. A
 * declaration that drifts from its schema fails the build here, naming the entry. Nothing at run time.
 * The emulator's: emulator/public-types-agree.ts.
 */
export const PROVIDER_TYPES_AGREE = {
  getLoggingPorts: true satisfies Equal<Plain<GetLoggingPortsArgs>, z.input<typeof LoggingPortsFilters>>,
  getLoggingPort: true satisfies Equal<Plain<GetLoggingPortArgs>, z.input<typeof LoggingPortId>>,
  getFlowLogLoggers: true satisfies Equal<Plain<GetFlowLogLoggersArgs>, z.input<typeof LoggersFilters>>,
  ncloudFlowLog: true satisfies Equal<Plain<pulumi.Unwrap<FlowLogArgs>>, z.input<typeof FlowLogSchema>>,
};
