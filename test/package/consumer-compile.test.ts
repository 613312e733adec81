import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as ts from "typescript";
import { installTarball, linkFromRepo, PULUMI_NEW_COMPILER_OPTIONS, packCheckout } from "../support/tarball";

// Issue 14: a user's program compiles against the packed package with exactly the tsconfig that
// `pulumi new typescript` writes: strict, no skipLibCheck, no esModuleInterop.
const REPO = resolve(__dirname, "..", "..");

const PULUMI_NEW_TSCONFIG = { compilerOptions: PULUMI_NEW_COMPILER_OPTIONS, files: ["index.ts"] };

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
  const tarball = packCheckout(work);
  const project = join(work, "consumer");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", main: "index.ts" }));
  installTarball(project, tarball);
  // What `pulumi new typescript` installs beside the package, linked from this checkout.
  linkFromRepo(project, ["@pulumi/pulumi", "typescript", "@types/node"]);
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
