import { DEFAULT_READINGS, type Emulator } from "../../emulator";
import { issueToken, nhn, send, start, validLogger } from "./helpers";

const PASSWORD = "s3cr3t-<pass>&";
const TOKEN_REQUEST = JSON.stringify({
  auth: { tenantId: "t", passwordCredentials: { username: "u", password: PASSWORD } },
});

describe("emulator echo faults: a broken server repeating what the client sent", () => {
  let emu: Emulator;
  let token: string;
  let api: ReturnType<typeof nhn>;
  beforeAll(async () => {
    emu = await start();
    token = await issueToken(emu);
    api = nhn(emu, token);
  });
  afterEach(() => {
    emu.control.setFaults();
    emu.control.setReadings(DEFAULT_READINGS);
  });
  afterAll(() => emu.close());

  const loggersNamed = (name: string) => emu.control.loggers("KR1").filter((l) => l.name === name);
  const login = () =>
    send(`${emu.url}/identity/v2.0/tokens`, {
      method: "POST",
      body: TOKEN_REQUEST,
      headers: { "content-type": "application/json" },
    });

  it("echo answers 500 with an HTML page holding the raw body and token in <pre>, unprocessed", async () => {
    emu.control.setFaults({ rate: 1, kinds: ["echo"] });
    const sent = validLogger({ name: "echoed" });
    const res = await api.create(sent);
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("text/html");
    const pre = /<pre>([\s\S]*)<\/pre>/.exec(res.text)?.[1];
    expect(pre).toBe(`X-Auth-Token: ${token}\n\n${JSON.stringify({ flowlog_logger: sent })}`);
    expect(loggersNamed("echoed")).toEqual([]);
    expect(emu.control.requests().at(-1)).toMatchObject({ status: 500, fault: "echo" });
  });

  it("echo after processing creates the logger, then answers the page", async () => {
    emu.control.setFaults({ rate: 1, kinds: ["echo"], after: true });
    const res = await api.create(validLogger({ name: "echoed-after" }));
    expect(res.status).toBe(500);
    expect(res.text).toContain('"name":"echoed-after"');
    expect(loggersNamed("echoed-after")).toHaveLength(1);
    expect(emu.control.requests().at(-1)).toMatchObject({ fault: "echo-after" });
  });

  it("echo repeats an identity request's password, unescaped, when the plan targets /identity", async () => {
    emu.control.setFaults({ rate: 1, kinds: ["echo"], match: { pathPrefix: "/identity" } });
    const res = await login();
    expect(res.status).toBe(500);
    expect(res.text).toContain(`<pre>${TOKEN_REQUEST}</pre>`);
    expect(res.text).toContain(PASSWORD);
  });

  it("echo leaves identity alone when the plan does not target it", async () => {
    emu.control.setFaults({ rate: 1, kinds: ["echo", "echo-json"] });
    expect((await login()).status).toBe(200);
  });

  it("echo-json answers a Neutron 500 whose message is the raw body and the URL-encoded token", async () => {
    emu.control.setFaults({ rate: 1, kinds: ["echo-json"] });
    const odd = "tok en/+=é";
    const res = await send(`${emu.url}/network/kr1/v2.0/flowlog-loggers/some-id`, {
      method: "PUT",
      body: '{"flowlog_logger":{"name":"x"}}',
      headers: { "x-auth-token": odd, "content-type": "application/json" },
    });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      NeutronError: {
        type: "HTTPInternalServerError",
        message: '{"flowlog_logger":{"name":"x"}} token=tok%20en%2F%2B%3D%C3%A9',
        detail: "",
      },
    });
    expect(res.text).toContain('\\"flowlog_logger\\"');
    expect(emu.control.requests().at(-1)).toMatchObject({ status: 500, fault: "echo-json" });
  });

  it("echo-json repeats an identity request's password, JSON-escaped, with an empty token", async () => {
    emu.control.setFaults({ rate: 1, kinds: ["echo-json"], match: { pathPrefix: "/identity" } });
    const res = await login();
    expect(res.status).toBe(500);
    expect(res.body.NeutronError.message).toBe(`${TOKEN_REQUEST} token=`);
    expect(res.text).toContain(JSON.stringify(TOKEN_REQUEST).slice(1, -1));
  });

  it.each([
    [
      "keystone",
      (message: string) => ({ error: { code: 500, title: "Internal Server Error", message } }),
      "application/json",
    ],
    ["text", (message: string) => message, "text/plain"],
  ] as const)("echo-json follows the errorBody reading %s", async (errorBody, expected, contentType) => {
    emu.control.setReadings({ errorBody });
    emu.control.setFaults({ rate: 1, kinds: ["echo-json"] });
    const res = await api.list();
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe(contentType);
    const message = ` token=${token}`;
    expect(errorBody === "text" ? res.text : res.body).toEqual(expected(message));
  });
});
