import type { World } from "../support/world";
import { flowLogProgram, NICS, startNcloudWorld, urnOf } from "./world";

const WRONG_SECRET = "wrong-secret-key-0123456789";

let world: World;
beforeAll(async () => {
  world = await startNcloudWorld(WRONG_SECRET);
});
afterAll(() => world.close());

describe("ncloud.FlowLog with a secret key the gateway refuses", () => {
  it("create fails saying the access key / secret key was refused, and where to set them", async () => {
    const result = await world.stack.up(await flowLogProgram(world, "web"));
    expect(result.failures).toHaveLength(1);
    const { message } = result.failures[0].error;
    expect(message).toContain(
      "NCloud refused the access key / secret key (HTTP 401: 200 Authentication Failed",
    );
    expect(message).toMatch(
      /ncloud:accessKey \(or NCLOUD_ACCESS_KEY\) and ncloud:secretKey \(or NCLOUD_SECRET_KEY\)/,
    );
    expect(message).not.toMatch(/timestamp|clock/i);
    expect(world.emulator.control.ncloudFlowLogs()).toEqual([]);
  });

  it("a refused refresh fails without the secret in its message or in the host's log", async () => {
    const [registration] = await flowLogProgram(world, "web");
    await expect(world.host.read(urnOf("web"), NICS[0], registration.inputs)).rejects.toThrow(
      /refused the access key/,
    );
    expect(world.host.stderr).toContain("refused the access key");
    expect(world.host.stderr).not.toContain(WRONG_SECRET);
    expect(world.host.stdout).not.toContain(WRONG_SECRET);
  });
});
