import { UNKNOWN } from "../../provider/common/unknown";
import type { World } from "../support/world";
import { ACCESS_KEY, BUCKET, flowLogProgram, NICS, SECRET_KEY, startNcloudWorld, urnOf } from "./world";

let world: World;
let provider: string;
beforeAll(async () => {
  world = await startNcloudWorld();
  const [registration] = await flowLogProgram(world, "web");
  provider = registration.inputs.__provider as string;
});
afterAll(() => world.close());

const URN = urnOf("web");
const VALID = { networkInterfaceNo: NICS[0], collectActionTypeCode: "ALL", storageBucketName: BUCKET };
const STATE = {
  ...VALID,
  collectIntervalMinute: 15,
  storageTypeCode: "OBJT",
  storageBucketDirectoryName: "VPC_FLOW_LOG",
  regionCode: "KR",
};

describe("ncloud.FlowLog check", () => {
  it.each([
    ["a missing interface", { networkInterfaceNo: undefined }, "networkInterfaceNo", /is required/],
    [
      "an interface that is not a number",
      { networkInterfaceNo: "eni-1" },
      "networkInterfaceNo",
      /digits only/,
    ],
    ["an unknown action", { collectActionTypeCode: "ACCEPT" }, "collectActionTypeCode", /ALLOW, DENY, ALL/],
    ["a missing action", { collectActionTypeCode: undefined }, "collectActionTypeCode", /ALLOW, DENY, ALL/],
    ["an interval below 5", { collectIntervalMinute: 4 }, "collectIntervalMinute", /from 5 to 15/],
    ["an interval above 15", { collectIntervalMinute: 16 }, "collectIntervalMinute", /from 5 to 15/],
    ["a fractional interval", { collectIntervalMinute: 7.5 }, "collectIntervalMinute", /whole number/],
    ["an interval as text", { collectIntervalMinute: "10" }, "collectIntervalMinute", /from 5 to 15/],
    ["a storage type other than OBJT", { storageTypeCode: "NAS" }, "storageTypeCode", /one of OBJT/],
    ["a missing bucket", { storageBucketName: undefined }, "storageBucketName", /is required/],
    ["an empty bucket", { storageBucketName: "" }, "storageBucketName", /must not be empty/],
    ["an upper-case bucket", { storageBucketName: "FlowLogs" }, "storageBucketName", /lower-case letters/],
    ["a bucket of 2 characters", { storageBucketName: "ab" }, "storageBucketName", /3 to 63/],
    ["a bucket of 64 characters", { storageBucketName: "b".repeat(64) }, "storageBucketName", /3 to 63/],
    ["a bucket ending with a hyphen", { storageBucketName: "logs-" }, "storageBucketName", /ending with/],
    ["a bucket with an underscore", { storageBucketName: "flow_logs" }, "storageBucketName", /hyphens/],
    ["a bucket named like an IP address", { storageBucketName: "10.0.0.1" }, "storageBucketName", /IP/],
    ["an interface of 21 digits", { networkInterfaceNo: "1".repeat(21) }, "networkInterfaceNo", /1 to 20/],
    [
      "a directory with a slash",
      { storageBucketDirectoryName: "a/b" },
      "storageBucketDirectoryName",
      /letters, digits or underscores/,
    ],
    [
      "a directory of 101 characters",
      { storageBucketDirectoryName: "a".repeat(101) },
      "storageBucketDirectoryName",
      /1 to 100/,
    ],
    [
      "a misspelt argument",
      { collectIntervalMinutes: 5 },
      "collectIntervalMinutes",
      /^not an argument of ncloud\.FlowLog; did you mean collectIntervalMinute\? Arguments are .*collectIntervalMinute,/,
    ],
  ])("rejects %s, naming the field once and what is allowed", async (_name, change, property, reason) => {
    const news: Record<string, unknown> = { ...VALID, ...change, __provider: provider };
    for (const key of Object.keys(news)) if (news[key] === undefined) delete news[key];
    const { failures } = await world.host.check(URN, {}, news);
    expect(failures).toEqual([{ property, reason: expect.stringMatching(reason) }]);
    // The engine shows `property: reason`: the reason does not start with the property again.
    expect(failures[0].reason.startsWith(property)).toBe(false);
  });

  it.each([
    ["an interval", { collectIntervalMinute: 4 }, "(got 4)"],
    ["action in the wrong case", { collectActionTypeCode: "allow" }, '(got "allow": did you mean ALLOW?)'],
  ])("shows a rejected %s, which cannot be a secret", async (_name, change, shown) => {
    const { failures } = await world.host.check(URN, {}, { ...VALID, ...change, __provider: provider });
    expect(failures).toEqual([{ property: Object.keys(change)[0], reason: expect.stringContaining(shown) }]);
  });

  it.each([
    ["interface", { networkInterfaceNo: "eni-s3cr3t-value" }],
    ["directory", { storageBucketDirectoryName: "s3cr3t/value" }],
    ["interval given as text", { collectIntervalMinute: "s3cr3t-value" }],
    ["region", { regionCode: "s3cr3t value" }],
    ["action that is no allowed value in any case", { collectActionTypeCode: "s3cr3t-DROP" }],
  ])(
    "never echoes a rejected free-text %s: the host receives secret inputs in plaintext",
    async (_name, change) => {
      const { failures } = await world.host.check(URN, {}, { ...VALID, ...change, __provider: provider });
      expect(failures).toEqual([{ property: Object.keys(change)[0], reason: expect.any(String) }]);
      expect(failures[0].reason).not.toContain("s3cr3t");
      expect(failures[0].reason).not.toContain("got");
    },
  );

  it("reports a misspelt argument even when its value is not known yet (preview)", async () => {
    const news = { ...VALID, collectIntervalMinutes: UNKNOWN, __provider: provider };
    const { failures } = await world.host.check(URN, {}, news);
    expect(failures).toEqual([
      {
        property: "collectIntervalMinutes",
        reason: expect.stringMatching(
          /^not an argument of ncloud\.FlowLog; did you mean collectIntervalMinute\?/,
        ),
      },
    ]);
  });

  it("shows a rejected value only when it is an allowed one in another case", async () => {
    const { failures } = await world.host.check(
      URN,
      {},
      { ...VALID, collectActionTypeCode: "deny", __provider: provider },
    );
    expect(failures[0].reason).toMatchInlineSnapshot(
      `"must be one of ALLOW, DENY, ALL (got "deny": did you mean DENY?)"`,
    );
  });

  it("never fails on values that are not known yet (preview), and keeps them", async () => {
    const unknowns = Object.fromEntries(Object.keys(STATE).map((key) => [key, UNKNOWN]));
    const { inputs, failures } = await world.host.check(URN, {}, { ...unknowns, __provider: provider });
    expect(failures).toEqual([]);
    expect(inputs).toEqual({ ...unknowns, __provider: provider });
  });

  it("fills defaults around unknown values", async () => {
    const news = { ...VALID, networkInterfaceNo: UNKNOWN, __provider: provider };
    const { inputs, failures } = await world.host.check(URN, {}, news);
    expect(failures).toEqual([]);
    expect(inputs).toEqual({ ...STATE, networkInterfaceNo: UNKNOWN, __provider: provider });
  });

  it("a preview with an interface not known yet plans a create and calls no API", async () => {
    const [registration] = await flowLogProgram(world, "web");
    world.emulator.control.clearRequests();
    const result = await world.stack.preview([
      { ...registration, inputs: { ...registration.inputs, networkInterfaceNo: UNKNOWN } },
    ]);
    expect(result).toEqual({ steps: [{ urn: URN, op: "create" }], failures: [] });
    expect(world.emulator.control.requests()).toEqual([]);
  });
});

