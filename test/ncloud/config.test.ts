import { isFlowLogError } from "../../provider/common/errors";
import { resolveNcloudRegion, resolveNcloudSettings } from "../../provider/ncloud/config";

const none = () => undefined;
const ENV = { NCLOUD_ACCESS_KEY: "env-access", NCLOUD_SECRET_KEY: "env-secret-key" };

describe("NCloud settings", () => {
  it("reads the environment the NCloud CLI uses, with the documented defaults", () => {
    expect(resolveNcloudSettings(none, ENV)).toEqual({
      accessKey: "env-access",
      secretKey: "env-secret-key",
      region: "KR",
      apiUrl: "https://ncloud.apigw.ntruss.com",
      requestTimeoutMs: 30_000,
    });
  });

  it("prefers stack config over the environment", () => {
    const config: Record<string, string> = {
      "ncloud:accessKey": "cfg-access",
      "ncloud:secretKey": "cfg-secret-key",
      "ncloud:region": "JPN",
      "ncloud:apiUrl": "http://127.0.0.1:9999/",
    };
    const settings = resolveNcloudSettings((key) => config[key], { ...ENV, NCLOUD_REGION: "SGN" });
    expect(settings).toEqual({
      accessKey: "cfg-access",
      secretKey: "cfg-secret-key",
      region: "JPN",
      apiUrl: "http://127.0.0.1:9999",
      requestTimeoutMs: 30_000,
    });
  });

  it("takes the default region from NCLOUD_REGION without needing credentials", () => {
    expect(resolveNcloudRegion(none, { NCLOUD_REGION: "SGN" })).toBe("SGN");
    expect(resolveNcloudRegion(none, {})).toBe("KR");
  });

  it.each([
    ["access key", { NCLOUD_SECRET_KEY: "s-secret" }, "ncloud:accessKey", "NCLOUD_ACCESS_KEY"],
    ["secret key", { NCLOUD_ACCESS_KEY: "a-access" }, "ncloud:secretKey", "NCLOUD_SECRET_KEY"],
  ])("a missing %s fails naming the config key and the environment variable", (_what, env, key, variable) => {
    expect.assertions(3);
    try {
      resolveNcloudSettings(none, env);
    } catch (error) {
      expect(isFlowLogError(error, "ERR_FLOWLOG_CONFIG")).toBe(true);
      expect((error as Error).message).toContain(key);
      expect((error as Error).message).toContain(variable);
    }
  });

  it("refuses plain http for a host that is not loopback", () => {
    expect(() => resolveNcloudSettings(none, { ...ENV, NCLOUD_API_GW: "http://ncloud.example.com" })).toThrow(
      /must use https/,
    );
  });
});

describe("NCloud request timeout", () => {
  it("is read from ncloud:requestTimeout, then NCLOUD_REQUEST_TIMEOUT, in seconds", () => {
    expect(resolveNcloudSettings(none, { ...ENV, NCLOUD_REQUEST_TIMEOUT: "7" }).requestTimeoutMs).toBe(7_000);
    const config: Record<string, string> = { "ncloud:requestTimeout": "0.5" };
    const settings = resolveNcloudSettings((key) => config[key], { ...ENV, NCLOUD_REQUEST_TIMEOUT: "7" });
    expect(settings.requestTimeoutMs).toBe(500);
  });

  it("an empty NCLOUD_REQUEST_TIMEOUT is unset, never 0 seconds", () => {
    expect(resolveNcloudSettings(none, { ...ENV, NCLOUD_REQUEST_TIMEOUT: "" }).requestTimeoutMs).toBe(30_000);
  });

  it.each(["0", "-1", "soon"])("%j is refused naming the config key and the variable", (value) => {
    expect(() => resolveNcloudSettings(none, { ...ENV, NCLOUD_REQUEST_TIMEOUT: value })).toThrow(
      /ncloud:requestTimeout.*NCLOUD_REQUEST_TIMEOUT.*positive number of seconds/,
    );
  });
});
