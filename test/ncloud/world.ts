import type { Emulator } from "../../emulator";
import { FlowLog, type FlowLogArgs } from "../../provider/ncloud";
import { startWorld, type World } from "../support/world";

/** Seeded by the emulator (emulator/seed.ts). */
export const NICS = ["1000001", "1000002", "1000003"] as const;
export const BUCKET = "flowlog-bucket";
export const ACCESS_KEY = "emulator-access-key";
export const SECRET_KEY = "emulator-secret-key";

/** Stack config for the emulator, as `pulumi config set` (with --secret for the key) would hold it. */
export function ncloudConfig(emulator: Emulator, secretKey = SECRET_KEY): Record<string, string> {
  return {
    "ncloud:accessKey": ACCESS_KEY,
    "ncloud:secretKey": secretKey,
    "ncloud:apiUrl": emulator.url,
  };
}

/** The emulator and a provider host configured for it with NCloud stack config (set before any resource loads the provider). */
export async function startNcloudWorld(secretKey = SECRET_KEY): Promise<World> {
  const world = await startWorld();
  Object.assign(world.config, ncloudConfig(world.emulator, secretKey));
  await world.host.configure(world.config);
  return world;
}

export const urnOf = (name: string) =>
  `urn:pulumi:test::flowlog-test::pulumi-nodejs:dynamic/ncloud:FlowLog::${name}`;

/** Registrations of one FlowLog named `name` on NICS[0] (unless overridden). */
export function flowLogProgram(world: World, name: string, args: Partial<FlowLogArgs> = {}, preview = false) {
  return world.program(
    () => {
      new FlowLog(name, {
        networkInterfaceNo: NICS[0],
        collectActionTypeCode: "ALL",
        storageBucketName: BUCKET,
        ...args,
      });
    },
    { preview },
  );
}
