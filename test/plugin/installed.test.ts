import { type Emulator, startEmulator } from "../../emulator";
import { PLUGIN_SCHEMA } from "../../provider/plugin/schema";
import type { PluginCallError, PropertyMap, TestEngine, TestPlugin } from "../../provider/testing";
import {
  engineConfig,
  FLOW_LOG,
  type Installed,
  installPlugin,
  LOGGER,
  ncloudSettings,
  nhnSettings,
  STORAGE_URL,
  Transcript,
} from "./support";

// Issue 23: the plugin as the engine runs it. The packed package is installed into an empty project, its
// bin started with a stand-in engine's address, and driven over gRPC with the SDK's own stubs.

const PORT = "cccccccc-0001-4000-8000-000000000111";
const PORT_2 = "cccccccc-0001-4000-8000-000000000112";
const SECRETS = {
  alice: "alice-API-password-7f3a9",
  bob: "bob-API-password-2c8e1",
  ncloud: "emulator-secret-key",
};
const TENANT_A = "aaaa0000aaaa0000aaaa0000aaaa0000";
const TENANT_B = "bbbb0000bbbb0000bbbb0000bbbb0000";

let installed: Installed;
let emulator: Emulator;
let engine: TestEngine;
let alice: TestPlugin;
let bob: TestPlugin;
const transcript = new Transcript();
const plugins: TestPlugin[] = [];

async function start(settings: PropertyMap): Promise<TestPlugin> {
  const plugin = await installed.kit.startPlugin({ command: installed.bin, engine });
  plugins.push(plugin);
  const recorded = transcript.record(plugin);
  await recorded.configure(engineConfig(installed.kit, settings));
  return recorded;
}

const urn = (type: string, name: string) => installed.kit.resourceUrn(type, name, "infra", "dev");

/** check, then create, as `pulumi up` does for a new resource. */
async function up(plugin: TestPlugin, type: string, name: string, args: PropertyMap) {
  const checked = await plugin.check(urn(type, name), args);
  expect(checked.failures).toEqual([]);
  const created = await plugin.create(urn(type, name), checked.inputs);
  return { inputs: checked.inputs, ...created };
}

beforeAll(async () => {
  installed = await installPlugin();
  emulator = await startEmulator({ port: 0, activationMs: 0 });
  engine = await installed.kit.startEngine();
  alice = await start({
    nhncloud: nhnSettings(emulator, TENANT_A, "alice", SECRETS.alice),
    ncloud: ncloudSettings(emulator),
  });
  bob = await start({ nhncloud: nhnSettings(emulator, TENANT_B, "bob", SECRETS.bob) });
}, 240_000);

afterAll(async () => {
  for (const plugin of plugins) await plugin.close();
  await engine?.close();
  await emulator?.close();
  installed?.remove();
});

afterEach(() => {
  emulator.control.setActivationMs(0);
  emulator.control.setFaults(undefined);
  for (const region of ["KR1", "KR2"])
    for (const logger of emulator.control.loggers(region)) emulator.control.deleteLogger(region, logger.id);
});

