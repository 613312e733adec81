import { LoggerArgs } from "../../provider/nhncloud/flowlog-logger/fields";
import {
  AUTO_NAMES,
  autoNameDerivation,
  CURRENT_AUTO_NAME,
} from "../../provider/nhncloud/flowlog-logger/naming";

// Issue 12: names 0.1.0 gave, computed by its own code; a release that changes any of them renames users' loggers.
const BASE = {
  resourceId: "cccccccc-0001-4000-8000-000000000111",
  storageUrl:
    "https://kr1-api-object-storage.nhncloudservice.com/v1/AUTH_0123456789abcdef0123456789abcdef/flowlog/vpc",
  pulumiName: "web",
  pulumiStack: "proj/dev",
};
const EVERY_FIELD = {
  ...BASE,
  resourceType: "SUBNET",
  resourceId: "bbbbbbbb-0001-4000-8000-000000000011",
  filter: "DROP",
  aggregationInterval: 5,
  connectionSetupOnly: true,
  logFormat: "PARQUET",
  compressionType: "GZIP",
  customizedFields: ["timestamp_start", "vm_id", "src_addr"],
  customizedFileName: "#{logger_id}-#{year}#{month}#{day}#{hour}#{minute}#{second}",
  partitionPeriod: "year=#{year}/month=#{month}",
  description: "d",
  adminStateUp: false,
};

describe("auto-name v1, frozen", () => {
  it.each([
    ["defaults", BASE, "web-hq06us9"],
    ["every optional field", EVERY_FIELD, "web-5fsf0z6"],
    ["another region", { ...BASE, region: "kr2" }, "web-ilt7rqu"],
    ["another stack", { ...BASE, pulumiStack: "proj/prod" }, "web-9pk830s"],
    [
      "a Pulumi name longer than the API allows",
      { ...BASE, pulumiName: "x".repeat(300) },
      `${"x".repeat(247)}-wi3brzf`,
    ],
  ])("names a logger with %s exactly as 0.1.0 did", (_, args, expected) => {
    const inputs: Record<string, unknown> = LoggerArgs.parse(args);
    inputs.region ??= "KR1";
    expect(AUTO_NAMES.v1(inputs)).toBe(expected);
  });

  it("keeps the derivation state records, uses v1 for 0.1.0 state (a name, no record), the current one for new loggers", () => {
    expect(autoNameDerivation({ name: "web-hq06us9", autoName: "v1" })).toBe("v1");
    expect(autoNameDerivation({ name: "web-hq06us9" })).toBe("v1");
    expect(autoNameDerivation({})).toBe(CURRENT_AUTO_NAME);
    expect(autoNameDerivation({ name: "x", autoName: "v999" })).toBe("v1");
  });
});
