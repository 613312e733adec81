import { ncloud, nhncloud } from "pulumi-flowlog";
import type { FaultKind, FaultPlan } from "../../emulator";
import { SEED, STORAGE_URL, startWorld, type World } from "../support/world";

/** Seeded by the emulator (emulator/seed.ts). */
const NIC = "1000001";
const BUCKET = "flowlog-bucket";

let world: World;
beforeAll(async () => {
  world = await startWorld({ emulator: { activationMs: 0 } });
  Object.assign(world.config, {
    "ncloud:accessKey": "emulator-access-key",
    "ncloud:secretKey": "emulator-secret-key",
    "ncloud:apiUrl": world.emulator.url,
  });
  await world.host.configure(world.config);
});
afterEach(() => world.emulator.control.setFaults(undefined));
afterAll(() => world.close());

/** One fault, after the request was processed: the side effect happens, the answer is lost or replaced. */
const onceAfter = (kind: FaultKind, match: FaultPlan["match"]): FaultPlan => ({
  rate: 1,
  kinds: [kind],
  after: true,
  times: 1,
  match,
});

const logger = (name: string, args: Partial<nhncloud.FlowLogLoggerArgs> = {}) =>
  world.program(() => {
    new nhncloud.FlowLogLogger(name, {
      name,
      resourceId: SEED.KR1.ports[0],
      storageUrl: STORAGE_URL,
      ...args,
    });
  });

const flowLog = (name: string) =>
  world.program(() => {
    new ncloud.FlowLog(name, {
      networkInterfaceNo: NIC,
      collectActionTypeCode: "ALL",
      storageBucketName: BUCKET,
    });
  });

/** Statuses of the calls of `method` whose path contains `part`, in order; 0 = connection dropped. */
const statuses = (method: string, part: string) =>
  world.emulator.control
    .requests()
    .filter((r) => r.method === method && r.path.includes(part))
    .map((r) => r.status);

const liveNamed = (name: string) => world.emulator.control.loggers("KR1").filter((l) => l.name === name);

describe("NHN FlowLogLogger when a change is processed but its answer is lost", () => {
  it.each([["drop"], [502], [503], [504]] as const)(
    "a create processed and then answered %p finds the logger instead of making a second",
    async (kind) => {
      const name = `create-after-${kind}`;
      world.emulator.control.clearRequests();
      world.emulator.control.setFaults(onceAfter(kind, { method: "POST", pathPrefix: "/network/" }));
      const result = await world.stack.up(await logger(name));
      expect(result.failures).toEqual([]);
      const [entry] = [...world.stack.state.values()];
      expect(liveNamed(name).map((l) => l.id)).toEqual([entry.id]);
      expect(statuses("POST", "flowlog-loggers")).toEqual([kind === "drop" ? 0 : kind]);
      await world.stack.destroy();
      expect(liveNamed(name)).toEqual([]);
    },
  );

  it.each([["drop"], [502], [504]] as const)(
    "a DELETE processed and then answered %p is retried, meets 404, and destroy succeeds with the logger gone",
    async (kind) => {
      const name = `delete-after-${kind}`;
      expect((await world.stack.up(await logger(name))).failures).toEqual([]);
      const id = [...world.stack.state.values()][0].id;
      world.emulator.control.clearRequests();
      world.emulator.control.setFaults(onceAfter(kind, { method: "DELETE" }));
      await world.stack.destroy();
      expect(world.stack.state.size).toBe(0);
      expect(world.emulator.control.loggers("KR1").some((l) => l.id === id)).toBe(false);
      expect(statuses("DELETE", id)).toEqual([kind === "drop" ? 0 : kind, 404]);
    },
  );

  it.each([["drop"], [502], [504]] as const)(
    "a PUT processed and then answered %p is retried, and the update succeeds matching the emulator",
    async (kind) => {
      const name = `put-after-${kind}`;
      expect((await world.stack.up(await logger(name, { description: "before" }))).failures).toEqual([]);
      const [entry] = [...world.stack.state.values()];
      world.emulator.control.clearRequests();
      world.emulator.control.setFaults(onceAfter(kind, { method: "PUT" }));
      const result = await world.stack.up(await logger(name, { description: "after" }));
      expect(result.failures).toEqual([]);
      expect(result.steps).toEqual([{ urn: entry.urn, op: "update" }]);
      expect(statuses("PUT", entry.id)).toEqual([kind === "drop" ? 0 : kind, 200]);
      const [live] = liveNamed(name);
      expect(live).toMatchObject({ id: entry.id, description: "after", admin_state_up: true });
      expect(world.stack.state.get(entry.urn)!.outputs).toMatchObject({
        description: live.description,
        adminStateUp: live.admin_state_up,
        status: live.status,
      });
      await world.stack.destroy();
    },
  );
});

describe("ncloud.FlowLog when a change is processed but its answer is lost", () => {
  it.each([["drop"], [502], [504]] as const)(
    "an enableFlowLog processed and then answered %p: create finds it and succeeds without a second enable",
    async (kind) => {
      world.emulator.control.clearRequests();
      world.emulator.control.setFaults(
        onceAfter(kind, { method: "POST", pathPrefix: "/vserver/v2/enableFlowLog" }),
      );
      const result = await world.stack.up(await flowLog(`enable-after-${kind}`));
      expect(result.failures).toEqual([]);
      expect([...world.stack.state.values()].map((e) => e.id)).toEqual([NIC]);
      expect(statuses("POST", "enableFlowLog")).toEqual([kind === "drop" ? 0 : kind]);
      expect(world.emulator.control.ncloudFlowLogs().map((cfg) => cfg.networkInterfaceNo)).toEqual([NIC]);
      await world.stack.destroy();
    },
  );

  it.each([["drop"], [502], [504]] as const)(
    "a disableFlowLog processed and then answered %p: destroy succeeds and the interface has no configuration",
    async (kind) => {
      expect((await world.stack.up(await flowLog(`disable-after-${kind}`))).failures).toEqual([]);
      world.emulator.control.clearRequests();
      world.emulator.control.setFaults(
        onceAfter(kind, { method: "POST", pathPrefix: "/vserver/v2/disableFlowLog" }),
      );
      await world.stack.destroy();
      expect(world.stack.state.size).toBe(0);
      expect(statuses("POST", "disableFlowLog")).toEqual([kind === "drop" ? 0 : kind]);
      expect(world.emulator.control.ncloudFlowLogs()).toEqual([]);
    },
  );
});
