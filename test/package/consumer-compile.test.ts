import { execFileSync, spawnSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import * as ts from "typescript";

// Issue 14: a user's program compiles against the packed package with exactly the tsconfig that
// `pulumi new typescript` writes: strict, no skipLibCheck, no esModuleInterop.
const REPO = resolve(__dirname, "..", "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const fromRepo = (id: string) => dirname(require.resolve(`${id}/package.json`, { paths: [REPO] }));

/** https://github.com/pulumi/templates/blob/master/typescript/tsconfig.json */
const PULUMI_NEW_TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

/** What a module of the package exports, by name: values and types, read from its declarations. */
function exportsOf(dts: string): { values: string[]; types: string[] } {
  const source = ts.createSourceFile(dts, readFileSync(dts, "utf8"), ts.ScriptTarget.ES2022, true);
  const values: string[] = [];
  const types: string[] = [];
  for (const statement of source.statements) {
    if (
      !ts.isExportDeclaration(statement) ||
      !statement.exportClause ||
      !ts.isNamedExports(statement.exportClause)
    )
      continue;
    for (const element of statement.exportClause.elements) {
      (statement.isTypeOnly || element.isTypeOnly ? types : values).push(element.name.text);
    }
  }
  for (const statement of source.statements) {
    const exported =
      ts.canHaveModifiers(statement) &&
      ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement))
      values.push(statement.name!.text);
    if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement))
      types.push(statement.name.text);
  }
  return { values, types };
}

/** A line that uses each export, so that the compiler checks every public declaration. */
function everyExport(): string {
  const lines: string[] = [];
  const modules: [string, string, string][] = [
    ["flowlog", "pulumi-flowlog", "dist/provider/index.d.ts"],
    ["flowlog.nhncloud", "pulumi-flowlog", "dist/provider/nhncloud/index.d.ts"],
    ["flowlog.ncloud", "pulumi-flowlog", "dist/provider/ncloud/index.d.ts"],
    ["testing", "pulumi-flowlog/testing", "dist/provider/testing/index.d.ts"],
  ];
  for (const [prefix, , dts] of modules) {
    const { values, types } = exportsOf(join(REPO, dts));
    for (const name of values.filter((n) => n !== "nhncloud" && n !== "ncloud"))
      lines.push(`void ${prefix}.${name};`);
    for (const name of types)
      lines.push(`export type Uses_${prefix.replace(/\./g, "_")}_${name} = ${prefix}.${name};`);
  }
  return lines.join("\n");
}

const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import * as flowlog from "pulumi-flowlog";
import { ncloud, nhncloud } from "pulumi-flowlog";
import * as testing from "pulumi-flowlog/testing";

const logger = new nhncloud.FlowLogLogger("web", {
  resourceId: "cccccccc-0001-4000-8000-000000000111",
  storageUrl: "https://kr1-api-object-storage.nhncloudservice.com/v1/AUTH_x/flowlog/web",
  resourceType: "PORT",
  customizedFields: ["timestamp_start", pulumi.output("src_addr" as const)],
});
const status: pulumi.Output<"BUILD" | "ACTIVE" | "INACTIVE" | "ERROR"> = logger.status;
const type: pulumi.Output<nhncloud.ResourceType> = logger.resourceType;
const fileName: pulumi.Output<string | undefined> = logger.customizedFileName;
const read = nhncloud.FlowLogLogger.get("read", "3e84619a-1e49-4b19-b353-a15f7d278f94", { region: "KR2" });
const same: boolean = nhncloud.FlowLogLogger.isInstance(read) && !ncloud.FlowLog.isInstance(read);
const ports = nhncloud.getLoggingPortsOutput({ loggerId: logger.id }, { region: "KR1", parent: logger });
export const portIds = ports.loggingPorts.apply((list) => list.map((port) => port.portId));
export async function loggersOf(): Promise<string[]> {
  const { loggers } = await nhncloud.getFlowLogLoggers({ resourceType: "VPC", status: "ACTIVE" }, { region: "KR2" });
  const { loggingPort } = await nhncloud.getLoggingPort({ id: "6e97b87a-21ac-42d2-afc7-6d180ba93417" });
  return [...loggers.map((info) => \`\${info.id} \${info.name} \${info.customizedFileName ?? ""}\`), loggingPort.loggerId];
}
const flow = new ncloud.FlowLog("nic", { networkInterfaceNo: "1000001", collectActionTypeCode: "ALL", storageBucketName: "flowlog-bucket" });
const action: pulumi.Output<ncloud.CollectActionTypeCode> = flow.collectActionTypeCode;
export function isOurs(error: unknown): boolean {
  return flowlog.isFlowLogError(error, flowlog.ErrorCodes.timeout) && error.code === "ERR_FLOWLOG_TIMEOUT";
}
export async function tryIt(): Promise<number | undefined> {
  const emulator = await testing.startEmulator({ readings: { filterMode: "and" } });
  const stack = await testing.openStack("./infra", { config: emulator.stackConfig });
  const up: testing.UpResult = await stack.up();
  await stack.close();
  await emulator.close();
  return up.changeSummary.create;
}
export const used = [status, type, fileName, same, action];

${everyExport()}
`;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "flowlog-consumer-"));
  // dist/ is built by pretest; rebuilding here would rewrite files other test workers' hosts are loading.
  execFileSync(npm, ["pack", "--ignore-scripts", "--pack-destination", work], { cwd: REPO, stdio: "pipe" });
  const tarball = join(work, readdirSync(work).find((file) => file.endsWith(".tgz"))!);
  const project = join(work, "consumer");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", main: "index.ts" }));
  execFileSync(
    npm,
    ["install", tarball, "--no-audit", "--no-fund", "--prefer-offline", "--legacy-peer-deps"],
    {
      cwd: project,
      stdio: "pipe",
    },
  );
  // What `pulumi new typescript` installs beside the package, linked from this checkout.
  for (const scope of ["@pulumi", "@types"])
    mkdirSync(join(project, "node_modules", scope), { recursive: true });
  for (const id of ["@pulumi/pulumi", "typescript", "@types/node"]) {
    symlinkSync(fromRepo(id), join(project, "node_modules", id), "dir");
  }
  writeFileSync(join(project, "tsconfig.json"), JSON.stringify(PULUMI_NEW_TSCONFIG, null, 4));
  writeFileSync(join(project, "index.ts"), PROGRAM);
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("a user's program against the packed package", () => {
  it("uses every public export", () => {
    expect(PROGRAM).toMatch(/void flowlog\.nhncloud\.getLoggingPorts;/);
    expect(PROGRAM).toMatch(/= testing\.TestStack;/);
  });

  it("compiles with the tsconfig `pulumi new typescript` writes: strict, no skipLibCheck, no esModuleInterop", () => {
    const project = join(work, "consumer");
    const tsc = spawnSync(
      process.execPath,
      [join(project, "node_modules", "typescript", "bin", "tsc"), "-p", ".", "--noEmit", "--pretty", "false"],
      {
        cwd: project,
        encoding: "utf8",
      },
    );
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });
});
