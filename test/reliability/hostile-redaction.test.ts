import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { Agent } from "undici";
import { defaultTransport } from "../../provider/common/http";
import { NcloudClient } from "../../provider/ncloud/client";
import { NhnClient } from "../../provider/nhncloud/api/client";
import { resolveNhnSettings } from "../../provider/nhncloud/config";
import { longestSecretPiece } from "../../soak/checks";
import { failure } from "../support/failure";
import type { ProviderHost } from "../support/host";
import { startLoggerHost, LOGGER_URN as URN } from "../support/logger-host";
import { TENANT } from "../support/world";

/**
 * Issue "Hostile and slow servers": an error body that echoes our request must not leak a credential,
 * whether the echo is JSON-escaped, whitespace-collapsed, cut, or URL-encoded.
 */

// Quotes, backslashes, runs of spaces and tabs, form and URL specials, non-ASCII: every encoding differs.
const PASSWORD = 'Zq"7\\xK  \t\t+&%Ωé9kR2vT8mW4pL6nB3 \\"cY5';
const TOKEN = "gAAAAB+tok/en=Xy7&Qp%9Lm é3Vn8Rw2Tz";
const SECRET_KEY = 'nc-Sk"9\\Lp  \t+&%ü4Hq7Wz2Xv';
// Long enough that a 300-character cut of "user <name> password <password>" falls inside the password.
const USERNAME = `${"operator.".repeat(29)}x@example.com`;

/** Everything a user or a log can see of an error: message, stack, fields, and the whole cause chain. */
function everythingShown(error: unknown): string {
  const parts = [inspect(error, { depth: 10 })];
  for (let at: unknown = error; at instanceof Object; at = (at as { cause?: unknown }).cause) {
    const { message, stack } = at as Error;
    parts.push(String(message), String(stack), JSON.stringify(at));
  }
  return parts.join("\n");
}

interface Reply {
  status: number;
  body: string;
  type?: string;
}
type Echo = (requestBody: string, req: IncomingMessage) => Reply;

