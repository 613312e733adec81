import { DEFAULT_READINGS, type Emulator, type Readings } from "../../emulator";
import { issueToken, nhn, type Response, send, start, validLogger } from "./helpers";

const MISSING = "00000000-0000-4000-8000-000000000000";
const NOT_FOUND = `Flowlog logger ${MISSING} could not be found.`;
const BAD_FILTER = "Invalid input for filter. Reason: 'SOME' is not in ['ALL', 'ACCEPT', 'DROP'].";
const UNAUTHORIZED = "The request you have made requires authentication.";
const NO_METHOD = "The method is not allowed for the requested URL.";

type Shape = Readings["errorBody"];

describe("emulator readings: errorBody", () => {
  let emu: Emulator;
  let api: ReturnType<typeof nhn>;
  let token: string;
  beforeAll(async () => {
    emu = await start();
    token = await issueToken(emu);
    api = nhn(emu, token);
  });
  afterEach(() => emu.control.setReadings(DEFAULT_READINGS));
  afterAll(() => emu.close());

  const calls: Record<string, () => Promise<Response>> = {
    "400 on an invalid create": () => api.create(validLogger({ filter: "SOME" })),
    "404 on an unknown logger": () => api.get(MISSING),
    "401 on a bad token": () => nhn(emu, "stale").list(),
    "405 on a method the API lacks": () =>
      send(`${emu.url}/network/kr1/v2.0/flowlog-loggers`, {
        method: "PATCH",
        headers: { "x-auth-token": token },
      }),
    "400 on a console create": () =>
      send(`${emu.url}/_emulator/nhn/KR1/loggers`, { method: "POST", body: validLogger({ filter: "SOME" }) }),
  };

  const neutron = (type: string, message: string) => ({ NeutronError: { type, message, detail: "" } });
  const keystone = (code: number, title: string, message: string) => ({ error: { code, title, message } });

  it.each<[Shape, string, object]>([
    ["neutron", "400 on an invalid create", neutron("HTTPBadRequest", BAD_FILTER)],
    ["neutron", "404 on an unknown logger", neutron("FlowlogLoggerNotFound", NOT_FOUND)],
    // keystonemiddleware and the router in front of Neutron answer Keystone-style.
    ["neutron", "401 on a bad token", keystone(401, "Unauthorized", UNAUTHORIZED)],
    ["neutron", "405 on a method the API lacks", keystone(405, "Method Not Allowed", NO_METHOD)],
    ["neutron", "400 on a console create", neutron("HTTPBadRequest", BAD_FILTER)],
    ["keystone", "400 on an invalid create", keystone(400, "Bad Request", BAD_FILTER)],
    ["keystone", "404 on an unknown logger", keystone(404, "Not Found", NOT_FOUND)],
    ["keystone", "401 on a bad token", keystone(401, "Unauthorized", UNAUTHORIZED)],
    ["keystone", "405 on a method the API lacks", keystone(405, "Method Not Allowed", NO_METHOD)],
    ["keystone", "400 on a console create", keystone(400, "Bad Request", BAD_FILTER)],
  ])("%s answers the %s as JSON %j", async (errorBody, call, body) => {
    emu.control.setReadings({ errorBody });
    const res = await calls[call]();
    expect(res.status).toBe(Number(call.slice(0, 3)));
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.body).toEqual(body);
  });

  it.each([
    ["400 on an invalid create", BAD_FILTER],
    ["404 on an unknown logger", NOT_FOUND],
    ["401 on a bad token", UNAUTHORIZED],
    ["405 on a method the API lacks", NO_METHOD],
    ["400 on a console create", BAD_FILTER],
  ])("text answers the %s as text/plain with just the message", async (call, message) => {
    emu.control.setReadings({ errorBody: "text" });
    const res = await calls[call]();
    expect(res.status).toBe(Number(call.slice(0, 3)));
    expect(res.headers.get("content-type")).toBe("text/plain");
    expect(res.text).toBe(message);
  });

  it.each<Shape>(["keystone", "text"])("%s leaves identity's errors alone", async (errorBody) => {
    emu.control.setReadings({ errorBody });
    const res = await send(`${emu.url}/identity/v2.0/tokens`, {
      method: "POST",
      body: { auth: { tenantId: "t" } },
    });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 401, title: "Unauthorized" });
  });

  it.each<Shape>(["keystone", "text"])("%s leaves injected gateway faults alone", async (errorBody) => {
    emu.control.setReadings({ errorBody });
    emu.control.setFaults({ rate: 1, kinds: [500], times: 1 });
    const res = await api.list();
    expect(res.status).toBe(500);
    expect(res.body.NeutronError.type).toBe("HTTPInternalServerError");
  });
});
