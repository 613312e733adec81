import type { World } from "../support/world";
import { BUCKET, flowLogProgram, NICS, startNcloudWorld, urnOf } from "./world";

const REQUIRED =
  "the Pulumi SDK did not pass the stack config to the provider: @pulumi/pulumi 3.139 or later is required";

let world: World;
/** The serialized provider as a host that predates `configure` (@pulumi/pulumi < 3.139) sees it: never configured. */
let unconfigured: string;
beforeAll(async () => {
  world = await startNcloudWorld();
  const [registration] = await flowLogProgram(world, "web");
  const provider = registration.inputs.__provider as string;
  unconfigured = provider.replace(/configure: __f\d+, /, "");
  expect(unconfigured).not.toEqual(provider);
});
afterAll(() => world.close());

const ARGS = { networkInterfaceNo: NICS[0], collectActionTypeCode: "ALL", storageBucketName: BUCKET };
const STATE = {
  ...ARGS,
  collectIntervalMinute: 15,
  storageTypeCode: "OBJT",
  storageBucketDirectoryName: "VPC_FLOW_LOG",
  regionCode: "KR",
};

describe("ncloud.FlowLog when the Pulumi SDK never passes the stack config", () => {
  it.each([
    [
      "check (the region comes from stack config)",
      () => world.host.check(urnOf("web"), {}, { ...ARGS, __provider: unconfigured }),
    ],
    ["create", () => world.host.create(urnOf("web"), { ...STATE, __provider: unconfigured })],
    ["read", () => world.host.read(urnOf("web"), NICS[0], { ...STATE, __provider: unconfigured })],
    ["delete", () => world.host.delete(urnOf("web"), NICS[0], { ...STATE, __provider: unconfigured })],
  ])(
    "%s fails saying @pulumi/pulumi 3.139 or later is required, before calling the API",
    async (_name, call) => {
      world.emulator.control.clearRequests();
      const error: Error = await call().then(
        () => new Error("no failure"),
        (failure: Error) => failure,
      );
      expect(error.message).toContain(REQUIRED);
      expect(world.emulator.control.requests()).toEqual([]);
    },
  );
});
