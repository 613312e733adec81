import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "../../emulator";
import type * as Kit from "../../provider/testing";
import type { PropertyMap, TestPlugin } from "../../provider/testing";
import { installTarball, linkFromRepo, packedTarball } from "../support/tarball";

export type TestingKit = typeof Kit;

export interface Installed {
  /** `pulumi-flowlog/testing` as the installed package ships it. */
  kit: TestingKit;
  /** The installed `node_modules/.bin/pulumi-resource-flowlog`. */
  bin: string;
  /** The installed package's version. */
  version: string;
  remove(): void;
}

/** This checkout's `npm pack` tarball (packed once per run) installed into an empty project, as a user gets it. */
export async function installPlugin(): Promise<Installed> {
  const work = mkdtempSync(join(tmpdir(), "flowlog-plugin-"));
  try {
    const project = join(work, "consumer");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    installTarball(project, await packedTarball());
    // The peer, linked from this checkout: the point is the packed package itself.
    linkFromRepo(project, ["@pulumi/pulumi"]);
    const installed = join(project, "node_modules", "pulumi-flowlog");
    return {
      kit: require(join(installed, "dist", "provider", "testing", "index.js")) as TestingKit,
      bin: join(project, "node_modules", ".bin", "pulumi-resource-flowlog"),
      version: (JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as { version: string })
        .version,
      remove: () => rmSync(work, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

export const LOGGER = "flowlog:nhncloud:FlowLogLogger";
export const FLOW_LOG = "flowlog:ncloud:FlowLog";
export const STORAGE_URL =
  "https://kr1-api-object-storage.nhncloudservice.com/v1/AUTH_0123456789abcdef0123456789abcdef/flowlog/web";

/** The `nhncloud` settings object aimed at the emulator, for one tenant and user. */
export function nhnSettings(emulator: Emulator, tenantId: string, username: string, password: string) {
  return { authUrl: `${emulator.url}/identity/v2.0`, tenantId, username, password, region: "KR1" };
}

/** The `ncloud` settings object aimed at the emulator. */
export function ncloudSettings(emulator: Emulator, secretKey = "emulator-secret-key") {
  return { accessKey: "emulator-access-key", secretKey, apiUrl: emulator.url, region: "KR" };
}

/** Every answer and error message a plugin gave, as text: where a secret must never appear. */
export class Transcript {
  readonly entries: string[] = [];

  /** `plugin`, with each call's answer (or error) recorded; `checkConfig` is recorded apart (see `configInputs`). */
  record(plugin: TestPlugin): TestPlugin {
    const entries = this.entries;
    return new Proxy(plugin, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== "function" || key === "checkConfig" || key === "close" || key === "logs")
          return value;
        return async (...args: unknown[]) => {
          try {
            const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            entries.push(JSON.stringify(result ?? null));
            return result;
          } catch (error) {
            const failed = error as { message: string; initFailed?: unknown };
            entries.push(JSON.stringify({ message: failed.message, initFailed: failed.initFailed ?? null }));
            throw error;
          }
        };
      },
    });
  }
}

/** A configuration as the engine sends it: each settings object JSON text, marked secret. */
export function engineConfig(kit: TestingKit, settings: PropertyMap): PropertyMap {
  return Object.fromEntries(
    Object.entries(settings).map(([key, value]) => [key, kit.secret(JSON.stringify(value))]),
  );
}
