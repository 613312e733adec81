import type { z } from "zod";
import type { FaultPlan as FaultPlanSchema } from "./faults";
import type { NcloudFlowLog as NcloudFlowLogSchema } from "./ncloud/store";
import type { ApiLogger as LoggerSchema, ApiLoggingPort as LoggingPortSchema } from "./nhn/model";
import type {
  EmulatorLogger,
  EmulatorLoggingPort,
  FaultPlan,
  NcloudFlowLog,
  NcloudFlowLogInput,
  Readings,
  Seed,
} from "./public-types";
import type { Readings as ReadingsSchema } from "./readings";
import type { Seed as SeedSchema } from "./seed";

/** Whether A and B are the same type, exactly (not merely assignable either way). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** An interface's or a type's properties as an object type, so that the two compare by their properties. */
export type Plain<T> = { [K in keyof T]: T[K] };

/**
 * Issue 14, checked by every build (`npm run build`, which `npm test` runs first) and by `npm run lint`:
 * the emulator's public declarations are plain interfaces, and each agrees with the zod schema that checks
 * it. A declaration that drifts from its schema fails the build here, naming the entry. Nothing at run
 * time. The provider's: provider/public-types-agree.ts.
 */
export const EMULATOR_TYPES_AGREE = {
  seed: true satisfies Equal<Plain<Seed>, z.infer<typeof SeedSchema>>,
  faultPlan: true satisfies Equal<Plain<FaultPlan>, z.infer<typeof FaultPlanSchema>>,
  readings: true satisfies Equal<Plain<Readings>, z.infer<typeof ReadingsSchema>>,
  logger: true satisfies Equal<Plain<EmulatorLogger>, z.infer<typeof LoggerSchema>>,
  loggingPort: true satisfies Equal<Plain<EmulatorLoggingPort>, z.infer<typeof LoggingPortSchema>>,
  ncloudStored: true satisfies Equal<Plain<NcloudFlowLog>, z.output<typeof NcloudFlowLogSchema>>,
  ncloudInput: true satisfies Equal<Plain<NcloudFlowLogInput>, z.input<typeof NcloudFlowLogSchema>>,
};
