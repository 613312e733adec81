import type { Emulator } from "../../emulator";
import { issueToken, nhn, start, validLogger } from "./helpers";

describe("emulator tenants: two tenants on one emulator", () => {
  let emu: Emulator;
  let a: ReturnType<typeof nhn>;
  let b: ReturnType<typeof nhn>;
  /** Logger ids by tenant. */
  const ids = { a: "", b: "" };
  /** A logging port id by tenant. */
  const portIds = { a: "", b: "" };

  beforeAll(async () => {
    emu = await start({ readings: { uniqueNames: "tenant" } });
    a = nhn(emu, await issueToken(emu, "tenant-a"));
    b = nhn(emu, await issueToken(emu, "tenant-b"));
    // The same name in both: a per-tenant rule must not see the other tenant's.
    ids.a = (await a.create(validLogger({ name: "web" }))).body.flowlog_logger.id;
    ids.b = (await b.create(validLogger({ name: "web" }))).body.flowlog_logger.id;
    portIds.a = (await a.ports()).body.flowlog_logging_ports[0].id;
    portIds.b = (await b.ports()).body.flowlog_logging_ports[0].id;
  });
  afterAll(() => emu.close());

  const listedIds = async (api: typeof a, query = "") =>
    (await api.list(query)).body.flowlog_loggers.map((l: { id: string }) => l.id);

  it("each lists only its own loggers and logging ports", async () => {
    expect(await listedIds(a)).toEqual([ids.a]);
    expect(await listedIds(b)).toEqual([ids.b]);
    expect((await a.ports()).body.flowlog_logging_ports.map((p: { id: string }) => p.id)).toEqual([
      portIds.a,
    ]);
  });

  it.each([
    ["by id", (other: string) => `?id=${other}`],
    ["by name", () => "?name=web"],
    ["by the other tenant_id", () => "?tenant_id=tenant-b"],
  ])("finds none of the other's loggers filtering %s", async (_case, query) => {
    expect(await listedIds(a, query(ids.b))).not.toContain(ids.b);
  });

  it("cannot get, update or delete the other's logger: 404, and it is left as it was", async () => {
    expect((await a.get(ids.b)).status).toBe(404);
    expect((await a.update(ids.b, { name: "taken" })).status).toBe(404);
    expect((await a.remove(ids.b)).status).toBe(404);
    expect((await b.get(ids.b)).body.flowlog_logger).toMatchObject({ name: "web", tenant_id: "tenant-b" });
  });

  it("cannot get the other's logging port, nor page from it", async () => {
    expect((await a.port(portIds.b)).status).toBe(404);
    expect((await a.ports(`?marker=${portIds.b}`)).status).toBe(400);
    expect((await a.list(`?marker=${ids.b}`)).status).toBe(400);
  });

  it("manages its own: update and delete work for the owner", async () => {
    const own = (await a.create(validLogger({ name: "mine" }))).body.flowlog_logger.id;
    expect((await a.update(own, { name: "still-mine" })).status).toBe(200);
    expect(await listedIds(b)).toEqual([ids.b]);
    expect((await a.remove(own)).status).toBe(204);
    expect(await listedIds(a)).toEqual([ids.a]);
  });

  it("shows both tenants' loggers, with their tenant_id, to control.loggers", () => {
    const shown = emu.control.loggers("KR1").map(({ id, tenant_id }) => ({ id, tenant_id }));
    // Both made in the same millisecond, perhaps: the order between them is then by id.
    expect(shown).toHaveLength(2);
    expect(shown).toEqual(
      expect.arrayContaining([
        { id: ids.a, tenant_id: "tenant-a" },
        { id: ids.b, tenant_id: "tenant-b" },
      ]),
    );
  });
});
