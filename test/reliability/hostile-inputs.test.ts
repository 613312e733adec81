import { Agent } from "undici";
import { ErrorCodes } from "../../provider/common/errors";
import { defaultTransport } from "../../provider/common/http";
import { NcloudClient } from "../../provider/ncloud/client";
import { NhnClient } from "../../provider/nhncloud/api/client";
import { flowLogProgram, startNcloudWorld, urnOf } from "../ncloud/world";
import { failure } from "../support/failure";
import type { ProviderHost } from "../support/host";
import { type LoggerHost, startLoggerHost, LOGGER_URN as URN } from "../support/logger-host";
import type { World } from "../support/world";
import { apiLogger, BadServer, json } from "./bad-server";

/**
 * Issue "Hostile and slow servers": no input, however large, is echoed whole; free text is never quoted
 * back; numbers are never read from empty strings.
 */

const MiB = 1024 * 1024;
const HUGE = "a".repeat(MiB);

describe("ids that are not ids", () => {
  let server: BadServer;
  const agent = new Agent();
  let nhn: NhnClient;
  beforeAll(async () => {
    server = await BadServer.start();
    const settings = {
      authUrl: server.authUrl,
      tenantId: "t",
      username: "u",
      password: "inputs-pass-1",
      region: "KR1",
    };
    nhn = new NhnClient(settings, defaultTransport({ dispatcher: agent }));
  });
  afterAll(async () => {
    await server.close();
    await agent.close();
  });

  it.each<[string, string, (id: string) => Promise<unknown>]>([
    ["getLogger", "logger id", (id) => nhn.findLogger(id)],
    ["updateLogger", "logger id", (id) => nhn.updateLogger(id, { name: "web" })],
    ["deleteLogger", "logger id", (id) => nhn.deleteLogger(id)],
    ["getLoggingPort", "logging port id", (id) => nhn.findLoggingPort(id)],
  ])(
    // What it costs is a figure for a benchmark, not a test on a busy machine: here, what it does.
    "%s refuses a 1 MiB id, quoting only a short prefix, and sends nothing",
    async (_name, what, call) => {
      const calls = server.identityCalls + server.networkCalls;
      const error = await failure(call(HUGE));
      expect(error.code).toBe(ErrorCodes.input);
      expect(error.message).toBe(`${what} must be a UUID, got "${"a".repeat(32)}…"`);
      expect(server.identityCalls + server.networkCalls).toBe(calls);
    },
  );

  it("an id one character short of a UUID is refused before any regex runs", async () => {
    const error = await failure(nhn.findLogger("3e84a1f2-5a1b-4c2d-9e8f-0123456789a"));
    expect(error.message).toBe('logger id must be a UUID, got "3e84a1f2-5a1b-4c2d-9e8f-01234567…"');
  });
});

describe("numbers from empty strings", () => {
  let server: BadServer;
  const agent = new Agent();
  const transport = defaultTransport({
    dispatcher: agent,
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxElapsedMs: 1_000 },
  });
  beforeAll(async () => {
    server = await BadServer.start();
  });
  afterAll(async () => {
    await server.close();
    await agent.close();
  });

  const LOGGER = apiLogger("3e84a1f2-5a1b-4c2d-9e8f-0123456789ab");

  it.each<[string, unknown, number | undefined]>([
    ["a number", 5, 5],
    ["a numeric string", "5", 5],
    ["an empty string", "", undefined],
    ["blanks", "  ", undefined],
    ["null", null, undefined],
  ])("an NHN aggregation_interval given as %s is %s", async (_name, value, expected) => {
    server.network = json(200, { flowlog_loggers: [{ ...LOGGER, aggregation_interval: value }] });
    const settings = {
      authUrl: server.authUrl,
      tenantId: "t",
      username: "u",
      password: "numbers-pass-1",
      region: "KR1",
    };
    const read = new NhnClient(settings, transport).findLogger(LOGGER.id);
    if (expected === undefined) {
      const error = await failure(read);
      expect(error.code).toBe(ErrorCodes.response);
      expect(error.message).toMatch(/flowlog_loggers\.0\.aggregation_interval/);
    } else {
      await expect(read).resolves.toMatchObject({ aggregation_interval: expected });
    }
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'a collectIntervalMinute of ""',
      {
        returnCode: "0",
        flowLogConfigurationList: [
          {
            networkInterfaceNo: "1000001",
            collectActionType: { code: "ALL" },
            collectIntervalMinute: "",
            storageType: { code: "OBJT" },
            storageBucketName: "flowlog-bucket",
            storageBucketDirectoryName: "VPC_FLOW_LOG",
          },
        ],
      },
      /flowLogConfigurationList\.0\.collectIntervalMinute/,
    ],
    ["no returnCode at all", { flowLogConfigurationList: [] }, /returnCode/],
  ])('an NCloud answer with %s is refused, not read as 0 or "undefined"', async (_name, body, field) => {
    server.network = json(200, { getFlowLogConfigurationListResponse: body });
    const client = new NcloudClient(
      { accessKey: "ak", secretKey: "numbers-secret-key", region: "KR", apiUrl: server.url },
      transport,
    );
    const error = await failure(client.getFlowLog("1000001", "KR"));
    expect(error.code).toBe(ErrorCodes.response);
    expect(error.message).toMatch(field);
  });
});

