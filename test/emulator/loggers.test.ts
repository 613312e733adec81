import type { Emulator } from "../../emulator";
import { DEFAULT_SEED } from "../../emulator";
import { issueToken, KR1, KR1_PORT, nhn, STORAGE_URL, send, sleep, start, validLogger } from "./helpers";

const ZONELESS = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const ZONELESS_MICROS = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/;
const ACTIVATION_MS = 80;

describe("emulator NHN flow log loggers", () => {
  let emu: Emulator;
  let api: ReturnType<typeof nhn>;
  beforeAll(async () => {
    emu = await start({ activationMs: ACTIVATION_MS });
    api = nhn(emu, await issueToken(emu, "tenant-a"));
  });
  afterAll(() => emu.close());

  it("creates a logger with the documented defaults, in BUILD, owned by the token's tenant", async () => {
    const res = await api.create(validLogger());
    expect(res.status).toBe(201);
    expect(res.body.flowlog_logger).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      name: "web",
      description: "",
      resource_type: "PORT",
      resource_id: KR1_PORT.id,
      filter: "ALL",
      aggregation_interval: 10,
      connection_setup_only: false,
      storage_type: "OBS",
      storage_url: STORAGE_URL,
      log_format: "CSV",
      compression_type: "RAW",
      customized_field:
        "timestamp_start,timestamp_end,interface_id,vm_id,subnet_id,vpc_id,region,protocol,src_addr,dst_addr,src_port,dst_port,tcp_flag,packets,bytes,filter,status",
      partition_period: "DAY",
      admin_state_up: true,
      status: "BUILD",
      error_type: "",
      tenant_id: "tenant-a",
      project_id: "tenant-a",
      created_at: expect.stringMatching(ZONELESS),
      updated_at: expect.stringMatching(ZONELESS),
    });
  });

  it("keeps every attribute given at create, including the customized field order", async () => {
    const given = validLogger({
      name: "all-fields",
      description: "d",
      resource_type: "SUBNET",
      resource_id: KR1.vpcs[0].subnets[1].id,
      filter: "DROP",
      aggregation_interval: 1,
      connection_setup_only: true,
      log_format: "PARQUET",
      compression_type: "GZIP",
      customized_field: "status,src_addr,owner_id",
      customized_file_name: "#{year}#{month}#{day}-#{hour}#{minute}#{second}-#{logger_id}",
      partition_period: "year=#{year}/month=#{month}",
    });
    const res = await api.create(given);
    const shown: Record<string, unknown> = { ...given };
    delete shown.customized_file_name;
    expect(res.body.flowlog_logger).toMatchObject(shown);
    // Accepted on create, but no response in the API document shows it.
    expect(res.body.flowlog_logger).not.toHaveProperty("customized_file_name");
  });

  it("reads back what GET one and the list return, and the control sees the same", async () => {
    const { body } = await api.create(validLogger({ name: "read-back" }));
    const id = body.flowlog_logger.id;
    // Past BUILD, so the three reads cannot straddle the status change.
    await sleep(ACTIVATION_MS + 20);
    const one = await api.get(id);
    expect(one.status).toBe(200);
    expect(one.body.flowlog_logger.id).toBe(id);
    const listed = (await api.list()).body.flowlog_loggers.find((l: { id: string }) => l.id === id);
    expect(listed).toEqual(one.body.flowlog_logger);
    expect(emu.control.loggers("KR1").find((l) => l.id === id)).toEqual(one.body.flowlog_logger);
  });

  it("moves from BUILD to ACTIVE after the activation time and bumps updated_at", async () => {
    // A full second of BUILD, so that the second-resolution updated_at visibly moves.
    emu.control.setActivationMs(1000);
    const created = (await api.create(validLogger({ name: "activates" }))).body.flowlog_logger;
    emu.control.setActivationMs(ACTIVATION_MS);
    expect((await api.get(created.id)).body.flowlog_logger.status).toBe("BUILD");
    await sleep(1050);
    const later = (await api.get(created.id)).body.flowlog_logger;
    expect(later.status).toBe("ACTIVE");
    expect(later.error_type).toBe("");
    expect(later.updated_at > created.updated_at).toBe(true);
    expect(later.created_at).toBe(created.created_at);
  });

  it("ends in ERROR with OBSConfigurationError when the container is not granted", async () => {
    const url = STORAGE_URL.replace("/flowlog/", "/no-such-container/");
    const { id } = (await api.create(validLogger({ storage_url: url }))).body.flowlog_logger;
    await sleep(ACTIVATION_MS + 20);
    expect((await api.get(id)).body.flowlog_logger).toMatchObject({
      status: "ERROR",
      error_type: "OBSConfigurationError",
    });
  });

  it("is INACTIVE from the start when created with admin_state_up false", async () => {
    const res = await api.create(validLogger({ admin_state_up: false }));
    expect(res.body.flowlog_logger.status).toBe("INACTIVE");
  });

  it("updates name and description, with microseconds in updated_at", async () => {
    const { id } = (await api.create(validLogger())).body.flowlog_logger;
    // Once active: leaving BUILD is itself an update, stamped in whole milliseconds.
    await sleep(ACTIVATION_MS + 20);
    const res = await api.update(id, { name: "renamed", description: "now described" });
    expect(res.status).toBe(200);
    expect(res.body.flowlog_logger).toMatchObject({ name: "renamed", description: "now described" });
    expect(res.body.flowlog_logger.updated_at).toMatch(ZONELESS_MICROS);
    expect(res.body.flowlog_logger.created_at).toMatch(ZONELESS);
  });

  it("goes INACTIVE at once on admin_state_up false, then BUILD and ACTIVE again on true", async () => {
    const { id } = (await api.create(validLogger())).body.flowlog_logger;
    await sleep(ACTIVATION_MS + 20);
    expect((await api.update(id, { name: "web", admin_state_up: false })).body.flowlog_logger.status).toBe(
      "INACTIVE",
    );
    expect((await api.get(id)).body.flowlog_logger.status).toBe("INACTIVE");
    expect((await api.update(id, { name: "web", admin_state_up: true })).body.flowlog_logger.status).toBe(
      "BUILD",
    );
    await sleep(ACTIVATION_MS + 20);
    expect((await api.get(id)).body.flowlog_logger.status).toBe("ACTIVE");
  });

  it.each([
    ["resource_type", "VPC"],
    ["resource_id", KR1_PORT.id],
    ["filter", "DROP"],
    ["aggregation_interval", 5],
    ["connection_setup_only", true],
    ["storage_type", "OBS"],
    ["storage_url", STORAGE_URL],
    ["log_format", "PARQUET"],
    ["compression_type", "GZIP"],
    ["customized_field", "status"],
    ["customized_file_name", "x"],
    ["partition_period", "HOUR"],
    ["status", "ACTIVE"],
    ["created_at", "2024-01-01 00:00:00"],
  ])("refuses to update the read-only attribute %s", async (field, value) => {
    const { id } = (await api.create(validLogger())).body.flowlog_logger;
    const res = await api.update(id, { [field]: value });
    expect(res.status).toBe(400);
    expect(res.body.NeutronError.message).toBe(`Cannot update read-only attribute ${field}`);
  });

  it("refuses an unknown attribute in an update", async () => {
    const { id } = (await api.create(validLogger())).body.flowlog_logger;
    const res = await api.update(id, { colour: "red" });
    expect(res.body.NeutronError.message).toBe("Unrecognized attribute(s) 'colour'");
  });

  it("deletes with 204 and no body, then answers 404 Neutron-style", async () => {
    const { id } = (await api.create(validLogger())).body.flowlog_logger;
    const res = await api.remove(id);
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    const gone = await api.get(id);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({
      NeutronError: {
        type: "FlowlogLoggerNotFound",
        message: `Flowlog logger ${id} could not be found.`,
        detail: "",
      },
    });
    expect((await api.remove(id)).status).toBe(404);
    expect((await api.update(id, { name: "x" })).status).toBe(404);
  });

  it("answers 404 for an id that is not a UUID", async () => {
    const res = await api.get("not-a-uuid");
    expect(res.status).toBe(404);
    expect(res.body.NeutronError.type).toBe("FlowlogLoggerNotFound");
  });

  describe("list filters", () => {
    let ids: string[];
    beforeAll(async () => {
      const subnet = KR1.vpcs[1].subnets[0];
      const made = await Promise.all([
        api.create(
          validLogger({ name: "f-1", filter: "ACCEPT", aggregation_interval: 3, partition_period: "HOUR" }),
        ),
        api.create(
          validLogger({
            name: "f-2",
            resource_type: "SUBNET",
            resource_id: subnet.id,
            log_format: "PARQUET",
          }),
        ),
        api.create(validLogger({ name: "f-3", compression_type: "GZIP", admin_state_up: false })),
      ]);
      ids = made.map((res) => res.body.flowlog_logger.id);
    });

    const names = async (query: string) =>
      (await api.list(query)).body.flowlog_loggers
        .map((l: { name: string }) => l.name)
        .filter((n: string) => n.startsWith("f-"));

    it.each([
      ["name", "?name=f-2", ["f-2"]],
      ["filter", "?filter=ACCEPT", ["f-1"]],
      ["resource_type", "?resource_type=SUBNET", ["f-2"]],
      ["aggregation_interval", "?aggregation_interval=3", ["f-1"]],
      ["log_format", "?log_format=PARQUET", ["f-2"]],
      ["compression_type", "?compression_type=GZIP", ["f-3"]],
      ["partition_period", "?partition_period=HOUR", ["f-1"]],
      ["partitioned_period (the document's spelling)", "?partitioned_period=HOUR", ["f-1"]],
      ["status", "?status=INACTIVE", ["f-3"]],
      ["storage_type", "?storage_type=OBS&name=f-1", ["f-1"]],
      ["tenant_id", "?tenant_id=tenant-a&name=f-3", ["f-3"]],
      ["project_id of another tenant", "?project_id=tenant-b", []],
      ["several attributes at once (AND)", "?filter=ALL&log_format=CSV", ["f-3"]],
    ])("filters by %s", async (_name, query, expected) => {
      expect(await names(query)).toEqual(expected);
    });

    it("treats repeated ids as OR, in created order", async () => {
      expect(await names(`?id=${ids[2]}&id=${ids[0]}`)).toEqual(["f-1", "f-3"]);
    });

    it("filters by resource_id", async () => {
      const list = (await api.list(`?resource_id=${KR1.vpcs[1].subnets[0].id}`)).body.flowlog_loggers;
      expect(list.map((l: { id: string }) => l.id)).toEqual([ids[1]]);
    });
  });

  it("keeps regions apart: a KR2 logger is invisible in KR1", async () => {
    const token = await issueToken(emu, "tenant-a");
    const kr2 = nhn(emu, token, "kr2");
    const port = DEFAULT_SEED.nhn.regions.KR2.vpcs[0].subnets[0].ports[0];
    const { id } = (await kr2.create(validLogger({ resource_id: port.id }))).body.flowlog_logger;
    expect((await kr2.get(id)).status).toBe(200);
    expect((await api.get(id)).status).toBe(404);
    expect((await api.list(`?id=${id}`)).body.flowlog_loggers).toEqual([]);
  });

  it("keeps tenants apart: another tenant's logger is a 404", async () => {
    const other = nhn(emu, await issueToken(emu, "tenant-b"));
    const { id } = (await other.create(validLogger())).body.flowlog_logger;
    expect((await api.get(id)).status).toBe(404);
    expect((await api.remove(id)).status).toBe(404);
    expect((await other.get(id)).status).toBe(200);
  });

  it("answers 404 for a region the catalog does not list", async () => {
    const res = await send(`${emu.url}/network/kr9/v2.0/flowlog-loggers`);
    expect(res.status).toBe(404);
  });
});
