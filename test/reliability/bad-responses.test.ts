import { Agent } from "undici";
import { type ErrorCode, ErrorCodes, isFlowLogError } from "../../provider/common/errors";
import { defaultTransport } from "../../provider/common/http";
import { NhnClient } from "../../provider/nhncloud/api/client";
import type { ProviderHost } from "../support/host";
import { startLoggerHost, LOGGER_URN as URN } from "../support/logger-host";
import {
  type Answer,
  apiLogger,
  BadServer,
  CREATE_BODY,
  cutOff,
  drop,
  huge,
  json,
  send,
  tokenBody,
} from "./bad-server";

const LOGGER_ID = "3e84a1f2-5a1b-4c2d-9e8f-0123456789ab";
const PASSWORD = "bad-server-pass-4c3b2a";
const LOGGER = apiLogger(LOGGER_ID);
const CREATE = CREATE_BODY;

type Call = (client: NhnClient) => Promise<unknown>;
const CALLS: Record<string, Call> = {
  list: (client) => client.listLoggers(),
  get: (client) => client.findLogger(LOGGER_ID),
  create: (client) => client.createLogger(CREATE),
  update: (client) => client.updateLogger(LOGGER_ID, { name: "web" }),
  delete: (client) => client.deleteLogger(LOGGER_ID),
  ports: (client) => client.listLoggingPorts(),
};

let server: BadServer;
const agent = new Agent({ connections: 4 });
// Fast and short retries: the rows are about what is finally reported, not about waiting.
const transport = defaultTransport({
  dispatcher: agent,
  retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 2_000 },
  requestTimeoutMs: 2_000,
});
let row = 0;

/** A client with its own credentials, so each row issues its own token (token sources are per credentials). */
function client(): NhnClient {
  row++;
  server.tokenId = `bad-server-token-${row}-7f6e5d4c`;
  const settings = {
    authUrl: server.authUrl,
    tenantId: "tenant-1",
    username: `row-${row}@example.com`,
    password: PASSWORD,
    region: "KR1",
  };
  return new NhnClient(settings, transport);
}

beforeAll(async () => {
  server = await BadServer.start();
});
afterAll(async () => {
  await server.close();
  await agent.close();
});
beforeEach(() => {
  server.identity = undefined;
  server.network = json(200, { flowlog_loggers: [] });
});

const MiB = 1024 * 1024;
const withToken =
  (status: number): Answer =>
  (res, req) =>
    json(status, {
      NeutronError: { type: "Forbidden", message: `token ${req.headers["x-auth-token"]} may not` },
    })(res, req);

