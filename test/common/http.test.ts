import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import { ErrorCodes } from "../../provider/common/errors";
import { defaultTransport, send } from "../../provider/common/http";
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter } from "../../provider/common/retry";
import { inOwnProcess, LOADED } from "../support/own-process";

describe("Retry-After and backoff", () => {
  const now = Date.parse("2026-11-21T06:00:00Z");

  it.each([
    ["delta-seconds", "3", 3000],
    ["zero", "0", 0],
    ["an HTTP date 5 s ahead", "Sat, 21 Nov 2026 06:00:05 GMT", 5000],
    ["an HTTP date in the past", "Sat, 21 Nov 2026 05:59:00 GMT", 0],
    ["garbage", "soon", undefined],
    ["absent", undefined, undefined],
  ])("reads Retry-After given as %s", (_, header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });

  it("grows exponentially up to the cap, with jitter between half and all of it", () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, undefined, () => 0))).toEqual([
      50, 100, 200, 400, 500,
    ]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, undefined, () => 1))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
  });

  it("never waits less than Retry-After asks", () => {
    expect(backoffDelay(DEFAULT_RETRY, 1, 2000, () => 0)).toBe(2000);
    expect(backoffDelay(DEFAULT_RETRY, 1, 2000, () => 1)).toBeGreaterThan(2000);
  });
});

describe("send against a misbehaving server", () => {
  let server: Server;
  let url: string;
  let hits = 0;
  let behave: "503" | "hang" = "503";
  const agent = new Agent({ keepAliveTimeout: 1000 });

  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      if (behave === "hang") return; // never answers
      res.writeHead(503, { "retry-after": "0", "content-type": "text/plain" }).end("busy");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await agent.close();
  });
  beforeEach(() => {
    hits = 0;
  });

  it("stops retrying once the total time bound is spent, well before the attempt limit", async () => {
    behave = "503";
    const transport = defaultTransport({
      dispatcher: agent,
      retry: { maxAttempts: 1000, baseDelayMs: 50, maxDelayMs: 50, maxElapsedMs: 400 },
    });
    const res = await send({ method: "GET", url, operation: "probe", idempotent: true }, transport);
    expect(res.status).toBe(503);
    expect(hits).toBeGreaterThan(1);
    expect(hits).toBeLessThan(1000);
  });

  it("times out a request the server never answers, and retries it when that is harmless", async () => {
    behave = "hang";
    const transport = defaultTransport({
      dispatcher: agent,
      requestTimeoutMs: 150,
      retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 10, maxElapsedMs: 5000 },
    });
    const error = await send({ method: "GET", url, operation: "probe", idempotent: true }, transport).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ code: ErrorCodes.timeout });
    expect(error.message).toMatch(
      /^probe: no complete answer from .* within 150 ms \(the request timeout\), after 2 attempt\(s\)$/,
    );
    expect(hits).toBe(2);
  });

  it("does not re-send a POST that timed out: its outcome is unknown", async () => {
    behave = "hang";
    const transport = defaultTransport({ dispatcher: agent, requestTimeoutMs: 150 });
    const error = await send(
      { method: "POST", url, operation: "probe", idempotent: false, body: "{}" },
      transport,
    ).catch((e) => e);
    expect(error).toMatchObject({ code: ErrorCodes.outcomeUnknown });
    expect(hits).toBe(1);
  });
});

describe("loading undici", () => {
  it("waits for the first agent: a program that only declares resources never loads it", () => {
    // In a node process of its own: inside a test file, modules load through jest's registry.
    const undiciLoaded = inOwnProcess<boolean[]>(`
      const loaded = () => (${LOADED})("/node_modules/undici/");
      require("./dist/provider/index.js");
      const before = loaded();
      require("./dist/provider/common/http.js").defaultAgent();
      console.log(JSON.stringify([before, loaded()]));
    `);
    expect(undiciLoaded).toEqual([false, true]);
  });
});
