import { DEFAULT_READINGS, type Emulator, type Readings } from "../../emulator";
import { issueToken, nhn, type Response, send, start, validLogger } from "./helpers";

type ErrorBody = Readings["errorBody"];
const ERROR_BODIES: ErrorBody[] = ["neutron", "keystone", "text"];
const METHODS = ["GET", "PUT", "DELETE"];

/** Plausible but wrong URLs of a logger: the path a client may build by mistake. */
const WRONG_ITEM_PATHS: Array<[string, (id: string) => string]> = [
  ["an extra /v2.0", (id) => `/network/kr1/v2.0/v2.0/flowlog-loggers/${id}`],
  ["a missing /v2.0", (id) => `/network/kr1/flowlog-loggers/${id}`],
  ["a prefix path", (id) => `/api/network/kr1/v2.0/flowlog-loggers/${id}`],
  ["an unknown region", (id) => `/network/kr9/v2.0/flowlog-loggers/${id}`],
  ["a misspelt collection", (id) => `/network/kr1/v2.0/flowlog-logger/${id}`],
  ["a trailing segment", (id) => `/network/kr1/v2.0/flowlog-loggers/${id}/ports/${id}`],
];

/** Wrong URLs of the list, each ending in the segment a missing logger would be named after. */
const WRONG_LIST_PATHS: Array<[string, string, string]> = [
  ["an extra /v2.0", "/network/kr1/v2.0/v2.0/flowlog-loggers", "flowlog-loggers"],
  ["a missing /v2.0", "/network/kr1/flowlog-loggers", "flowlog-loggers"],
  ["a prefix path", "/api/network/kr1/v2.0/flowlog-loggers", "flowlog-loggers"],
  ["an unknown region", "/network/kr9/v2.0/flowlog-logging-ports", "flowlog-logging-ports"],
];

const cases = <T extends unknown[]>(rows: T[], values: string[]) =>
  rows.flatMap((row) => values.map((value) => [...row, value] as [...T, string]));

describe("emulator readings: routeErrors", () => {
  let emu: Emulator;
  let token: string;
  let live: string;
  let deleted: string;
  beforeAll(async () => {
    emu = await start();
    token = await issueToken(emu);
    const api = nhn(emu, token);
    live = (await api.create(validLogger({ name: "live" }))).body.flowlog_logger.id;
    deleted = (await api.create(validLogger({ name: "gone" }))).body.flowlog_logger.id;
    await api.remove(deleted);
  });
  afterEach(() => emu.control.setReadings(DEFAULT_READINGS));
  afterAll(() => emu.close());

  const call = (method: string, path: string, withToken = token) =>
    send(`${emu.url}${path}`, {
      method,
      headers: { "x-auth-token": withToken, "content-type": "application/json" },
      body: method === "PUT" ? { flowlog_logger: { name: "renamed" } } : undefined,
    });
  const answer = (res: Response) => [res.status, res.headers.get("content-type"), res.text];
  const missingLogger = (method: string, id: string) =>
    call(method, `/network/kr1/v2.0/flowlog-loggers/${id}`);

  describe("distinct (the default)", () => {
    it.each(cases(WRONG_ITEM_PATHS, METHODS))(
      "a URL with %s answers %s with a 404 of its own, and touches no logger",
      async (_case, path, method) => {
        for (const errorBody of ERROR_BODIES) {
          emu.control.setReadings({ errorBody });
          const res = await call(method, path(live));
          expect(res.status).toBe(404);
          expect(res.text).not.toContain("Flowlog");
        }
        expect((await missingLogger("GET", live)).body.flowlog_logger.name).toBe("live");
      },
    );

    it.each(WRONG_LIST_PATHS)("a list URL with %s answers 404, not 200", async (_case, path) => {
      const res = await call("GET", path);
      expect(res.status).toBe(404);
      expect(res.body).not.toHaveProperty("flowlog_loggers");
    });

    it.each<[ErrorBody, unknown]>([
      ["neutron", { error: { code: 404, title: "Not Found", message: "The resource could not be found." } }],
      ["keystone", { error: { code: 404, title: "Not Found", message: "The resource could not be found." } }],
      ["text", "The resource could not be found."],
    ])("under errorBody %s, a wrong route answers the router's 404", async (errorBody, expected) => {
      emu.control.setReadings({ errorBody });
      const res = await call("GET", `/network/kr1/flowlog-loggers/${live}`);
      expect(res.status).toBe(404);
      expect(errorBody === "text" ? res.text : res.body).toEqual(expected);
    });
  });

  describe("like-logger", () => {
    it.each(cases(cases(WRONG_ITEM_PATHS, METHODS), ERROR_BODIES))(
      "a URL with %s answers %s exactly as a missing logger does, under errorBody %s",
      async (_case, path, method, errorBody) => {
        emu.control.setReadings({ routeErrors: "like-logger", errorBody: errorBody as ErrorBody });
        const wrong = await call(method, path(deleted));
        expect(answer(wrong)).toEqual(answer(await missingLogger(method, deleted)));
        expect(wrong.status).toBe(404);
      },
    );

    it.each(ERROR_BODIES)(
      "under errorBody %s, a wrong route to a live logger says it could not be found",
      async (errorBody) => {
        emu.control.setReadings({ routeErrors: "like-logger", errorBody });
        const res = await call("GET", `/network/kr1/v2.0/v2.0/flowlog-loggers/${live}`);
        expect(res.status).toBe(404);
        expect(res.text).toContain(`Flowlog logger ${live} could not be found.`);
        if (errorBody === "neutron") expect(res.body.NeutronError.type).toBe("FlowlogLoggerNotFound");
      },
    );

    it.each(WRONG_LIST_PATHS)(
      "a list URL with %s answers 404 for a logger named after its last segment",
      async (_case, path, last) => {
        emu.control.setReadings({ routeErrors: "like-logger" });
        const res = await call("GET", path);
        expect(res.status).toBe(404);
        expect(res.body.NeutronError).toEqual({
          type: "FlowlogLoggerNotFound",
          message: `Flowlog logger ${last} could not be found.`,
          detail: "",
        });
      },
    );

    it("checks the token first, as for a real logger", async () => {
      emu.control.setReadings({ routeErrors: "like-logger" });
      const wrong = await call("GET", `/network/kr1/flowlog-loggers/${deleted}`, "nope");
      expect(wrong.status).toBe(401);
      const missing = await send(`${emu.url}/network/kr1/v2.0/flowlog-loggers/${deleted}`, {
        headers: { "x-auth-token": "nope" },
      });
      expect(answer(wrong)).toEqual(answer(missing));
    });

    it("leaves the identity and control routes their own 404s", async () => {
      emu.control.setReadings({ routeErrors: "like-logger" });
      expect((await call("GET", "/identity/v3/auth/tokens")).text).not.toContain("Flowlog");
      expect((await call("GET", "/_emulator/nowhere")).body).toEqual({ error: { message: "no such route" } });
    });
  });

  it.each<Readings["routeErrors"]>(["distinct", "like-logger"])(
    "under %s, the right URLs still answer, with or without a trailing slash",
    async (routeErrors) => {
      emu.control.setReadings({ routeErrors });
      expect((await call("GET", `/network/kr1/v2.0/flowlog-loggers/${live}`)).status).toBe(200);
      expect((await call("GET", `/network/KR1/v2.0/flowlog-loggers/${live}/`)).status).toBe(200);
      expect((await call("GET", "/network/kr1/v2.0/flowlog-loggers/")).status).toBe(200);
      expect((await call("GET", "/network/kr1/v2.0/flowlog-logging-ports")).status).toBe(200);
    },
  );
});
