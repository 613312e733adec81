import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Emulator, startEmulator } from "../../emulator";
import { PLUGIN_SCHEMA } from "../../provider/plugin/schema";
import { pulumiSdk } from "../../provider/plugin/sdk";
import { resourceUrn, startPlugin, type TestPlugin } from "../../provider/testing";
import { LOGGER, nhnSettings, STORAGE_URL } from "./support";

// `pulumi package add <repository>/pulumi-plugin` runs the folder as a Node.js source plugin: the language host
// starts `@pulumi/pulumi/cmd/run-plugin <folder> <engine address>` (sdk/nodejs/cmd/pulumi-language-nodejs,
// RunPlugin). The same command here, against this checkout's build.
const FOLDER = join(__dirname, "..", "..", "pulumi-plugin");

let emulator: Emulator;
let plugin: TestPlugin;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, activationMs: 0 });
  const runPlugin = join(pulumiSdk().dir, "cmd", "run-plugin", "index.js");
  plugin = await startPlugin({ command: process.execPath, args: [runPlugin, FOLDER] });
});

afterAll(async () => {
  await plugin?.close();
  await emulator?.close();
});

describe("the repository as a source plugin", () => {
  it("declares a Node.js plugin whose dependencies build the repository on install", () => {
    const yaml = readFileSync(join(FOLDER, "PulumiPlugin.yaml"), "utf8");
    expect(yaml).toMatch(/^runtime: nodejs$/m);
    const manifest = JSON.parse(readFileSync(join(FOLDER, "package.json"), "utf8")) as {
      main: string;
      scripts: Record<string, string>;
    };
    expect(manifest.main).toBe("index.js");
    expect(manifest.scripts.prepare).toBe("node prepare.js");
  });

  it("serves the schema and a logger when run as the language host runs it", async () => {
    expect(await plugin.getSchema()).toEqual(PLUGIN_SCHEMA);
    await plugin.configure({
      nhncloud: nhnSettings(emulator, "cccc0000cccc0000cccc0000cccc0000", "eve", "eve-pw-1"),
    });
    const urn = resourceUrn(LOGGER, "web");
    const checked = await plugin.check(urn, {
      resourceId: "cccccccc-0001-4000-8000-000000000111",
      storageUrl: STORAGE_URL,
    });
    const created = await plugin.create(urn, checked.inputs);
    expect(emulator.control.loggers("KR1").map((logger) => logger.id)).toEqual([created.id]);
    await plugin.delete(urn, created.id, created.properties);
    expect(emulator.control.loggers("KR1")).toEqual([]);
  });
});
