import { MockAgent } from "undici";
import { type Emulator, startEmulator } from "../../emulator";
import { ErrorCodes, type FlowLogError } from "../../provider/common/errors";
import { defaultTransport } from "../../provider/common/http";
import { TokenSource, tokenSourceFor } from "../../provider/nhncloud/api/auth";
import { NhnClient, nhnClientFor } from "../../provider/nhncloud/api/client";
import { type NhnSettings, resolveNhnSettings } from "../../provider/nhncloud/config";
import { SEED, STORAGE_URL, TENANT } from "../support/world";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    activationMs: 50,
    credentials: { tenantId: TENANT, username: "pinned-user", password: "pinned-Secret-42" },
  });
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.control.setFaults(undefined);
  emulator.control.clearRequests();
});

const fast = defaultTransport({
  retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 200, maxElapsedMs: 10_000 },
});
/** A client with a token source of its own, so each test starts without a cached token. */
function client(overrides: Partial<NhnSettings> = {}): NhnClient {
  const settings: NhnSettings = {
    authUrl: `${emulator.url}/identity/v2.0`,
    tenantId: TENANT,
    username: "pinned-user",
    password: "pinned-Secret-42",
    region: "KR1",
    ...overrides,
  };
  return new NhnClient(settings, fast, new TokenSource(settings, fast));
}

const loggerBody = (name: string) => ({
  name,
  description: "",
  admin_state_up: true,
  resource_type: "PORT",
  resource_id: SEED.KR1.ports[1],
  filter: "ALL",
  aggregation_interval: 10,
  connection_setup_only: false,
  storage_type: "OBS",
  storage_url: STORAGE_URL,
  log_format: "CSV",
  compression_type: "RAW",
  partition_period: "DAY",
});

const nhnRequests = () => emulator.control.requests().filter((r) => r.api === "nhn");
const identityRequests = () => emulator.control.requests().filter((r) => r.api === "identity");

