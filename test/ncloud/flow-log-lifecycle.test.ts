import type { World } from "../support/world";
import { BUCKET, flowLogProgram, NICS, startNcloudWorld, urnOf } from "./world";

let world: World;
beforeAll(async () => {
  world = await startNcloudWorld();
});
afterAll(() => world.close());

const URN = urnOf("web");
const RESOLVED = {
  networkInterfaceNo: NICS[0],
  collectActionTypeCode: "ALL",
  collectIntervalMinute: 15,
  storageTypeCode: "OBJT",
  storageBucketName: BUCKET,
  storageBucketDirectoryName: "VPC_FLOW_LOG",
  regionCode: "KR",
};

describe("ncloud.FlowLog lifecycle through the dynamic-provider host", () => {
  it("check fills the defaults so that the state shows them, without calling the API", async () => {
    const [registration] = await flowLogProgram(world, "web");
    world.emulator.control.clearRequests();
    const checked = await world.host.check(URN, {}, registration.inputs);
    expect(checked.failures).toEqual([]);
    expect(checked.inputs).toEqual({ ...RESOLVED, __provider: registration.inputs.__provider });
    expect(world.emulator.control.requests()).toEqual([]);
  });

  it("creates the flow log with id = networkInterfaceNo and outputs = the resolved args", async () => {
    const result = await world.stack.up(await flowLogProgram(world, "web"));
    expect(result.failures).toEqual([]);
    const entry = world.stack.state.get(URN)!;
    expect(entry.id).toBe(NICS[0]);
    expect(entry.outputs).toEqual({ ...RESOLVED, __provider: expect.any(String) });
    expect(world.emulator.control.ncloudFlowLogs("KR")).toEqual([{ ...RESOLVED }]);
  });

  it("looks before enabling, enables with a POST form, then reads back", async () => {
    const actions = world.emulator.control
      .requests()
      .filter((r) => r.api === "ncloud")
      .map((r) => `${r.method} ${r.path.replace("/vserver/v2/", "")}`);
    expect(actions).toEqual([
      "GET getFlowLogConfigurationList",
      "POST enableFlowLog",
      "GET getFlowLogConfigurationList",
    ]);
  });

  it("reports no change for an unchanged program", async () => {
    const result = await world.stack.up(await flowLogProgram(world, "web"));
    expect(result.steps).toEqual([{ urn: URN, op: "same" }]);
  });

  it("refresh of an unchanged flow log changes nothing", async () => {
    const before = structuredClone(world.stack.state.get(URN)!);
    expect(await world.stack.refresh()).toEqual({ changed: [], deleted: [] });
    expect(world.stack.state.get(URN)!.inputs).toEqual(before.inputs);
  });

  it("replaces, disabling first, when a field changes", async () => {
    const result = await world.stack.up(await flowLogProgram(world, "web", { collectIntervalMinute: 5 }));
    expect(result.failures).toEqual([]);
    expect(result.steps).toEqual([
      { urn: URN, op: "replace", replaces: ["collectIntervalMinute"], deleteBeforeReplace: true },
    ]);
    expect(world.emulator.control.ncloudFlowLogs("KR")).toEqual([{ ...RESOLVED, collectIntervalMinute: 5 }]);
  });

  it("destroy disables the flow log", async () => {
    await world.stack.destroy();
    expect(world.stack.state.size).toBe(0);
    expect(world.emulator.control.ncloudFlowLogs()).toEqual([]);
  });

  it("get reads an existing flow log into the stack without managing it", async () => {
    world.emulator.control.setNcloudFlowLog({
      networkInterfaceNo: NICS[2],
      collectActionTypeCode: "DENY",
      collectIntervalMinute: 10,
      storageBucketName: BUCKET,
      storageBucketDirectoryName: "CONSOLE_MADE",
    });
    const { FlowLog } = await import("../../provider/ncloud");
    const registrations = await world.program(() => {
      FlowLog.get("console", NICS[2]);
    });
    const result = await world.stack.up(registrations);
    expect(result.failures).toEqual([]);
    expect(world.stack.state.get(urnOf("console"))).toMatchObject({
      id: NICS[2],
      external: true,
      outputs: {
        networkInterfaceNo: NICS[2],
        collectActionTypeCode: "DENY",
        collectIntervalMinute: 10,
        storageTypeCode: "OBJT",
        storageBucketName: BUCKET,
        storageBucketDirectoryName: "CONSOLE_MADE",
        regionCode: "KR",
      },
    });
    world.emulator.control.deleteNcloudFlowLog(NICS[2]);
    world.stack.state.clear();
  });

  it("get reads a flow log in another region than ncloud:region when given its regionCode", async () => {
    world.emulator.control.setNcloudFlowLog({
      regionCode: "JPN",
      networkInterfaceNo: NICS[1],
      collectActionTypeCode: "ALLOW",
      storageBucketName: BUCKET,
    });
    const { FlowLog } = await import("../../provider/ncloud");
    const registrations = await world.program(() => {
      FlowLog.get("tokyo", NICS[1], { regionCode: "JPN" });
    });
    const result = await world.stack.up(registrations);
    expect(result.failures).toEqual([]);
    expect(world.stack.state.get(urnOf("tokyo"))).toMatchObject({
      id: NICS[1],
      external: true,
      outputs: {
        ...RESOLVED,
        networkInterfaceNo: NICS[1],
        collectActionTypeCode: "ALLOW",
        regionCode: "JPN",
      },
    });
    expect(await world.stack.refresh()).toEqual({ changed: [], deleted: [] });
    await world.stack.destroy();
    expect(world.emulator.control.ncloudFlowLogs("JPN")).toHaveLength(1);
    world.emulator.control.deleteNcloudFlowLog(NICS[1], "JPN");
    world.stack.state.clear();
  });
});
