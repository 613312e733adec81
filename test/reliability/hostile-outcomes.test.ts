import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Agent } from "undici";
import { ErrorCodes } from "../../provider/common/errors";
import { defaultTransport, send } from "../../provider/common/http";
import { NcloudClient } from "../../provider/ncloud/client";
import { NhnClient } from "../../provider/nhncloud/api/client";
import { failure } from "../support/failure";
import { send as answer, BadServer, CREATE_BODY, json } from "./bad-server";

/** Issue "Hostile and slow servers": what a 5xx on a change, and a refused certificate, mean to the caller. */

const RETRY = { maxAttempts: 4, baseDelayMs: 50, maxDelayMs: 200, maxElapsedMs: 10_000 };

describe("a change answered 500", () => {
  let server: BadServer;
  const agent = new Agent();
  const transport = defaultTransport({ dispatcher: agent, retry: RETRY });
  beforeAll(async () => {
    server = await BadServer.start();
  });
  afterAll(async () => {
    await server.close();
    await agent.close();
  });

  it("an NHN create answered 500 has an unknown outcome, keeps the status, and is sent once", async () => {
    server.network = answer(500, '{"NeutronError":{"type":"HTTPInternalServerError","message":"boom"}}');
    const settings = {
      authUrl: server.authUrl,
      tenantId: "tenant-1",
      username: "outcome-user",
      password: "outcome-pass-1",
      region: "KR1",
    };
    const calls = server.networkCalls;
    const error = await failure(new NhnClient(settings, transport).createLogger(CREATE_BODY));
    expect(error).toMatchObject({ code: ErrorCodes.outcomeUnknown, status: 500 });
    expect(error.message).toMatch(
      /create flow log logger "web": the server answered HTTP 500; .*may or may not/,
    );
    expect(server.networkCalls - calls).toBe(1);
  });

  it("an NCloud enable answered 500 has an unknown outcome and is sent once", async () => {
    server.network = json(500, { error: { errorCode: "900", message: "Internal Server Error" } });
    const client = new NcloudClient(
      { accessKey: "ak-outcome", secretKey: "sk-outcome-secret", region: "KR", apiUrl: server.url },
      transport,
    );
    const calls = server.networkCalls;
    const error = await failure(
      client.enableFlowLog({
        regionCode: "KR",
        networkInterfaceNo: "1000001",
        collectActionTypeCode: "ALL",
        collectIntervalMinute: 15,
        storageTypeCode: "OBJT",
        storageBucketName: "flowlog-bucket",
        storageBucketDirectoryName: "VPC_FLOW_LOG",
      }),
    );
    expect(error).toMatchObject({ code: ErrorCodes.outcomeUnknown, status: 500 });
    expect(server.networkCalls - calls).toBe(1);
  });
});

const tls = (name: string): string => readFileSync(join(__dirname, "hostile-tls", name), "utf8");

describe("a server whose TLS certificate is refused", () => {
  let server: Server;
  let handshakes = 0;
  let url: string;
  const trustsCa = new Agent({ connect: { ca: tls("ca.pem") } });
  const trustsNothingExtra = new Agent();
  beforeAll(async () => {
    server = createServer({ key: tls("leaf-key.pem"), cert: tls("leaf.pem") }, (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }).end('{"flowlog_loggers":[]}');
    });
    server.on("connection", () => handshakes++);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/v2.0/flowlog-loggers`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await trustsCa.close();
    await trustsNothingExtra.close();
  });

  it.each<[string, string[], Agent, string, RegExp]>([
    [
      "a self-signed certificate",
      ["self-signed.pem"],
      trustsNothingExtra,
      "DEPTH_ZERO_SELF_SIGNED_CERT",
      /self-signed/,
    ],
    ["an unknown issuer", ["leaf.pem"], trustsNothingExtra, "UNABLE_TO_VERIFY_LEAF_SIGNATURE", /verify/],
    [
      "a chain ending in an untrusted root",
      ["leaf.pem", "ca.pem"],
      trustsNothingExtra,
      "SELF_SIGNED_CERT_IN_CHAIN",
      /self-signed certificate in certificate chain/,
    ],
    ["an expired certificate", ["leaf-expired.pem"], trustsCa, "CERT_HAS_EXPIRED", /expired/],
    [
      "a certificate for another name",
      ["leaf-other-name.pem"],
      trustsCa,
      "ERR_TLS_CERT_ALTNAME_INVALID",
      /altnames/,
    ],
  ])("%s fails at once with the reason, without retrying", async (_name, chain, agent, code, reason) => {
    server.setSecureContext({ key: tls("leaf-key.pem"), cert: chain.map(tls).join("") });
    handshakes = 0;
    const started = performance.now();
    const error = await failure(
      send(
        { method: "GET", url, operation: "list flow log loggers", idempotent: true },
        defaultTransport({ dispatcher: agent, retry: RETRY }),
      ),
    );
    const ms = performance.now() - started;
    expect(error.code).toBe(ErrorCodes.network);
    expect(error.message).toMatch(
      new RegExp(
        `^list flow log loggers: the TLS certificate of https://127\\.0\\.0\\.1:\\d+ was refused: .*\\(${code}\\)\\. Not retried`,
      ),
    );
    expect(error.message).toMatch(reason);
    expect((error.cause as { code?: string }).code).toBe(code);
    expect(handshakes).toBe(1);
    expect(ms).toBeLessThan(1_000);
  });

  it("the same server with a trusted certificate answers (the refusals above are the certificates')", async () => {
    server.setSecureContext({ key: tls("leaf-key.pem"), cert: tls("leaf.pem") });
    const res = await send(
      { method: "GET", url, operation: "list flow log loggers", idempotent: true },
      defaultTransport({ dispatcher: trustsCa, retry: RETRY }),
    );
    expect(res.status).toBe(200);
  });
});