describe("ncloud.FlowLog diff", () => {
  const olds = { ...STATE, __provider: "" };

  it("reports no change when nothing changed", async () => {
    expect(await world.host.diff(URN, NICS[0], olds, { ...STATE, __provider: provider })).toEqual({
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it.each([
    ["networkInterfaceNo", NICS[1]],
    ["collectActionTypeCode", "DENY"],
    ["collectIntervalMinute", 5],
    ["storageTypeCode", "NAS"],
    ["storageBucketName", "other-bucket"],
    ["storageBucketDirectoryName", "ELSEWHERE"],
    ["regionCode", "JPN"],
  ])("a change of %s replaces the flow log, deleting the old one first", async (field, value) => {
    const news = { ...STATE, [field]: value, __provider: provider };
    expect(await world.host.diff(URN, NICS[0], olds, news)).toEqual({
      changes: "some",
      replaces: [field],
      deleteBeforeReplace: true,
    });
  });

  it.each(Object.keys(STATE))("an unknown %s (preview) is planned as a replacement", async (field) => {
    const news = { ...STATE, [field]: UNKNOWN, __provider: provider };
    expect(await world.host.diff(URN, NICS[0], olds, news)).toMatchObject({
      replaces: [field],
      deleteBeforeReplace: true,
    });
  });
});

describe("the serialized provider", () => {
  it("holds no credential and is small", () => {
    expect(provider).not.toContain(ACCESS_KEY);
    expect(provider).not.toContain(SECRET_KEY);
    expect(provider).toContain("pulumi-flowlog/dist/provider/ncloud/flow-log/provider");
    expect(Buffer.byteLength(provider)).toBeLessThan(4096);
  });
});
