import { DEFAULT_READINGS, type Emulator, type Readings } from "../../emulator";
import { issueToken, KR1, nhn, send, sleep, start, validLogger } from "./helpers";

const PORT_A = KR1.vpcs[0].subnets[0].ports[0].id;
const PORT_B = KR1.vpcs[0].subnets[0].ports[1].id;

type Scope = Readings["uniqueNames"];

describe("emulator readings: uniqueNames", () => {
  let emu: Emulator;
  let api: ReturnType<typeof nhn>;
  let otherTenant: ReturnType<typeof nhn>;
  let names = 0;
  /** A name no earlier test used. */
  const fresh = () => {
    names += 1;
    return `unique-${names}`;
  };
  beforeAll(async () => {
    emu = await start();
    api = nhn(emu, await issueToken(emu, "tenant-a"));
    otherTenant = nhn(emu, await issueToken(emu, "tenant-b"));
  });
  afterEach(() => emu.control.setReadings(DEFAULT_READINGS));
  afterAll(() => emu.close());

  const onPort = (name: string, port: string) => validLogger({ name, resource_id: port });

  it.each<[string, Scope, () => ReturnType<typeof nhn>, string, number]>([
    ["none: the same name on the same resource", "none", () => api, PORT_A, 201],
    ["resource: the same name on the same resource", "resource", () => api, PORT_A, 409],
    ["resource: the same name on another resource", "resource", () => api, PORT_B, 201],
    ["resource: another tenant's same name and resource", "resource", () => otherTenant, PORT_A, 201],
    ["tenant: the same name on another resource", "tenant", () => api, PORT_B, 409],
    ["tenant: another tenant's same name", "tenant", () => otherTenant, PORT_A, 201],
  ])("a second POST under %s answers %i", async (_case, uniqueNames, client, port, status) => {
    emu.control.setReadings({ uniqueNames });
    const name = fresh();
    const first = await api.create(onPort(name, PORT_A));
    expect(first.status).toBe(201);
    const second = await client().create(onPort(name, port));
    expect(second.status).toBe(status);
    if (status === 409) {
      expect(second.body.NeutronError).toEqual({
        type: "FlowlogLoggerNameInUse",
        message: `Flowlog logger name '${name}' is already in use (logger ${first.body.flowlog_logger.id})`,
        detail: "",
      });
    }
  });

  it.each<[Scope, string, number]>([
    ["none", PORT_A, 200],
    ["resource", PORT_A, 409],
    ["resource", PORT_B, 200],
    ["tenant", PORT_B, 409],
  ])(
    "under %s, a PUT renaming a logger on %s to a taken name answers %i",
    async (uniqueNames, port, status) => {
      emu.control.setReadings({ uniqueNames });
      const taken = fresh();
      const holder = (await api.create(onPort(taken, PORT_A))).body.flowlog_logger;
      const renamed = (await api.create(onPort(fresh(), port))).body.flowlog_logger;
      const res = await api.update(renamed.id, { name: taken });
      expect(res.status).toBe(status);
      if (status === 409) {
        expect(res.body.NeutronError.message).toBe(
          `Flowlog logger name '${taken}' is already in use (logger ${holder.id})`,
        );
        expect((await api.get(renamed.id)).body.flowlog_logger.name).toBe(renamed.name);
      }
    },
  );

  it("lets a PUT keep a logger's own name, even when a console edit made it a duplicate", async () => {
    emu.control.setReadings({ uniqueNames: "tenant" });
    const name = fresh();
    await api.create(onPort(name, PORT_A));
    const twin = (await api.create(onPort(fresh(), PORT_A))).body.flowlog_logger;
    emu.control.editLogger("KR1", twin.id, { name });
    expect((await api.update(twin.id, { name, description: "kept" })).status).toBe(200);
  });

  it("checks console-made loggers too: in process it throws, over HTTP it answers 409", async () => {
    emu.control.setReadings({ uniqueNames: "tenant" });
    const name = fresh();
    const { id } = (await api.create(onPort(name, PORT_A))).body.flowlog_logger;
    expect(() => emu.control.createLogger("KR1", onPort(name, PORT_B), "tenant-a")).toThrow(
      `Flowlog logger name '${name}' is already in use (logger ${id})`,
    );
    const res = await send(`${emu.url}/_emulator/nhn/KR1/loggers?tenant_id=tenant-a`, {
      method: "POST",
      body: onPort(name, PORT_B),
    });
    expect(res.status).toBe(409);
    expect(res.body.NeutronError.type).toBe("FlowlogLoggerNameInUse");
  });

  it("counts a logger pending an eventual deletion until it is gone", async () => {
    emu.control.setReadings({ uniqueNames: "resource", deleteMode: "eventual", deleteDelayMs: 150 });
    const name = fresh();
    const { id } = (await api.create(onPort(name, PORT_A))).body.flowlog_logger;
    expect((await api.remove(id)).status).toBe(204);
    expect((await api.create(onPort(name, PORT_A))).status).toBe(409);
    await sleep(200);
    expect((await api.create(onPort(name, PORT_A))).status).toBe(201);
  });

  it("answers the 409 in the errorBody reading's shape", async () => {
    emu.control.setReadings({ uniqueNames: "tenant", errorBody: "keystone" });
    const name = fresh();
    const { id } = (await api.create(onPort(name, PORT_A))).body.flowlog_logger;
    const res = await api.create(onPort(name, PORT_B));
    expect(res.body).toEqual({
      error: {
        code: 409,
        title: "Conflict",
        message: `Flowlog logger name '${name}' is already in use (logger ${id})`,
      },
    });
  });
});
