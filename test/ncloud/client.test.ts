import { MockAgent } from "undici";
import { type Emulator, startEmulator } from "../../emulator";
import { defaultTransport } from "../../provider/common/http";
import { NcloudClient } from "../../provider/ncloud/client";
import { failure } from "../support/failure";
import { ACCESS_KEY, BUCKET, NICS, SECRET_KEY } from "./world";

const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5, maxElapsedMs: 2_000 };
const MINUTE = 60_000;

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.control.clearRequests());

const settings = (apiUrl: string, secretKey = SECRET_KEY) => ({
  accessKey: ACCESS_KEY,
  secretKey,
  region: "KR",
  apiUrl,
});
const statuses = () =>
  emulator.control.requests().map((r) => `${r.path.replace("/vserver/v2/", "")} ${r.status}`);

describe("NcloudClient clock skew", () => {
  it.each([
    ["10 minutes slow", -10 * MINUTE],
    ["an hour fast", 60 * MINUTE],
  ])(
    "a clock %s is corrected once from the gateway's Date header and the correction is kept",
    async (_name, skew) => {
      const client = new NcloudClient(settings(emulator.url), defaultTransport(), () => Date.now() + skew);
      expect(await client.getFlowLog(NICS[0], "KR")).toBeUndefined();
      expect(await client.getFlowLog(NICS[0], "KR")).toBeUndefined();
      expect(statuses()).toEqual([
        "getFlowLogConfigurationList 401",
        "getFlowLogConfigurationList 200",
        "getFlowLogConfigurationList 200",
      ]);
    },
  );

  it("an enable refused for its timestamp is re-sent once: the gateway never passed it on", async () => {
    const client = new NcloudClient(
      settings(emulator.url),
      defaultTransport(),
      () => Date.now() - 10 * MINUTE,
    );
    await client.enableFlowLog({
      regionCode: "KR",
      networkInterfaceNo: NICS[2],
      collectActionTypeCode: "ALL",
      collectIntervalMinute: 15,
      storageTypeCode: "OBJT",
      storageBucketName: BUCKET,
      storageBucketDirectoryName: "VPC_FLOW_LOG",
    });
    expect(statuses()).toEqual(["enableFlowLog 401", "enableFlowLog 200"]);
    expect(await client.disableFlowLog(NICS[2], "KR")).toBe(true);
  });

  it("without a Date header the refusal explains the 5-minute window and the clock", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get("http://127.0.0.1:9")
      .intercept({ path: /getFlowLogConfigurationList/, method: "GET" })
      .reply(401, {
        error: {
          errorCode: "200",
          message: "Authentication Failed",
          details: "Invalid timestamp: out of range.",
        },
      });
    const client = new NcloudClient(settings("http://127.0.0.1:9"), defaultTransport({ dispatcher: agent }));
    const error = await failure(client.getFlowLog(NICS[0], "KR"));
    expect(error.code).toBe("ERR_FLOWLOG_AUTH");
    expect(error.message).toMatchInlineSnapshot(
      `"get the flow log of network interface 1000001 in KR: the NCloud API gateway refused the request's timestamp (HTTP 401: 200 Authentication Failed: Invalid timestamp: out of range.). Requests must be signed within 5 minutes of the gateway's clock: check this machine's clock (NTP)."`,
    );
    await agent.close();
  });

  it("a refusal that persists after the correction says how far this machine's clock is off", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const refused = {
      error: { errorCode: "200", message: "Authentication Failed", details: "Invalid timestamp." },
    };
    const date = new Date(Date.now() + 20 * MINUTE).toUTCString();
    agent
      .get("http://127.0.0.1:9")
      .intercept({ path: /.*/, method: "GET" })
      .reply(401, refused, { headers: { date } })
      .times(2);
    const client = new NcloudClient(settings("http://127.0.0.1:9"), defaultTransport({ dispatcher: agent }));
    const error = await failure(client.getFlowLog(NICS[0], "KR"));
    expect(error.message).toMatch(
      /this machine's clock is about 20 minute\(s\) behind the server's\): check this machine's clock/,
    );
    agent.assertNoPendingInterceptors();
    await agent.close();
  });
});

