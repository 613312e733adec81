import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import { ErrorCodes, type FlowLogError, isFlowLogError } from "../../provider/common/errors";
import { defaultTransport } from "../../provider/common/http";
import { ncloudClientFor } from "../../provider/ncloud/client";
import { resolveNcloudSettings } from "../../provider/ncloud/config";
import { NhnClient, nhnClientFor } from "../../provider/nhncloud/api/client";
import { NHN_TIMEOUT_SETTING, resolveNhnSettings } from "../../provider/nhncloud/config";
import { ProviderHost } from "../support/host";
import { startLoggerHost, LOGGER_URN as URN } from "../support/logger-host";
import { TENANT } from "../support/world";
import { CREATE_BODY, tokenBody } from "./bad-server";

/**
 * Issue "Hostile and slow servers": a body trickled a byte at a time never trips undici's gap timeouts;
 * every request has one deadline for headers and body, inside the retry bound.
 */

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Sockets a trickled answer is still being written to, and how many there were. */
const trickling = new Set<unknown>();
let trickled = 0;

/** Answers 200 at once, then one byte of body every 100 ms, for as long as the client listens. */
const trickle: Handler = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.write("{");
  const timer = setInterval(() => res.write(" "), 100);
  const socket = res.socket;
  trickling.add(socket);
  trickled++;
  socket?.on("close", () => trickling.delete(socket));
  res.on("close", () => clearInterval(timer));
};

