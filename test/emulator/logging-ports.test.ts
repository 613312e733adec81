import type { Emulator } from "../../emulator";
import { issueToken, KR1, nhn, start, validLogger } from "./helpers";

const vpc = KR1.vpcs[0];
const subnet = vpc.subnets[1];
const port = vpc.subnets[0].ports[2];
const vpcPortIds = vpc.subnets.flatMap((s) => s.ports.map((p) => p.id)).sort();

describe("emulator NHN flow log logging ports", () => {
  let emu: Emulator;
  let api: ReturnType<typeof nhn>;
  const loggerIds: Record<string, string> = {};
  beforeAll(async () => {
    emu = await start();
    api = nhn(emu, await issueToken(emu));
    for (const [type, id] of [
      ["PORT", port.id],
      ["SUBNET", subnet.id],
      ["VPC", vpc.id],
    ]) {
      const res = await api.create(validLogger({ name: `lp-${type}`, resource_type: type, resource_id: id }));
      loggerIds[type] = res.body.flowlog_logger.id;
    }
  });
  afterAll(() => emu.close());

  const portIdsOf = async (query: string) =>
    (await api.ports(query)).body.flowlog_logging_ports.map((p: { port_id: string }) => p.port_id).sort();

  it.each([
    ["a PORT logger logs its port", "PORT", () => [port.id]],
    ["a SUBNET logger logs every port of the subnet", "SUBNET", () => subnet.ports.map((p) => p.id).sort()],
    ["a VPC logger logs every port of the VPC", "VPC", () => vpcPortIds],
  ])("%s", async (_name, type, expected) => {
    expect(await portIdsOf(`?logger_id=${loggerIds[type]}`)).toEqual(expected());
  });

  it("renders a logging port with its VPC as network_id and the logger's tenant", async () => {
    const [first] = (await api.ports(`?logger_id=${loggerIds.PORT}`)).body.flowlog_logging_ports;
    expect(first).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      logger_id: loggerIds.PORT,
      port_id: port.id,
      network_id: vpc.id,
      tenant_id: "tenant-a",
      project_id: "tenant-a",
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
    });
  });

  it("keeps a logging port's id stable across reads, and GET one returns it", async () => {
    const [first] = (await api.ports(`?logger_id=${loggerIds.SUBNET}`)).body.flowlog_logging_ports;
    const [again] = (await api.ports(`?logger_id=${loggerIds.SUBNET}`)).body.flowlog_logging_ports;
    expect(again.id).toBe(first.id);
    const one = await api.port(first.id);
    expect(one.status).toBe(200);
    expect(one.body.flowlog_logging_port).toEqual(first);
  });

  it.each([
    ["port_id", () => `?port_id=${port.id}`, () => [port.id, port.id]],
    ["a network_id no logger covers", () => `?network_id=${KR1.vpcs[1].id}`, () => []],
    [
      "the network_id of a VPC logger's VPC, with its logger_id",
      () => `?logger_id=${loggerIds.VPC}&network_id=${vpc.id}`,
      () => vpcPortIds,
    ],
    [
      "the network_id every logger is in",
      () => `?network_id=${vpc.id}`,
      () => [port.id, ...subnet.ports.map((p) => p.id), ...vpcPortIds].sort(),
    ],
    [
      "repeated logger_id (OR)",
      () => `?logger_id=${loggerIds.PORT}&logger_id=${loggerIds.SUBNET}`,
      () => [port.id, ...subnet.ports.map((p) => p.id)].sort(),
    ],
  ])("filters by %s", async (_name, query, expected) => {
    expect(await portIdsOf(query())).toEqual(expected());
  });

  it("filters by id", async () => {
    const all = (await api.ports()).body.flowlog_logging_ports;
    const res = (await api.ports(`?id=${all[0].id}&id=${all[1].id}`)).body.flowlog_logging_ports;
    expect(res.map((p: { id: string }) => p.id)).toEqual([all[0].id, all[1].id]);
  });

  it("answers 404 Neutron-style for an unknown logging port", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    const res = await api.port(id);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      NeutronError: {
        type: "FlowlogLoggingPortNotFound",
        message: `Flowlog logging port ${id} could not be found.`,
        detail: "",
      },
    });
  });

  it("drops a logger's logging ports when the logger is deleted", async () => {
    const { id } = (await api.create(validLogger({ resource_type: "SUBNET", resource_id: subnet.id }))).body
      .flowlog_logger;
    expect(await portIdsOf(`?logger_id=${id}`)).toHaveLength(subnet.ports.length);
    await api.remove(id);
    expect(await portIdsOf(`?logger_id=${id}`)).toEqual([]);
  });

  it("hides other tenants' logging ports", async () => {
    const other = nhn(emu, await issueToken(emu, "tenant-b"));
    expect((await other.ports()).body.flowlog_logging_ports).toEqual([]);
  });
});
