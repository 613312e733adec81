import { ErrorCodes, isFlowLogError, nhncloud } from "pulumi-flowlog";
import type { ProviderHost } from "../support/host";
import { type LoggerHost, startLoggerHost, LOGGER_URN as URN } from "../support/logger-host";
import { SEED } from "../support/world";

let host: ProviderHost;
let provider: string;
let news: LoggerHost["news"];

beforeAll(async () => {
  ({ host, provider, news } = await startLoggerHost());
});
afterAll(() => host.close());

const MiB = 1024 * 1024;

describe("FlowLogLogger arguments through the provider host", () => {
  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ["an unknown resource type", { resourceType: "NIC" }, "resourceType", /must be one of VPC, SUBNET, PORT/],
    ["an unknown filter", { filter: "SOME" }, "filter", /must be one of ALL, ACCEPT, DROP/],
    [
      "an interval of 0",
      { aggregationInterval: 0 },
      "aggregationInterval",
      /whole number of minutes from 1 to 15/,
    ],
    ["an interval of 16", { aggregationInterval: 16 }, "aggregationInterval", /from 1 to 15 \(got 16\)/],
    ["a fractional interval", { aggregationInterval: 2.5 }, "aggregationInterval", /whole number/],
    ["an interval given as a string", { aggregationInterval: "10" }, "aggregationInterval", /whole number/],
    [
      "a resource id that is not a UUID",
      { resourceId: "port-1" },
      "resourceId",
      /must be a UUID \(the id of the port, subnet or VPC/,
    ],
    ["a null resource id", { resourceId: null }, "resourceId", /must be a UUID/],
    [
      "a plain-http storage URL",
      { storageUrl: "http://example.com/flowlog" },
      "storageUrl",
      /must be https:\/\/\{object-storage-endpoint\}/,
    ],
    [
      "a storage URL without AUTH_{id}",
      { storageUrl: "https://obs.example.com/v1/container" },
      "storageUrl",
      /AUTH_\{id\}\/\{container\}/,
    ],
    ["an unknown storage type", { storageType: "S3" }, "storageType", /must be one of OBS/],
    ["an unknown log format", { logFormat: "JSON" }, "logFormat", /must be one of CSV, PARQUET/],
    ["an unknown compression", { compressionType: "ZIP" }, "compressionType", /must be one of RAW, GZIP/],
    [
      "an unknown customized field",
      { customizedFields: ["bytes", "nope"] },
      "customizedFields",
      /^\[1\] must be one of timestamp_start, .*status/,
    ],
    [
      "a repeated customized field",
      { customizedFields: ["bytes", "bytes"] },
      "customizedFields",
      /must not repeat a field/,
    ],
    [
      "customized fields as one string",
      { customizedFields: "bytes" },
      "customizedFields",
      /must be a list of fields/,
    ],
    [
      "customized fields as an object",
      { customizedFields: { a: 1 } },
      "customizedFields",
      /must be a list of fields/,
    ],
    [
      "a file name missing variables",
      { customizedFileName: "log-#{year}" },
      "customizedFileName",
      /each of #\{logger_id\} .* exactly once/,
    ],
    [
      "a partition period with bad characters",
      { partitionPeriod: "WEEK!" },
      "partitionPeriod",
      /must be HOUR, DAY, or a template/,
    ],
    [
      "a partition period with no variable",
      { partitionPeriod: "WEEK" },
      "partitionPeriod",
      /HOUR, DAY, or a template/,
    ],
    [
      "a partition template with an unknown variable",
      { partitionPeriod: "y=#{yr}" },
      "partitionPeriod",
      /#\{year\} #\{month\} #\{day\} #\{hour\}/,
    ],
    ["adminStateUp as a string", { adminStateUp: "yes" }, "adminStateUp", /must be true or false/],
    ["an empty name", { name: "" }, "name", /1 to 255 characters/],
    ["a 300-character name", { name: "n".repeat(300) }, "name", /1 to 255 characters/],
    ["a 1 MiB description", { description: "d".repeat(MiB) }, "description", /at most 255 characters/],
    ["a region with punctuation", { region: "kr-1!" }, "region", /region name such as KR1, KR2 or KR3/],
    ["an adoptId that is not a UUID", { adoptId: "logger-1" }, "adoptId", /must be a UUID/],
    [
      "a misspelt argument",
      { resourceID: SEED.KR1.ports[0] },
      "resourceID",
      /^not an argument of FlowLogLogger; did you mean resourceId\? Arguments are name, description/,
    ],
  ])("%s is refused naming the property and what it accepts", async (_name, args, property, reason) => {
    const { failures } = await host.check(URN, {}, news(args));
    expect(failures).toEqual([{ property, reason: expect.stringMatching(reason) }]);
    // A huge value is shown cut short, never echoed whole.
    expect(failures[0].reason.length).toBeLessThan(1_000);
  });

  it("names both required arguments when a program gives none", async () => {
    const { failures } = await host.check(URN, {}, { __provider: provider });
    expect(failures.map((failure) => failure.property).sort()).toEqual(["resourceId", "storageUrl"]);
  });

  it("is still serving after every bad input", async () => {
    const { failures } = await host.check(URN, {}, news({}));
    expect(failures).toEqual([]);
    expect(host.stderr).toBe("");
  });
});

describe("data function arguments", () => {
  it.each<[string, () => Promise<unknown>, RegExp]>([
    [
      "getLoggingPorts with a logger id that is not a UUID",
      () => nhncloud.getLoggingPorts({ loggerId: "logger-1" }),
      /^getLoggingPorts: loggerId: must be a UUID$/,
    ],
    [
      "getLoggingPorts with a misspelt filter",
      () => nhncloud.getLoggingPorts({ portID: SEED.KR1.ports[0] } as never),
      /portID: not an argument of getLoggingPorts; did you mean portId\? Arguments are id, loggerId, portId, networkId/,
    ],
    [
      "getLoggingPort without an id",
      () => nhncloud.getLoggingPort({} as never),
      /getLoggingPort: id: must be a UUID/,
    ],
    [
      "getLoggingPort with a number",
      () => nhncloud.getLoggingPort({ id: 42 } as never),
      /id: must be a UUID \(got 42\)/,
    ],
    [
      "getFlowLogLoggers with an unknown status",
      () => nhncloud.getFlowLogLoggers({ status: "RUNNING" } as never),
      /status: must be one of BUILD, ACTIVE, INACTIVE, ERROR/,
    ],
    [
      "getFlowLogLoggers with an interval of 20",
      () => nhncloud.getFlowLogLoggers({ aggregationInterval: 20 }),
      /aggregationInterval: must be a whole number of minutes from 1 to 15/,
    ],
    [
      "getFlowLogLoggers with an unknown resource type",
      () => nhncloud.getFlowLogLoggers({ resourceType: "NIC" } as never),
      /must be one of VPC, SUBNET, PORT/,
    ],
    [
      "getFlowLogLoggers with a string for arguments",
      () => nhncloud.getFlowLogLoggers("all" as never),
      /getFlowLogLoggers: \(args\)/,
    ],
  ])("%s fails before any call, naming the field", async (_name, call, message) => {
    const error = await call().catch((caught: unknown) => caught);
    expect(isFlowLogError(error, ErrorCodes.input)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });
});
