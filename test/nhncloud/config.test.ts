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
      { networkUrl: "https://net.example.com/" },
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
      /nhncloud:authUrl must use https/,
    ],
    [
      "a URL that is not one",
      { ...fullEnv, NHN_NETWORK_URL: "not a url" },
      /nhncloud:networkUrl is not a valid URL/,
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
