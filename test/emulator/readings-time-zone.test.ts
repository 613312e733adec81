import { DEFAULT_READINGS, type Emulator } from "../../emulator";
import { issueToken, nhn, type Response, send, start, validLogger } from "./helpers";

const ZONELESS = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{6})?$/;
const HTTP_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const NINE_HOURS = 9 * 3_600_000;

/** A zone-less API date read as if it were UTC, in ms. */
const wall = (text: string) => Date.parse(`${text.replace(" ", "T")}Z`);

describe("emulator readings: timeZone", () => {
  let emu: Emulator;
  let api: ReturnType<typeof nhn>;
  let id: string;
  beforeAll(async () => {
    emu = await start({ activationMs: 0 });
    api = nhn(emu, await issueToken(emu));
    id = (await api.create(validLogger({ resource_type: "SUBNET", resource_id: subnetId() }))).body
      .flowlog_logger.id;
    await api.update(id, { name: "renamed" });
  });
  afterEach(() => emu.control.setReadings(DEFAULT_READINGS));
  afterAll(() => emu.close());

  function subnetId() {
    return emu.control.seed().nhn.regions.KR1.vpcs[0].subnets[0].id;
  }

  /** Every date the API shows for the logger: its own two, and both of each of its logging ports. */
  async function dates() {
    const logger = (await api.get(id)).body.flowlog_logger;
    const ports = (await api.ports(`?logger_id=${id}`)).body.flowlog_logging_ports;
    return [logger, ...ports].flatMap((item: { created_at: string; updated_at: string }) => [
      item.created_at,
      item.updated_at,
    ]);
  }

  it("writes UTC by default, zone-less", async () => {
    const shown = await dates();
    expect(shown).toHaveLength(2 + 2 * 3);
    for (const text of shown) {
      expect(text).toMatch(ZONELESS);
      expect(Math.abs(wall(text) - Date.now())).toBeLessThan(60_000);
    }
  });

  it("under kst, writes every logger and logging port date nine hours ahead, still zone-less", async () => {
    const utc = await dates();
    emu.control.setReadings({ timeZone: "kst" });
    const kst = await dates();
    expect(kst.every((text) => ZONELESS.test(text))).toBe(true);
    expect(kst.map((text, i) => wall(text) - wall(utc[i]))).toEqual(utc.map(() => NINE_HOURS));
    // The microseconds of an updated logger survive the shift.
    expect(kst[1].slice(19)).toBe(utc[1].slice(19));
    expect(kst[1]).toMatch(/\.\d{6}$/);
  });

  it("shows the zone in list answers and control views too", async () => {
    emu.control.setReadings({ timeZone: "kst" });
    const listed = (await api.list(`?id=${id}`)).body.flowlog_loggers[0];
    const [viewed] = emu.control.loggers("KR1").filter((l) => l.id === id);
    expect(viewed.created_at).toBe(listed.created_at);
    expect(wall(listed.created_at) - Date.now()).toBeGreaterThan(NINE_HOURS - 60_000);
  });

  it.each([
    ["utc", "2024-08-04 05:22:57", "2024-08-04 05:22:57", "2024-08-04 14:22:57"],
    ["kst", "2024-08-04 14:22:57", "2024-08-04 05:22:57", "2024-08-04 14:22:57"],
    ["kst", "2024-08-04 14:22:57.226363", "2024-08-04 05:22:57.226363", "2024-08-04 14:22:57.226363"],
  ] as const)(
    "a console edit under %s reads created_at %s in that zone",
    async (timeZone, typed, inUtc, inKst) => {
      emu.control.setReadings({ timeZone });
      expect(emu.control.editLogger("KR1", id, { created_at: typed }).created_at).toBe(typed);
      emu.control.setReadings({ timeZone: "utc" });
      expect((await api.get(id)).body.flowlog_logger.created_at).toBe(inUtc);
      emu.control.setReadings({ timeZone: "kst" });
      expect((await api.get(id)).body.flowlog_logger.created_at).toBe(inKst);
    },
  );

  describe("the Date header", () => {
    const calls: Array<[string, () => Promise<Response>, number]> = [
      ["a list", () => api.list(), 200],
      ["a create", () => api.create(validLogger({ name: "dated" })), 201],
      ["a delete", async () => api.remove((await api.create(validLogger())).body.flowlog_logger.id), 204],
      ["a missing logger", () => api.get("dddddddd-0000-4000-8000-000000000000"), 404],
      ["a refused token", () => nhn(emu, "nope").list(), 401],
      ["a token", () => send(`${emu.url}/identity/v2.0/tokens`, { method: "POST", body: {} }), 400],
      ["a control route", () => send(`${emu.url}/_emulator/readings`), 200],
      ["an unknown path", () => send(`${emu.url}/nowhere`), 404],
      [
        "an injected fault",
        () => {
          emu.control.setFaults({ rate: 1, kinds: [503], times: 1 });
          return api.list();
        },
        503,
      ],
    ];

    it.each(calls)(
      "is on %s, in HTTP's format and GMT, whatever timeZone says",
      async (_call, call, status) => {
        emu.control.setReadings({ timeZone: "kst" });
        const res = await call();
        expect(res.status).toBe(status);
        const date = res.headers.get("date") ?? "";
        expect(date).toMatch(HTTP_DATE);
        expect(Math.abs(Date.parse(date) - Date.now())).toBeLessThan(5_000);
      },
    );
  });
});