describe("pulumi-resource-flowlog, installed from the packed tarball", () => {
  it("prints its port, and answers GetPluginInfo with the package version and GetSchema with the generated schema", async () => {
    expect(alice.port).toBeGreaterThan(0);
    expect(await alice.getPluginInfo()).toEqual({ version: installed.version });
    expect(await alice.getSchema()).toEqual(PLUGIN_SCHEMA);
  });

  it("takes a logger through create, refresh, an update in place, a replacement and delete", async () => {
    const name = "web";
    const created = await up(alice, LOGGER, name, {
      resourceId: PORT,
      storageUrl: STORAGE_URL,
      description: "first",
    });
    expect(created.properties).toMatchObject({ status: "ACTIVE", description: "first", tenantId: TENANT_A });
    expect(emulator.control.loggers("KR1").map((l) => l.id)).toEqual([created.id]);

    const refreshed = await alice.read(urn(LOGGER, name), created.id, created.properties, created.inputs);
    expect(refreshed.id).toBe(created.id);
    expect(refreshed.properties).toEqual(created.properties);

    const edited = await alice.check(
      urn(LOGGER, name),
      { resourceId: PORT, storageUrl: STORAGE_URL, description: "second" },
      created.inputs,
    );
    const inPlace = await alice.diff(urn(LOGGER, name), created.id, refreshed.properties, edited.inputs);
    expect(inPlace).toMatchObject({
      changes: "some",
      replaces: [],
      diffs: ["description"],
      hasDetailedDiff: true,
    });
    expect(inPlace.detailedDiff).toEqual({ description: { kind: "update", inputDiff: true } });
    const updated = await alice.update(urn(LOGGER, name), created.id, refreshed.properties, edited.inputs);
    expect(updated).toMatchObject({ description: "second" });
    expect(emulator.control.loggers("KR1")[0].description).toBe("second");

    const moved = await alice.check(
      urn(LOGGER, name),
      { resourceId: PORT, storageUrl: STORAGE_URL, description: "second", filter: "DROP" },
      edited.inputs,
    );
    const replace = await alice.diff(urn(LOGGER, name), created.id, updated, moved.inputs);
    expect(replace).toMatchObject({ changes: "some", replaces: ["filter"], diffs: ["name", "filter"] });
    expect(replace.detailedDiff.filter.kind).toBe("update-replace");
    // An auto-name hashes filter: the replacement has a new name, so it is made before the old one goes.
    expect(replace.detailedDiff.name).toEqual({ kind: "update", inputDiff: true });
    expect(replace.deleteBeforeReplace).toBe(false);
    const replacement = await alice.create(urn(LOGGER, name), moved.inputs);
    await alice.delete(urn(LOGGER, name), created.id, updated);
    expect(emulator.control.loggers("KR1").map((l) => [l.id, l.filter])).toEqual([[replacement.id, "DROP"]]);

    await alice.delete(urn(LOGGER, name), replacement.id, replacement.properties);
    expect(emulator.control.loggers("KR1")).toEqual([]);
  });

  it("imports a console-made logger (Read with no properties), and Check then Diff of what it returns is no change", async () => {
    const made = emulator.control.createLogger(
      "KR1",
      {
        name: "console-made",
        resource_id: PORT_2,
        storage_type: "OBS",
        storage_url: STORAGE_URL,
        description: "by hand",
      },
      TENANT_A,
    );
    const imported = await alice.read(urn(LOGGER, "imported"), made.id);
    expect(imported.id).toBe(made.id);
    expect(imported.inputs).toMatchObject({
      name: "console-made",
      description: "by hand",
      resourceId: PORT_2,
      region: "KR1",
    });
    const schemaInputs = Object.keys(
      (PLUGIN_SCHEMA.resources as Record<string, { inputProperties: object }>)[LOGGER].inputProperties,
    );
    expect(Object.keys(imported.inputs ?? {}).filter((key) => !schemaInputs.includes(key))).toEqual([]);
    const checked = await alice.check(urn(LOGGER, "imported"), imported.inputs ?? {});
    expect(checked.failures).toEqual([]);
    expect(
      await alice.diff(urn(LOGGER, "imported"), made.id, imported.properties, checked.inputs),
    ).toMatchObject({
      changes: "none",
      diffs: [],
    });
  });

  it("imports an NCloud flow log by its interface number with no change on the next preview, and deletes it", async () => {
    emulator.control.setNcloudFlowLog({
      networkInterfaceNo: "1000002",
      collectActionTypeCode: "DENY",
      storageBucketName: "flowlog-bucket",
    });
    const imported = await alice.read(urn(FLOW_LOG, "nic"), "1000002");
    expect(imported.inputs).toMatchObject({
      networkInterfaceNo: "1000002",
      collectActionTypeCode: "DENY",
      regionCode: "KR",
    });
    const checked = await alice.check(urn(FLOW_LOG, "nic"), imported.inputs ?? {});
    expect(
      await alice.diff(urn(FLOW_LOG, "nic"), "1000002", imported.properties, checked.inputs),
    ).toMatchObject({ changes: "none" });
    const changed = await alice.check(urn(FLOW_LOG, "nic"), {
      ...imported.inputs,
      collectActionTypeCode: "ALL",
    });
    const replace = await alice.diff(urn(FLOW_LOG, "nic"), "1000002", imported.properties, changed.inputs);
    expect(replace).toMatchObject({
      changes: "some",
      replaces: ["collectActionTypeCode"],
      deleteBeforeReplace: true,
    });
    await alice.delete(urn(FLOW_LOG, "nic"), "1000002", imported.properties);
    expect(emulator.control.ncloudFlowLogs()).toEqual([]);
  });

  it("serves two explicit providers with different credentials as two processes, each in its own tenant", async () => {
    expect(alice.port).not.toBe(bob.port);
    const a = await up(alice, LOGGER, "shared-name", {
      name: "shared",
      resourceId: PORT,
      storageUrl: STORAGE_URL,
    });
    const b = await up(bob, LOGGER, "shared-name", {
      name: "shared",
      resourceId: PORT,
      storageUrl: STORAGE_URL,
    });
    expect([a.properties.tenantId, b.properties.tenantId]).toEqual([TENANT_A, TENANT_B]);
    // Neither borrows the other's token: each sees its own tenant's logger only.
    expect((await alice.read(urn(LOGGER, "x"), b.id, b.properties)).id).toBe("");
    expect((await bob.read(urn(LOGGER, "x"), a.id, a.properties)).id).toBe("");
    const listed = await bob.invoke("flowlog:nhncloud:getFlowLogLoggers", {});
    expect((listed.loggers as { id: string }[]).map((l) => l.id)).toEqual([b.id]);
    await alice.delete(urn(LOGGER, "shared-name"), a.id, a.properties);
    await bob.delete(urn(LOGGER, "shared-name"), b.id, b.properties);
    expect(emulator.control.loggers("KR1")).toEqual([]);
  });

  it("fails clearly, naming what was refused and not the password, when its credentials are wrong", async () => {
    const pinned = await startEmulator({
      port: 0,
      activationMs: 0,
      credentials: { tenantId: TENANT_A, username: "alice", password: "the-right-one" },
    });
    try {
      const wrong = await start({
        nhncloud: nhnSettings(pinned, TENANT_A, "alice", SECRETS.alice),
        ncloud: ncloudSettings(pinned, "not-the-secret-key"),
      });
      const checked = await wrong.check(urn(LOGGER, "web"), { resourceId: PORT, storageUrl: STORAGE_URL });
      const refused = (await wrong
        .create(urn(LOGGER, "web"), checked.inputs)
        .catch((e: unknown) => e)) as Error;
      expect(refused.message).toMatch(/issue NHN Cloud token: .*401/);
      expect(refused.message).not.toContain(SECRETS.alice);
      const nic = {
        networkInterfaceNo: "1000003",
        collectActionTypeCode: "ALL",
        storageBucketName: "flowlog-bucket",
      };
      const flow = await wrong.check(urn(FLOW_LOG, "nic"), nic);
      await expect(wrong.create(urn(FLOW_LOG, "nic"), flow.inputs)).rejects.toThrow(
        /secret key|signature|401|403/i,
      );
      expect(pinned.control.loggers("KR1")).toEqual([]);
    } finally {
      await pinned.close();
    }
  });

  it("bounds a create by customTimeouts.create: 2 s against a 10 s activation ends in about 2 s, naming the timeout", async () => {
    emulator.control.setActivationMs(10_000);
    const checked = await alice.check(urn(LOGGER, "slow"), { resourceId: PORT, storageUrl: STORAGE_URL });
    const started = Date.now();
    const failure = (await alice
      .create(urn(LOGGER, "slow"), checked.inputs, { timeout: 2 })
      .catch((e: unknown) => e)) as PluginCallError;
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(elapsed).toBeLessThan(4000);
    expect(failure.message).toMatch(/still "BUILD", not ACTIVE, after 2 s/);
    expect(failure.message).toMatch(/customTimeouts\.create: 2 s/);
    // The logger exists: the engine records it (ErrorResourceInitFailed) so that nothing is orphaned.
    expect(failure.initFailed?.id).toBe(emulator.control.loggers("KR1")[0].id);
    expect(failure.initFailed?.properties).toMatchObject({ status: "BUILD", resourceId: PORT });
  });

  it("bounds an update's wait by customTimeouts.update", async () => {
    const off = await up(alice, LOGGER, "toggled", {
      resourceId: PORT,
      storageUrl: STORAGE_URL,
      adminStateUp: false,
    });
    emulator.control.setActivationMs(10_000);
    const on = await alice.check(
      urn(LOGGER, "toggled"),
      { resourceId: PORT, storageUrl: STORAGE_URL },
      off.inputs,
    );
    const started = Date.now();
    const failure = (await alice
      .update(urn(LOGGER, "toggled"), off.id, off.properties, on.inputs, { timeout: 1 })
      .catch((e: unknown) => e)) as PluginCallError;
    expect(Date.now() - started).toBeLessThan(3000);
    expect(failure.message).toMatch(
      /not ACTIVE, after 1 s.*\(bounded by the resource's customTimeouts\.update: 1 s\)$/s,
    );
    expect(failure.initFailed?.id).toBe(off.id);
  });

  it("answers the three data functions over Invoke, with the dynamic path's messages for bad arguments", async () => {
    const logger = await up(alice, LOGGER, "ports", { resourceId: PORT, storageUrl: STORAGE_URL });
    const ports = await alice.invoke("flowlog:nhncloud:getLoggingPorts", { loggerId: logger.id });
    const [port] = ports.loggingPorts as { id: string; portId: string; loggerId: string }[];
    expect(port).toMatchObject({ portId: PORT, loggerId: logger.id });
    expect(await alice.invoke("flowlog:nhncloud:getLoggingPort", { id: port.id, region: "KR1" })).toEqual({
      loggingPort: port,
    });
    const loggers = await alice.invoke("flowlog:nhncloud:getFlowLogLoggers", {
      resourceType: "PORT",
      status: "ACTIVE",
    });
    expect((loggers.loggers as { id: string }[]).map((l) => l.id)).toEqual([logger.id]);
    await expect(alice.invoke("flowlog:nhncloud:getLoggingPorts", { loggerId: "nope" })).rejects.toThrow(
      "getLoggingPorts: loggerId: must be a UUID",
    );
    await alice.delete(urn(LOGGER, "ports"), logger.id, logger.properties);
  });

  it("checks its configuration with the dynamic path's rules, and configure refuses a bad one", async () => {
    const checked = await alice.checkConfig({
      nhncloud: JSON.stringify({ tenantID: "x", authUrl: "http://identity.example.com/v2.0" }),
      ncloud: { requestTimeout: "soon" },
    });
    expect(checked.failures.map((f) => f.reason)).toEqual([
      expect.stringMatching(
        /^nhncloud\.tenantID is not a setting of nhncloud; settings are authUrl, tenantId/,
      ),
      expect.stringMatching(
        /provider config `flowlog:ncloud\.requestTimeout` .*must be a positive number of seconds/,
      ),
    ]);
    const good = await alice.checkConfig({
      nhncloud: JSON.stringify({ tenantId: "t", password: SECRETS.alice }),
    });
    expect(good.failures).toEqual([]);
    // Returned as a secret, so the engine keeps it secret.
    expect(good.inputs.nhncloud).toEqual(
      installed.kit.secret(JSON.stringify({ tenantId: "t", password: SECRETS.alice })),
    );
    const refused = (await alice
      .configure({ nhncloud: { authUrl: "http://identity.example.com/v2.0" } })
      .catch((e: unknown) => e)) as PluginCallError;
    expect(refused.code).toBe(3);
    expect(refused.message).toMatch(/flowlog:nhncloud\.authUrl/);
    await alice.configure(
      engineConfig(installed.kit, {
        nhncloud: nhnSettings(emulator, TENANT_A, "alice", SECRETS.alice),
        ncloud: ncloudSettings(emulator),
      }),
    );
  });

  it("keeps the dynamic path's check messages, naming the plugin's settings", async () => {
    const bad = await alice.check(urn(LOGGER, "web"), {
      resourceId: PORT,
      storageUrl: STORAGE_URL,
      aggregationInterval: 20,
    });
    expect(bad.failures).toEqual([
      {
        property: "aggregationInterval",
        reason: "must be a whole number of minutes from 1 to 15 (got 20)",
      },
    ]);
    const noRegion = await start({
      nhncloud: { ...nhnSettings(emulator, TENANT_A, "alice", SECRETS.alice), region: undefined },
    });
    // Every missing setting, in one message, at check (the preview), before any call (issue 21).
    await expect(
      noRegion.check(urn(LOGGER, "web"), { resourceId: PORT, storageUrl: STORAGE_URL }),
    ).rejects.toThrow(
      "The NHN Cloud region is not set: set provider config `flowlog:nhncloud.region` (or the environment variable OS_REGION_NAME)",
    );
  });

  it("logs every request and wait to the engine at debug level with the resource's URN, and long waits on its status line", async () => {
    emulator.control.setActivationMs(1500);
    const before = engine.logs.length;
    const logger = await up(alice, LOGGER, "watched", { resourceId: PORT, storageUrl: STORAGE_URL });
    await alice.delete(urn(LOGGER, "watched"), logger.id, logger.properties);
    const lines = engine.logs.slice(before);
    const mine = lines.filter((line) => line.urn === urn(LOGGER, "watched"));
    expect(mine.filter((l) => l.severity === "debug").map((l) => l.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^flowlog: POST http:\/\/127\.0\.0\.1:\d+\/network\/kr1\/v2\.0\/flowlog-loggers: HTTP 201 in \d+ ms \(attempt 1\)$/,
        ),
        expect.stringMatching(
          /^flowlog: waiting for flow log logger [0-9a-f-]{36}: "BUILD" after .*; next poll in /,
        ),
        expect.stringMatching(/^flowlog: DELETE .*\/flowlog-loggers\/[0-9a-f-]{36}: HTTP 204/),
      ]),
    );
    expect(mine.some((l) => l.ephemeral && l.severity === "info" && /"BUILD" after/.test(l.message))).toBe(
      true,
    );
  });

  it("never lets a password, token or secret key reach a response, an error, a log line or stderr", async () => {
    const issued = (await (
      await fetch(`${emulator.url}/identity/v2.0/tokens`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          auth: { tenantId: TENANT_A, passwordCredentials: { username: "carol", password: "x-y-z-w" } },
        }),
      })
    ).json()) as { access: { token: { id: string } } };
    const token = issued.access.token.id;
    const byToken = await start({
      nhncloud: {
        ...nhnSettings(emulator, TENANT_A, "carol", ""),
        password: undefined,
        username: undefined,
        token,
      },
    });
    const logger = await up(byToken, LOGGER, "by-token", { resourceId: PORT, storageUrl: STORAGE_URL });
    await byToken.delete(urn(LOGGER, "by-token"), logger.id, logger.properties);
    const flow = await up(alice, FLOW_LOG, "nic", {
      networkInterfaceNo: "1000001",
      collectActionTypeCode: "ALL",
      storageBucketName: "flowlog-bucket",
    });
    await alice.delete(urn(FLOW_LOG, "nic"), flow.id, flow.properties);
    // Identity echoing the password, and the network API echoing the token, into their error pages (every
    // attempt of the transport's six).
    emulator.control.setFaults({
      rate: 1,
      times: 6,
      kinds: ["echo-json"],
      match: { pathPrefix: "/identity" },
    });
    const echoed = await start({
      nhncloud: nhnSettings(emulator, TENANT_A, "dave", "dave-API-password-9d0b3"),
    });
    await expect(echoed.invoke("flowlog:nhncloud:getFlowLogLoggers", {})).rejects.toThrow(
      /issue NHN Cloud token/,
    );
    emulator.control.setFaults({ rate: 1, times: 6, kinds: ["echo"], match: { pathPrefix: "/network" } });
    await expect(byToken.invoke("flowlog:nhncloud:getFlowLogLoggers", {})).rejects.toThrow(/HTTP 500/);
    emulator.control.setFaults(undefined);

    const everything = [
      ...transcript.entries,
      ...engine.logs.map((line) => line.message),
      ...plugins.map((plugin) => plugin.stderr),
    ].join("\n");
    expect(transcript.entries.length).toBeGreaterThan(30);
    for (const value of [SECRETS.alice, SECRETS.bob, SECRETS.ncloud, token, "dave-API-password-9d0b3"])
      expect(everything.includes(value) ? value : "absent").toBe("absent");
  }, 90_000);
});
