import type { Emulator } from "../../emulator";
import { issueToken, KR1, KR1_PORT, nhn, STORAGE_URL, send, start, validLogger } from "./helpers";

describe("emulator NHN logger create validation", () => {
  let emu: Emulator;
  let api: ReturnType<typeof nhn>;
  beforeAll(async () => {
    emu = await start();
    api = nhn(emu, await issueToken(emu));
  });
  afterAll(() => emu.close());

  const { name: _omitName, ...withoutName } = validLogger();
  const { storage_url: _omitUrl, ...withoutUrl } = validLogger();
  const { resource_id: _omitId, ...withoutResourceId } = validLogger();
  const { storage_type: _omitType, ...withoutStorageType } = validLogger();

  it.each([
    { rule: "name is required", body: withoutName, field: "name", says: "Required attribute 'name'" },
    { rule: "resource_id is required", body: withoutResourceId, field: "resource_id", says: "Required" },
    { rule: "storage_type is required", body: withoutStorageType, field: "storage_type", says: "Required" },
    { rule: "storage_url is required", body: withoutUrl, field: "storage_url", says: "Required" },
    { rule: "name is not empty", body: validLogger({ name: "" }), field: "name", says: "1 to 255" },
    { rule: "name is at most 255", body: validLogger({ name: "n".repeat(256) }), field: "name", says: "255" },
    { rule: "name is a string", body: validLogger({ name: 7 }), field: "name", says: "string" },
    {
      rule: "resource_type is VPC, SUBNET or PORT",
      body: validLogger({ resource_type: "NIC" }),
      field: "resource_type",
      says: "'NIC' is not in ['VPC', 'SUBNET', 'PORT']",
    },
    {
      rule: "resource_id is a UUID",
      body: validLogger({ resource_id: "port-1" }),
      field: "resource_id",
      says: "UUID",
    },
    {
      rule: "resource_id exists in the region",
      body: validLogger({ resource_id: "dddddddd-0001-4000-8000-000000000000" }),
      field: "resource_id",
      says: "does not exist in region KR1",
    },
    {
      rule: "resource_id has the given type",
      body: validLogger({ resource_type: "VPC", resource_id: KR1_PORT.id }),
      field: "resource_id",
      says: `VPC ${KR1_PORT.id} does not exist`,
    },
    {
      rule: "filter is ALL, ACCEPT or DROP",
      body: validLogger({ filter: "DENY" }),
      field: "filter",
      says: "'ALL', 'ACCEPT', 'DROP'",
    },
    {
      rule: "aggregation_interval >= 1",
      body: validLogger({ aggregation_interval: 0 }),
      field: "aggregation_interval",
      says: "between 1 and 15",
    },
    {
      rule: "aggregation_interval <= 15",
      body: validLogger({ aggregation_interval: 16 }),
      field: "aggregation_interval",
      says: "between 1 and 15",
    },
    {
      rule: "aggregation_interval is an integer",
      body: validLogger({ aggregation_interval: 2.5 }),
      field: "aggregation_interval",
      says: "integer",
    },
    {
      rule: "aggregation_interval is a number",
      body: validLogger({ aggregation_interval: "10" }),
      field: "aggregation_interval",
      says: "integer",
    },
    {
      rule: "connection_setup_only is a boolean",
      body: validLogger({ connection_setup_only: "yes" }),
      field: "connection_setup_only",
      says: "boolean",
    },
    {
      rule: "storage_type is OBS",
      body: validLogger({ storage_type: "S3" }),
      field: "storage_type",
      says: "['OBS']",
    },
    {
      rule: "storage_url is https",
      body: validLogger({ storage_url: STORAGE_URL.replace("https", "http") }),
      field: "storage_url",
      says: "AUTH_{id}",
    },
    {
      rule: "storage_url has AUTH_",
      body: validLogger({ storage_url: "https://obs.example.com/v1/0123/flowlog" }),
      field: "storage_url",
      says: "AUTH_{id}",
    },
    {
      rule: "storage_url has a container",
      body: validLogger({ storage_url: "https://obs.example.com/v1/AUTH_0123" }),
      field: "storage_url",
      says: "{container}",
    },
    {
      rule: "log_format is CSV or PARQUET",
      body: validLogger({ log_format: "JSON" }),
      field: "log_format",
      says: "'CSV', 'PARQUET'",
    },
    {
      rule: "compression_type is RAW or GZIP",
      body: validLogger({ compression_type: "ZIP" }),
      field: "compression_type",
      says: "'RAW', 'GZIP'",
    },
    {
      rule: "customized_field names known fields",
      body: validLogger({ customized_field: "src_addr,colour" }),
      field: "customized_field",
      says: "'colour'",
    },
    {
      rule: "customized_field has no duplicates",
      body: validLogger({ customized_field: "src_addr,src_addr" }),
      field: "customized_field",
      says: "more than once",
    },
    {
      rule: "customized_field is not empty",
      body: validLogger({ customized_field: "" }),
      field: "customized_field",
      says: "unknown field",
    },
    {
      rule: "customized_file_name uses every variable",
      body: validLogger({ customized_file_name: "#{logger_id}_#{year}" }),
      field: "customized_file_name",
      says: "exactly once (#{month})",
    },
    {
      rule: "customized_file_name uses each variable once",
      body: validLogger({
        customized_file_name: "#{logger_id}#{logger_id}#{year}#{month}#{day}#{hour}#{minute}#{second}",
      }),
      field: "customized_file_name",
      says: "exactly once (#{logger_id})",
    },
    {
      rule: "customized_file_name uses only known variables",
      body: validLogger({
        customized_file_name: "#{logger_id}#{year}#{month}#{day}#{hour}#{minute}#{second}#{zone}",
      }),
      field: "customized_file_name",
      says: "#{zone}",
    },
    {
      rule: "partition_period is HOUR, DAY or a template",
      body: validLogger({ partition_period: "WEEK" }),
      field: "partition_period",
      says: "HOUR, DAY",
    },
    {
      rule: "a partition template uses known variables",
      body: validLogger({ partition_period: "#{minute}" }),
      field: "partition_period",
      says: "template",
    },
    {
      rule: "a partition template has no spaces",
      body: validLogger({ partition_period: "year #{year}" }),
      field: "partition_period",
      says: "template",
    },
    {
      rule: "admin_state_up is a boolean",
      body: validLogger({ admin_state_up: "true" }),
      field: "admin_state_up",
      says: "boolean",
    },
    {
      rule: "description is at most 255",
      body: validLogger({ description: "d".repeat(256) }),
      field: "description",
      says: "255",
    },
    {
      rule: "unknown attributes are refused",
      body: validLogger({ colour: "red" }),
      field: "colour",
      says: "Unrecognized attribute(s) 'colour'",
    },
    {
      rule: "status is server-set",
      body: validLogger({ status: "ACTIVE" }),
      field: "status",
      says: "not allowed in POST",
    },
  ])("rejects a create unless $rule", async ({ body, field, says }) => {
    const res = await api.create(body);
    expect(res.status).toBe(400);
    expect(res.body.NeutronError.type).toBe("HTTPBadRequest");
    expect(res.body.NeutronError.message).toContain(field);
    expect(res.body.NeutronError.message).toContain(says);
  });

  it("names the field and its allowed range in the Neutron body", async () => {
    const res = await api.create(validLogger({ aggregation_interval: 20 }));
    expect(res.body).toMatchInlineSnapshot(`
      {
        "NeutronError": {
          "detail": "",
          "message": "Invalid input for aggregation_interval. Reason: must be an integer between 1 and 15.",
          "type": "HTTPBadRequest",
        },
      }
    `);
  });

  it.each([
    ["a storage_url without /v1", "https://obs.example.com/AUTH_abc/flowlog"],
    ["a storage_url with a port and a deep path", "https://obs.example.com:8443/v1/AUTH_abc/flowlog/a/b/c"],
  ])("accepts %s", async (_name, storage_url) => {
    expect((await api.create(validLogger({ storage_url }))).status).toBe(201);
  });

  it.each([
    ["vm_id and every newer field", "vm_id,owner_id,owner_type,direction,transithub_drop_black_hole_bytes"],
    ["a single field", "bytes"],
  ])("accepts customized_field with %s", async (_name, customized_field) => {
    expect((await api.create(validLogger({ customized_field }))).status).toBe(201);
  });

  it.each([
    ["HOUR"],
    ["DAY"],
    ["year=#{year}/month=#{month}/day=#{day}"],
    ["#{year}-#{month}-#{day}_#{hour}:00"],
  ])("accepts partition_period %s", async (partition_period) => {
    expect((await api.create(validLogger({ partition_period }))).status).toBe(201);
  });

  it("accepts a VPC logger on a seeded VPC", async () => {
    const res = await api.create(validLogger({ resource_type: "VPC", resource_id: KR1.vpcs[0].id }));
    expect(res.status).toBe(201);
  });

  it.each([
    ["not JSON", "{"],
    ["not wrapped in flowlog_logger", JSON.stringify(validLogger())],
  ])("rejects a body that is %s with 400", async (_name, raw) => {
    const token = await issueToken(emu);
    const res = await send(`${emu.url}/network/kr1/v2.0/flowlog-loggers`, {
      method: "POST",
      headers: { "x-auth-token": token },
      body: raw,
    });
    expect(res.status).toBe(400);
    expect(res.body.NeutronError.type).toBe("HTTPBadRequest");
  });

  it("creates nothing when validation fails", async () => {
    const before = emu.control.loggers("KR1").length;
    await api.create(validLogger({ filter: "NONE" }));
    expect(emu.control.loggers("KR1")).toHaveLength(before);
  });
});

