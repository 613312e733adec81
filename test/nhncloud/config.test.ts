import { ErrorCodes } from "../../provider/common/errors";
import { resolveNhnSettings } from "../../provider/nhncloud/config";

const stack = (values: Record<string, string>) => (key: string) => values[key];
const none = stack({});
const fullEnv = { OS_TENANT_ID: "t-env", OS_USERNAME: "u-env", OS_PASSWORD: "p-env", OS_REGION_NAME: "kr2" };

describe("NHN settings resolution", () => {
  it("prefers stack config over the environment, and the resource's region over both", () => {
    const settings = resolveNhnSettings(
      stack({ "nhncloud:tenantId": "t-cfg", "nhncloud:region": "KR1" }),
      fullEnv,
      "kr3",
    );
    expect(settings).toMatchObject({
      tenantId: "t-cfg",
      username: "u-env",
      password: "p-env",
      region: "KR3",
    });
  });

  it("reads the OS_* environment NHN Cloud's Terraform provider uses, with the documented default auth URL", () => {
    expect(resolveNhnSettings(none, fullEnv)).toEqual({
      authUrl: "https://api-identity-infrastructure.nhncloudservice.com/v2.0",
      tenantId: "t-env",
      username: "u-env",
      password: "p-env",
      region: "KR2",
      regionSource: "env",
      requestTimeoutMs: 30_000,
    });
  });

  it.each([
    [
      "OS_PROJECT_ID for the tenant",
      { ...fullEnv, OS_TENANT_ID: undefined, OS_PROJECT_ID: "p-id" },
      { tenantId: "p-id" },
    ],
    [
      "OS_AUTH_TOKEN instead of a password",
      { OS_TENANT_ID: "t", OS_REGION_NAME: "KR1", OS_AUTH_TOKEN: "tok-1" },
      { token: "tok-1" },
    ],
    [
      "NHN_NETWORK_URL as the endpoint override",
      { ...fullEnv, NHN_NETWORK_URL: "https://net.example.com" },
      { networkUrl: "https://net.example.com" },
    ],
    [
      "a loopback http URL (the emulator)",
      { ...fullEnv, OS_AUTH_URL: "http://127.0.0.1:8080/identity/v2.0" },
      { authUrl: "http://127.0.0.1:8080/identity/v2.0" },
    ],
  ])("accepts %s", (_, env, expected) => {
    expect(resolveNhnSettings(none, env)).toMatchObject(expected);
  });

  it.each([
    [
      "no tenant",
      { ...fullEnv, OS_TENANT_ID: undefined },
      /nhncloud:tenantId.*OS_TENANT_ID \/ OS_PROJECT_ID/,
    ],
    ["no region", { ...fullEnv, OS_REGION_NAME: undefined }, /nhncloud:region.*OS_REGION_NAME/],
    ["no user and no token", { ...fullEnv, OS_USERNAME: undefined }, /nhncloud:username.*OS_USERNAME/],
    ["no password and no token", { ...fullEnv, OS_PASSWORD: undefined }, /nhncloud:password.*OS_PASSWORD/],
    [
      "plain http to a remote host",
      { ...fullEnv, OS_AUTH_URL: "http://identity.example.com/v2.0" },
      /nhncloud:authUrl` \(or the environment variable OS_AUTH_URL\) must use https/,
    ],
    [
      "a URL that is not one",
      { ...fullEnv, NHN_NETWORK_URL: "not a url" },
      /nhncloud:networkUrl` \(or the environment variable NHN_NETWORK_URL\) for KR2 is not a valid URL/,
    ],
  ])("fails with %s, naming the config key and the variable", (_, env, message) => {
    expect.assertions(2);
    try {
      resolveNhnSettings(none, env);
    } catch (error) {
      expect(error).toMatchObject({ code: ErrorCodes.config });
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe("NHN request timeout", () => {
  it.each([
    ["unset", {}, 30_000],
    ["blank, which is unset", { NHN_REQUEST_TIMEOUT: "  " }, 30_000],
    ["whole seconds", { NHN_REQUEST_TIMEOUT: "45" }, 45_000],
    ["fractional seconds", { NHN_REQUEST_TIMEOUT: "2.5" }, 2_500],
  ])("is read from NHN_REQUEST_TIMEOUT when %s", (_, env, expected) => {
    expect(resolveNhnSettings(none, { ...fullEnv, ...env }).requestTimeoutMs).toBe(expected);
  });

  it("prefers stack config nhncloud:requestTimeout", () => {
    const settings = resolveNhnSettings(stack({ "nhncloud:requestTimeout": "12" }), {
      ...fullEnv,
      NHN_REQUEST_TIMEOUT: "40",
    });
    expect(settings.requestTimeoutMs).toBe(12_000);
  });

  it.each(["0", "-5", "abc", "1e3", "30s", "Infinity"])(
    "refuses %j, naming the config key and the variable",
    (value) => {
      expect(() => resolveNhnSettings(none, { ...fullEnv, NHN_REQUEST_TIMEOUT: value })).toThrow(
        expect.objectContaining({
          code: ErrorCodes.config,
          message: expect.stringMatching(
            /nhncloud:requestTimeout.*NHN_REQUEST_TIMEOUT.* must be a positive number of seconds/,
          ),
        }),
      );
    },
  );
});

describe("where the region came from", () => {
  it.each([
    ["OS_REGION_NAME", none, undefined, "env"],
    ["stack config", stack({ "nhncloud:region": "KR1" }), undefined, "config"],
    ["a region argument equal to the configured one (check fills it in)", none, "kr2", "env"],
    ["a region argument of its own", stack({ "nhncloud:region": "KR1" }), "KR3", "argument"],
  ] as const)("is recorded for %s", (_, lookup, override, source) => {
    expect(resolveNhnSettings(lookup, fullEnv, override).regionSource).toBe(source);
  });
});

// Issue 20: an endpoint override never serves a region it does not name, and a URL that would change what a
// request means (a query, a fragment, credentials, an extra /v2.0) is refused before anything is sent.
describe("NHN network endpoint override", () => {
  const settings = (networkUrl: string, region?: string, configured = "KR1") =>
    resolveNhnSettings(
      stack({ "nhncloud:networkUrl": networkUrl, "nhncloud:region": configured }),
      fullEnv,
      region,
    );

  it("serves only the configured region when it names one URL", () => {
    expect(settings("https://net.example.com/prefix/").networkUrl).toBe("https://net.example.com/prefix");
    expect(settings("https://net.example.com", "KR2").networkUrl).toBeUndefined();
  });

  it.each([
    [
      "a JSON map (pulumi config set --path nhncloud:networkUrl.KR2 …)",
      '{"KR1":"https://one.example.com","kr2":"https://two.example.com"}',
    ],
    ["REGION=URL pairs", "KR1=https://one.example.com, kr2=https://two.example.com"],
  ])("takes %s, one endpoint per region", (_, value) => {
    expect(settings(value).networkUrl).toBe("https://one.example.com");
    expect(settings(value, "KR2").networkUrl).toBe("https://two.example.com");
    expect(settings(value, "KR3").networkUrl).toBeUndefined();
  });

  it.each([
    ["a query", "https://net.example.com/?x=1", /must not carry a query/],
    ["a fragment", "https://net.example.com/#x", /must not carry a fragment/],
    ["a user and password", "https://user:pw@net.example.com", /must not carry a user name or password/],
    ["an extra /v2.0", "https://net.example.com/v2.0", /without \/v2\.0 .*ending in "\/v2\.0"/],
    ["one URL and no configured region", "https://net.example.com", /no region is configured/],
  ])("refuses %s, naming the setting", (name, value, message) => {
    expect.assertions(3);
    const env = name.includes("no configured region") ? { ...fullEnv, OS_REGION_NAME: undefined } : fullEnv;
    try {
      resolveNhnSettings(stack({ "nhncloud:networkUrl": value }), env, "KR1");
    } catch (error) {
      expect(error).toMatchObject({ code: ErrorCodes.config });
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain("pw@");
    }
  });
});

// Issue 21: every missing or invalid setting in one message, each with its config key and variable.
describe("NHN settings, all at once", () => {
  it("lists every missing and invalid setting in one message", () => {
    expect.assertions(6);
    try {
      resolveNhnSettings(stack({ "nhncloud:createTimeout": "forever" }), {});
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/^NHN Cloud configuration: 5 settings are missing or invalid:/);
      expect(message).toMatch(/nhncloud:tenantId.*OS_TENANT_ID/);
      expect(message).toMatch(/nhncloud:region.*OS_REGION_NAME/);
      expect(message).toMatch(/nhncloud:username.*OS_USERNAME/);
      expect(message).toMatch(/nhncloud:password.*OS_PASSWORD/);
      expect(message).toMatch(/nhncloud:createTimeout.*NHN_CREATE_TIMEOUT.* must be a duration/);
    }
  });
});
