import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { plainConfig, stackConfigFor } from "../emulator/stack-config";
import { openStack, startEmulator, type TestEmulator, type TestStack } from "../provider/testing";

const REPO = resolve(__dirname, "..");
const yaml = require(
  require.resolve("js-yaml", { paths: [dirname(require.resolve("@pulumi/pulumi/package.json"))] }),
) as {
  load(text: string): { config: Record<string, string> };
};

describe("the repository's own Pulumi project (Pulumi.yaml at the root)", () => {
  let emulator: TestEmulator;
  let stack: TestStack;
  beforeAll(async () => {
    emulator = await startEmulator();
    // Type checking of demo/ is `npm run lint`'s; here the program is only transpiled.
    stack = await openStack(REPO, {
      config: emulator.stackConfig,
      env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
    });
  });
  afterAll(async () => {
    await stack?.close();
    await emulator?.close();
  });

  it("has a dev stack aimed at `npm run emulator -- --port 8080`, as the emulator's --write-stack-config writes it: no secrets in plain text", () => {
    const { config } = yaml.load(readFileSync(join(REPO, "Pulumi.dev.yaml"), "utf8"));
    expect(config).toEqual(plainConfig(stackConfigFor("http://127.0.0.1:8080")));
  });

  // Its preview (a logger's unknown id fed into a data function) is the path the README's project and
  // examples/subnet-logger-kr2 preview: test/package/npm-pack.test.ts and test/examples.
  it("comes up with one logger under the engine's URN, and the port it logs, found by its real id", async () => {
    const { changeSummary, steps, outputs } = await stack.up();
    expect(changeSummary).toEqual({ create: 1 });
    expect(steps).toMatchObject([
      {
        op: "create",
        urn: "urn:pulumi:dev::flowlog-demo::pulumi-nodejs:dynamic/nhncloud:FlowLogLogger::web-port",
      },
    ]);
    const [logger] = emulator.control.loggers("KR1");
    expect(outputs).toMatchObject({
      loggerId: logger.id,
      status: "ACTIVE",
      loggedPortIds: [emulator.seed.nhn.regions.KR1.vpcs[0].subnets[0].ports[0].id],
    });
  });

  it("destroys what it made", async () => {
    expect((await stack.destroy()).changeSummary).toEqual({ delete: 1 });
    expect(emulator.control.loggers("KR1")).toEqual([]);
  });
});