/** Identity answers a token whose catalog points back here; everything else goes to `network`. */
class SlowServer {
  network: Handler = trickle;
  requests = 0;
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<SlowServer> {
    let self: SlowServer | undefined;
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        if (req.url?.startsWith("/identity/")) {
          const body = JSON.stringify(tokenBody("slow-server-token-0001", `${self!.url}/network`));
          res.writeHead(200, { "content-type": "application/json" }).end(body);
          return;
        }
        self!.requests++;
        self!.network(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    self = new SlowServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return self;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** `promise`'s error and how long it took; a promise still pending after `guardMs` is a failure (a hang). */
async function timedFailure(promise: Promise<unknown>, guardMs = 15_000): Promise<[FlowLogError, number]> {
  const started = performance.now();
  let guard: NodeJS.Timeout | undefined;
  const hung = new Promise((_, reject) => {
    guard = setTimeout(() => reject(new Error(`still running after ${guardMs} ms`)), guardMs);
  });
  const error = await Promise.race([promise, hung]).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  clearTimeout(guard);
  if (!isFlowLogError(error)) throw new Error(`expected a FlowLogError, got ${String(error)}`);
  return [error, performance.now() - started];
}

const waitUntil = async (condition: () => boolean, ms = 2_000): Promise<number> => {
  const started = performance.now();
  while (!condition() && performance.now() - started < ms) await new Promise((r) => setTimeout(r, 10));
  return performance.now() - started;
};

let server: SlowServer;
const agent = new Agent();
beforeAll(async () => {
  server = await SlowServer.start();
});
afterAll(async () => {
  await server.close();
  await agent.close();
});
beforeEach(() => {
  server.network = trickle;
  server.requests = 0;
});

const nhnEnv = (timeout: string) => ({
  OS_AUTH_URL: `${server.url}/identity/v2.0`,
  OS_TENANT_ID: TENANT,
  OS_USERNAME: "slow-user",
  OS_PASSWORD: "slow-pass-1",
  OS_REGION_NAME: "KR1",
  NHN_REQUEST_TIMEOUT: timeout,
});

const LOGGER = CREATE_BODY;

describe("a body trickled a byte at a time", () => {
  it("a GET ends ERR_FLOWLOG_TIMEOUT naming the operation and the limit, retried within the deadline", async () => {
    const settings = resolveNhnSettings(() => undefined, nhnEnv("1"));
    const transport = defaultTransport({
      dispatcher: agent,
      requestTimeoutMs: settings.requestTimeoutMs,
      timeoutSetting: NHN_TIMEOUT_SETTING,
      retry: { maxAttempts: 2, baseDelayMs: 50, maxDelayMs: 50, maxElapsedMs: 10_000 },
    });
    const [error, ms] = await timedFailure(new NhnClient(settings, transport).listLoggers());
    expect(error.code).toBe(ErrorCodes.timeout);
    expect(error.message).toMatch(
      /^list flow log loggers: no complete answer from http:\/\/127\.0\.0\.1:\d+ within 1 s \(the request timeout; set by nhncloud:requestTimeout \/ NHN_REQUEST_TIMEOUT\), after 2 attempt\(s\)$/,
    );
    expect(server.requests).toBe(2);
    expect(ms).toBeGreaterThanOrEqual(2_000);
    expect(ms).toBeLessThan(3_000);
  });

  it("no attempt runs past the retry bound: the last one gets what is left of it", async () => {
    const transport = defaultTransport({
      dispatcher: agent,
      requestTimeoutMs: 1_000,
      retry: { maxAttempts: 10, baseDelayMs: 50, maxDelayMs: 50, maxElapsedMs: 2_500 },
    });
    const settings = resolveNhnSettings(() => undefined, nhnEnv("1"));
    const [error, ms] = await timedFailure(new NhnClient(settings, transport).findLogger(LOGGER.resource_id));
    expect(error.code).toBe(ErrorCodes.timeout);
    expect(error.message).toMatch(
      /what was left of the 2\.5 s bound on a request and its retries, after 3 attempt\(s\)/,
    );
    // A last attempt given its full 1 s would end at about 3.1 s (three attempts and two 50 ms pauses).
    expect(ms).toBeLessThan(3_000);
  });

  it("a create (POST) ends ERR_FLOWLOG_OUTCOME_UNKNOWN after one attempt, with the deadline from NHN_REQUEST_TIMEOUT", async () => {
    const nhn = nhnClientFor(resolveNhnSettings(() => undefined, nhnEnv("0.5")));
    const [error, ms] = await timedFailure(nhn.createLogger(LOGGER));
    expect(error.code).toBe(ErrorCodes.outcomeUnknown);
    expect(error.message).toMatch(
      /^create flow log logger "web": no complete answer from .* within 500 ms \(the request timeout; set by nhncloud:requestTimeout \/ NHN_REQUEST_TIMEOUT\) after the request was sent; it may or may not have taken effect$/,
    );
    expect(server.requests).toBe(1);
    expect(ms).toBeLessThan(1_500);
  });

  it("an NCloud enable ends ERR_FLOWLOG_OUTCOME_UNKNOWN with the deadline from NCLOUD_REQUEST_TIMEOUT", async () => {
    const settings = resolveNcloudSettings(() => undefined, {
      NCLOUD_ACCESS_KEY: "slow-access",
      NCLOUD_SECRET_KEY: "slow-secret-key",
      NCLOUD_API_GW: server.url,
      NCLOUD_REQUEST_TIMEOUT: "0.5",
    });
    const [error, ms] = await timedFailure(
      ncloudClientFor(settings).enableFlowLog({
        regionCode: "KR",
        networkInterfaceNo: "1000001",
        collectActionTypeCode: "ALL",
        collectIntervalMinute: 15,
        storageTypeCode: "OBJT",
        storageBucketName: "flowlog-bucket",
        storageBucketDirectoryName: "VPC_FLOW_LOG",
      }),
    );
    expect(error.code).toBe(ErrorCodes.outcomeUnknown);
    expect(error.message).toMatch(
      /within 500 ms \(the request timeout; set by ncloud:requestTimeout \/ NCLOUD_REQUEST_TIMEOUT\)/,
    );
    expect(ms).toBeLessThan(1_500);
  });

  it("the abort frees the socket: the server sees the connection closed", async () => {
    const transport = defaultTransport({
      dispatcher: agent,
      requestTimeoutMs: 300,
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxElapsedMs: 5_000 },
    });
    const settings = resolveNhnSettings(() => undefined, nhnEnv("1"));
    const before = trickled;
    await timedFailure(new NhnClient(settings, transport).listLoggingPorts());
    expect(trickled).toBe(before + 1);
    await waitUntil(() => trickling.size === 0);
    expect(trickling.size).toBe(0);
  });
});

describe("the request timeout through the provider host", () => {
  let host: ProviderHost;
  let news: Record<string, unknown>;
  beforeAll(async () => {
    const logger = await startLoggerHost();
    host = logger.host;
    news = logger.news({ resourceId: LOGGER.resource_id });
  });
  afterAll(() => host.close());

  it("an invalid nhncloud:requestTimeout fails the preview's check naming the key and the variable", async () => {
    // Each invalid form ("0", "-3", "1e3" …) is pinned in test/nhncloud/config.test.ts; here, the host's path.
    const fresh = await ProviderHost.start();
    try {
      await fresh.configure({
        "nhncloud:authUrl": `${server.url}/identity/v2.0`,
        "nhncloud:tenantId": TENANT,
        "nhncloud:username": "slow-user",
        "nhncloud:password": "slow-pass-1",
        "nhncloud:region": "KR1",
        "nhncloud:requestTimeout": "soon",
      });
      await expect(fresh.check(URN, {}, news)).rejects.toThrow(
        /stack config `nhncloud:requestTimeout` \(or the environment variable NHN_REQUEST_TIMEOUT\) must be a positive number of seconds, got "soon"/,
      );
    } finally {
      await fresh.close();
    }
  });
});
