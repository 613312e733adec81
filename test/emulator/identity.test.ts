import type { Emulator } from "../../emulator";
import { issueToken, nhn, send, start } from "./helpers";

describe("emulator identity", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await start();
  });
  afterAll(() => emu.close());

  const tokens = (body: unknown) => send(`${emu.url}/identity/v2.0/tokens`, { method: "POST", body });

  it("issues a 32-hex token with a UTC expiry about 12 hours ahead and a network catalog for KR1-KR3", async () => {
    const res = await tokens({
      auth: { tenantId: "t1", passwordCredentials: { username: "u", password: "p" } },
    });
    expect(res.status).toBe(200);
    const { token, serviceCatalog, user, metadata } = res.body.access;
    expect(token.id).toMatch(/^[0-9a-f]{32}$/);
    expect(token.expires).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Date.parse(token.expires) - Date.now()).toBeGreaterThan(43100 * 1000);
    expect(token.tenant.id).toBe("t1");
    expect(user.name).toBe("u");
    expect(metadata).toEqual(expect.any(Object));
    const network = serviceCatalog.find((s: { type: string }) => s.type === "network");
    expect(network.endpoints).toEqual([
      { region: "KR1", publicURL: `${emu.url}/network/kr1` },
      { region: "KR2", publicURL: `${emu.url}/network/kr2` },
      { region: "KR3", publicURL: `${emu.url}/network/kr3` },
    ]);
    expect(serviceCatalog.some((s: { type: string }) => s.type === "identity")).toBe(true);
  });

  it("re-scopes an existing valid token", async () => {
    const id = await issueToken(emu, "t1");
    const res = await tokens({ auth: { tenantId: "t2", token: { id } } });
    expect(res.status).toBe(200);
    expect(res.body.access.token.tenant.id).toBe("t2");
  });

  it.each([
    ["an empty password", { auth: { tenantId: "t", passwordCredentials: { username: "u", password: "" } } }],
    ["no tenant", { auth: { passwordCredentials: { username: "u", password: "p" } } }],
    ["no credentials at all", { auth: { tenantId: "t" } }],
    ["an unknown token to re-scope", { auth: { tenantId: "t", token: { id: "f".repeat(32) } } }],
  ])("answers 401 Keystone-style for %s", async (_name, body) => {
    const res = await tokens(body);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: {
        message: "The request you have made requires authentication.",
        code: 401,
        title: "Unauthorized",
      },
    });
  });

  it.each([
    ["not JSON", "{nope"],
    ["no auth object", { hello: 1 }],
    [
      "a non-string username",
      { auth: { tenantId: "t", passwordCredentials: { username: 5, password: "p" } } },
    ],
  ])("answers 400 with the same shape for a body that is %s", async (_name, body) => {
    const res = await tokens(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(400);
  });

  describe("token validity on the network API", () => {
    const list = (token?: string) =>
      send(`${emu.url}/network/kr1/v2.0/flowlog-loggers`, {
        headers: token ? { "x-auth-token": token } : {},
      });

    it("accepts a freshly issued token", async () => {
      expect((await list(await issueToken(emu))).status).toBe(200);
    });

    it.each([
      ["a missing", async () => undefined],
      ["an unknown", async () => "0".repeat(32)],
      [
        "an expired",
        async () => {
          const token = await issueToken(emu);
          emu.control.expireAllTokens();
          return token;
        },
      ],
      [
        "a revoked",
        async () => {
          const token = await issueToken(emu);
          emu.control.revokeToken(token);
          return token;
        },
      ],
    ])("rejects %s token with 401", async (_name, makeToken) => {
      const res = await list(await makeToken());
      expect(res.status).toBe(401);
      expect(res.body.error.title).toBe("Unauthorized");
    });

    it("revokeAllTokens invalidates every token issued so far", async () => {
      const token = await issueToken(emu);
      emu.control.revokeAllTokens();
      expect((await nhn(emu, token).list()).status).toBe(401);
    });

    it("counts issued tokens", async () => {
      const before = emu.control.tokensIssued();
      await issueToken(emu);
      expect(emu.control.tokensIssued()).toBe(before + 1);
    });
  });
});

describe("emulator identity with pinned credentials", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await start({ credentials: { tenantId: "tenant", username: "alice", password: "pw" } });
  });
  afterAll(() => emu.close());

  it.each([
    ["the pinned credentials", 200, "tenant", "alice", "pw"],
    ["a wrong password", 401, "tenant", "alice", "nope"],
    ["a wrong username", 401, "tenant", "bob", "pw"],
    ["a wrong tenant", 401, "other", "alice", "pw"],
  ])("answers %s with HTTP %i", async (_name, status, tenantId, username, password) => {
    const res = await send(`${emu.url}/identity/v2.0/tokens`, {
      method: "POST",
      body: { auth: { tenantId, passwordCredentials: { username, password } } },
    });
    expect(res.status).toBe(status);
  });
});
