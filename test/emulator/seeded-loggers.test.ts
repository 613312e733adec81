import { DEFAULT_SEED, EMULATOR_TENANT, type Emulator } from "../../emulator";
import { issueToken, nhn, type Response, send, start } from "./helpers";

const COUNT = 20_000;

/** The region's VPCs, subnets and ports in the order seeding takes them: each VPC, its subnets, their ports. */
const TARGETS = DEFAULT_SEED.nhn.regions.KR1.vpcs.flatMap((vpc) => [
  { type: "VPC", id: vpc.id, ports: vpc.subnets.flatMap((s) => s.ports).length },
  ...vpc.subnets.flatMap((subnet) => [
    { type: "SUBNET", id: subnet.id, ports: subnet.ports.length },
    ...subnet.ports.map((port) => ({ type: "PORT", id: port.id, ports: 1 })),
  ]),
]);

const stamp = (text: string) => Date.parse(`${text.replace(" ", "T")}Z`);

// How long seeding and look-ups take are figures, not behaviours: `npm run bench -- --proof` prints the
// emulator's start, seeding included, and the time of 150 look-ups, for each tenant it seeds (issue 22: no
// timed test that a busy machine can fail).
describe("emulator seeded loggers: a tenant of 20,000", () => {
  let emu: Emulator;
  let startedAt: number;
  let api: ReturnType<typeof nhn>;
  /** The unfiltered list, fetched once: 17 MB. */
  let full: Response;

  beforeAll(async () => {
    startedAt = Date.now();
    emu = await start({ seedLoggers: COUNT });
    api = nhn(emu, await issueToken(emu, EMULATOR_TENANT));
    full = await api.list();
  });
  afterAll(() => emu.close());

  it("answers all of them to an unfiltered list, at a realistic 800 to 900 bytes a logger", async () => {
    expect(full.status).toBe(200);
    expect(full.body.flowlog_loggers).toHaveLength(COUNT);
    expect(full.text.length).toBeGreaterThan(COUNT * 800);
    expect(full.text.length).toBeLessThan(COUNT * 900);
    expect(full.body).not.toHaveProperty("flowlog_loggers_links");
  });

  it("names them seeded-000001 … in list order, created a second apart up to a second before start", async () => {
    const loggers = full.body.flowlog_loggers as Array<{ name: string; created_at: string }>;
    expect(loggers.map((l) => l.name)).toEqual(
      Array.from({ length: COUNT }, (_, i) => `seeded-${String(i + 1).padStart(6, "0")}`),
    );
    const times = loggers.map((l) => stamp(l.created_at));
    expect(times.every((t, i) => i === 0 || t - times[i - 1] === 1000)).toBe(true);
    expect(times[COUNT - 1]).toBeLessThan(startedAt);
    expect(startedAt - times[COUNT - 1]).toBeLessThanOrEqual(2000);
  });

  it("makes them ACTIVE, on the region's VPCs, subnets and ports in turn, writing to the granted container", async () => {
    const loggers = (await api.list("?limit=24")).body.flowlog_loggers;
    expect(loggers.map((l: { resource_id: string }) => l.resource_id)).toEqual(
      [...TARGETS, ...TARGETS].map((t) => t.id),
    );
    expect(loggers.map((l: { resource_type: string }) => l.resource_type)).toEqual(
      [...TARGETS, ...TARGETS].map((t) => t.type),
    );
    for (const logger of loggers) {
      expect(logger).toMatchObject({ status: "ACTIVE", error_type: "", tenant_id: EMULATOR_TENANT });
      expect(logger.storage_url).toMatch(/\/AUTH_[0-9a-f]{32}\/flowlog\/seeded-\d{6}$/);
      expect(logger.created_at).toBe(logger.updated_at);
    }
  });

  it("logs through every port of each logger's resource", async () => {
    const expected = Array.from({ length: COUNT }, (_, i) => TARGETS[i % TARGETS.length].ports).reduce(
      (a, b) => a + b,
    );
    expect((await api.ports()).body.flowlog_logging_ports).toHaveLength(expected);
  });

  // From the store's indexes, about a millisecond a call: `npm run bench -- --proof` prints the time of these
  // 150 look-ups in each tenant it seeds. That the indexes follow every change: list-index.test.ts.
  it("finds one by ?id= or ?name=, and its logging ports by ?logger_id=", async () => {
    const all = full.body.flowlog_loggers;
    const picks = Array.from({ length: 50 }, (_, i) => all[(i * 397) % COUNT]);
    for (const logger of picks) {
      expect((await api.list(`?id=${logger.id}`)).body.flowlog_loggers).toEqual([logger]);
      expect((await api.list(`?name=${logger.name}`)).body.flowlog_loggers).toEqual([logger]);
      const ports = (await api.ports(`?logger_id=${logger.id}`)).body.flowlog_logging_ports;
      const target = TARGETS.find((t) => t.id === logger.resource_id)!;
      expect(ports.map((p: { logger_id: string }) => p.logger_id)).toEqual(
        Array.from({ length: target.ports }, () => logger.id),
      );
    }
  });

  it("pages through all of them by next links, each exactly once", async () => {
    const seen = new Set<string>();
    let url: string | undefined = `${emu.url}/network/kr1/v2.0/flowlog-loggers?limit=1000`;
    let pages = 0;
    const headers = { "x-auth-token": await issueToken(emu, EMULATOR_TENANT) };
    while (url !== undefined) {
      const res = await send(url, { headers });
      for (const logger of res.body.flowlog_loggers) seen.add(logger.id);
      pages += 1;
      url = res.body.flowlog_loggers_links?.find((l: { rel: string }) => l.rel === "next")?.href;
    }
    expect(pages).toBe(COUNT / 1000);
    expect(seen.size).toBe(COUNT);
  });
});

