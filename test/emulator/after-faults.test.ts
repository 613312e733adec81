import type { Emulator, FaultKind } from "../../emulator";
import { issueToken, ncloudHeaders, nhn, send, start, validLogger } from "./helpers";

const KINDS: FaultKind[] = ["drop", 500, 502, 503, 504];
const METHODS = ["POST", "PUT", "DELETE"] as const;
const TABLE = KINDS.flatMap((kind) => METHODS.map((method) => ({ kind, method })));

describe("emulator faults before and after processing, and their count", () => {
  let emu: Emulator;
  let token: string;
  let api: ReturnType<typeof nhn>;
  beforeAll(async () => {
    emu = await start({ activationMs: 0 });
    token = await issueToken(emu);
    api = nhn(emu, token);
  });
  afterEach(() => emu.control.setFaults());
  afterAll(() => emu.close());

  /** One call of `method` on logger `target` (POST makes a logger named `name`); 0 when the connection dropped. */
  const sendCall = (method: (typeof METHODS)[number], target: string, name: string) =>
    (method === "POST"
      ? api.create(validLogger({ name }))
      : method === "PUT"
        ? api.update(target, { name, admin_state_up: true })
        : api.remove(target)
    ).then(
      (res) => res.status,
      () => 0,
    );

  const named = (name: string) => emu.control.loggers("KR1").filter((l) => l.name === name);

  it.each(TABLE)(
    "a $kind fault on $method by default leaves the state unchanged",
    async ({ kind, method }) => {
      const name = `before-${kind}-${method}`;
      const { id: target } = (await api.create(validLogger({ name: `${name}-target` }))).body.flowlog_logger;
      const before = emu.control.loggers("KR1");
      emu.control.setFaults({ rate: 1, kinds: [kind], match: { method } });
      const status = await sendCall(method, target, name);
      emu.control.setFaults(undefined);
      expect(status).toBe(kind === "drop" ? 0 : kind);
      expect(emu.control.loggers("KR1")).toEqual(before);
      expect(emu.control.requests().at(-1)).toMatchObject({ method, fault: String(kind) });
    },
  );

  it.each(TABLE)(
    "an after $kind fault on $method processes the call, then loses or replaces the answer",
    async ({ kind, method }) => {
      const name = `after-${kind}-${method}`;
      const { id: target } = (await api.create(validLogger({ name: `${name}-target` }))).body.flowlog_logger;
      emu.control.clearRequests();
      emu.control.setFaults({ rate: 1, kinds: [kind], match: { method }, after: true });
      const status = await sendCall(method, target, name);
      emu.control.setFaults(undefined);
      expect(status).toBe(kind === "drop" ? 0 : kind);
      const effect = {
        POST: () => expect(named(name)).toHaveLength(1),
        PUT: () => expect(named(name).map((l) => l.id)).toEqual([target]),
        DELETE: () => expect(emu.control.loggers("KR1").some((l) => l.id === target)).toBe(false),
      };
      effect[method]();
      const entries = emu.control.requests();
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        method,
        status,
        fault: `${kind}-after`,
        loggerId: method === "POST" ? named(name)[0].id : target,
      });
    },
  );

  it("sends Retry-After on an after 503, as on a 503 before processing", async () => {
    emu.control.setFaults({ rate: 1, kinds: [503], after: true, retryAfterSeconds: 0 });
    const res = await api.list();
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("0");
  });

  it.each([
    [1, [500, 201, 201]],
    [2, [500, 500, 201]],
  ])(
    "with times %i faults exactly that many matching calls, then the plan is spent",
    async (times, statuses) => {
      emu.control.setFaults({ rate: 1, kinds: [500], match: { method: "POST" }, times });
      const seen: number[] = [];
      for (const i of [1, 2, 3]) {
        expect((await api.list()).status).toBe(200); // not matching: spends nothing
        seen.push((await api.create(validLogger({ name: `times-${times}-${i}` }))).status);
      }
      expect(seen).toEqual(statuses);
    },
  );

  it("with times and after, processes every call but loses only the first answer", async () => {
    emu.control.setFaults({ rate: 1, kinds: ["drop"], match: { method: "POST" }, times: 1, after: true });
    await expect(api.create(validLogger({ name: "once-lost" }))).rejects.toThrow();
    expect((await api.create(validLogger({ name: "once-lost" }))).status).toBe(201);
    expect(named("once-lost")).toHaveLength(2);
  });

  it("logs the token, its validity and the region of a faulted call, so stale-token checks see every attempt", async () => {
    const stale = await issueToken(emu);
    emu.control.revokeToken(stale);
    emu.control.clearRequests();
    emu.control.setFaults({ rate: 1, kinds: [503] });
    await api.list();
    await nhn(emu, stale, "kr2").list();
    await api.create(validLogger()).catch(() => undefined);
    expect(emu.control.requests()).toEqual([
      expect.objectContaining({ api: "nhn", region: "KR1", tokenId: token, tokenValid: true, fault: "503" }),
      expect.objectContaining({ api: "nhn", region: "KR2", tokenId: stale, tokenValid: false, fault: "503" }),
      expect.objectContaining({
        method: "POST",
        region: "KR1",
        tokenId: token,
        tokenValid: true,
        fault: "503",
      }),
    ]);
  });

  it("logs the access key and region of a faulted NCloud call", async () => {
    emu.control.clearRequests();
    emu.control.setFaults({ rate: 1, kinds: [502], match: { pathPrefix: "/vserver" } });
    const target = "/vserver/v2/getFlowLogConfigurationList?regionCode=SGN&responseFormatType=json";
    expect((await send(`${emu.url}${target}`, { headers: ncloudHeaders(target) })).status).toBe(502);
    expect(emu.control.requests()).toEqual([
      expect.objectContaining({
        api: "ncloud",
        accessKey: "emulator-access-key",
        region: "SGN",
        fault: "502",
      }),
    ]);
  });
});
