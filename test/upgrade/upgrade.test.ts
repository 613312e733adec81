import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type Emulator, startEmulator } from "../../emulator";
import { linkedProgramDir, ProviderHost } from "../support/host";
import type { Registration } from "../support/program";
import { Stack, type StateEntry } from "../support/stack";
import { nhnConfig, SEED, STORAGE_URL, TENANT } from "../support/world";
import { installRelease, RELEASES, registrationsIn } from "./releases";

// Issue 12: an upgrade alone never renames, updates or replaces anything. For each older release: state
// made by it through the SDK's provider host, then taken over by this checkout's package.

const TEMPLATE = "#{logger_id}-#{year}#{month}#{day}#{hour}#{minute}#{second}";
const program = (adoptId: string) => `
new nhncloud.FlowLogLogger("auto", { resourceId: "${SEED.KR1.ports[0]}", storageUrl: "${STORAGE_URL}" });
new nhncloud.FlowLogLogger("explicit", {
  name: "explicit-logger", description: "every optional field", adminStateUp: false,
  resourceType: "SUBNET", resourceId: "${SEED.KR1.subnet}", filter: "DROP", aggregationInterval: 5,
  connectionSetupOnly: true, storageType: "OBS", storageUrl: "${STORAGE_URL}/explicit", logFormat: "PARQUET",
  compressionType: "GZIP", customizedFields: ["timestamp_start", "vm_id", "src_addr", "bytes"],
  customizedFileName: "${TEMPLATE}", partitionPeriod: "year=#{year}/month=#{month}", region: "kr1",
});
new nhncloud.FlowLogLogger("adopted", { adoptId: "${adoptId}", name: "console-made", resourceId: "${SEED.KR1.ports[1]}", storageUrl: "${STORAGE_URL}" });
new ncloud.FlowLog("nic", { networkInterfaceNo: "1000001", collectActionTypeCode: "ALL", storageBucketName: "flowlog-bucket" });
`;

const urnOf = (r: { type: string; name: string }) => `urn:pulumi:dev::upgrade::${r.type}::${r.name}`;
const withUrns = (registrations: Omit<Registration, "urn">[]): Registration[] =>
  registrations.map((r) => ({ ...r, urn: urnOf(r) }));

function linkSdk(dir: string): void {
  mkdirSync(join(dir, "node_modules", "@pulumi"), { recursive: true });
  symlinkSync(
    dirname(require.resolve("@pulumi/pulumi/package.json")),
    join(dir, "node_modules", "@pulumi", "pulumi"),
  );
}

// One emulator, and one provider host of this checkout, for every release: each release's state is made by
// its own host, then taken over by the shared one.
let work: string;
let emulator: Emulator;
let config: Record<string, string>;
let fresh: string;
let host: ProviderHost;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "flowlog-upgrade-"));
  emulator = await startEmulator({ port: 0, activationMs: 0 });
  config = {
    ...nhnConfig(emulator),
    "ncloud:accessKey": "emulator-access-key",
    "ncloud:secretKey": "emulator-secret-key",
    "ncloud:apiUrl": emulator.url,
  };
  fresh = linkedProgramDir(work);
  linkSdk(fresh);
  host = await ProviderHost.start({ cwd: fresh });
  await host.configure(config);
}, 60_000);

afterAll(async () => {
  await host?.close();
  await emulator?.close();
  rmSync(work, { recursive: true, force: true });
});

describe.each(RELEASES)("state written by $version", ({ version, tarball }) => {
  let old: Map<string, StateEntry>;
  let current: Registration[];

  beforeAll(async () => {
    const dir = join(work, version);
    installRelease(dir, tarball);
    const console = emulator.control.createLogger(
      "KR1",
      { name: "console-made", resource_id: SEED.KR1.ports[1], storage_type: "OBS", storage_url: STORAGE_URL },
      TENANT,
    );
    const [made, now] = registrationsIn([dir, fresh], program(console.id), "upgrade", "dev");
    const oldHost = await ProviderHost.start({ cwd: dir });
    try {
      await oldHost.configure(config);
      const stack = new Stack(oldHost);
      const up = await stack.up(withUrns(made));
      expect(up.failures).toEqual([]);
      old = stack.state;
    } finally {
      await oldHost.close();
    }
    current = withUrns(now);
    emulator.control.clearRequests();
  }, 180_000);

  const entries = () => [...old.values()].map((entry) => [entry.urn.split("::").pop(), entry] as const);

  it("made the four resources the program declares", () => {
    expect(
      entries()
        .map(([name]) => name)
        .sort(),
    ).toEqual(["adopted", "auto", "explicit", "nic"]);
  });

  it("previews no change: check with the old inputs, then diff against the old outputs", async () => {
    for (const [, entry] of entries()) {
      const news = current.find((r) => r.urn === entry.urn)!.inputs;
      const checked = await host.check(entry.urn, entry.inputs, news);
      expect(checked.failures).toEqual([]);
      expect(await host.diff(entry.urn, entry.id, entry.outputs, checked.inputs)).toEqual({
        changes: "none",
        replaces: [],
        deleteBeforeReplace: false,
      });
    }
  });

  it("refreshes with the same id and no drift, and previews no change after that", async () => {
    for (const [, entry] of entries()) {
      const read = await host.read(entry.urn, entry.id, entry.outputs, entry.inputs);
      expect(read.id).toBe(entry.id);
      expect(read.props).toEqual(entry.outputs);
      const news = current.find((r) => r.urn === entry.urn)!.inputs;
      const checked = await host.check(entry.urn, read.inputs ?? {}, news);
      expect((await host.diff(entry.urn, entry.id, read.props, checked.inputs)).changes).toBe("none");
    }
  });

  it("runs a whole up, refresh and up as `same`, sending nothing but reads", async () => {
    const stack = new Stack(host);
    for (const [urn, entry] of old) stack.state.set(urn, structuredClone(entry));
    expect((await stack.up(current)).steps.map((step) => step.op)).toEqual(["same", "same", "same", "same"]);
    expect(await stack.refresh()).toEqual({ changed: [], deleted: [] });
    expect((await stack.up(current)).steps.map((step) => step.op)).toEqual(["same", "same", "same", "same"]);
    const writes = emulator.control.requests().filter((r) => r.api !== "identity" && r.method !== "GET");
    expect(writes).toEqual([]);
  });

  it("destroys cleanly: every logger and the flow log gone", async () => {
    const stack = new Stack(host);
    for (const [urn, entry] of old) stack.state.set(urn, structuredClone(entry));
    await stack.destroy();
    expect(emulator.control.loggers("KR1")).toEqual([]);
    expect(emulator.control.ncloudFlowLogs()).toEqual([]);
  });
});
