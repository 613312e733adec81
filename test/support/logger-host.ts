import { nhncloud } from "pulumi-flowlog";
import { ProviderHost } from "./host";
import { runProgram } from "./program";
import { SEED, STORAGE_URL } from "./world";

export const LOGGER_URN = "urn:pulumi:test::flowlog-test::pulumi-nodejs:dynamic/nhncloud:FlowLogLogger::web";

export interface LoggerHost {
  host: ProviderHost;
  /** The serialized provider, as a program registered it. */
  provider: string;
  /** A logger's inputs as the engine sends them to check, with `args` on top of the required ones. */
  news(args?: Record<string, unknown>): Record<string, unknown>;
}

/** Settings complete enough for check (which validates them) aimed at no API: for tests that call none. */
export const CHECK_ONLY_CONFIG: Record<string, string> = {
  "nhncloud:region": "KR1",
  "nhncloud:tenantId": "0123456789abcdef0123456789abcdef",
  "nhncloud:username": "check-only@example.com",
  "nhncloud:password": "check-only-password-1",
};

/** A provider host serving FlowLogLogger's serialized provider, for check/diff tests that need no API. */
export async function startLoggerHost(
  config: Record<string, string> = CHECK_ONLY_CONFIG,
): Promise<LoggerHost> {
  const { registrations } = await runProgram(() => {
    new nhncloud.FlowLogLogger("web", { resourceId: SEED.KR1.ports[0], storageUrl: STORAGE_URL });
  });
  const provider = registrations[0].inputs.__provider as string;
  const host = await ProviderHost.start();
  await host.configure(config);
  return {
    host,
    provider,
    news: (args = {}) => ({
      __provider: provider,
      pulumiName: "web",
      resourceId: SEED.KR1.ports[0],
      storageUrl: STORAGE_URL,
      ...args,
    }),
  };
}
