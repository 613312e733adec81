import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { type Emulator, startEmulator } from "../../emulator";
import { ProviderHost } from "../support/host";
import { Stack } from "../support/stack";
import { nhnConfig, SEED, STORAGE_URL } from "../support/world";

const REPO = resolve(__dirname, "..", "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
let project: string;
let emulator: Emulator;

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
  // dist/ is built by pretest; rebuilding here would rewrite files other test workers' hosts are loading.
  execFileSync(npm, ["pack", "--ignore-scripts", "--pack-destination", work], { cwd: REPO, stdio: "pipe" });
  const tarball = join(work, readdirSync(work).find((file) => file.endsWith(".tgz"))!);
  project = join(work, "consumer");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  // Peers are linked from this checkout instead of downloaded: the point is the packed package itself.
  execFileSync(
    npm,
    ["install", tarball, "--no-audit", "--no-fund", "--prefer-offline", "--legacy-peer-deps"],
    {
      cwd: project,
      stdio: "pipe",
    },
  );
  mkdirSync(join(project, "node_modules", "@pulumi"), { recursive: true });
  symlinkSync(
    dirname(require.resolve("@pulumi/pulumi/package.json")),
    join(project, "node_modules", "@pulumi", "pulumi"),
    "dir",
  );
  writeFileSync(join(project, "index.js"), PROGRAM);
  emulator = await startEmulator({ port: 0, activationMs: 50 });
}, 180_000);

afterAll(async () => {
  await emulator?.close();
  rmSync(dirname(project), { recursive: true, force: true });
});

describe("the package as installed from npm pack", () => {
  it("ships the build, the type declarations, the emulator and the testing kit's stub, and nothing from the source tree", () => {
    const installed = join(project, "node_modules", "pulumi-flowlog");
    const top = readdirSync(installed).sort();
    expect(top).toEqual(["LICENSE", "README.md", "dist", "package.json", "testing"]);
    expect(readdirSync(join(installed, "dist", "provider"))).toEqual(
      expect.arrayContaining(["index.js", "index.d.ts"]),
    );
    expect(readdirSync(join(installed, "dist", "emulator"))).toContain("cli.js");
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
