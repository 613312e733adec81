import type { World } from "../support/world";
import { BUCKET, flowLogProgram, NICS, startNcloudWorld, urnOf } from "./world";

let world: World;
beforeAll(async () => {
  world = await startNcloudWorld();
});
afterAll(() => world.close());
afterEach(async () => {
  world.emulator.control.setFaults(undefined);
  for (const cfg of world.emulator.control.ncloudFlowLogs()) {
    world.emulator.control.deleteNcloudFlowLog(cfg.networkInterfaceNo, cfg.regionCode);
  }
  world.stack.state.clear();
});

const ncloudCalls = () =>
  world.emulator.control
    .requests()
    .filter((r) => r.api === "ncloud")
    .map((r) => `${r.method} ${r.path.replace("/vserver/v2/", "")} ${r.status}`);

describe("ncloud.FlowLog and flow logs made elsewhere", () => {
  const consoleMade = {
    networkInterfaceNo: NICS[1],
    collectActionTypeCode: "DENY",
    collectIntervalMinute: 5,
    storageBucketName: BUCKET,
    storageBucketDirectoryName: "CONSOLE",
  } as const;

  it("refuses to create on an interface that already has a flow log, and leaves it untouched", async () => {
    world.emulator.control.setNcloudFlowLog(consoleMade);
    const before = world.emulator.control.ncloudFlowLogs();
    world.emulator.control.clearRequests();
    const result = await world.stack.up(
      await flowLogProgram(world, "taken", { networkInterfaceNo: NICS[1] }),
    );
    expect(result.failures).toHaveLength(1);
    const { message } = result.failures[0].error;
    expect(message).toContain(`Network interface ${NICS[1]} in KR already has a flow log`);
    expect(message).toContain('collectActionTypeCode="DENY", collectIntervalMinute=5');
    expect(message).toContain('storageBucketDirectoryName="CONSOLE"');
    expect(message).toContain(`ncloud.FlowLog.get("<name>", "${NICS[1]}")`);
    expect(message).toMatch(/disable it first/);
    expect(world.emulator.control.ncloudFlowLogs()).toEqual(before);
    expect(ncloudCalls()).toEqual(["GET getFlowLogConfigurationList 200"]);
    expect(world.stack.state.size).toBe(0);
  });

  it("refresh after an out-of-band disable reports the flow log gone", async () => {
    await world.stack.up(await flowLogProgram(world, "web"));
    world.emulator.control.deleteNcloudFlowLog(NICS[0]);
    expect(await world.stack.refresh()).toEqual({ changed: [], deleted: [urnOf("web")] });
  });

  it("refresh after an out-of-band change reports the new settings as inputs too", async () => {
    await world.stack.up(await flowLogProgram(world, "web"));
    world.emulator.control.setNcloudFlowLog({ ...consoleMade, networkInterfaceNo: NICS[0] });
    expect(await world.stack.refresh()).toEqual({ changed: [urnOf("web")], deleted: [] });
    const entry = world.stack.state.get(urnOf("web"))!;
    expect(entry.inputs).toMatchObject({
      collectActionTypeCode: "DENY",
      storageBucketDirectoryName: "CONSOLE",
    });
    const result = await world.stack.up(await flowLogProgram(world, "web"));
    expect(result.steps[0]).toMatchObject({ op: "replace", deleteBeforeReplace: true });
    expect(world.emulator.control.ncloudFlowLogs()).toMatchObject([{ collectActionTypeCode: "ALL" }]);
  });

  it("delete of a flow log that is already disabled succeeds", async () => {
    await world.stack.up(await flowLogProgram(world, "web"));
    world.emulator.control.deleteNcloudFlowLog(NICS[0]);
    world.emulator.control.clearRequests();
    await expect(world.stack.destroy()).resolves.toBeUndefined();
    expect(ncloudCalls()).toEqual(["POST disableFlowLog 400"]);
  });
});

