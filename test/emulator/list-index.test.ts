import type { Emulator } from "../../emulator";
import { issueToken, KR1, nhn, sleep, start, validLogger } from "./helpers";

// Lists answer ?id=, ?name=, ?logger_id= and markers from indexes the store keeps as loggers change.
describe("emulator lists: the indexes follow every change", () => {
  let emu: Emulator;
  let api: ReturnType<typeof nhn>;
  beforeAll(async () => {
    emu = await start({ seedLoggers: 3, seedLoggersTenantId: "tenant-a" });
    api = nhn(emu, await issueToken(emu, "tenant-a"));
  });
  afterAll(() => emu.close());

  const names = async (query = "") =>
    (await api.list(query)).body.flowlog_loggers.map((l: { name: string }) => l.name);
  const idOf = async (name: string) => (await api.list(`?name=${name}`)).body.flowlog_loggers[0].id;

  it("a PUT rename is found by its new name and no longer by its old", async () => {
    const id = (await api.create(validLogger({ name: "before" }))).body.flowlog_logger.id;
    await api.update(id, { name: "after" });
    expect(await names("?name=before")).toEqual([]);
    expect(await names("?name=after")).toEqual(["after"]);
    await api.remove(id);
    expect(await names("?name=after")).toEqual([]);
  });

  it("a console edit of created_at moves the logger in list order, and markers follow", async () => {
    const id = await idOf("seeded-000003");
    emu.control.editLogger("KR1", id, { created_at: "2001-01-01 00:00:00" });
    expect(await names()).toEqual(["seeded-000003", "seeded-000001", "seeded-000002"]);
    expect(await names(`?marker=${id}`)).toEqual(["seeded-000001", "seeded-000002"]);
  });

  it("a console edit of resource_id gives logging ports found by ?id= and ?logger_id=", async () => {
    const id = await idOf("seeded-000002");
    const vpc = KR1.vpcs[1];
    emu.control.editLogger("KR1", id, { resource_type: "VPC", resource_id: vpc.id });
    const ports = (await api.ports(`?logger_id=${id}`)).body.flowlog_logging_ports;
    expect(ports.map((p: { network_id: string }) => p.network_id)).toEqual(
      vpc.subnets[0].ports.map(() => vpc.id),
    );
    for (const port of ports) {
      expect((await api.ports(`?id=${port.id}`)).body.flowlog_logging_ports).toEqual([port]);
    }
  });

  it("a logger deleted eventually is listed by ?id= until its time, then by nothing", async () => {
    emu.control.setReadings({ deleteMode: "eventual", deleteDelayMs: 50 });
    try {
      const id = (await api.create(validLogger({ name: "fading" }))).body.flowlog_logger.id;
      expect((await api.remove(id)).status).toBe(204);
      expect(await names(`?id=${id}`)).toEqual(["fading"]);
      await sleep(80);
      expect(await names(`?id=${id}`)).toEqual([]);
      expect(await names("?name=fading")).toEqual([]);
      expect((await api.list(`?marker=${id}`)).status).toBe(400);
    } finally {
      emu.control.setReadings({ deleteMode: "immediate" });
    }
  });

  it("a console delete leaves every index at once", async () => {
    const id = (await api.create(validLogger({ name: "console-gone" }))).body.flowlog_logger.id;
    const port = (await api.ports(`?logger_id=${id}`)).body.flowlog_logging_ports[0].id;
    expect(emu.control.deleteLogger("KR1", id)).toBe(true);
    expect(await names(`?id=${id}`)).toEqual([]);
    expect((await api.ports(`?id=${port}`)).body.flowlog_logging_ports).toEqual([]);
    expect((await api.port(port)).status).toBe(404);
  });
});