describe("emulator NHN logger update validation", () => {
  let emu: Emulator;
  let api: ReturnType<typeof nhn>;
  let id: string;
  beforeAll(async () => {
    emu = await start({ activationMs: 0 });
    api = nhn(emu, await issueToken(emu));
    id = (await api.create(validLogger())).body.flowlog_logger.id;
  });
  afterAll(() => emu.close());

  it.each([
    { rule: "name is given", body: { description: "d" }, field: "name", says: "Required attribute 'name'" },
    { rule: "name is not empty", body: { name: "" }, field: "name", says: "1 to 255" },
    { rule: "name is at most 255", body: { name: "n".repeat(256) }, field: "name", says: "1 to 255" },
    {
      rule: "admin_state_up is a boolean",
      body: { name: "web", admin_state_up: "yes" },
      field: "admin_state_up",
      says: "'yes' is not a valid boolean value",
    },
    {
      rule: "description is at most 255",
      body: { name: "web", description: "d".repeat(256) },
      field: "description",
      says: "255",
    },
  ])(
    "rejects an update unless $rule, naming the field, and changes nothing",
    async ({ body, field, says }) => {
      const before = (await api.get(id)).body.flowlog_logger;
      const res = await api.update(id, body);
      expect(res.status).toBe(400);
      expect(res.body.NeutronError.type).toBe("HTTPBadRequest");
      expect(res.body.NeutronError.message).toContain(field);
      expect(res.body.NeutronError.message).toContain(says);
      expect((await api.get(id)).body.flowlog_logger).toEqual(before);
    },
  );

  it("accepts a 255-character name", async () => {
    const res = await api.update(id, { name: "n".repeat(255), admin_state_up: true });
    expect(res.status).toBe(200);
    expect(res.body.flowlog_logger.name).toHaveLength(255);
  });

  it("treats an update without admin_state_up as admin_state_up true, its documented default", async () => {
    await api.update(id, { name: "web", admin_state_up: false });
    expect((await api.get(id)).body.flowlog_logger).toMatchObject({
      admin_state_up: false,
      status: "INACTIVE",
    });
    const res = await api.update(id, { name: "web" });
    expect(res.status).toBe(200);
    expect(res.body.flowlog_logger).toMatchObject({ admin_state_up: true, status: "ACTIVE" });
  });
});
