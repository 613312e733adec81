import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** How the server answers one request. */
/** A PORT logger's create body, as the provider POSTs it with every default filled. */
export const CREATE_BODY = {
  name: "web",
  description: "",
  admin_state_up: true,
  resource_type: "PORT",
  resource_id: "cccccccc-0001-4000-8000-000000000111",
  filter: "ALL",
  aggregation_interval: 10,
  connection_setup_only: false,
  storage_type: "OBS",
  storage_url: "https://example.invalid/v1/AUTH_x/flowlog",
  log_format: "CSV",
  compression_type: "RAW",
  partition_period: "DAY",
};

/** That logger as the API answers for it. */
export const apiLogger = (id: string) => ({
  id,
  ...CREATE_BODY,
  status: "ACTIVE",
  created_at: "2024-08-04 05:22:57",
  updated_at: "2024-08-04 05:22:57",
});

export type Answer = (res: ServerResponse, req: IncomingMessage) => void;

export const send =
  (status: number, body: string, contentType = "application/json"): Answer =>
  (res) => {
    res
      .writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body) })
      .end(body);
  };

export const json = (status: number, body: unknown): Answer => send(status, JSON.stringify(body));

/** A JSON body larger than `bytes`, streamed in 1 MiB chunks. */
export const huge =
  (bytes: number): Answer =>
  (res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"flowlog_loggers":[],"padding":"');
    const chunk = "x".repeat(1024 * 1024);
    for (let sent = 0; sent < bytes; sent += chunk.length) res.write(chunk);
    res.end('"}');
  };

/** Promises a longer body than it sends, then closes the connection. */
export const cutOff: Answer = (res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": 4096 });
  res.write('{"flowlog_logger":{"id":"');
  setTimeout(() => res.socket?.destroy(), 5);
};

/** Closes the connection without answering. */
export const drop: Answer = (res) => {
  res.socket?.destroy();
};

/** The token and catalog a Keystone v2 identity service would answer, for `tokenId`. */
export function tokenBody(tokenId: string, networkUrl: string, region = "KR1"): unknown {
  const expires = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    access: {
      token: { id: tokenId, expires },
      serviceCatalog: [{ type: "network", name: "neutron", endpoints: [{ region, publicURL: networkUrl }] }],
    },
  };
}

/**
 * A misbehaving NHN Cloud on 127.0.0.1: identity answers a good token whose catalog points back here
 * (unless `identity` is set), and every network call gets whatever `network` is set to.
 */
export class BadServer {
  identity?: Answer;
  network: Answer = json(200, { flowlog_loggers: [] });
  tokenId = "bad-server-token-0001";
  identityCalls = 0;
  networkCalls = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<BadServer> {
    let self: BadServer | undefined;
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => self?.answer(req, res));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    self = new BadServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return self;
  }

  get authUrl(): string {
    return `${this.url}/identity/v2.0`;
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    if (req.url?.startsWith("/identity/")) {
      this.identityCalls++;
      (this.identity ?? json(200, tokenBody(this.tokenId, `${this.url}/network`)))(res, req);
    } else {
      this.networkCalls++;
      this.network(res, req);
    }
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
