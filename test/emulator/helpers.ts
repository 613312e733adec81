import { DEFAULT_SEED, type Emulator, type EmulatorOptions, signNcloud, startEmulator } from "../../emulator";

export const KR1 = DEFAULT_SEED.nhn.regions.KR1;
export const KR1_VPC = KR1.vpcs[0];
export const KR1_SUBNET = KR1_VPC.subnets[0];
export const KR1_PORT = KR1_SUBNET.ports[0];
export const STORAGE_URL =
  "https://kr1-api-object-storage.nhncloudservice.com/v1/AUTH_0123456789abcdef0123456789abcdef/flowlog/vpc";

export interface Response {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests index freely into API bodies they assert on
  body: any;
}

export async function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Response> {
  const body =
    init.body === undefined
      ? undefined
      : typeof init.body === "string"
        ? init.body
        : JSON.stringify(init.body);
  const res = await fetch(url, { method: init.method ?? "GET", headers: init.headers, body });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

export async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, activationMs: 100, ...options });
}

export async function issueToken(emu: Emulator, tenantId = "tenant-a"): Promise<string> {
  const res = await send(`${emu.url}/identity/v2.0/tokens`, {
    method: "POST",
    body: { auth: { tenantId, passwordCredentials: { username: "user@example.com", password: "secret" } } },
  });
  return res.body.access.token.id;
}

/** A client for one region of the NHN network API with one token. */
export function nhn(emu: Emulator, token: string, region = "kr1") {
  const base = `${emu.url}/network/${region}/v2.0`;
  const headers = { "x-auth-token": token, "content-type": "application/json" };
  return {
    list: (query = "") => send(`${base}/flowlog-loggers${query}`, { headers }),
    get: (id: string) => send(`${base}/flowlog-loggers/${id}`, { headers }),
    create: (logger: Record<string, unknown>) =>
      send(`${base}/flowlog-loggers`, { method: "POST", headers, body: { flowlog_logger: logger } }),
    update: (id: string, patch: Record<string, unknown>) =>
      send(`${base}/flowlog-loggers/${id}`, { method: "PUT", headers, body: { flowlog_logger: patch } }),
    remove: (id: string) => send(`${base}/flowlog-loggers/${id}`, { method: "DELETE", headers }),
    ports: (query = "") => send(`${base}/flowlog-logging-ports${query}`, { headers }),
    port: (id: string) => send(`${base}/flowlog-logging-ports/${id}`, { headers }),
  };
}

export const validLogger = (overrides: Record<string, unknown> = {}) => ({
  name: "web",
  resource_id: KR1_PORT.id,
  storage_type: "OBS",
  storage_url: STORAGE_URL,
  ...overrides,
});

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Signs an NCloud request the way the official SDKs do (signature v2). */
export function ncloudHeaders(
  target: string,
  method = "GET",
  timestamp = Date.now(),
  secretKey = "emulator-secret-key",
) {
  const accessKey = "emulator-access-key";
  return {
    "x-ncp-apigw-timestamp": String(timestamp),
    "x-ncp-iam-access-key": accessKey,
    "x-ncp-apigw-signature-v2": signNcloud(secretKey, method, target, String(timestamp), accessKey),
  };
}
