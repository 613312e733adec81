import { UNKNOWN } from "../../provider/common/unknown";
import { ProviderHost } from "../support/host";
import { type LoggerHost, startLoggerHost, LOGGER_URN as URN } from "../support/logger-host";
import { SEED, STORAGE_URL } from "../support/world";

// Bad arguments, one row each, are in test/reliability/bad-args.test.ts.
let host: ProviderHost;
let provider: string;
let news: LoggerHost["news"];

beforeAll(async () => {
  ({ host, provider, news } = await startLoggerHost());
});
afterAll(() => host.close());

describe("FlowLogLogger check", () => {
  it("fills every default so that state shows them, auto-names and takes the region from config", async () => {
    const { inputs, failures } = await host.check(URN, {}, news({}));
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({
      description: "",
      adminStateUp: true,
      resourceType: "PORT",
      filter: "ALL",
      aggregationInterval: 10,
      connectionSetupOnly: false,
      storageType: "OBS",
      logFormat: "CSV",
      compressionType: "RAW",
      partitionPeriod: "DAY",
      region: "KR1",
      __provider: provider,
    });
    expect(inputs.name).toMatch(/^web-[a-z0-9]{7}$/);
    expect(Object.values(inputs)).not.toContain(null);
  });

  it("derives the auto-name from the stack and the fields that force replacement, not from chance", async () => {
    const first = await host.check(URN, {}, news({}));
    const again = await host.check(URN, first.inputs, news({}));
    const fresh = await host.check(URN, {}, news({}));
    const replaced = await host.check(URN, {}, news({ filter: "DROP" }));
    const updated = await host.check(URN, {}, news({ description: "only a description" }));
    expect(again.inputs.name).toBe(first.inputs.name);
    expect(fresh.inputs.name).toBe(first.inputs.name);
    expect(updated.inputs.name).toBe(first.inputs.name);
    expect(replaced.inputs.name).toMatch(/^web-[a-z0-9]{7}$/);
    expect(replaced.inputs.name).not.toBe(first.inputs.name);
  });

  it("leaves the auto-name unknown at preview while a field it is derived from is unknown", async () => {
    const { inputs } = await host.check(URN, {}, news({ resourceId: UNKNOWN }));
    expect(inputs.name).toBe(UNKNOWN);
  });

  it.each([
    [
      "a PARQUET/GZIP hourly logger with a template partition",
      {
        logFormat: "PARQUET",
        compressionType: "GZIP",
        partitionPeriod: "year=#{year}/month=#{month}/day=#{day}/hour=#{hour}",
      },
    ],
    [
      "customized fields in the user's order, with the old vm_id name",
      { customizedFields: ["dst_addr", "src_addr", "vm_id"] },
    ],
    [
      "a custom file name using each variable once",
      { customizedFileName: "#{year}#{month}#{day}-#{hour}#{minute}#{second}-#{logger_id}" },
    ],
    [
      "a VPC logger with an explicit region",
      { resourceType: "VPC", resourceId: SEED.KR2.vpc, region: "kr2" },
    ],
  ])("accepts %s", async (_, args) => {
    const { failures, inputs } = await host.check(URN, {}, news(args));
    expect(failures).toEqual([]);
    for (const [key, value] of Object.entries(args))
      expect(inputs[key]).toEqual(key === "region" ? "KR2" : value);
  });

  it("never fails on unknown values at preview, whatever the field's type", async () => {
    const unknowns = {
      resourceId: UNKNOWN,
      aggregationInterval: UNKNOWN,
      adminStateUp: UNKNOWN,
      customizedFields: [UNKNOWN],
      name: UNKNOWN,
    };
    const { failures, inputs } = await host.check(URN, {}, news(unknowns));
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({ ...unknowns, customizedFields: UNKNOWN, filter: "ALL" });
  });

  it("at preview, lists every missing setting in one message before any call: the region and the credentials (issue 21)", async () => {
    const bare = await ProviderHost.start();
    try {
      await bare.configure({});
      const error = await bare.check(URN, {}, news({})).catch((caught: Error) => caught);
      expect((error as Error).message.split("\n")).toEqual([
        "NHN Cloud configuration: 4 settings are missing or invalid:",
        expect.stringMatching(/^ {2}- The NHN Cloud tenant \(project\) id .*nhncloud:tenantId.*OS_TENANT_ID/),
        expect.stringMatching(/^ {2}- The NHN Cloud region .*nhncloud:region.*OS_REGION_NAME/),
        expect.stringMatching(/^ {2}- The NHN Cloud user .*nhncloud:username.*OS_USERNAME/),
        expect.stringMatching(/^ {2}- The NHN Cloud API password .*nhncloud:password.*OS_PASSWORD/),
      ]);
    } finally {
      await bare.close();
    }
  });
});

