import type { World } from "../support/world";
import { type LateDisable, startLateDisable } from "./late-disable";
import { flowLogProgram, NICS, startNcloudWorld, urnOf } from "./world";

let world: World;
let api: LateDisable;
beforeAll(async () => {
  world = await startNcloudWorld();
  api = await startLateDisable(world.emulator);
  // Before any resource loads the provider, which reads the config the host was given once.
  world.config["ncloud:apiUrl"] = api.url;
  await world.host.configure(world.config);
});
afterAll(async () => {
  await world.close();
  await api.close();
});
afterEach(() => {
  api.lingerReads = 0;
  for (const cfg of world.emulator.control.ncloudFlowLogs()) {
    world.emulator.control.deleteNcloudFlowLog(cfg.networkInterfaceNo, cfg.regionCode);
  }
  world.stack.state.clear();
});

const ncloudCalls = () =>
  world.emulator.control
    .requests()
    .filter((r) => r.api === "ncloud")
    .map((r) => `${r.method} ${r.path.replace("/vserver/v2/", "")}`);

describe("ncloud.FlowLog when NCloud applies a disable after answering it", () => {
  it("a replacement waits until the old flow log is gone, so its create does not find it", async () => {
    await world.stack.up(await flowLogProgram(world, "web"));
    api.lingerReads = 2;
    world.emulator.control.clearRequests();
    const result = await world.stack.up(await flowLogProgram(world, "web", { collectIntervalMinute: 5 }));
    expect(result.failures).toEqual([]);
    expect(result.steps).toEqual([
      { urn: urnOf("web"), op: "replace", replaces: ["collectIntervalMinute"], deleteBeforeReplace: true },
    ]);
    expect(ncloudCalls()).toEqual([
      "POST disableFlowLog",
      "GET getFlowLogConfigurationList",
      "GET getFlowLogConfigurationList",
      "GET getFlowLogConfigurationList",
      "GET getFlowLogConfigurationList",
      "POST enableFlowLog",
      "GET getFlowLogConfigurationList",
    ]);
    expect(world.emulator.control.ncloudFlowLogs()).toMatchObject([
      { networkInterfaceNo: NICS[0], collectIntervalMinute: 5 },
    ]);
  });

  it("destroy returns only once the interface shows no flow log", async () => {
    await world.stack.up(await flowLogProgram(world, "web"));
    api.lingerReads = 1;
    world.emulator.control.clearRequests();
    await world.stack.destroy();
    expect(ncloudCalls()).toEqual([
      "POST disableFlowLog",
      "GET getFlowLogConfigurationList",
      "GET getFlowLogConfigurationList",
    ]);
    expect(world.emulator.control.ncloudFlowLogs()).toEqual([]);
  });
});