describe("the NHN client facing a misbehaving API", () => {
  it.each<[string, keyof typeof CALLS, Answer, ErrorCode, RegExp]>([
    [
      "a 200 whose body is an HTML page",
      "list",
      send(200, "<html>ok</html>", "text/html"),
      ErrorCodes.response,
      /list flow log loggers: the API answered HTTP 200 with a body that is not JSON/,
    ],
    [
      "a 200 with truncated JSON",
      "get",
      send(200, '{"flowlog_logger":{"id":"3e84'),
      ErrorCodes.response,
      /not JSON/,
    ],
    ["a 200 with an empty body", "get", send(200, ""), ErrorCodes.response, /not JSON/],
    [
      "a 200 with JSON null",
      "list",
      send(200, "null"),
      ErrorCodes.response,
      /unexpected response from the API/,
    ],
    [
      "a list whose loggers lack required fields",
      "list",
      json(200, { flowlog_loggers: [{ id: LOGGER_ID }] }),
      ErrorCodes.response,
      /flowlog_loggers\.0\.name/,
    ],
    [
      "a logger field of the wrong type",
      "get",
      json(200, { flowlog_loggers: [{ ...LOGGER, admin_state_up: "yes" }] }),
      ErrorCodes.response,
      /flowlog_loggers\.0\.admin_state_up/,
    ],
    [
      "a create answered 201 without the logger",
      "create",
      json(201, {}),
      ErrorCodes.response,
      /create flow log logger "web": unexpected response .*flowlog_logger/,
    ],
    [
      "logging ports of the wrong shape",
      "ports",
      json(200, { flowlog_logging_ports: "none" }),
      ErrorCodes.response,
      /flowlog_logging_ports/,
    ],
    [
      "a body over the 8 MiB cap",
      "list",
      huge(9 * MiB),
      ErrorCodes.response,
      /response body exceeds 8388608 bytes/,
    ],
    [
      "a GET whose body is cut off, every time",
      "get",
      cutOff,
      ErrorCodes.network,
      /get flow log logger .* after 3 attempt\(s\)/,
    ],
    [
      "a GET whose connection drops, every time",
      "get",
      drop,
      ErrorCodes.network,
      /could not reach http:\/\/127\.0\.0\.1:\d+ after 3 attempt\(s\)/,
    ],
    [
      "a POST whose body is cut off",
      "create",
      cutOff,
      ErrorCodes.outcomeUnknown,
      /may or may not have taken effect/,
    ],
    [
      "a 500 with an HTML page",
      "update",
      send(500, "<html><body>boom</body></html>", "text/html"),
      ErrorCodes.api,
      /update flow log logger .* in KR1: HTTP 500: boom$/,
    ],
    [
      "a 400 with a 1 MiB error text",
      "update",
      send(400, "e".repeat(MiB), "text/plain"),
      ErrorCodes.api,
      /HTTP 400: e{300}…$/,
    ],
    [
      "a 404 on update, the list of its id answered without it",
      "update",
      (res, req) =>
        (req.method === "PUT"
          ? json(404, { NeutronError: { type: "FlowlogLoggerNotFound", message: "not found" } })
          : json(200, { flowlog_loggers: [] }))(res, req),
      ErrorCodes.notFound,
      /update flow log logger .* in KR1: the logger no longer exists; run `pulumi refresh`/,
    ],
    [
      "a 404 on update whose list is a 404 too: a wrong route (issue 20)",
      "update",
      json(404, { NeutronError: { type: "FlowlogLoggerNotFound", message: "not found" } }),
      ErrorCodes.api,
      /\/v2\.0\/flowlog-loggers answered HTTP 404, so it is not the NHN Cloud Flow Log API.*state is kept/,
    ],
    [
      "a 503 that never ends",
      "delete",
      send(503, "<h1>503</h1>", "text/html"),
      ErrorCodes.api,
      /delete flow log logger .* HTTP 503/,
    ],
    [
      "a 401 even after renewal",
      "list",
      json(401, { error: { message: "bad token" } }),
      ErrorCodes.auth,
      /renewed once and still refused/,
    ],
    [
      "an error message that echoes the token",
      "get",
      withToken(403),
      ErrorCodes.auth,
      /token \[REDACTED\] may not/,
    ],
  ])("%s fails with a clear error", async (_name, call, answer, code, message) => {
    server.network = answer;
    const error = await CALLS[call](client()).catch((caught: unknown) => caught);
    expect(isFlowLogError(error, code)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect(`${(error as Error).message}\n${(error as Error).stack}`).not.toContain(server.tokenId);
    expect(`${(error as Error).message}\n${(error as Error).stack}`).not.toContain(PASSWORD);
    expect((error as Error).message.length).toBeLessThan(1_000);
  });

  it.each<[string, Answer, ErrorCode, RegExp]>([
    [
      "a token response that is not JSON",
      send(200, "<html>login</html>", "text/html"),
      ErrorCodes.response,
      /identity service sent an unexpected response/,
    ],
    [
      "a token response without a token id",
      json(200, { access: { token: { id: "" } } }),
      ErrorCodes.response,
      /unexpected response/,
    ],
    [
      "a 401 for the password",
      json(401, { error: { message: "The request you have made requires authentication." } }),
      ErrorCodes.auth,
      /rejected user "row-\d+@example.com" for tenant tenant-1/,
    ],
    [
      "a catalog without the network service",
      json(200, {
        access: { token: { id: "t-0123456789", expires: "2099-01-01T00:00:00Z" }, serviceCatalog: [] },
      }),
      ErrorCodes.region,
      /Region "KR1" has no network endpoint.*regions available: none/,
    ],
    [
      "a catalog pointing at plain http on another host",
      json(200, tokenBody("t-0123456789", "http://network.example.com")),
      ErrorCodes.config,
      /must use https/,
    ],
  ])("identity answering %s fails with a clear error", async (_name, identity, code, message) => {
    server.identity = identity;
    const error = await client()
      .listLoggers()
      .catch((caught: unknown) => caught);
    expect(isFlowLogError(error, code)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(PASSWORD);
  });

  it("treats a DELETE answered 200 with a non-JSON body as deleted (the body is not used)", async () => {
    server.network = send(200, "Deleted.", "text/plain");
    await expect(client().deleteLogger(LOGGER_ID)).resolves.toBe(true);
  });

  it("reads a DELETE answered 404 as an earlier DELETE under way while the list still shows the logger briefly", async () => {
    let lists = 0;
    server.network = (res, req) =>
      req.method === "DELETE"
        ? json(404, { NeutronError: { message: "not found" } })(res, req)
        : json(200, { flowlog_loggers: ++lists <= 2 ? [LOGGER] : [] })(res, req);
    await expect(client().deleteLogger(LOGGER_ID)).resolves.toBe(false);
    expect(lists).toBe(3);
  });

  it("accepts fields it does not know in a logger (the API may add them)", async () => {
    server.network = json(200, { flowlog_loggers: [{ ...LOGGER, future_field: { nested: [1] } }] });
    await expect(client().findLogger(LOGGER_ID)).resolves.toMatchObject({ id: LOGGER_ID, name: "web" });
  });
});

describe("a misbehaving API through the provider host", () => {
  let host: ProviderHost;
  let news: Record<string, unknown>;
  beforeAll(async () => {
    const logger = await startLoggerHost();
    host = logger.host;
    news = logger.news({ resourceId: LOGGER.resource_id });
    await host.configure({
      "nhncloud:authUrl": server.authUrl,
      "nhncloud:tenantId": "tenant-1",
      "nhncloud:username": "host@example.com",
      "nhncloud:password": PASSWORD,
      "nhncloud:region": "KR1",
    });
  });
  afterAll(() => host.close());

  it("fails create on a non-JSON body and refresh on a huge one, and then still answers", async () => {
    const { inputs } = await host.check(URN, {}, news);
    server.network = send(200, "<html>maintenance</html>", "text/html");
    await expect(host.create(URN, inputs)).rejects.toThrow(
      /look for an existing logger "web-[a-z0-9]{7}" before creating it: the API answered HTTP 200 with a body that is not JSON/,
    );
    server.network = huge(9 * MiB);
    await expect(host.read(URN, LOGGER_ID, { ...inputs, ...LOGGER })).rejects.toThrow(
      /response body exceeds 8388608 bytes/,
    );
    expect((await host.check(URN, {}, news)).failures).toEqual([]);
    expect(() => process.kill(host.pid!, 0)).not.toThrow();
    // The SDK's host logs each failed read to stderr itself; what matters is that no credential is in it.
    expect(`${host.stderr}${host.stdout}`).not.toMatch(/bad-server-token|bad-server-pass/);
  });

  it("does not read a logger as gone from a list that ignored the id filter and showed only others", async () => {
    const { inputs } = await host.check(URN, {}, news);
    const others = [1, 2, 3].map((n) => ({ ...LOGGER, id: `aaaaaaaa-0000-4000-8000-00000000000${n}` }));
    server.network = json(200, { flowlog_loggers: others });
    await expect(host.read(URN, LOGGER_ID, { ...inputs, ...LOGGER })).rejects.toThrow(
      /answered with 3 other logger\(s\) and not that one, so its id filter was not applied .* the stack's state is kept/,
    );
    // The same list with the logger in it is read as it is.
    server.network = json(200, { flowlog_loggers: [...others, LOGGER] });
    expect((await host.read(URN, LOGGER_ID, { ...inputs, ...LOGGER })).id).toBe(LOGGER_ID);
  });
});
