import { ErrorCodes, isFlowLogError, nhncloud } from "pulumi-flowlog";
import { resolveNhnSettings } from "../../provider/nhncloud/config";
import { ProviderHost } from "../support/host";
import { runProgram } from "../support/program";
import { SEED, STORAGE_URL } from "../support/world";

const PASSWORD = "config-pass-0a9b8c";
const GOOD = {
  "nhncloud:authUrl": "https://api-identity-infrastructure.nhncloudservice.com/v2.0",
  "nhncloud:tenantId": "tenant-1",
  "nhncloud:username": "user@example.com",
  "nhncloud:password": PASSWORD,
  "nhncloud:region": "KR1",
};
const URN = "urn:pulumi:test::flowlog-test::pulumi-nodejs:dynamic/nhncloud:FlowLogLogger::web";

describe("NHN Cloud configuration values", () => {
  it.each<[string, Record<string, string | undefined>, RegExp[]]>([
    [
      "a plain-http authUrl",
      { "nhncloud:authUrl": "http://example.com" },
      [/nhncloud:authUrl` \(or the environment variable OS_AUTH_URL\) must use https/],
    ],
    [
      "an authUrl that is not a URL",
      { "nhncloud:authUrl": "identity" },
      [/nhncloud:authUrl` \(or the environment variable OS_AUTH_URL\) is not a valid URL/],
    ],
    ["a missing tenant", { "nhncloud:tenantId": undefined }, [/nhncloud:tenantId/, /OS_TENANT_ID/]],
    ["a blank tenant", { "nhncloud:tenantId": "   " }, [/nhncloud:tenantId/, /OS_TENANT_ID/]],
    ["a missing user", { "nhncloud:username": undefined }, [/nhncloud:username/, /OS_USERNAME/]],
    ["a missing password", { "nhncloud:password": undefined }, [/nhncloud:password/, /OS_PASSWORD/]],
    ["a missing region", { "nhncloud:region": undefined }, [/nhncloud:region/, /OS_REGION_NAME/]],
    [
      "a plain-http networkUrl",
      { "nhncloud:networkUrl": "http://network.example.com" },
      [/nhncloud:networkUrl` \(or the environment variable NHN_NETWORK_URL\) for KR1 must use https/],
    ],
  ])("%s fails naming the setting to fix", (_name, change, messages) => {
    const config: Record<string, string | undefined> = { ...GOOD, ...change };
    expect.assertions(messages.length + 2);
    try {
      resolveNhnSettings((key) => config[key], {});
    } catch (error) {
      expect(isFlowLogError(error, ErrorCodes.config)).toBe(true);
      for (const message of messages) expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain(PASSWORD);
    }
  });
});

describe("bad configuration through the provider host", () => {
  let provider: string;
  const hosts: ProviderHost[] = [];
  beforeAll(async () => {
    const { registrations } = await runProgram(() => {
      new nhncloud.FlowLogLogger("web", { resourceId: SEED.KR1.ports[0], storageUrl: STORAGE_URL });
    });
    provider = registrations[0].inputs.__provider as string;
  });
  afterAll(() => Promise.all(hosts.map((host) => host.close())));

  async function hostWith(config: Record<string, string | undefined>): Promise<ProviderHost> {
    const host = await ProviderHost.start();
    hosts.push(host);
    const defined = Object.entries(config).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    );
    await host.configure(Object.fromEntries(defined));
    return host;
  }

  const news = (args: Record<string, unknown> = {}) => ({
    __provider: provider,
    pulumiName: "web",
    resourceId: SEED.KR1.ports[0],
    storageUrl: STORAGE_URL,
    ...args,
  });

  it.each<[string, Record<string, string | undefined>, RegExp[]]>([
    ["a plain-http authUrl", { "nhncloud:authUrl": "http://example.com" }, [/must use https/]],
    ["a missing tenant", { "nhncloud:tenantId": undefined }, [/nhncloud:tenantId/, /OS_TENANT_ID/]],
    ["a missing region", { "nhncloud:region": undefined }, [/nhncloud:region/, /OS_REGION_NAME/]],
  ])(
    "%s fails the preview's check with a clear error, and the host keeps serving",
    async (_name, change, messages) => {
      const host = await hostWith({ ...GOOD, ...change });
      for (const attempt of [1, 2]) {
        const error = (await host.check(URN, {}, news()).catch((caught: unknown) => caught)) as Error;
        for (const message of messages)
          expect({ attempt, message: error.message }).toEqual({
            attempt,
            message: expect.stringMatching(message),
          });
        expect(`${error.message}${host.stderr}${host.stdout}`).not.toContain(PASSWORD);
      }
      expect(host.running).toBe(true);
    },
  );
});
