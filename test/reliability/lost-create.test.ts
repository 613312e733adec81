import type * as pulumi from "@pulumi/pulumi";
import { provider } from "../../provider/nhncloud/flowlog-logger/provider";
import { STORAGE_URL } from "../support/world";
import { BadServer, drop, json, send } from "./bad-server";

const LOGGER_ID = "7d1c0b2a-3e4f-4a5b-8c6d-0123456789ab";
const PORT = "cccccccc-0001-4000-8000-000000000111";

let server: BadServer;
beforeAll(async () => {
  server = await BadServer.start();
  const config: Record<string, string> = {
    "nhncloud:authUrl": server.authUrl,
    "nhncloud:tenantId": "tenant-lost",
    "nhncloud:username": "lost@example.com",
    "nhncloud:password": "lost-pass-1a2b3c",
    "nhncloud:region": "KR1",
  };
  await provider.configure!({
    config: { get: (key: string) => config[key] },
  } as pulumi.dynamic.ConfigureRequest);
});
afterAll(() => server.close());

/** An API whose POSTs answer 502 `unprocessed` times, then make the logger and lose the response. */
function flakyCreates(unprocessed: number, answer: "drop" | "unreadable" = "drop"): { posts: () => number } {
  let posts = 0;
  let made: Record<string, unknown> | undefined;
  server.network = (res, req) => {
    if (req.method === "POST") {
      posts++;
      if (posts <= unprocessed) return send(502, "<html>502 Bad Gateway</html>", "text/html")(res, req);
      made = {
        id: LOGGER_ID,
        name: "lost",
        resource_type: "PORT",
        resource_id: PORT,
        filter: "ALL",
        aggregation_interval: 10,
        connection_setup_only: false,
        storage_type: "OBS",
        storage_url: STORAGE_URL,
        log_format: "CSV",
        compression_type: "RAW",
        partition_period: "DAY",
        admin_state_up: true,
        status: "ACTIVE",
        created_at: "2024-08-04 05:22:57",
        updated_at: "2024-08-04 05:22:57",
      };
      // A proxy's page instead of the API's JSON, with a success status: the logger exists.
      if (answer === "unreadable")
        return send(201, "<html><body>Created</body></html>", "text/html")(res, req);
      return drop(res, req);
    }
    const single = req.url?.includes(LOGGER_ID) && !req.url.includes("?");
    if (single) return json(made ? 200 : 404, made ? { flowlog_logger: made } : {})(res, req);
    return json(200, { flowlog_loggers: made ? [made] : [] })(res, req);
  };
  return { posts: () => posts };
}

describe("a create whose outcome is unknown on every attempt (issue 8)", () => {
  it("finds the logger made by the last POST instead of failing and orphaning it", async () => {
    const api = flakyCreates(2);
    const { inputs } = await provider.check!({}, { name: "lost", resourceId: PORT, storageUrl: STORAGE_URL });
    const created = await provider.create(inputs!);
    expect(created.id).toBe(LOGGER_ID);
    expect(api.posts()).toBe(3);
  });
});

describe("a create answered 2xx with a body that cannot be read (review of issue 4)", () => {
  it("finds the logger that POST made and never POSTs again", async () => {
    const api = flakyCreates(0, "unreadable");
    const { inputs } = await provider.check!({}, { name: "lost", resourceId: PORT, storageUrl: STORAGE_URL });
    const created = await provider.create(inputs!);
    expect(created.id).toBe(LOGGER_ID);
    expect(api.posts()).toBe(1);
  });
});
