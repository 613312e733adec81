import { get } from "node:http";
import { DEFAULT_READINGS, type Emulator, type Readings } from "../../emulator";
import { issueToken, type Response, send, start } from "./helpers";

const TENANT = "tenant-a";
// Seeded loggers sit on the region's VPC, subnet, ports in turn: 3, 4, 5 and 7 are on a PORT.
const NAMES = [1, 2, 3, 4, 5, 6, 7].map((n) => `seeded-00000${n}`);
const ON_PORTS = ["seeded-000003", "seeded-000004", "seeded-000005", "seeded-000007"];
const UNKNOWN = "dddddddd-0000-4000-8000-000000000000";
const MISSING = `marker ${UNKNOWN} not found`;

interface Item {
  id: string;
  name?: string;
}
interface Link {
  rel: string;
  href: string;
}

describe("emulator readings: paging of lists", () => {
  let emu: Emulator;
  let headers: Record<string, string>;
  let base: string;
  /** Logger ids by name. */
  const ids: Record<string, string> = {};
  /** Every logging port id, in list order. */
  let portIds: string[];

  beforeAll(async () => {
    emu = await start({ seedLoggers: 7, seedLoggersTenantId: TENANT });
    headers = { "x-auth-token": await issueToken(emu, TENANT) };
    base = `${emu.url}/network/kr1/v2.0`;
    for (const logger of (await loggers("")).body.flowlog_loggers) ids[logger.name] = logger.id;
    portIds = (await ports("")).body.flowlog_logging_ports.map((p: Item) => p.id);
  });
  afterEach(() => emu.control.setReadings(DEFAULT_READINGS));
  afterAll(() => emu.close());

  const loggers = (query: string) => send(`${base}/flowlog-loggers${query}`, { headers });
  const ports = (query: string) => send(`${base}/flowlog-logging-ports${query}`, { headers });
  const names = (res: Response) => res.body.flowlog_loggers.map((l: Item) => l.name);
  const linksOf = (res: Response): Link[] | undefined =>
    res.body.flowlog_loggers_links ?? res.body.flowlog_logging_ports_links;
  const hrefOf = (res: Response, rel: string) => linksOf(res)?.find((l) => l.rel === rel)?.href;

  /** Every item of every page, following next links from `first`, and how many pages it took. */
  async function follow(first: string, key: string) {
    const items: Item[] = [];
    let url: string | undefined = first;
    let pages = 0;
    while (url !== undefined && pages < 50) {
      const res = await send(url, { headers });
      expect(res.status).toBe(200);
      items.push(...res.body[key]);
      url = hrefOf(res, "next");
      pages += 1;
    }
    return { ids: items.map((item) => item.id), pages };
  }

  it("starts with every seeded logger, in name order, on one page without links", async () => {
    const res = await loggers("");
    expect(names(res)).toEqual(NAMES);
    expect(res.body).not.toHaveProperty("flowlog_loggers_links");
  });

  describe("paging honor (the default)", () => {
    it("?limit=3 answers the first three and a next link to the rest: same path and query, marker and limit", async () => {
      const res = await loggers("?limit=3");
      expect(names(res)).toEqual(NAMES.slice(0, 3));
      expect(res.body.flowlog_loggers_links).toEqual([
        { rel: "next", href: `${base}/flowlog-loggers?limit=3&marker=${ids["seeded-000003"]}` },
      ]);
    });

    it.each([1, 2, 3, 6, 7, 100])(
      "following every next link from ?limit=%d returns every logger exactly once",
      async (limit) => {
        const { ids: seen, pages } = await follow(
          `${base}/flowlog-loggers?limit=${limit}`,
          "flowlog_loggers",
        );
        expect(seen).toEqual(NAMES.map((name) => ids[name]));
        expect(pages).toBe(Math.max(1, Math.ceil(7 / limit)));
      },
    );

    it.each([1, 4, 14])(
      "following every next link of logging ports from ?limit=%d returns every port exactly once",
      async (limit) => {
        const url = `${base}/flowlog-logging-ports?limit=${limit}`;
        expect((await follow(url, "flowlog_logging_ports")).ids).toEqual(portIds);
      },
    );

    it("names the logging ports' links flowlog_logging_ports_links", async () => {
      const res = await ports("?limit=2");
      expect(res.body.flowlog_logging_ports.map((p: Item) => p.id)).toEqual(portIds.slice(0, 2));
      expect(res.body.flowlog_logging_ports_links).toEqual([
        { rel: "next", href: `${base}/flowlog-logging-ports?limit=2&marker=${portIds[1]}` },
      ]);
    });

    it("a last page that is exactly full carries no next link", async () => {
      const res = await loggers(`?limit=2&marker=${ids["seeded-000005"]}`);
      expect(names(res)).toEqual(["seeded-000006", "seeded-000007"]);
      expect(hrefOf(res, "next")).toBeUndefined();
    });

    it("?marker starts the page after that logger", async () => {
      expect(names(await loggers(`?marker=${ids["seeded-000004"]}`))).toEqual(NAMES.slice(4));
    });

    it("a page after the first links back to the page before it with page_reverse", async () => {
      const second = await send((await loggers("?limit=2")).body.flowlog_loggers_links[0].href, { headers });
      expect(names(second)).toEqual(["seeded-000003", "seeded-000004"]);
      const previous = hrefOf(second, "previous");
      expect(previous).toBe(
        `${base}/flowlog-loggers?limit=2&marker=${ids["seeded-000003"]}&page_reverse=True`,
      );
      const back = await send(previous as string, { headers });
      expect(names(back)).toEqual(["seeded-000001", "seeded-000002"]);
      expect(linksOf(back)).toEqual([
        { rel: "next", href: `${base}/flowlog-loggers?limit=2&marker=${ids["seeded-000002"]}` },
      ]);
    });

    it("?page_reverse=true without a marker answers the last page", async () => {
      expect(names(await loggers("?limit=3&page_reverse=true"))).toEqual(NAMES.slice(4));
    });

    it("limit=0 is Neutron's no limit", async () => {
      expect(names(await loggers("?limit=0"))).toEqual(NAMES);
    });

    it.each(["abc", "-1", "2.5", ""])("answers 400 to ?limit=%s", async (limit) => {
      const res = await loggers(`?limit=${limit}`);
      expect(res.status).toBe(400);
      expect(res.body.NeutronError.message).toBe(`Limit must be an integer 0 or greater and not '${limit}'`);
    });

    it("answers 400 to a page_reverse that is no boolean", async () => {
      const res = await loggers("?page_reverse=maybe");
      expect(res.status).toBe(400);
      expect(res.body.NeutronError.message).toBe("'maybe' cannot be converted to boolean");
    });

    it.each<[Readings["errorBody"], (res: Response) => unknown, unknown]>([
      [
        "neutron",
        (res) => res.body,
        { NeutronError: { type: "HTTPBadRequest", message: MISSING, detail: "" } },
      ],
      ["keystone", (res) => res.body, { error: { code: 400, title: "Bad Request", message: MISSING } }],
      ["text", (res) => res.text, MISSING],
    ])(
      "under errorBody %s, an unknown marker answers 400 'marker <id> not found'",
      async (errorBody, body, expected) => {
        emu.control.setReadings({ errorBody });
        const res = await loggers(`?limit=2&marker=${UNKNOWN}`);
        expect(res.status).toBe(400);
        expect(body(res)).toEqual(expected);
      },
    );

    it("a logging port marker must be a logging port of the caller's", async () => {
      const res = await ports(`?marker=${ids["seeded-000001"]}`);
      expect(res.status).toBe(400);
      expect(res.body.NeutronError.message).toBe(`marker ${ids["seeded-000001"]} not found`);
    });

    it("paging parameters are no filters, even under unknownFilters reject", async () => {
      emu.control.setReadings({ unknownFilters: "reject" });
      const res = await loggers(`?limit=2&marker=${ids["seeded-000001"]}&page_reverse=false`);
      expect(res.status).toBe(200);
      expect(names(res)).toEqual(["seeded-000002", "seeded-000003"]);
    });
  });

  describe("filters and paging together", () => {
    it("filters first, then pages what is left, and the links keep the filter", async () => {
      const first = await loggers("?resource_type=PORT&limit=2");
      expect(names(first)).toEqual(ON_PORTS.slice(0, 2));
      const next = hrefOf(first, "next");
      expect(next).toBe(`${base}/flowlog-loggers?resource_type=PORT&limit=2&marker=${ids["seeded-000004"]}`);
      const second = await send(next as string, { headers });
      expect(names(second)).toEqual(ON_PORTS.slice(2));
      expect(hrefOf(second, "next")).toBeUndefined();
    });

    it("a marker the filters leave out still places the page", async () => {
      const res = await loggers(`?resource_type=PORT&marker=${ids["seeded-000006"]}`);
      expect(names(res)).toEqual(["seeded-000007"]);
    });

    it("a repeated name filter pages through what it keeps", async () => {
      const query = "?name=seeded-000006&name=seeded-000002&name=seeded-000004&limit=2";
      const { ids: seen } = await follow(`${base}/flowlog-loggers${query}`, "flowlog_loggers");
      expect(seen).toEqual(["seeded-000002", "seeded-000004", "seeded-000006"].map((name) => ids[name]));
    });

    it("logging ports filtered by logger page through that logger's ports", async () => {
      const query = `?logger_id=${ids["seeded-000001"]}&limit=2`;
      const { ids: seen, pages } = await follow(
        `${base}/flowlog-logging-ports${query}`,
        "flowlog_logging_ports",
      );
      expect(seen).toEqual(portIds.slice(0, 5));
      expect(pages).toBe(3);
    });
  });

  describe("pageSize", () => {
    it("bounds a list given no limit, with a next link carrying the page size", async () => {
      emu.control.setReadings({ pageSize: 3 });
      const res = await loggers("");
      expect(names(res)).toEqual(NAMES.slice(0, 3));
      expect(hrefOf(res, "next")).toBe(`${base}/flowlog-loggers?marker=${ids["seeded-000003"]}&limit=3`);
      expect((await follow(`${base}/flowlog-loggers`, "flowlog_loggers")).pages).toBe(3);
    });

    it("cuts an explicit bigger limit to itself", async () => {
      emu.control.setReadings({ pageSize: 3 });
      const res = await loggers("?limit=5");
      expect(names(res)).toEqual(NAMES.slice(0, 3));
      expect(hrefOf(res, "next")).toBe(`${base}/flowlog-loggers?limit=3&marker=${ids["seeded-000003"]}`);
    });

    it("leaves a smaller limit alone", async () => {
      emu.control.setReadings({ pageSize: 3 });
      expect(names(await loggers("?limit=2"))).toEqual(NAMES.slice(0, 2));
    });

    it("pages logging ports too, every port exactly once", async () => {
      emu.control.setReadings({ pageSize: 4 });
      const { ids: seen, pages } = await follow(`${base}/flowlog-logging-ports`, "flowlog_logging_ports");
      expect(seen).toEqual(portIds);
      expect(pages).toBe(Math.ceil(portIds.length / 4));
    });
  });

  describe("pageLinks no", () => {
    it("a full page with more after it carries no links: the cut is silent", async () => {
      emu.control.setReadings({ pageLinks: "no", pageSize: 3 });
      const res = await loggers("");
      expect(names(res)).toEqual(NAMES.slice(0, 3));
      expect(Object.keys(res.body)).toEqual(["flowlog_loggers"]);
    });

    it("still honours markers, so a client paging with its own markers gets everything", async () => {
      emu.control.setReadings({ pageLinks: "no" });
      const seen: string[] = [];
      let page: string[] = names(await loggers("?limit=3"));
      while (page.length > 0) {
        seen.push(...page);
        page = names(await loggers(`?limit=3&marker=${ids[page[page.length - 1]]}`));
      }
      expect(seen).toEqual(NAMES);
    });
  });

  describe("paging ignore", () => {
    it("ignores limit, marker and page_reverse: the whole list, no links", async () => {
      emu.control.setReadings({ paging: "ignore" });
      const res = await loggers(`?limit=2&marker=${ids["seeded-000003"]}&page_reverse=True`);
      expect(names(res)).toEqual(NAMES);
      expect(res.body).not.toHaveProperty("flowlog_loggers_links");
    });

    it("ignores even a malformed limit or an unknown marker", async () => {
      emu.control.setReadings({ paging: "ignore" });
      const res = await loggers("?limit=abc&marker=nope");
      expect(res.status).toBe(200);
      expect(names(res)).toEqual(NAMES);
    });

    it("still cuts to pageSize, without links (a marker could not follow them)", async () => {
      emu.control.setReadings({ paging: "ignore", pageSize: 4 });
      const res = await loggers(`?limit=2&marker=${ids["seeded-000004"]}`);
      expect(names(res)).toEqual(NAMES.slice(0, 4));
      expect(res.body).not.toHaveProperty("flowlog_loggers_links");
    });
  });

  describe("paging reject", () => {
    it.each(["limit=2", "marker=x", "page_reverse=True"])("answers 400 to ?%s, naming it", async (query) => {
      emu.control.setReadings({ paging: "reject" });
      for (const res of [await loggers(`?${query}`), await ports(`?${query}`)]) {
        expect(res.status).toBe(400);
        expect(res.body.NeutronError).toEqual({
          type: "HTTPBadRequest",
          message: `${query.split("=")[0]} is invalid attribute for filtering`,
          detail: "",
        });
      }
    });

    it("answers in the errorBody shape", async () => {
      emu.control.setReadings({ paging: "reject", errorBody: "text" });
      const res = await loggers("?status=ACTIVE&limit=2");
      expect(res.status).toBe(400);
      expect(res.text).toBe("limit is invalid attribute for filtering");
    });

    it("lists as usual without paging parameters, cut to pageSize without links", async () => {
      emu.control.setReadings({ paging: "reject", pageSize: 5 });
      const res = await loggers("?resource_type=PORT");
      expect(names(res)).toEqual(ON_PORTS);
      expect(names(await loggers(""))).toEqual(NAMES.slice(0, 5));
      expect(res.body).not.toHaveProperty("flowlog_loggers_links");
    });
  });

  describe("listCap", () => {
    it("answers at most listCap items, without links, even to a bigger limit", async () => {
      emu.control.setReadings({ listCap: 2 });
      for (const query of ["", "?limit=5", `?marker=${ids["seeded-000001"]}`]) {
        const res = await loggers(query);
        expect(res.body.flowlog_loggers).toHaveLength(2);
        expect(Object.keys(res.body)).toEqual(["flowlog_loggers"]);
      }
    });

    it("cuts a page that had a next link and drops the link: nothing signals the cut", async () => {
      emu.control.setReadings({ pageSize: 5, listCap: 3 });
      const res = await loggers("");
      expect(names(res)).toEqual(NAMES.slice(0, 3));
      expect(res.body).not.toHaveProperty("flowlog_loggers_links");
    });

    it("leaves a page within the cap and its links alone", async () => {
      emu.control.setReadings({ pageSize: 2, listCap: 3 });
      const { ids: seen } = await follow(`${base}/flowlog-loggers`, "flowlog_loggers");
      expect(seen).toEqual(NAMES.map((name) => ids[name]));
    });

    it.each<Readings["paging"]>(["honor", "ignore", "reject"])(
      "cuts logging ports under paging %s",
      async (paging) => {
        emu.control.setReadings({ paging, listCap: 4 });
        const res = await ports("");
        expect(res.body.flowlog_logging_ports.map((p: Item) => p.id)).toEqual(portIds.slice(0, 4));
        expect(Object.keys(res.body)).toEqual(["flowlog_logging_ports"]);
      },
    );
  });

  describe("unpagedCap", () => {
    it("cuts a list asked without a limit, silently, and leaves one with a limit or a marker's page alone", async () => {
      emu.control.setReadings({ unpagedCap: 2 });
      const unpaged = await loggers("");
      expect(names(unpaged)).toEqual(NAMES.slice(0, 2));
      expect(Object.keys(unpaged.body)).toEqual(["flowlog_loggers"]);
      expect(names(await loggers("?limit=0"))).toEqual(NAMES.slice(0, 2));
      expect(names(await loggers(`?limit=100`))).toEqual(NAMES);
      expect(names(await loggers(`?limit=100&marker=${ids[NAMES[1]]}`))).toEqual(NAMES.slice(2));
    });
  });

  it("takes the links' origin from the request's Host", async () => {
    // fetch sets Host itself; node:http sends the one given.
    const body = await new Promise<string>((resolve, reject) => {
      const url = `${base}/flowlog-loggers?limit=1`;
      get(url, { headers: { ...headers, host: "flowlog.test:9" } }, (res) => {
        res.setEncoding("utf8");
        let text = "";
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => resolve(text));
      }).on("error", reject);
    });
    expect(JSON.parse(body).flowlog_loggers_links).toEqual([
      {
        rel: "next",
        href: `http://flowlog.test:9/network/kr1/v2.0/flowlog-loggers?limit=1&marker=${ids["seeded-000001"]}`,
      },
    ]);
  });
});
