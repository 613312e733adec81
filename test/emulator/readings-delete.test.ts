import { DEFAULT_READINGS, type Emulator } from "../../emulator";
import { issueToken, nhn, sleep, start, validLogger } from "./helpers";

const DELAY_MS = 300;

describe("emulator readings: deleteMode", () => {
  let emu: Emulator;
  let api: ReturnType<typeof nhn>;
  beforeAll(async () => {
    emu = await start({ activationMs: 0 });
    api = nhn(emu, await issueToken(emu));
  });
  afterEach(() => emu.control.setReadings(DEFAULT_READINGS));
  afterAll(() => emu.close());

  const listed = async (id: string) =>
    (await api.list()).body.flowlog_loggers.some((l: { id: string }) => l.id === id);

  it("immediate: DELETE answers 204 and the logger is gone at once", async () => {
    const { id } = (await api.create(validLogger())).body.flowlog_logger;
    expect((await api.remove(id)).status).toBe(204);
    expect((await api.get(id)).status).toBe(404);
    expect(await listed(id)).toBe(false);
    expect((await api.remove(id)).status).toBe(404);
  });

  describe("eventual", () => {
    let id: string;
    let before: unknown;
    let deletedAt: number;
    const eventual = () => emu.control.setReadings({ deleteMode: "eventual", deleteDelayMs: DELAY_MS });
    beforeEach(eventual);
    beforeAll(async () => {
      eventual();
      id = (await api.create(validLogger({ name: "lingering" }))).body.flowlog_logger.id;
      before = (await api.get(id)).body.flowlog_logger;
      deletedAt = Date.now();
      expect((await api.remove(id)).status).toBe(204);
    });

    it("keeps showing the logger unchanged to GET, list and its logging ports", async () => {
      expect((await api.get(id)).body.flowlog_logger).toEqual(before);
      expect(await listed(id)).toBe(true);
      expect((await api.ports(`?logger_id=${id}`)).body.flowlog_logging_ports).toHaveLength(1);
    });

    it("answers a second DELETE 204 again, without extending the delay", async () => {
      expect((await api.remove(id)).status).toBe(204);
    });

    it("answers a PUT 404", async () => {
      const res = await api.update(id, { name: "too-late" });
      expect(res.status).toBe(404);
      expect(res.body.NeutronError.type).toBe("FlowlogLoggerNotFound");
    });

    it("lets the logger vanish once deleteDelayMs has passed", async () => {
      await sleep(DELAY_MS - (Date.now() - deletedAt) + 20);
      expect((await api.get(id)).status).toBe(404);
      expect(await listed(id)).toBe(false);
      expect((await api.ports(`?logger_id=${id}`)).body.flowlog_logging_ports).toEqual([]);
      expect((await api.remove(id)).status).toBe(404);
    });
  });

  it("eventual freezes the logger as it was: one deleted in BUILD stays in BUILD", async () => {
    emu.control.setReadings({ deleteMode: "eventual", deleteDelayMs: 5_000 });
    emu.control.setActivationMs(500);
    try {
      const { id } = (await api.create(validLogger({ name: "frozen" }))).body.flowlog_logger;
      expect((await api.remove(id)).status).toBe(204);
      const shown = (await api.get(id)).body.flowlog_logger;
      expect(shown.status).toBe("BUILD");
      await sleep(600);
      expect((await api.get(id)).body.flowlog_logger).toEqual(shown);
    } finally {
      emu.control.setActivationMs(0);
    }
  });

  it("eventual with a delay of 0 behaves as immediate", async () => {
    emu.control.setReadings({ deleteMode: "eventual", deleteDelayMs: 0 });
    const { id } = (await api.create(validLogger())).body.flowlog_logger;
    expect((await api.remove(id)).status).toBe(204);
    expect((await api.get(id)).status).toBe(404);
  });

  it("a console delete is immediate under eventual", async () => {
    emu.control.setReadings({ deleteMode: "eventual", deleteDelayMs: 60_000 });
    const { id } = (await api.create(validLogger())).body.flowlog_logger;
    expect(emu.control.deleteLogger("KR1", id)).toBe(true);
    expect((await api.get(id)).status).toBe(404);
  });
});