describe("NHN client: tokens", () => {
  it("issues one token for many concurrent calls", async () => {
    const nhn = client();
    await Promise.all(Array.from({ length: 20 }, () => nhn.listLoggers()));
    expect(identityRequests()).toHaveLength(1);
    expect(new Set(nhnRequests().map((r) => r.tokenId)).size).toBe(1);
  });

  it("renews once after the token expired and the API answered 401", async () => {
    const nhn = client();
    await nhn.listLoggers();
    emulator.control.expireAllTokens();
    await nhn.listLoggers();
    expect(identityRequests()).toHaveLength(2);
    expect(nhnRequests().map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it("renews once after the token was revoked", async () => {
    const nhn = client();
    await nhn.listLoggers();
    emulator.control.revokeAllTokens();
    await expect(nhn.listLoggers()).resolves.toEqual({ items: [], complete: true });
    expect(identityRequests()).toHaveLength(2);
  });

  it("renews before expiry instead of waiting for a 401", async () => {
    const shortLived = await startEmulator({ port: 0, tokenTtlSeconds: 1 });
    try {
      const settings = {
        authUrl: `${shortLived.url}/identity/v2.0`,
        tenantId: TENANT,
        username: "u",
        password: "p",
        region: "KR1",
      };
      const nhn = new NhnClient(settings, fast, new TokenSource(settings, fast));
      await nhn.listLoggers();
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await nhn.listLoggers();
      const log = shortLived.control.requests();
      expect(log.filter((r) => r.api === "identity")).toHaveLength(2);
      expect(log.filter((r) => r.api === "nhn").map((r) => r.status)).toEqual([200, 200]);
    } finally {
      await shortLived.close();
    }
  });

  it("fails with a clear error, naming the user and tenant but not the password, for wrong credentials", async () => {
    expect.assertions(5);
    try {
      await client({ password: "Wrong-Password-77" }).listLoggers();
    } catch (error) {
      const e = error as FlowLogError;
      expect(e.code).toBe(ErrorCodes.auth);
      expect(e.message).toContain('user "pinned-user"');
      expect(e.message).toContain(TENANT);
      expect(e.message).not.toContain("Wrong-Password-77");
      expect(e.stack).not.toContain("Wrong-Password-77");
    }
  });

  it("never shows a given token in errors when identity refuses it", async () => {
    const token = "gAAAAABsecret-token-value-123";
    const error = (await client({ token, username: undefined, password: undefined })
      .listLoggers()
      .catch((e: unknown) => e)) as FlowLogError;
    expect(error.code).toBe(ErrorCodes.auth);
    expect(`${error.message}\n${error.stack}`).not.toContain(token);
  });
});

describe("NHN client: endpoints", () => {
  it("routes a KR2 client to the KR2 endpoint only", async () => {
    const nhn = client({ region: "KR2" });
    await nhn.listLoggers();
    await nhn.listLoggingPorts();
    expect(nhnRequests().map((r) => r.region)).toEqual(["KR2", "KR2"]);
  });

  it("names the regions that exist when the region is not in the catalog", async () => {
    const error = (await client({ region: "KR9" })
      .listLoggers()
      .catch((e: unknown) => e)) as FlowLogError;
    expect(error.code).toBe(ErrorCodes.region);
    expect(error.message).toMatch(/"KR9".*KR1, KR2, KR3/);
  });

  it.each<[string, Record<string, string>, Record<string, string>, string | undefined, string]>([
    ["the resource's region argument", { "nhncloud:region": "KR1" }, {}, "kr9", "the `region` argument"],
    ["stack config", { "nhncloud:region": "KR9" }, {}, undefined, "stack config `nhncloud:region`"],
    ["the environment", {}, { OS_REGION_NAME: "kr9" }, undefined, "the environment variable OS_REGION_NAME"],
    [
      "stack config, filled into the resource by check",
      { "nhncloud:region": "KR9" },
      {},
      "KR9",
      "stack config `nhncloud:region`",
    ],
  ])("an unknown region from %s says where it came from", async (_name, config, env, argument, source) => {
    const stack: Record<string, string> = {
      "nhncloud:authUrl": `${emulator.url}/identity/v2.0`,
      "nhncloud:tenantId": TENANT,
      "nhncloud:username": "pinned-user",
      "nhncloud:password": "pinned-Secret-42",
      ...config,
    };
    const settings = resolveNhnSettings((key) => stack[key], env, argument);
    const error = (await new NhnClient(settings, fast, new TokenSource(settings, fast))
      .listLoggers()
      .catch((e: unknown) => e)) as FlowLogError;
    expect(error.code).toBe(ErrorCodes.region);
    expect(error.message).toBe(
      `Region "KR9" has no network endpoint in the NHN Cloud service catalog; regions available: KR1, KR2, KR3. "KR9" comes from ${source}: set it to one of those.`,
    );
  });

  it("refuses an id that is not a UUID before any request", async () => {
    const nhn = client();
    await expect(nhn.findLogger("../../tokens")).rejects.toMatchObject({ code: ErrorCodes.input });
    expect(nhnRequests()).toHaveLength(0);
  });

  it("encodes query values", async () => {
    const nhn = client();
    const made = await nhn.createLogger(loggerBody("a&b=c #1"));
    const found = await nhn.listLoggers({ name: "a&b=c #1" });
    expect(found.items.map((l) => l.id)).toEqual([made.id]);
    await nhn.deleteLogger(made.id);
  });

  it("reads an empty list for one id as absent and reports the API's own message otherwise", async () => {
    const nhn = client();
    await expect(nhn.findLogger("3e84619a-1e49-4b19-b353-a15f7d278f94")).resolves.toBeUndefined();
    const error = (await nhn
      .createLogger({ ...loggerBody("bad"), aggregation_interval: 99 })
      .catch((e: unknown) => e)) as FlowLogError;
    expect(error).toMatchObject({ code: ErrorCodes.api, status: 400 });
    expect(error.message).toContain("aggregation_interval");
  });
});

describe("NHN client: one per settings and transport", () => {
  const settings: NhnSettings = {
    authUrl: "http://127.0.0.1:9/identity/v2.0",
    tenantId: TENANT,
    username: "cache-user",
    password: "cache-Secret-43",
    region: "KR1",
  };

  it("the same settings through another transport get a client of their own, which uses that transport", async () => {
    const mock = new MockAgent();
    mock.disableNetConnect();
    const origin = mock.get("http://127.0.0.1:9");
    origin.intercept({ path: "/identity/v2.0/tokens", method: "POST" }).reply(200, {
      access: {
        token: { id: "mock-token-0001", expires: "2099-01-01T00:00:00Z" },
        serviceCatalog: [
          { type: "network", endpoints: [{ region: "KR1", publicURL: "http://127.0.0.1:9/net" }] },
        ],
      },
    });
    origin.intercept({ path: "/net/v2.0/flowlog-logging-ports", method: "GET" }).reply(200, {
      flowlog_logging_ports: [],
    });
    const first = defaultTransport({ retry: { ...fast.retry, maxAttempts: 1 } });
    const second = defaultTransport({ dispatcher: mock });
    const a = nhnClientFor(settings, first);
    const b = nhnClientFor(settings, second);
    expect(b).not.toBe(a);
    expect(nhnClientFor(settings, second)).toBe(b);
    expect(tokenSourceFor(settings, second)).not.toBe(tokenSourceFor(settings, first));
    await expect(b.listLoggingPorts()).resolves.toEqual({ items: [], complete: true });
    mock.assertNoPendingInterceptors();
    await mock.close();
  });

  it("clients of two regions made without a transport share one token", async () => {
    const shared = {
      authUrl: `${emulator.url}/identity/v2.0`,
      tenantId: TENANT,
      username: "pinned-user",
      password: "pinned-Secret-42",
      requestTimeoutMs: 29_000,
    };
    await nhnClientFor({ ...shared, region: "KR1" }).listLoggers();
    await nhnClientFor({ ...shared, region: "KR2" }).listLoggers();
    expect(identityRequests()).toHaveLength(1);
    expect(nhnRequests().map((r) => r.region)).toEqual(["KR1", "KR2"]);
  });
});

describe("NHN client: retries", () => {
  it("retries a 429 after the Retry-After delay", async () => {
    const nhn = client();
    await nhn.listLoggers();
    emulator.control.clearRequests();
    emulator.control.setFaults({
      rate: 1,
      kinds: [429],
      retryAfterSeconds: 1,
      match: { method: "GET" },
      times: 1,
    });
    await nhn.listLoggers();
    const log = nhnRequests();
    expect(log[0]).toMatchObject({ status: 429, fault: "429" });
    expect(log.at(-1)?.status).toBe(200);
    expect(log[1].at - log[0].at).toBeGreaterThanOrEqual(1000);
  });

  it("gives up after the bounded number of attempts with the last status", async () => {
    const nhn = client();
    await nhn.listLoggers();
    emulator.control.clearRequests();
    emulator.control.setFaults({ rate: 1, kinds: [502], match: { method: "GET" } });
    await expect(nhn.listLoggers()).rejects.toMatchObject({ code: ErrorCodes.api, status: 502 });
    expect(nhnRequests()).toHaveLength(4);
  });

  it("does not re-send a POST whose response was lost, and says the outcome is unknown", async () => {
    const nhn = client();
    emulator.control.loseNextCreateResponses(1);
    await expect(nhn.createLogger(loggerBody("lost-response"))).rejects.toMatchObject({
      code: ErrorCodes.outcomeUnknown,
    });
    expect(nhnRequests().filter((r) => r.method === "POST")).toHaveLength(1);
    const made = emulator.control.loggers("KR1").filter((l) => l.name === "lost-response");
    expect(made).toHaveLength(1);
    await nhn.deleteLogger(made[0].id);
  });

  it("retries a POST answered 429, which the server did not act on", async () => {
    const nhn = client();
    await nhn.listLoggers();
    emulator.control.setFaults({
      rate: 1,
      kinds: [429],
      retryAfterSeconds: 1,
      match: { method: "POST" },
      times: 1,
    });
    const made = await nhn.createLogger(loggerBody("after-429"));
    expect(
      nhnRequests()
        .filter((r) => r.method === "POST")
        .map((r) => r.status),
    ).toEqual([429, 201]);
    expect(emulator.control.loggers("KR1").filter((l) => l.name === "after-429")).toHaveLength(1);
    await nhn.deleteLogger(made.id);
  });
});
