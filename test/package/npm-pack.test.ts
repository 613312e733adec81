import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type Emulator, startEmulator } from "../../emulator";
import { ProviderHost } from "../support/host";
import { Stack } from "../support/stack";
import { installTarball, linkFromRepo, packedTarball } from "../support/tarball";
import { nhnConfig, SEED, STORAGE_URL } from "../support/world";

let project: string;
let emulator: Emulator;
/** What `npm install <tarball>` printed (warnings go to stderr). */
let installOutput: string;

/** What a user's program registers, run by plain node in the consumer project (no jest, no path mapping). */
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { nhncloud, ncloud } = require("pulumi-flowlog");
pulumi.runtime
  .setMocks({ newResource: (a) => { console.log(JSON.stringify({ type: a.type, name: a.name, inputs: a.inputs })); return { id: a.name + "-id", state: a.inputs }; }, call: () => ({}) }, "consumer", "dev", false)
  .then(() => {
    new nhncloud.FlowLogLogger("web", { resourceId: "${SEED.KR1.ports[0]}", storageUrl: "${STORAGE_URL}" });
    new ncloud.FlowLog("nic", { networkInterfaceNo: "1000001", collectActionTypeCode: "ALL", storageBucketName: "flowlog-bucket" });
  });
`;

beforeAll(async () => {
  const work = mkdtempSync(join(tmpdir(), "flowlog-pack-"));
  project = join(work, "consumer");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  installOutput = installTarball(project, packedTarball());
  // Peers are linked from this checkout instead of downloaded: the point is the packed package itself.
  linkFromRepo(project, ["@pulumi/pulumi"]);
  writeFileSync(join(project, "index.js"), PROGRAM);
  emulator = await startEmulator({ port: 0, activationMs: 50 });
}, 180_000);

afterAll(async () => {
  await emulator?.close();
  rmSync(dirname(project), { recursive: true, force: true });
});

describe("the package as installed from npm pack", () => {
  it("ships the build, the public type declarations, the plugin's schema, the emulator and the testing kit's stub, and nothing else", () => {
    const installed = join(project, "node_modules", "pulumi-flowlog");
    expect(readdirSync(installed).sort()).toEqual([
      "LICENSE",
      "README.md",
      "dist",
      "package.json",
      "testing",
    ]);
    const files = readdirSync(installed, { recursive: true, encoding: "utf8" }).filter((file) =>
      /\.[a-z]+$/.test(file),
    );
    const odd = files.filter(
      (file) =>
        !/^dist\/(provider|emulator)\/.+\.(js|d\.ts)$/.test(file) &&
        file !== "dist/provider/plugin/schema.json" &&
        !["LICENSE", "README.md", "package.json", "testing/package.json"].includes(file),
    );
    expect(odd).toEqual([]);
    // The declarations are the public surface's (test/package/declarations.test.ts pins which), not every module's.
    const declarations = files.filter((file) => file.endsWith(".d.ts"));
    expect(declarations).toEqual(
      expect.arrayContaining(["dist/provider/index.d.ts", "dist/provider/testing/index.d.ts"]),
    );
    expect(declarations.length).toBeLessThan(files.filter((file) => file.endsWith(".js")).length / 3);
    // State written by every release requires these two modules by path.
    expect(files).toEqual(
      expect.arrayContaining([
        "dist/provider/nhncloud/flowlog-logger/provider.js",
        "dist/provider/ncloud/flow-log/provider.js",
        "dist/emulator/cli.js",
        "dist/provider/testing/cli.js",
        "dist/provider/plugin/main.js",
        "dist/provider/plugin/schema.json",
      ]),
    );
  });

  it("installs without an install-script warning: the packed package.json runs nothing at install", () => {
    const manifest = JSON.parse(
      readFileSync(join(project, "node_modules", "pulumi-flowlog", "package.json"), "utf8"),
    ) as { scripts?: Record<string, string> };
    const atInstall = ["preinstall", "install", "postinstall", "prepare"].filter(
      (hook) => manifest.scripts?.[hook] !== undefined,
    );
    expect(atInstall).toEqual([]);
    expect(installOutput).toMatch(/added \d+ package/);
    expect(installOutput).not.toMatch(/install-scripts|npm warn/i);
  });

  it("serializes a provider that only requires the installed package, a few KB and credential-free", () => {
    const out = execFileSync(process.execPath, ["index.js"], {
      cwd: project,
      env: {
        PATH: process.env.PATH,
        OS_PASSWORD: "pack-test-Password-1",
        NCLOUD_SECRET_KEY: "pack-test-Secret-2",
      },
    }).toString();
    const registrations = out
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string; inputs: Record<string, string> });
    expect(registrations.map((r) => r.type).sort()).toEqual([
      "pulumi-nodejs:dynamic/ncloud:FlowLog",
      "pulumi-nodejs:dynamic/nhncloud:FlowLogLogger",
    ]);
    for (const { inputs } of registrations) {
      expect(inputs.__provider.length).toBeLessThan(4096);
      expect(inputs.__provider).toMatch(/require\(modulePath\)/);
      expect(inputs.__provider).not.toMatch(/pack-test-Password-1|pack-test-Secret-2|undici|zod/);
    }
  });

  it("creates and deletes a logger through the SDK's host running the installed package", async () => {
    const out = execFileSync(process.execPath, ["index.js"], {
      cwd: project,
      env: { PATH: process.env.PATH },
    }).toString();
    const logger = out
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { name: string; type: string; inputs: Record<string, unknown> })
      .find((registration) => registration.type.endsWith(":FlowLogLogger"))!;
    const host = await ProviderHost.start({ cwd: project });
    try {
      await host.configure(nhnConfig(emulator));
      const stack = new Stack(host);
      const urn = `urn:pulumi:dev::consumer::${logger.type}::${logger.name}`;
      const result = await stack.up([{ type: logger.type, name: logger.name, urn, inputs: logger.inputs }]);
      expect(result.failures).toEqual([]);
      expect(emulator.control.loggers("KR1")).toHaveLength(1);
      await stack.destroy();
      expect(emulator.control.loggers("KR1")).toHaveLength(0);
    } finally {
      await host.close();
    }
  });
});