describe("FlowLogLogger check with hostile values", () => {
  let host: ProviderHost;
  let news: LoggerHost["news"];
  beforeAll(async () => {
    ({ host, news } = await startLoggerHost());
  });
  afterAll(() => host.close());

  it.each<[string, Record<string, unknown>, string]>([
    [
      "a resource type in lower case",
      { resourceType: "vpc" },
      'must be one of VPC, SUBNET, PORT (got "vpc": did you mean VPC?)',
    ],
    [
      "a filter in mixed case",
      { filter: "Drop" },
      'must be one of ALL, ACCEPT, DROP (got "Drop": did you mean DROP?)',
    ],
  ])("%s is shown, with the value it probably means", async (_name, args, reason) => {
    const { failures } = await host.check(URN, {}, news(args));
    expect(failures.map((failure) => failure.reason)).toEqual([reason]);
  });

  it.each<[string, Record<string, unknown>, RegExp, string]>([
    [
      "an unknown resource type",
      { resourceType: "s3cr3t-NIC" },
      /^must be one of VPC, SUBNET, PORT$/,
      "s3cr3t",
    ],
    [
      "a resource type with padding",
      { resourceType: " VPC " },
      /^must be one of VPC, SUBNET, PORT$/,
      " VPC ",
    ],
    ["an unknown log format of 1 MiB", { logFormat: HUGE }, /^must be one of CSV, PARQUET$/, "aaaa"],
    ["a storage URL of 1 MiB", { storageUrl: `https://${HUGE}` }, /^must be https:/, "aaaa"],
    [
      "a secret-looking storage URL",
      { storageUrl: "http://user:s3cr3t@obs/v1/x" },
      /must be https/,
      "s3cr3t",
    ],
    ["a name of 1 MiB", { name: HUGE }, /1 to 255 characters$/, "aaaa"],
    ["a resource id of 1 MiB", { resourceId: HUGE }, /must be a UUID/, "aaaa"],
  ])("%s is refused without being echoed", async (_name, args, reason, hidden) => {
    const started = performance.now();
    const { failures } = await host.check(URN, {}, news(args));
    const ms = performance.now() - started;
    expect(failures).toEqual([{ property: Object.keys(args)[0], reason: expect.stringMatching(reason) }]);
    expect(failures[0].reason).not.toContain(hidden);
    expect(ms).toBeLessThan(10_000);
  });

  it("a file name of 1 MiB with an unknown variable gets a bounded reason", async () => {
    const { failures } = await host.check(URN, {}, news({ customizedFileName: `#{${HUGE}}` }));
    expect(failures).toEqual([
      {
        property: "customizedFileName",
        reason: expect.stringMatching(/^uses unknown variable/),
      },
    ]);
    expect(failures[0].reason.length).toBeLessThan(300);
  });

  it("a misspelt argument of 1 MiB is named by a short prefix", async () => {
    const { failures } = await host.check(URN, {}, news({ [`x${HUGE}`]: 1 }));
    expect(failures).toEqual([
      {
        property: `x${"a".repeat(31)}…`,
        reason: expect.stringMatching(/^not an argument of FlowLogLogger; arguments are name,/),
      },
    ]);
  });
});

describe("ncloud.FlowLog ids that are not interface numbers", () => {
  let world: World;
  let provider: string;
  beforeAll(async () => {
    world = await startNcloudWorld();
    const [registration] = await flowLogProgram(world, "web");
    provider = registration.inputs.__provider as string;
  });
  afterAll(() => world.close());

  it.each([
    ["1 MiB of digits", "1".repeat(MiB)],
    ["21 digits", "1".repeat(21)],
    ["1 MiB of letters", HUGE],
  ])("a refresh of an id of %s is refused before any request, quoting a short prefix", async (_name, id) => {
    world.emulator.control.clearRequests();
    const error = (await world.host
      .read(urnOf("web"), id, { __provider: provider })
      .catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(
      /read flow log: the id must be a network interface number \(1 to 20 digits\), got "(1{21}|[1a]{32}…)"$/,
    );
    expect(error.message.length).toBeLessThan(300);
    expect(world.emulator.control.requests()).toEqual([]);
  });

  it("a bucket name of 1 MiB is refused by check without being echoed", async () => {
    const { failures } = await world.host.check(
      urnOf("web"),
      {},
      {
        __provider: provider,
        networkInterfaceNo: "1000001",
        collectActionTypeCode: "ALL",
        storageBucketName: HUGE,
      },
    );
    expect(failures).toEqual([{ property: "storageBucketName", reason: expect.stringMatching(/3 to 63/) }]);
    expect(failures[0].reason).not.toContain("aaaa");
  });
});
