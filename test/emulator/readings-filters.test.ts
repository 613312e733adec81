import { DEFAULT_READINGS, type Emulator, type Readings } from "../../emulator";
import { issueToken, KR1, nhn, start, validLogger } from "./helpers";

type FilterMode = Readings["filterMode"];

describe("emulator readings: list filters", () => {
  let emu: Emulator;
  let api: ReturnType<typeof nhn>;
  /** Logger ids by name, in created order: a, b, c. */
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    emu = await start();
    api = nhn(emu, await issueToken(emu));
    const subnet = KR1.vpcs[1].subnets[0];
    for (const [name, extra] of [
      ["a", { partition_period: "HOUR", description: "first" }],
      ["b", { resource_type: "SUBNET", resource_id: subnet.id }],
      ["c", {}],
    ] as const) {
      ids[name] = (await api.create(validLogger({ name, ...extra }))).body.flowlog_logger.id;
    }
  });
  afterEach(() => emu.control.setReadings(DEFAULT_READINGS));
  afterAll(() => emu.close());

  const loggerNames = async (query: string) =>
    (await api.list(query)).body.flowlog_loggers.map((l: { name: string }) => l.name);

  const portOwners = async (query: string) => {
    const byId = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
    const ports = (await api.ports(query)).body.flowlog_logging_ports as Array<{ logger_id: string }>;
    return [...new Set(ports.map((p) => byId[p.logger_id]))];
  };

  describe("filterMode: a filter given more than once", () => {
    it.each<[FilterMode, string[]]>([
      ["or", ["a", "b"]],
      ["and", []],
      ["first", ["a"]],
      ["last", ["b"]],
      ["ignore", ["a", "b", "c"]],
    ])("under %s, ?name=a&name=b lists %j", async (filterMode, expected) => {
      emu.control.setReadings({ filterMode });
      expect(await loggerNames("?name=a&name=b")).toEqual(expected);
    });

    it("under and, matches when every value matches", async () => {
      emu.control.setReadings({ filterMode: "and" });
      expect(await loggerNames(`?id=${ids.c}&id=${ids.c}`)).toEqual(["c"]);
    });

    it.each<[FilterMode, string[]]>([
      ["or", ["a", "c"]],
      ["and", []],
      ["first", ["c"]],
      ["last", ["a"]],
      ["ignore", ["a", "b", "c"]],
    ])("under %s, logging ports ?logger_id=c&logger_id=a belong to %j", async (filterMode, expected) => {
      emu.control.setReadings({ filterMode });
      expect(await portOwners(`?logger_id=${ids.c}&logger_id=${ids.a}`)).toEqual(expected);
    });

    it.each([
      ["loggers", () => api.list("?name=a&status=ACTIVE&name=b"), "name"],
      ["logging ports", () => api.ports(`?logger_id=${ids.a}&logger_id=${ids.b}`), "logger_id"],
    ])("under reject, a repeated filter on %s is a 400 naming it", async (_list, call, param) => {
      emu.control.setReadings({ filterMode: "reject" });
      const res = await call();
      expect(res.status).toBe(400);
      expect(res.body.NeutronError).toEqual({
        type: "HTTPBadRequest",
        message: `Filter ${param} is given more than once; give one value`,
        detail: "",
      });
    });

    it.each<FilterMode>(["or", "and", "first", "last", "ignore", "reject"])(
      "under %s, a filter given once filters normally",
      async (filterMode) => {
        emu.control.setReadings({ filterMode });
        expect(await loggerNames("?name=b")).toEqual(["b"]);
        expect(await portOwners(`?logger_id=${ids.a}`)).toEqual(["a"]);
      },
    );
  });

  describe("unknownFilters", () => {
    it.each([
      ["an unknown parameter", "?colour=red", ["a", "b", "c"]],
      ["an attribute the document does not list", "?description=first", ["a"]],
      ["the attribute's spelling partition_period", "?partition_period=HOUR", ["a"]],
      ["the document's spelling partitioned_period", "?partitioned_period=HOUR", ["a"]],
      ["tenant_id", "?tenant_id=someone-else", []],
    ])("under ignore, %s is treated as Neutron does", async (_case, query, expected) => {
      expect(await loggerNames(query)).toEqual(expected);
    });

    it.each([
      ["id", () => `?id=${ids.a}`],
      ["name", () => "?name=a"],
      ["resource_type", () => "?resource_type=PORT"],
      ["resource_id", () => `?resource_id=${KR1.vpcs[1].subnets[0].id}`],
      ["filter", () => "?filter=ALL"],
      ["aggregation_interval", () => "?aggregation_interval=10"],
      ["storage_type", () => "?storage_type=OBS"],
      ["log_format", () => "?log_format=CSV"],
      ["compression_type", () => "?compression_type=RAW"],
      ["partitioned_period", () => "?partitioned_period=HOUR"],
      ["status", () => "?status=INACTIVE"],
    ])("under reject, the documented logger filter %s is accepted", async (_param, query) => {
      emu.control.setReadings({ unknownFilters: "reject" });
      expect((await api.list(query())).status).toBe(200);
    });

    it.each(["id", "logger_id", "port_id", "network_id"])(
      "under reject, the documented logging port filter %s is accepted",
      async (param) => {
        emu.control.setReadings({ unknownFilters: "reject" });
        expect((await api.ports(`?${param}=x`)).status).toBe(200);
      },
    );

    it.each([
      ["loggers", "an unknown parameter", () => api.list("?name=a&colour=red"), "colour"],
      ["loggers", "an undocumented attribute", () => api.list("?description=first"), "description"],
      [
        "loggers",
        "the spelling partition_period",
        () => api.list("?partition_period=HOUR"),
        "partition_period",
      ],
      ["loggers", "Neutron's fields parameter", () => api.list("?fields=id"), "fields"],
      ["logging ports", "tenant_id", () => api.ports("?tenant_id=x"), "tenant_id"],
    ])("under reject, %s refuse %s with a 400 naming it", async (_list, _case, call, param) => {
      emu.control.setReadings({ unknownFilters: "reject" });
      const res = await call();
      expect(res.status).toBe(400);
      expect(res.body.NeutronError).toEqual({
        type: "HTTPBadRequest",
        message: `${param} is invalid attribute for filtering`,
        detail: "",
      });
    });

    it("under reject, still filters by the documented parameters", async () => {
      emu.control.setReadings({ unknownFilters: "reject" });
      expect(await loggerNames("?partitioned_period=HOUR")).toEqual(["a"]);
      expect(await loggerNames("?resource_type=SUBNET")).toEqual(["b"]);
    });
  });
});