describe("NcloudClient errors", () => {
  it("a wrong secret key is reported as refused credentials, never quoting the key", async () => {
    const secret = "a-wrong-secret-key-for-the-client-test";
    const client = new NcloudClient(settings(emulator.url, secret), defaultTransport());
    const error = await failure(client.getFlowLog(NICS[0], "KR"));
    expect(error).toMatchObject({ code: "ERR_FLOWLOG_AUTH", status: 401, apiCode: "200" });
    expect(error.message).toContain("NCloud refused the access key / secret key");
    expect(`${error.message}${error.stack}${JSON.stringify(error)}`).not.toContain(secret);
  });

  it("disableFlowLog on an interface without a flow log answers false (14016)", async () => {
    const client = new NcloudClient(settings(emulator.url));
    expect(await client.disableFlowLog(NICS[1], "KR")).toBe(false);
  });

  it.each([
    [
      "a server error",
      400,
      { responseError: { returnCode: "1099000", returnMessage: "parameter value is not valid" } },
      { code: "ERR_FLOWLOG_API", apiCode: "1099000", apiMessage: "parameter value is not valid" },
    ],
    [
      "a gateway error",
      404,
      { error: { errorCode: "300", message: "Not Found", details: "No such API" } },
      { code: "ERR_FLOWLOG_NOT_FOUND", apiCode: "300", apiMessage: "Not Found: No such API" },
    ],
    [
      "a forbidden key pair",
      403,
      { error: { errorCode: "210", message: "Permission Denied" } },
      { code: "ERR_FLOWLOG_AUTH", apiCode: "210", apiMessage: "Permission Denied" },
    ],
    [
      "a success envelope with a failing returnCode",
      200,
      {
        getFlowLogConfigurationListResponse: {
          returnCode: "1000100",
          returnMessage: "failed to applied flowLog",
        },
      },
      { code: "ERR_FLOWLOG_API", apiCode: "1000100", apiMessage: "failed to applied flowLog" },
    ],
    [
      "a server error with no known shape",
      500,
      { request: { secretEcho: "s3cr3t" } },
      { code: "ERR_FLOWLOG_API", apiMessage: "(an error body without a message)" },
    ],
    ["an unexpected body", 200, { somethingElse: {} }, { code: "ERR_FLOWLOG_RESPONSE" }],
  ])("%s keeps NCloud's own code and message", async (_name, status, body, expected) => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get("http://127.0.0.1:9").intercept({ path: /.*/, method: "GET" }).reply(status, body);
    const client = new NcloudClient(settings("http://127.0.0.1:9"), defaultTransport({ dispatcher: agent }));
    const error = await failure(client.getFlowLog(NICS[0], "KR"));
    expect(error).toMatchObject({ ...expected, status });
    await agent.close();
  });

  const enableParams = (overrides: Record<string, unknown>) => ({
    regionCode: "KR",
    networkInterfaceNo: NICS[2],
    collectActionTypeCode: "ALL",
    collectIntervalMinute: 15,
    storageTypeCode: "OBJT",
    storageBucketName: BUCKET,
    storageBucketDirectoryName: "VPC_FLOW_LOG",
    ...overrides,
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      "a bucket that does not exist (1000100)",
      { storageBucketName: "no-such-bucket" },
      'enable the flow log of network interface 1000003 in KR: NCloud could not apply the flow log; usually the bucket "no-such-bucket" does not exist in region "KR", or NCloud\'s flow log service may not write to it. Check the bucket in Object Storage for that region (HTTP 400: 1000100 failed to applied flowLog)',
    ],
    [
      "an interface that does not exist (1099000)",
      { networkInterfaceNo: "9999999" },
      'enable the flow log of network interface 9999999 in KR: NCloud refused a parameter value; usually network interface "9999999" does not exist in region "KR" (or is not a VPC interface), or NCloud does not accept the bucket "flowlog-bucket" or the directory "VPC_FLOW_LOG" (HTTP 400: 1099000 parameter value is not valid)',
    ],
    [
      "a missing bucket (1000102)",
      { storageBucketName: "" },
      "enable the flow log of network interface 1000003 in KR: NCloud says the required parameter storageBucketName is missing; this provider always sends it, so usually a proxy between here and the API gateway dropped the request's parameters (HTTP 400: 1000102 there are no required parameter (storageBucketName))",
    ],
  ])(
    "an enable refused for %s says why in plain words and keeps NCloud's own",
    async (_name, overrides, message) => {
      const client = new NcloudClient(settings(emulator.url), defaultTransport({ retry: FAST_RETRY }));
      const error = await failure(client.enableFlowLog(enableParams(overrides) as never));
      expect(error.message).toBe(message);
      expect(error).toMatchObject({ code: "ERR_FLOWLOG_API", status: 400 });
    },
  );

  it("an enable answered 502 is not re-sent: its outcome is unknown", async () => {
    emulator.control.setFaults({ rate: 1, kinds: [502], match: { pathPrefix: "/vserver/v2/enableFlowLog" } });
    const client = new NcloudClient(settings(emulator.url), defaultTransport({ retry: FAST_RETRY }));
    const error = await failure(
      client.enableFlowLog({
        regionCode: "KR",
        networkInterfaceNo: NICS[0],
        collectActionTypeCode: "ALL",
        collectIntervalMinute: 15,
        storageTypeCode: "OBJT",
        storageBucketName: BUCKET,
        storageBucketDirectoryName: "VPC_FLOW_LOG",
      }),
    );
    emulator.control.setFaults(undefined);
    expect(error.code).toBe("ERR_FLOWLOG_OUTCOME_UNKNOWN");
    expect(statuses()).toEqual(["enableFlowLog 502"]);
  });

  it("the read action is retried on 503 until it succeeds", async () => {
    emulator.control.setFaults({ rate: 0.5, kinds: [503], retryAfterSeconds: 0, seed: 7 });
    const client = new NcloudClient(settings(emulator.url), defaultTransport({ retry: FAST_RETRY }));
    expect(await client.getFlowLog(NICS[0], "KR")).toBeUndefined();
    emulator.control.setFaults(undefined);
    expect(statuses()).toEqual(["getFlowLogConfigurationList 503", "getFlowLogConfigurationList 200"]);
  });
});
