import type { ProviderHost } from "../support/host";
import { type LoggerHost, startLoggerHost, LOGGER_URN as URN } from "../support/logger-host";

// Issue 11: a create-only field whose echo the API does not promise (customizedFileName, customizedFields)
// is compared with what create applied, so adding, changing or removing it is never silently dropped.
let host: ProviderHost;
let news: LoggerHost["news"];
beforeAll(async () => {
  ({ host, news } = await startLoggerHost());
});
afterAll(() => host.close());

const ID = "3e84619a-1e49-4b19-b353-a15f7d278f94";
const TEMPLATE = "#{logger_id}-#{year}#{month}#{day}#{hour}#{minute}#{second}";
const OTHER_TEMPLATE = "#{year}#{month}#{day}#{hour}#{minute}#{second}-#{logger_id}";
const SERVICE_FIELDS = ["timestamp_start", "timestamp_end", "vm_id", "src_addr", "dst_addr", "bytes"];

/**
 * State as this release writes it, for a logger created from `applied` whose responses show `echoed`: the
 * outputs carry what create applied wherever the API shows nothing.
 */
async function stateOf(
  applied: Record<string, unknown>,
  echoed: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const { inputs } = await host.check(URN, {}, news({ name: "web-logger", ...applied }));
  const { __provider, pulumiName, pulumiStack, autoName, ...outputs } = inputs;
  for (const key of ["customizedFields", "customizedFileName"]) delete outputs[key];
  return { ...outputs, ...applied, ...echoed, status: "ACTIVE", errorType: "", stateVersion: 1, applied };
}

async function diff(olds: Record<string, unknown>, program: Record<string, unknown>) {
  const { inputs } = await host.check(URN, olds, news({ name: "web-logger", ...program }));
  return host.diff(URN, ID, olds, inputs);
}

describe("create-only fields the API may not echo", () => {
  it.each([
    ["adding a file name to a logger created without one", {}, {}, { customizedFileName: TEMPLATE }],
    [
      "changing the file name",
      { customizedFileName: TEMPLATE },
      { customizedFileName: TEMPLATE },
      { customizedFileName: OTHER_TEMPLATE },
    ],
    ["removing the file name (the service's template returns)", { customizedFileName: TEMPLATE }, {}, {}],
    [
      "removing the file name although the API echoes it",
      { customizedFileName: TEMPLATE },
      { customizedFileName: TEMPLATE },
      {},
    ],
    ["adding fields where the API echoes none", {}, {}, { customizedFields: ["bytes"] }],
    [
      "removing fields (the service's list returns)",
      { customizedFields: ["bytes", "src_addr"] },
      { customizedFields: ["bytes", "src_addr"] },
      {},
    ],
  ])("replaces the logger on %s", async (_, applied, echoed, program) => {
    const result = await diff(await stateOf(applied, echoed), program);
    expect(result).toMatchObject({ changes: "some", replaces: [Object.keys({ ...applied, ...program })[0]] });
  });

  it.each([
    [
      "a file name the API does not echo",
      { customizedFileName: TEMPLATE },
      {},
      { customizedFileName: TEMPLATE },
    ],
    [
      "a file name the API echoes",
      { customizedFileName: TEMPLATE },
      { customizedFileName: TEMPLATE },
      { customizedFileName: TEMPLATE },
    ],
    [
      "no file name, the API echoing the service's",
      {},
      { customizedFileName: "#{logger_id}_#{year}-#{month}-#{day}T#{hour}:#{minute}:#{second}KST" },
      {},
    ],
    ["no fields, the API echoing the service's list", {}, { customizedFields: SERVICE_FIELDS }, {}],
    [
      "the service's list written out, as the API echoes it",
      {},
      { customizedFields: SERVICE_FIELDS },
      { customizedFields: SERVICE_FIELDS },
    ],
    [
      "owner_id where the API echoes the old name vm_id",
      { customizedFields: ["owner_id"] },
      { customizedFields: ["vm_id"] },
      { customizedFields: ["owner_id"] },
    ],
  ])("reports no change for %s", async (_, applied, echoed, program) => {
    expect((await diff(await stateOf(applied, echoed), program)).changes).toBe("none");
  });

  it("replaces a logger whose echoed file name was changed outside Pulumi", async () => {
    const olds = await stateOf({ customizedFileName: TEMPLATE }, { customizedFileName: OTHER_TEMPLATE });
    expect(await diff(olds, { customizedFileName: TEMPLATE })).toMatchObject({
      changes: "some",
      replaces: ["customizedFileName"],
    });
  });

  it("keeps 0.1.0's rule for its state, which has no record of what create applied: leaving a field out changes nothing", async () => {
    const { stateVersion, applied, ...v010 } = await stateOf(
      { customizedFileName: TEMPLATE },
      { customizedFileName: TEMPLATE },
    );
    expect((await diff(v010, {})).changes).toBe("none");
    expect((await diff(v010, { customizedFileName: OTHER_TEMPLATE })).replaces).toEqual([
      "customizedFileName",
    ]);
    const { customizedFileName, ...without } = v010;
    expect((await diff(without, { customizedFileName: TEMPLATE })).replaces).toEqual(["customizedFileName"]);
  });
});