describe("ncloud.FlowLog under transient failures", () => {
  it("retries the read action after 429 with Retry-After", async () => {
    await world.stack.up(await flowLogProgram(world, "web"));
    world.emulator.control.setFaults({
      rate: 0.5,
      kinds: [429],
      retryAfterSeconds: 0,
      seed: 7,
      match: { pathPrefix: "/vserver/v2/getFlowLogConfigurationList" },
    });
    world.emulator.control.clearRequests();
    for (let i = 0; i < 4; i++) expect(await world.stack.refresh()).toEqual({ changed: [], deleted: [] });
    const calls = ncloudCalls();
    expect(calls).toContain("GET getFlowLogConfigurationList 429");
    expect(calls.filter((c) => c.endsWith(" 200"))).toHaveLength(4);
  });

  it("re-sends an enable whose connection dropped only after seeing it did not take effect, once", async () => {
    world.emulator.control.setFaults({
      rate: 1,
      kinds: ["drop"],
      match: { method: "POST", pathPrefix: "/vserver/v2/enableFlowLog" },
    });
    world.emulator.control.clearRequests();
    const result = await world.stack.up(await flowLogProgram(world, "web"));
    expect(result.failures[0].error.message).toMatch(
      /may or may not have taken effect.*It did not, twice: the interface has no flow log/,
    );
    expect(ncloudCalls()).toEqual([
      "GET getFlowLogConfigurationList 200",
      "POST enableFlowLog 0",
      "GET getFlowLogConfigurationList 200",
      "POST enableFlowLog 0",
      "GET getFlowLogConfigurationList 200",
    ]);
    expect(world.stack.state.size).toBe(0);
  });

  it("an enable dropped before NCloud saw it (a stale keep-alive socket) is sent again and the create succeeds", async () => {
    // Seed 7 at rate 0.5: the first enable is dropped, the second goes through.
    world.emulator.control.setFaults({
      rate: 0.5,
      kinds: ["drop"],
      seed: 7,
      match: { method: "POST", pathPrefix: "/vserver/v2/enableFlowLog" },
    });
    world.emulator.control.clearRequests();
    const result = await world.stack.up(await flowLogProgram(world, "web"));
    expect(result.failures).toEqual([]);
    expect(ncloudCalls()).toEqual([
      "GET getFlowLogConfigurationList 200",
      "POST enableFlowLog 0",
      "GET getFlowLogConfigurationList 200",
      "POST enableFlowLog 200",
      "GET getFlowLogConfigurationList 200",
    ]);
    expect(world.stack.state.get(urnOf("web"))).toMatchObject({
      id: NICS[0],
      outputs: { storageBucketName: BUCKET },
    });
    expect(world.emulator.control.ncloudFlowLogs()).toHaveLength(1);
  });

  it("an enable whose answer was lost after NCloud applied it is found, never sent again", async () => {
    world.emulator.control.setFaults({
      rate: 1,
      kinds: ["drop"],
      after: true,
      match: { method: "POST", pathPrefix: "/vserver/v2/enableFlowLog" },
    });
    world.emulator.control.clearRequests();
    const result = await world.stack.up(await flowLogProgram(world, "web"));
    expect(result.failures).toEqual([]);
    expect(ncloudCalls()).toEqual([
      "GET getFlowLogConfigurationList 200",
      "POST enableFlowLog 0",
      "GET getFlowLogConfigurationList 200",
    ]);
    const entry = world.stack.state.get(urnOf("web"))!;
    expect(entry).toMatchObject({
      id: NICS[0],
      outputs: { networkInterfaceNo: NICS[0], collectActionTypeCode: "ALL", storageBucketName: BUCKET },
    });
    expect(entry.initErrors).toBeUndefined();
    expect(world.emulator.control.ncloudFlowLogs()).toHaveLength(1);
  });

  it("re-sends an enable the gateway throttled (it never reached the API)", async () => {
    world.emulator.control.setFaults({
      rate: 1,
      kinds: [429],
      retryAfterSeconds: 0,
      times: 1,
      match: { method: "POST", pathPrefix: "/vserver/v2/enableFlowLog" },
    });
    world.emulator.control.clearRequests();
    const result = await world.stack.up(await flowLogProgram(world, "web"));
    expect(result.failures).toEqual([]);
    expect(ncloudCalls().filter((call) => call.startsWith("POST enableFlowLog"))).toEqual([
      "POST enableFlowLog 429",
      "POST enableFlowLog 200",
    ]);
    expect(world.emulator.control.ncloudFlowLogs()).toHaveLength(1);
  });

  it("a read-back that fails after the enable keeps the flow log in the state, and the next up confirms it", async () => {
    // Seed 43 at rate 0.9: the first look passes, the next six attempts (the read-back and its retries) get 503.
    world.emulator.control.setFaults({
      rate: 0.9,
      kinds: [503],
      retryAfterSeconds: 0,
      seed: 43,
      match: { method: "GET", pathPrefix: "/vserver/v2/getFlowLogConfigurationList" },
    });
    const result = await world.stack.up(await flowLogProgram(world, "web"));
    world.emulator.control.setFaults(undefined);
    expect(result.failures[0].error.message).toMatch(
      /may have been enabled, but reading it back failed: .*HTTP 503/,
    );
    const entry = world.stack.state.get(urnOf("web"))!;
    expect(entry).toMatchObject({
      id: NICS[0],
      initErrors: [expect.stringMatching(/reading it back failed/)],
    });
    expect(entry.outputs).toMatchObject({
      networkInterfaceNo: NICS[0],
      storageBucketName: BUCKET,
      __provider: expect.any(String),
    });
    const retried = await world.stack.up(await flowLogProgram(world, "web"));
    expect(retried).toEqual({ steps: [{ urn: urnOf("web"), op: "update" }], failures: [] });
    expect(world.stack.state.get(urnOf("web"))!.initErrors).toBeUndefined();
    expect(world.emulator.control.ncloudFlowLogs()).toHaveLength(1);
  });

  it("a disable whose connection dropped is looked up, sent again, then confirmed", async () => {
    await world.stack.up(await flowLogProgram(world, "web"));
    // Seed 7 at rate 0.5: the first disable is dropped, the second goes through.
    world.emulator.control.setFaults({
      rate: 0.5,
      kinds: ["drop"],
      seed: 7,
      match: { method: "POST", pathPrefix: "/vserver/v2/disableFlowLog" },
    });
    world.emulator.control.clearRequests();
    await world.stack.destroy();
    expect(ncloudCalls()).toEqual([
      "POST disableFlowLog 0",
      "GET getFlowLogConfigurationList 200",
      "POST disableFlowLog 200",
      "GET getFlowLogConfigurationList 200",
    ]);
    expect(world.emulator.control.ncloudFlowLogs()).toEqual([]);
  });
});
