import { inOwnProcess, LOADED } from "../support/own-process";

// The plugin and the kit's child processes load the SDK's closure tooling and zod's locales on first use
// (provider/common/defer-modules.ts).
// Node's module loader is jest's own inside a test file, so this runs in a node process of its own, as the
// kit's host and program processes do.
describe("deferUnusedModules", () => {
  it("leaves TypeScript, npm's Arborist, normalize-package-data and the Automation API unloaded by the SDK until used, then serializes as before", () => {
    const result = inOwnProcess<Record<string, unknown>>(`
      require("./dist/provider/common/defer-modules").deferUnusedModules();
      const pulumi = require("@pulumi/pulumi");
      const loaded = ${LOADED};
      const before = { typescript: loaded("/typescript/lib/"), arborist: loaded("/@npmcli/arborist/"), automation: loaded("/@pulumi/pulumi/automation/"), normalize: loaded("/normalize-package-data/") };
      const answer = 41;
      pulumi.runtime.serializeFunction(() => answer + 1).then(async (serialized) => {
        const made = { exports: {} };
        new Function("exports", "module", "require", serialized.text)(made.exports, made, require);
        const after = { typescript: loaded("/typescript/lib/") };
        const paths = await pulumi.runtime.computeCodePaths({ extraIncludePackages: [], extraExcludePackages: ["@pulumi/pulumi"] });
        const workspace = typeof pulumi.automation.LocalWorkspace.create;
        console.log(JSON.stringify({ before, after, result: made.exports.handler(), arborist: loaded("/@npmcli/arborist/"), normalize: loaded("/normalize-package-data/"), paths: paths.size > 0, automation: [workspace, loaded("/@pulumi/pulumi/automation/")] }));
      });
    `);
    expect(result).toEqual({
      before: { typescript: false, arborist: false, automation: false, normalize: false },
      after: { typescript: true },
      result: 42,
      arborist: true,
      normalize: true,
      paths: true,
      automation: ["function", true],
    });
  });

  it("leaves zod's locales unloaded until z.locales is used: messages are still English, and every locale is there", () => {
    const result = inOwnProcess<Record<string, unknown>>(`
      require("./dist/provider/common/defer-modules").deferUnusedModules();
      const { z } = require("zod");
      const loaded = ${LOADED};
      const message = z.object({ a: z.string() }).safeParse({ a: 1 }).error.issues[0].message;
      const before = loaded("/zod/v4/locales/index.cjs");
      const french = typeof z.locales.fr;
      console.log(JSON.stringify({ before, message, french, after: loaded("/zod/v4/locales/index.cjs"), core: typeof z.core.locales.de }));
    `);
    expect(result).toEqual({
      before: false,
      message: "Invalid input: expected string, received number",
      french: "function",
      after: true,
      core: "function",
    });
  });

  it("is the provider plugin's first step: it serves, having loaded none of them", () => {
    const result = inOwnProcess<Record<string, unknown>>(`
      const loaded = ${LOADED};
      const write = process.stdout.write.bind(process.stdout);
      let printed = "";
      process.stdout.write = (text) => { printed += text; return true; };
      require("./dist/provider/plugin/main").main(["127.0.0.1:1"]).then(() => {
        const unused = ["/typescript/lib/", "/@npmcli/arborist/", "/normalize-package-data/", "/@pulumi/pulumi/automation/", "/zod/v4/locales/index.cjs"];
        write(JSON.stringify({ port: /^\\d+\\n$/.test(printed), sdk: loaded("/@pulumi/pulumi/provider/"), loaded: unused.filter(loaded) }));
        process.exit(0);
      });
    `);
    expect(result).toEqual({ port: true, sdk: true, loaded: [] });
  });
});