describe("emulator seeded loggers: options", () => {
  it.each([
    ["the stack tenant by default", {}, EMULATOR_TENANT],
    [
      "the pinned credentials' tenant",
      { credentials: { tenantId: "pinned", username: "u", password: "p" } },
      "pinned",
    ],
    ["the tenant seedLoggersTenantId names", { seedLoggersTenantId: "other" }, "other"],
  ])("belong to %s", async (_case, options, tenant) => {
    const emu = await start({ seedLoggers: 3, ...options });
    try {
      expect(emu.control.loggers("KR1").map((l) => l.tenant_id)).toEqual([tenant, tenant, tenant]);
    } finally {
      await emu.close();
    }
  });

  it("go to the region seedLoggersRegion names, and only there", async () => {
    const emu = await start({ seedLoggers: 2, seedLoggersRegion: "kr2" });
    try {
      expect(emu.control.loggers("KR2").map((l) => l.resource_id)).toEqual([
        DEFAULT_SEED.nhn.regions.KR2.vpcs[0].id,
        DEFAULT_SEED.nhn.regions.KR2.vpcs[0].subnets[0].id,
      ]);
      expect(emu.control.loggers("KR1")).toEqual([]);
    } finally {
      await emu.close();
    }
  });

  it.each([
    [
      "an unknown region",
      { seedLoggers: 1, seedLoggersRegion: "KR9" },
      "unknown region KR9; the seed has KR1, KR2, KR3",
    ],
    ["a negative count", { seedLoggers: -1 }, "seedLoggers must be an integer of at least 0, got -1"],
    ["a fractional count", { seedLoggers: 1.5 }, "seedLoggers must be an integer of at least 0, got 1.5"],
  ])("refuses to start with %s", async (_case, options, says) => {
    await expect(start(options)).rejects.toThrow(says);
  });

  it("seeds nothing by default", async () => {
    const emu = await start();
    try {
      expect(emu.control.loggers("KR1")).toEqual([]);
    } finally {
      await emu.close();
    }
  });
});
