import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import * as ts from "typescript";
import { EMULATOR_TYPES_AGREE } from "../../emulator/public-types-agree";
import { LOGGER_QUERY } from "../../provider/nhncloud/data/schemas";
import type { GetFlowLogLoggersArgs } from "../../provider/nhncloud/flowlog-logger/types";
import { PROVIDER_TYPES_AGREE } from "../../provider/public-types-agree";

// Issue 14: the public declarations are plain interfaces, and each agrees with the zod schema that checks
// it. The agreements are compiled by the build that `npm test` runs first (and by `npm run lint`): a
// declaration that drifts from its schema fails the build, before any test.
const ROOT = resolve(__dirname, "..", "..");

describe("public types", () => {
  it("agree with the schemas that check them: the build compiles the agreements, every public declaration's", () => {
    expect(Object.keys(PROVIDER_TYPES_AGREE).sort()).toEqual([
      "getFlowLogLoggers",
      "getLoggingPort",
      "getLoggingPorts",
      "ncloudFlowLog",
    ]);
    expect(Object.keys(EMULATOR_TYPES_AGREE)).toHaveLength(7);
    const build = ts.readConfigFile(join(ROOT, "tsconfig.build.json"), ts.sys.readFile).config as {
      include: string[];
    };
    expect(build.include).toEqual(expect.arrayContaining(["provider", "emulator"]));
    for (const file of ["provider/public-types-agree.js", "emulator/public-types-agree.js"])
      expect(existsSync(join(ROOT, "dist", file))).toBe(true);
  });

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