/** Identity and network API on 127.0.0.1 whose answers may echo the request they got. */
class EchoServer {
  identity: Echo = () => ({ status: 500, body: "" });
  network: Echo = () => ({ status: 200, body: '{"flowlog_loggers":[]}' });
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<EchoServer> {
    let self: EchoServer | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const echo = req.url?.startsWith("/identity/") ? self!.identity : self!.network;
        const reply = echo(body, req);
        res.writeHead(reply.status, { "content-type": reply.type ?? "application/json" }).end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    self = new EchoServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return self;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const plain = (status: number, body: string): Reply => ({ status, body, type: "text/plain" });
const keystone = (status: number, message: string): Reply => ({
  status,
  body: JSON.stringify({ error: { code: status, title: "Unauthorized", message } }),
});

const SHORT_USER = "operator@example.com";
/** Where the password starts in "Invalid request: <our request body>": the user name decides it. */
const passwordOffset = (username: string) =>
  "Invalid request: ".length +
  JSON.stringify({ auth: { tenantId: TENANT, passwordCredentials: { username } } }).length -
  "}}}".length +
  ',"password":"'.length;
// The 300-character cut then falls 10 characters into the (JSON-escaped) password.
const CUT_USER = "u".repeat(300 - 10 - passwordOffset(""));

/**
 * Identity answers that echo the password of the request they refuse, one per way a naive redaction
 * leaks it, with the user name that makes it leak, and what the message still says.
 */
const IDENTITY_ECHOES: [string, string, Echo, RegExp][] = [
  [
    "(a) JSON-escaped, inside the API's message",
    SHORT_USER,
    (body) => keystone(401, `Invalid request: ${body}`),
    /HTTP 401: Invalid request: \{"auth".*"password":"\[REDACTED\]"/,
  ],
  [
    "(a) JSON-escaped, the request as the whole body",
    SHORT_USER,
    (body) => ({ status: 401, body }),
    /HTTP 401: \(an error body without a message\)/,
  ],
  [
    "(a) JSON-escaped, inside a plain-text body",
    SHORT_USER,
    (body) => plain(401, `bad request: ${body}`),
    /HTTP 401: bad request: \{"auth".*"password":"\[REDACTED\]"/,
  ],
  [
    "(b) whitespace collapsed by tidying",
    SHORT_USER,
    () => plain(401, `rejected <b>password</b> ${PASSWORD}`),
    /HTTP 401: rejected password \[REDACTED\]\)/,
  ],
  [
    "(c) cut inside the password by the 300-character limit",
    USERNAME,
    () => plain(401, `user ${USERNAME} password ${PASSWORD} is wrong`),
    /HTTP 401: user operator\.operator.* password \[RED/,
  ],
  [
    "(c) cut inside the password, in the API's message",
    USERNAME,
    () => keystone(401, `user ${USERNAME} password ${PASSWORD} is wrong`),
    /HTTP 401: user operator\.operator.* password \[RED/,
  ],
  [
    "(a)+(c) JSON-escaped and cut inside",
    CUT_USER,
    (body) => keystone(401, `Invalid request: ${body}`),
    /HTTP 401: Invalid request: \{"auth".*"password":"\[RED/,
  ],
  [
    "(d) URL-encoded",
    SHORT_USER,
    () => plain(401, `password=${encodeURIComponent(PASSWORD)} refused`),
    /HTTP 401: password=\[REDACTED\] refused/,
  ],
  [
    "(d) form-encoded, in an HTML page",
    SHORT_USER,
    () => ({
      status: 401,
      type: "text/html",
      body: `<html><body><p>POST body: ${new URLSearchParams({ password: PASSWORD })}</p></body></html>`,
    }),
    /HTTP 401: POST body: password=\[REDACTED\]/,
  ],
];

let server: EchoServer;
const agent = new Agent();
const transport = defaultTransport({
  dispatcher: agent,
  retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10, maxElapsedMs: 2_000 },
});
const config = (username = USERNAME): Record<string, string> => ({
  "nhncloud:authUrl": `${server.url}/identity/v2.0`,
  "nhncloud:tenantId": TENANT,
  "nhncloud:username": username,
  "nhncloud:password": PASSWORD,
  "nhncloud:region": "KR1",
});

beforeAll(async () => {
  server = await EchoServer.start();
});
afterAll(async () => {
  await server.close();
  await agent.close();
});

describe("a server that echoes the password it refuses", () => {
  it.each(IDENTITY_ECHOES)(
    "%s: the password never shows, in any form or part",
    async (_name, user, echo, said) => {
      server.identity = echo;
      // Resolved as the provider resolves them: the password is registered as a secret there.
      const settings = resolveNhnSettings((key) => config(user)[key], {});
      const error = await failure(new NhnClient(settings, transport).listLoggers());
      const shown = everythingShown(error);
      const piece = longestSecretPiece(shown, PASSWORD);
      expect(error.message).toMatch(/^issue NHN Cloud token: NHN Cloud identity rejected user "/);
      expect(error.message).toMatch(said);
      expect(piece).toBeLessThan(8);
    },
  );
});

describe("a server that echoes a token it was given, or issued to us", () => {
  it("a token issued to us, echoed URL-encoded and JSON-escaped by the network API, never shows", async () => {
    const expires = new Date(Date.now() + 3_600_000).toISOString();
    server.identity = () => ({
      status: 200,
      body: JSON.stringify({
        access: {
          token: { id: TOKEN, expires },
          serviceCatalog: [
            { type: "network", endpoints: [{ region: "KR1", publicURL: `${server.url}/network` }] },
          ],
        },
      }),
    });
    server.network = (_body, req) =>
      keystone(
        403,
        `token ${encodeURIComponent(String(req.headers["x-auth-token"]))} (${JSON.stringify(req.headers)}) may not`,
      );
    const settings = resolveNhnSettings((key) => config()[key], {});
    const error = await failure(new NhnClient(settings, transport).listLoggers());
    const piece = longestSecretPiece(everythingShown(error), TOKEN);
    expect(error.message).toMatch(/list flow log loggers in KR1: HTTP 403: token \[REDACTED\]/);
    expect(piece).toBeLessThan(8);
  });

  it("an NCloud secret key echoed by a gateway, JSON-escaped and form-encoded, never shows", async () => {
    server.network = () =>
      keystone(
        401,
        `signature for key ${JSON.stringify(SECRET_KEY)} / ${new URLSearchParams({ k: SECRET_KEY })}`,
      );
    const client = new NcloudClient(
      { accessKey: "access-key-1", secretKey: SECRET_KEY, region: "KR", apiUrl: server.url },
      transport,
    );
    const error = await failure(client.getFlowLog("1000001", "KR"));
    const piece = longestSecretPiece(everythingShown(error), SECRET_KEY);
    expect(piece).toBeLessThan(8);
  });
});

describe("echoed credentials through the provider host", () => {
  let host: ProviderHost;
  let news: Record<string, unknown>;
  beforeAll(async () => {
    const logger = await startLoggerHost(config());
    host = logger.host;
    news = logger.news();
  });
  afterAll(() => host.close());

  it("no echo reaches the engine's error or the host's output, and the host keeps serving", async () => {
    const { inputs } = await host.check(URN, {}, news);
    const errors: string[] = [];
    for (const [, , echo] of IDENTITY_ECHOES) {
      server.identity = echo;
      errors.push(String(await host.create(URN, inputs).catch((error: Error) => error.message)));
      errors.push(String(await host.read(URN, "3e84a1f2-5a1b-4c2d-9e8f-0123456789ab", inputs).catch(String)));
    }
    const shown = `${errors.join("\n")}\n${host.stderr}\n${host.stdout}`;
    const piece = longestSecretPiece(shown, PASSWORD);
    expect(errors.every((message) => /issue NHN Cloud token/.test(message))).toBe(true);
    expect(piece).toBeLessThan(8);
    expect((await host.check(URN, {}, news)).failures).toEqual([]);
  });
});
