import { join, resolve } from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import * as ts from "typescript";
import type { z } from "zod";
import type { FaultPlan as FaultPlanSchema } from "../../emulator/faults";
import type { NcloudFlowLog as NcloudFlowLogSchema } from "../../emulator/ncloud/store";
import type {
  ApiLogger as LoggerSchema,
  ApiLoggingPort as LoggingPortSchema,
} from "../../emulator/nhn/model";
import type {
  EmulatorLogger,
  EmulatorLoggingPort,
  FaultPlan,
  NcloudFlowLog,
  NcloudFlowLogInput,
  Readings,
  Seed,
} from "../../emulator/public-types";
import type { Readings as ReadingsSchema } from "../../emulator/readings";
import type { Seed as SeedSchema } from "../../emulator/seed";
import type { FlowLogArgs as FlowLogSchema } from "../../provider/ncloud/flow-log/schema";
import type { FlowLogArgs } from "../../provider/ncloud/flow-log/types";
import {
  LOGGER_QUERY,
  type LoggersFilters,
  type LoggingPortId,
  type LoggingPortsFilters,
} from "../../provider/nhncloud/data/schemas";
import type { GetLoggingPortArgs, GetLoggingPortsArgs } from "../../provider/nhncloud/data/types";
import type { GetFlowLogLoggersArgs } from "../../provider/nhncloud/flowlog-logger/types";

// Issue 14: the public declarations are plain interfaces, and each agrees with the zod schema that checks
// it (the first test compiles these lines, as `npm run lint` does).
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Plain<T> = { [K in keyof T]: T[K] };

const agreements = {
  getLoggingPorts: true satisfies Equal<Plain<GetLoggingPortsArgs>, z.input<typeof LoggingPortsFilters>>,
  getLoggingPort: true satisfies Equal<Plain<GetLoggingPortArgs>, z.input<typeof LoggingPortId>>,
  getFlowLogLoggers: true satisfies Equal<Plain<GetFlowLogLoggersArgs>, z.input<typeof LoggersFilters>>,
  ncloudFlowLog: true satisfies Equal<Plain<pulumi.Unwrap<FlowLogArgs>>, z.input<typeof FlowLogSchema>>,
  seed: true satisfies Equal<Plain<Seed>, z.infer<typeof SeedSchema>>,
  faultPlan: true satisfies Equal<Plain<FaultPlan>, z.infer<typeof FaultPlanSchema>>,
  readings: true satisfies Equal<Plain<Readings>, z.infer<typeof ReadingsSchema>>,
  logger: true satisfies Equal<Plain<EmulatorLogger>, z.infer<typeof LoggerSchema>>,
  loggingPort: true satisfies Equal<Plain<EmulatorLoggingPort>, z.infer<typeof LoggingPortSchema>>,
  ncloudStored: true satisfies Equal<Plain<NcloudFlowLog>, z.output<typeof NcloudFlowLogSchema>>,
  ncloudInput: true satisfies Equal<Plain<NcloudFlowLogInput>, z.input<typeof NcloudFlowLogSchema>>,
};

describe("public types", () => {
  it("agree with the schemas that check them: this file compiles", () => {
    // ts-jest runs without type checking here, so the agreements above are checked by compiling this file.
    const root = resolve(__dirname, "..", "..");
    const { config } = ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
    const program = ts.createProgram([__filename], { ...options, noEmit: true });
    // This file's own diagnostics: the modules it imports are checked by `npm run lint` and the build.
    const file = program.getSourceFile(__filename);
    const diagnostics = [
      ...program.getOptionsDiagnostics(),
      ...program.getGlobalDiagnostics(),
      ...program.getSyntacticDiagnostics(file),
      ...program.getSemanticDiagnostics(file),
    ].map((d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    expect(diagnostics).toEqual([]);
    expect(Object.keys(agreements)).toHaveLength(11);
  }, 60_000);

  it("send every filter of getFlowLogLoggers as the query parameter the API document names", () => {
    const filters: Record<keyof GetFlowLogLoggersArgs, true> = {
      id: true,
      name: true,
      resourceType: true,
      resourceId: true,
      filter: true,
      aggregationInterval: true,
      storageType: true,
      logFormat: true,
      compressionType: true,
      partitionPeriod: true,
      status: true,
    };
    expect(Object.keys(LOGGER_QUERY).sort()).toEqual(Object.keys(filters).sort());
    expect(LOGGER_QUERY.partitionPeriod).toBe("partitioned_period");
  });
});
