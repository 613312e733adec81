import { mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ProviderHost as KitProviderHost } from "../../provider/testing/host";

export { InitFailedError } from "../../provider/testing/host";

const REPO_ROOT = resolve(__dirname, "..", "..");

export interface HostOptions {
  /** The program directory the host runs in; must resolve `pulumi-flowlog`. Default: a temp dir linked to this repo. */
  cwd?: string;
  /** Default: PATH only, so no OS_* variable of the machine reaches the provider. */
  env?: Record<string, string | undefined>;
}

/**
 * Makes a program directory whose node_modules/pulumi-flowlog is this checkout (built into dist/), in
 * `parent` (the temp folder by default); the caller removes it.
 */
export function linkedProgramDir(parent = tmpdir()): string {
  const dir = mkdtempSync(join(parent, "flowlog-program-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(REPO_ROOT, join(dir, "node_modules", "pulumi-flowlog"), "dir");
  return dir;
}

/** The testing kit's provider host (provider/testing/host.ts), started as the tests always have. */
export type ProviderHost = KitProviderHost;
export const ProviderHost = {
  start(options: HostOptions = {}): Promise<ProviderHost> {
    const owned = options.cwd ? undefined : linkedProgramDir();
    return KitProviderHost.start({
      cwd: options.cwd ?? (owned as string),
      env: options.env ?? { PATH: process.env.PATH },
      removeOnClose: owned,
    });
  },
};
