import type { Emulator } from "../../emulator";
import { issueToken, ncloudHeaders, nhn, send, start, validLogger } from "./helpers";

describe("emulator fault injection, latency and request log", () => {
  let emu: Emulator;
  let token: string;
  let api: ReturnType<typeof nhn>;
  beforeAll(async () => {
    emu = await start();
    token = await issueToken(emu);
    api = nhn(emu, token);
  });
  afterEach(() => {
    emu.control.setFaults();
    emu.control.setLatency(0);
    emu.control.loseNextCreateResponses(0);
  });
  afterAll(() => emu.close());

  it("answers 429 with Retry-After and does not process the request", async () => {
    emu.control.setFaults({ rate: 1, kinds: [429], retryAfterSeconds: 7 });
    const before = emu.control.loggers("KR1").length;
    const res = await api.create(validLogger());
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(emu.control.loggers("KR1")).toHaveLength(before);
  });

  it.each([[500], [502], [503], [504]])("answers an injected %i", async (status) => {
    emu.control.setFaults({ rate: 1, kinds: [status as 500] });
    expect((await api.list()).status).toBe(status);
  });

  it("sends Retry-After 1 by default on 503", async () => {
    emu.control.setFaults({ rate: 1, kinds: [503] });
    expect((await api.list()).headers.get("retry-after")).toBe("1");
  });

  it("drops the connection without any response", async () => {
    emu.control.setFaults({ rate: 1, kinds: ["drop"] });
    await expect(api.list()).rejects.toThrow();
    const last = emu.control.requests().at(-1);
    expect(last).toMatchObject({ status: 0, fault: "drop", api: "nhn" });
  });

  it("only faults requests matching method and path prefix", async () => {
    emu.control.setFaults({ rate: 1, kinds: [500], match: { method: "POST", pathPrefix: "/network/kr1" } });
    expect((await api.list()).status).toBe(200);
    expect((await api.create(validLogger())).status).toBe(500);
  });

  it("leaves identity alone unless the plan targets /identity explicitly", async () => {
    emu.control.setFaults({ rate: 1, kinds: [503] });
    await expect(issueToken(emu)).resolves.toMatch(/^[0-9a-f]{32}$/);
    emu.control.setFaults({ rate: 1, kinds: [503], match: { pathPrefix: "/identity" } });
    const res = await send(`${emu.url}/identity/v2.0/tokens`, { method: "POST", body: "{}" });
    expect(res.status).toBe(503);
  });

  it("faults the NCloud API with its gateway's error body", async () => {
    emu.control.setFaults({ rate: 1, kinds: [429], match: { pathPrefix: "/vserver" } });
    const target = "/vserver/v2/getFlowLogConfigurationList?responseFormatType=json";
    const res = await send(`${emu.url}${target}`, { headers: ncloudHeaders(target) });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(res.body.error).toMatchObject({ errorCode: "420", message: "Rate Limited" });
    expect((await api.list()).status).toBe(200);
  });

  it("never faults the /_emulator control routes", async () => {
    emu.control.setFaults({ rate: 1, kinds: [500] });
    expect((await send(`${emu.url}/_emulator/seed`)).status).toBe(200);
  });

  it("picks the same faults for the same seed", async () => {
    const run = async () => {
      emu.control.setFaults({ rate: 0.5, kinds: [429, 500], seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1) statuses.push((await api.list()).status);
      return statuses;
    };
    const first = await run();
    expect(first).toEqual(await run());
    expect(new Set(first).size).toBeGreaterThan(1);
  });

  it("loses the response of a successful create, but the logger exists afterwards", async () => {
    emu.control.loseNextCreateResponses(1);
    await expect(api.create(validLogger({ name: "lost" }))).rejects.toThrow();
    const entry = emu.control.requests().at(-1)!;
    expect(entry).toMatchObject({ status: 0, fault: "lost-create", loggerId: expect.any(String) });
    const found = (await api.list("?name=lost")).body.flowlog_loggers;
    expect(found.map((l: { id: string }) => l.id)).toEqual([entry.loggerId]);
    expect((await api.create(validLogger())).status).toBe(201);
  });

  it("does not spend a lost-create credit on a create that fails validation", async () => {
    emu.control.loseNextCreateResponses(1);
    expect((await api.create(validLogger({ filter: "NO" }))).status).toBe(400);
    await expect(api.create(validLogger())).rejects.toThrow();
  });

  it("adds the configured latency before a response", async () => {
    emu.control.setLatency(150);
    const started = Date.now();
    await api.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("logs method, path, query, api, region, status, token and logger id, never the password", async () => {
    emu.control.clearRequests();
    const created = (await api.create(validLogger())).body.flowlog_logger;
    await api.list("?name=web&status=BUILD");
    await send(`${emu.url}/network/kr1/v2.0/flowlog-loggers`, { headers: { "x-auth-token": "bad" } });
    await issueToken(emu);
    const [create, list, unauthorized, identity] = emu.control.requests();
    expect(create).toEqual({
      seq: expect.any(Number),
      at: expect.any(Number),
      method: "POST",
      path: "/network/kr1/v2.0/flowlog-loggers",
      query: "",
      api: "nhn",
      region: "KR1",
      status: 201,
      tokenId: token,
      tokenValid: true,
      loggerId: created.id,
    });
    expect(list).toMatchObject({ method: "GET", query: "name=web&status=BUILD", status: 200 });
    expect(list.seq).toBe(create.seq + 1);
    expect(unauthorized).toMatchObject({ status: 401, tokenId: "bad", tokenValid: false });
    expect(identity).toMatchObject({ api: "identity", status: 200 });
    expect(JSON.stringify(emu.control.requests())).not.toContain("secret");
  });
});
