import type { Emulator } from "../../emulator";
import { issueToken, nhn, sleep, start, validLogger } from "./helpers";

const DELAY_MS = 500;

describe("emulator slow backend: an after fault with delayMs", () => {
  let emu: Emulator;
  let api: ReturnType<typeof nhn>;
  beforeAll(async () => {
    emu = await start({ activationMs: 0 });
    api = nhn(emu, await issueToken(emu, "tenant-a"));
  });
  afterEach(() => emu.control.setFaults());
  afterAll(() => emu.close());

  const named = (name: string) => emu.control.loggers("KR1").filter((l) => l.name === name);
  const slowBackend = (kind: 502 | "drop", method: string) =>
    emu.control.setFaults({
      rate: 1,
      kinds: [kind],
      match: { method },
      after: true,
      delayMs: DELAY_MS,
      times: 1,
    });

  it("answers the 502 at once, creates the logger delayMs later, and notes that on the request's one log entry", async () => {
    slowBackend(502, "POST");
    emu.control.clearRequests();
    expect((await api.create(validLogger({ name: "late-502" }))).status).toBe(502);
    expect(named("late-502")).toEqual([]);
    const [pending] = emu.control.requests();
    expect(pending).toMatchObject({ method: "POST", status: 502, fault: "502-after-late" });
    expect(pending).not.toHaveProperty("lateStatus");

    await sleep(DELAY_MS + 100);
    const [created] = named("late-502");
    expect(created).toBeDefined();
    const entries = emu.control.requests();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      status: 502,
      fault: "502-after-late",
      lateStatus: 201,
      loggerId: created.id,
    });
    expect(entries[0].lateAt).toBeGreaterThanOrEqual(entries[0].at + DELAY_MS);
  });

  it("drops the connection at once and still creates the logger later", async () => {
    slowBackend("drop", "POST");
    await expect(api.create(validLogger({ name: "late-drop" }))).rejects.toThrow();
    expect(named("late-drop")).toEqual([]);
    await sleep(DELAY_MS + 100);
    expect(named("late-drop")).toHaveLength(1);
    expect(emu.control.requests().at(-1)).toMatchObject({
      status: 0,
      fault: "drop-after-late",
      lateStatus: 201,
    });
  });

  it("processes the request as received: the caller's token decides the owner", async () => {
    const other = nhn(emu, await issueToken(emu, "tenant-b"));
    slowBackend(502, "POST");
    expect((await other.create(validLogger({ name: "late-owner" }))).status).toBe(502);
    await sleep(DELAY_MS + 100);
    expect(named("late-owner")).toEqual([expect.objectContaining({ tenant_id: "tenant-b" })]);
  });

  it("keeps a late-deleted logger until the delay has passed, and answers other calls meanwhile", async () => {
    const { id } = (await api.create(validLogger({ name: "late-delete" }))).body.flowlog_logger;
    slowBackend(502, "DELETE");
    expect((await api.remove(id)).status).toBe(502);
    expect((await api.get(id)).status).toBe(200);
    await sleep(DELAY_MS + 100);
    expect((await api.get(id)).status).toBe(404);
    expect(emu.control.requests().find((r) => r.method === "DELETE")).toMatchObject({ lateStatus: 204 });
  });

  it("with delayMs 0 processes before answering, as a plain after fault", async () => {
    emu.control.setFaults({
      rate: 1,
      kinds: [502],
      match: { method: "POST" },
      after: true,
      delayMs: 0,
      times: 1,
    });
    expect((await api.create(validLogger({ name: "not-late" }))).status).toBe(502);
    expect(named("not-late")).toHaveLength(1);
    expect(emu.control.requests().at(-1)).toMatchObject({ fault: "502-after" });
  });

  it("is cancelled by close(): nothing is processed after the emulator closed", async () => {
    const other = await start();
    const client = nhn(other, await issueToken(other));
    other.control.setFaults({ rate: 1, kinds: [502], after: true, delayMs: 100, match: { method: "POST" } });
    expect((await client.create(validLogger({ name: "never" }))).status).toBe(502);
    await other.close();
    await sleep(200);
    expect(other.control.loggers("KR1")).toEqual([]);
    expect(other.control.requests()[1]).not.toHaveProperty("lateAt");
  });
});
