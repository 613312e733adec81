import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Registration } from "../test/support/program";

const REPO_ROOT = resolve(__dirname, "..");

/** Size of the serialized provider the engine stores in every logger's state. */
export function providerBytes(registration: Registration): number {
  const provider = registration.inputs.__provider;
  if (typeof provider !== "string") throw new Error(`${registration.name} has no serialized __provider`);
  return Buffer.byteLength(provider, "utf8");
}

/** Registers one logger under the SDK's mocks in the temp project and prints its `__provider` size. */
const MEASURE_SCRIPT = `
const pulumi = require("@pulumi/pulumi");
const { waitForRPCs } = require("@pulumi/pulumi/runtime/settings");
let provider;
pulumi.runtime.setMocks({
  newResource(args) {
    provider = args.inputs.__provider;
    return { id: args.name + "-id", state: args.inputs };
  },
  call() { return {}; },
}, "flowlog-bench", "bench", false).then(async () => {
  const { nhncloud } = require("pulumi-flowlog");
  new nhncloud.FlowLogLogger("web", {
    resourceId: "cccccccc-0001-4000-8000-000000000111",
    storageUrl: "https://kr1-api-object-storage.nhncloudservice.com/v1/AUTH_x/flowlog/vpc",
    region: "KR1",
  });
  await waitForRPCs();
  console.log(JSON.stringify({ bytes: Buffer.byteLength(provider, "utf8") }));
});
`;

const npm = (args: string[], cwd: string): string =>
  execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/**
 * `__provider` as users get it: `npm pack` of this checkout (its dist/ must be built), installed with the
 * same @pulumi/pulumi into a fresh project, from the npm cache where possible.
 */
export function packedProviderBytes(): number {
  const dir = mkdtempSync(join(tmpdir(), "flowlog-bench-pack-"));
  try {
    npm(["pack", "--ignore-scripts", "--pack-destination", dir], REPO_ROOT);
    const tarball = readdirSync(dir).find((file) => file.endsWith(".tgz"));
    if (!tarball) throw new Error("npm pack made no tarball");
    const pulumiVersion = (require("@pulumi/pulumi/package.json") as { version: string }).version;
    npm(["init", "-y"], dir);
    const install = ["i", `./${tarball}`, `@pulumi/pulumi@${pulumiVersion}`, "--no-audit", "--no-fund"];
    try {
      npm([...install, "--offline"], dir);
    } catch {
      npm([...install, "--prefer-offline"], dir);
    }
    writeFileSync(join(dir, "measure.js"), MEASURE_SCRIPT);
    const output = execFileSync(process.execPath, ["measure.js"], { cwd: dir, encoding: "utf8" });
    return (JSON.parse(output.trim().split("\n").pop() ?? "{}") as { bytes: number }).bytes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
