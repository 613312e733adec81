import { join, resolve } from "node:path";
import { ncloud, nhncloud } from "pulumi-flowlog";
import { PROVIDER_MODULES } from "../../provider/common/shim";
import { runProgram } from "../support/program";
import { SEED, STORAGE_URL } from "../support/world";

// Issue 22: the module paths the serialized providers `require` are written into every resource's state;
// moving one breaks refresh and destroy of every existing stack. Pinned here, and checked against what a
// program really registers and what the build really holds.
const FROZEN = {
  nhncloudFlowLogLogger: "pulumi-flowlog/dist/provider/nhncloud/flowlog-logger/provider",
  ncloudFlowLog: "pulumi-flowlog/dist/provider/ncloud/flow-log/provider",
};

describe("the provider modules written into state", () => {
  it("are the paths every release has written (changing one needs an upgrade step, not an edit here)", () => {
    expect(PROVIDER_MODULES).toEqual(FROZEN);
  });

  it("are what a program's resources carry in __provider", async () => {
    const { registrations } = await runProgram(() => {
      new nhncloud.FlowLogLogger("web", { resourceId: SEED.KR1.ports[0], storageUrl: STORAGE_URL });
      new ncloud.FlowLog("nic", {
        networkInterfaceNo: "1",
        collectActionTypeCode: "ALL",
        storageBucketName: "bucket",
      });
    });
    const provider = (type: string) => String(registrations.find((r) => r.type === type)?.inputs.__provider);
    const logger = provider("pulumi-nodejs:dynamic/nhncloud:FlowLogLogger");
    const flowLog = provider("pulumi-nodejs:dynamic/ncloud:FlowLog");
    expect(logger).toContain(`require(modulePath)`);
    expect(logger).toContain(JSON.stringify(FROZEN.nhncloudFlowLogLogger));
    expect(flowLog).toContain(JSON.stringify(FROZEN.ncloudFlowLog));
  });

  it.each(Object.entries(FROZEN))("exist in the build and export the provider (%s)", (_, path) => {
    const built = join(resolve(__dirname, "..", ".."), path.replace(/^pulumi-flowlog\//, ""));
    const { provider } = require(built) as { provider: Record<string, unknown> };
    for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"])
      expect({ method, type: typeof provider[method] }).toEqual({ method, type: "function" });
  });
});