describe("FlowLogLogger diff", () => {
  let olds: Record<string, unknown>;
  beforeAll(async () => {
    const { inputs } = await host.check(URN, {}, news({ name: "web-logger" }));
    // As the API reports them: the service's default fields and file name are in the outputs.
    olds = {
      ...inputs,
      customizedFields: ["timestamp_start", "timestamp_end", "src_addr", "dst_addr", "bytes"],
      customizedFileName: "#{logger_id}_#{year}-#{month}-#{day}T#{hour}:#{minute}:#{second}KST",
      status: "ACTIVE",
      errorType: "",
      createdAt: "2026-01-01T00:00:00.000Z",
    };
  });
  const diff = async (change: Record<string, unknown>) =>
    host.diff(
      URN,
      "3e84619a-1e49-4b19-b353-a15f7d278f94",
      olds,
      (await host.check(URN, olds, news({ name: "web-logger", ...change }))).inputs,
    );

  it("reports no change for an unchanged program", async () => {
    expect(await diff({})).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
  });

  it.each([
    ["name", { name: "renamed" }],
    ["description", { description: "new" }],
    ["adminStateUp", { adminStateUp: false }],
  ])("updates %s in place", async (_, change) => {
    expect(await diff(change)).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
  });

  it.each([
    ["resourceType", { resourceType: "SUBNET", resourceId: SEED.KR1.subnet }, ["resourceType", "resourceId"]],
    ["resourceId", { resourceId: SEED.KR1.ports[1] }, ["resourceId"]],
    ["filter", { filter: "DROP" }, ["filter"]],
    ["aggregationInterval", { aggregationInterval: 1 }, ["aggregationInterval"]],
    ["connectionSetupOnly", { connectionSetupOnly: true }, ["connectionSetupOnly"]],
    ["storageUrl", { storageUrl: STORAGE_URL.replace("/vpc", "/other") }, ["storageUrl"]],
    ["logFormat", { logFormat: "PARQUET" }, ["logFormat"]],
    ["compressionType", { compressionType: "GZIP" }, ["compressionType"]],
    ["customizedFields", { customizedFields: ["bytes"] }, ["customizedFields"]],
    [
      "customizedFileName",
      { customizedFileName: "#{logger_id}#{year}#{month}#{day}#{hour}#{minute}#{second}" },
      ["customizedFileName"],
    ],
    ["partitionPeriod", { partitionPeriod: "HOUR" }, ["partitionPeriod"]],
    ["region", { region: "KR2" }, ["region"]],
    ["adoptId", { adoptId: "8287f6df-42cb-4cb6-a3f3-0e13fad43526" }, ["adoptId"]],
  ])("replaces on a change of %s", async (_, change, replaces) => {
    const result = await diff(change);
    expect(result.changes).toBe("some");
    expect(result.replaces).toEqual(replaces);
  });

  it("deletes before replacing when the new logger would have the same name, whatever its resource", async () => {
    expect((await diff({ filter: "DROP" })).deleteBeforeReplace).toBe(true);
    expect((await diff({ filter: "DROP", name: "web-logger-2" })).deleteBeforeReplace).toBe(false);
    // Some APIs keep names unique per tenant (the document is silent): a new resource does not free the name.
    expect((await diff({ resourceId: SEED.KR1.ports[1] })).deleteBeforeReplace).toBe(true);
  });

  it("treats an unknown replace-field at preview as a replacement and an unknown name as an update", async () => {
    expect(await diff({ resourceId: UNKNOWN })).toMatchObject({ changes: "some", replaces: ["resourceId"] });
    expect(await diff({ name: UNKNOWN })).toEqual({
      changes: "some",
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("shows no diff for state written by an older version that lacks newer fields", async () => {
    const { partitionPeriod, customizedFields, ...older } = olds;
    const result = await host.diff(
      URN,
      "3e84619a-1e49-4b19-b353-a15f7d278f94",
      older,
      (await host.check(URN, olds, news({ name: "web-logger" }))).inputs,
    );
    expect(result.changes).toBe("none");
  });

  it("does not replace when adoptId names the logger already managed", async () => {
    const id = "3e84619a-1e49-4b19-b353-a15f7d278f94";
    const checked = (await host.check(URN, olds, news({ name: "web-logger", adoptId: id }))).inputs;
    expect((await host.diff(URN, id, olds, checked)).changes).toBe("none");
  });
});
