import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import * as ts from "typescript";
import { readmeFiles } from "../support/readme-project";
import {
  fromRepo,
  linkFromRepo,
  PULUMI_NEW_COMPILER_OPTIONS,
  packedTarball,
  unpackTarball,
} from "../support/tarball";

// Issues 14 and 21: a user's code compiles against the packed package with exactly the tsconfig that
// `pulumi new typescript` writes (strict, no skipLibCheck, no esModuleInterop), with moduleResolution
// nodenext, and with TypeScript 7 under module node16. The checks that share the `pulumi new` options
// share one program, so the SDK's and Node's declarations are read and checked once (issue 22); each
// check's files are in a folder of their own, and a failing check names its own errors.
const REPO = resolve(__dirname, "..", "..");
const EXAMPLES = join(REPO, "examples");

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

const examples = readdirSync(EXAMPLES).filter((name) => existsSync(join(EXAMPLES, name, "Pulumi.yaml")));
const readme = readmeFiles();

/** Every check of the `pulumi new` program: a folder of the consumer project and the files it holds. */
const CHECKS: Record<string, Record<string, string>> = {
  "a program using every public export": { "index.ts": PROGRAM },
  "the README's program and its jest test": {
    "index.ts": readme["index.ts"],
    "infra.test.ts": readme["infra.test.ts"],
  },
  ...Object.fromEntries(
    examples.map((name) => [
      `example ${name}`,
      { "index.ts": readFileSync(join(EXAMPLES, name, "index.ts"), "utf8") },
    ]),
  ),
};
const folderOf = (check: string) => check.replace(/[^a-z0-9]+/gi, "-");

let work: string;
let project: string;
/** The consumer project's files of `check`, as paths. */
const filesOf = (check: string) =>
  Object.keys(CHECKS[check]).map((file) => join(project, folderOf(check), file));

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "flowlog-types-"));
  project = join(work, "consumer");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  // Its files, unpacked: installing it is npm-pack.test.ts's.
  unpackTarball(project, await packedTarball());
  // What `pulumi new typescript` installs beside the package (and jest's types, for the README's test),
  // linked from this checkout.
  linkFromRepo(project, ["@pulumi/pulumi", "typescript", "@types/node", "@types/jest"]);
  for (const [check, files] of Object.entries(CHECKS)) {
    mkdirSync(join(project, folderOf(check)));
    for (const [file, text] of Object.entries(files))
      writeFileSync(join(project, folderOf(check), file), text);
  }
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Source files already parsed, by name and parse settings: the programs below share the SDK's and Node's. */
const parsed = new Map<string, ts.SourceFile | undefined>();

/**
 * The errors of a TypeScript 5 program over `files` with `compilerOptions` (as in a tsconfig.json), by
 * file: of every file it reads, or only of those `checked` accepts.
 */
function compile(
  files: string[],
  compilerOptions: object,
  checked: (file: ts.SourceFile) => boolean = () => true,
): { program: ts.Program; errors: Map<string, string[]> } {
  const { options, errors: optionErrors } = ts.convertCompilerOptionsFromJson(compilerOptions, project);
  expect(optionErrors).toEqual([]);
  const host = ts.createCompilerHost(options);
  // As `tsc` run in the consumer project: the @types it includes by default are that project's, not this
  // checkout's (jest's working directory), which has a dozen more.
  host.getCurrentDirectory = () => project;
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, settings, ...rest) => {
    const key = `${fileName} ${JSON.stringify(settings)}`;
    if (!parsed.has(key)) parsed.set(key, getSourceFile(fileName, settings, ...rest));
    return parsed.get(key);
  };
  const program = ts.createProgram(files, { ...options, noEmit: true }, host);
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program
      .getSourceFiles()
      .filter(checked)
      .flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]),
  ];
  const errors = new Map<string, string[]>();
  for (const diagnostic of diagnostics) {
    const file = diagnostic.file?.fileName ?? "(options)";
    const line = diagnostic.file
      ? `:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}`
      : "";
    const message = `${relative(project, file)}${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
    errors.set(file, [...(errors.get(file) ?? []), message]);
  }
  return { program, errors };
}

const errorsIn = (errors: Map<string, string[]>, files: string[]) =>
  files.flatMap((file) => errors.get(file) ?? []);

describe("a user's code against the packed package, with the tsconfig `pulumi new typescript` writes", () => {
  let result: ReturnType<typeof compile>;
  beforeAll(() => {
    // TypeScript's own lib files are left unchecked (a quarter of the time): they come with the compiler,
    // and a clash with another declaration shows at that declaration too.
    const options = { ...PULUMI_NEW_COMPILER_OPTIONS, skipDefaultLibCheck: true };
    result = compile(Object.keys(CHECKS).flatMap(filesOf), options);
  }, 120_000);

  it("uses every public export in the program written for it", () => {
    expect(PROGRAM).toMatch(/void flowlog\.nhncloud\.getLoggingPorts;/);
    expect(PROGRAM).toMatch(/= testing\.TestStack;/);
  });

  it("checks the README's files and every example, each keeping the `pulumi new` tsconfig", () => {
    expect(Object.keys(readme)).toEqual(expect.arrayContaining(["index.ts", "infra.test.ts"]));
    expect(examples.length).toBeGreaterThan(0);
    for (const name of examples) {
      const config = JSON.parse(readFileSync(join(EXAMPLES, name, "tsconfig.json"), "utf8"));
      expect({ name, options: config.compilerOptions, files: config.files }).toEqual({
        name,
        options: PULUMI_NEW_COMPILER_OPTIONS,
        files: ["index.ts"],
      });
    }
  });

  it.each(Object.keys(CHECKS))("type-checks %s with no error", (check) => {
    expect(errorsIn(result.errors, filesOf(check))).toEqual([]);
  });

  it("finds no error in the declarations those read: the package's own, the SDK's and Node's", () => {
    const ours = new Set(Object.keys(CHECKS).flatMap(filesOf));
    expect(
      [...result.errors].filter(([file]) => !ours.has(file)).flatMap(([, messages]) => messages),
    ).toEqual([]);
  });

  it("resolves pulumi-flowlog to the installed package's declarations, as a user's project does", () => {
    const installed = join(project, "node_modules", "pulumi-flowlog", "dist", "provider");
    const names = result.program.getSourceFiles().map((file) => file.fileName);
    expect(names).toContain(join(installed, "index.d.ts"));
    expect(names).toContain(join(installed, "testing", "index.d.ts"));
    expect(names.filter((name) => name.startsWith(`${REPO}${sep}dist`))).toEqual([]);
  });
});

describe("the README's program and test with moduleResolution nodenext (TypeScript 5)", () => {
  // The declarations of the SDK and Node are checked in full above, and again under node16 by TypeScript 7
  // below; here, those of the README's files and of the package, as nodenext resolves them.
  it("type-check with no error, nor any in the package's declarations", () => {
    const files = filesOf("the README's program and its jest test");
    const installed = join(project, "node_modules", "pulumi-flowlog", "dist");
    const { program, errors } = compile(
      files,
      { ...PULUMI_NEW_COMPILER_OPTIONS, module: "nodenext", moduleResolution: "nodenext" },
      (file) => files.includes(file.fileName) || file.fileName.startsWith(installed),
    );
    expect([...errors.values()].flat()).toEqual([]);
    const read = program.getSourceFiles().map((file) => file.fileName);
    expect(read).toContain(join(installed, "provider", "testing", "index.d.ts"));
  }, 120_000);
});

describe("TypeScript 7 (npm's latest), which has no moduleResolution node10 and no @types by default", () => {
  const TSC7 = join(fromRepo("typescript7"), "bin", "tsc");

  /** What TypeScript 7 prints for `files` with `compilerOptions`, and its exit status. */
  function tsc7(name: string, files: string[], compilerOptions: object) {
    const config = join(project, `tsconfig.${name}.json`);
    const relativeFiles = files.map((file) => relative(project, file));
    writeFileSync(
      config,
      JSON.stringify({ compilerOptions: { ...compilerOptions, noEmit: true }, files: relativeFiles }),
    );
    // Single-threaded: the same checks, without the threads' overhead on a machine the other tests keep busy.
    const run = spawnSync(process.execPath, [TSC7, "-p", config, "--pretty", "false", "--singleThreaded"], {
      cwd: project,
      encoding: "utf8",
    });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  }

  it("is the compiler these tests run, and refuses the `pulumi new` tsconfig's moduleResolution", () => {
    const version = spawnSync(process.execPath, [TSC7, "--version"], { encoding: "utf8" });
    expect(version.stdout.trim()).toBe("Version 7.0.2");
    // The option is refused whatever the files: one empty module, not the program a whole check reads.
    const empty = join(project, "empty.ts");
    writeFileSync(empty, "export {};\n");
    const refused = tsc7("ts7-node10", [empty], PULUMI_NEW_COMPILER_OPTIONS);
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain("Option 'moduleResolution=node10' has been removed");
  });

  it("compiles the program using every public export with module node16 and no `types`: 0 errors", () => {
    const files = filesOf("a program using every public export");
    const options = { strict: true, module: "node16", moduleResolution: "node16" };
    expect(tsc7("ts7-node16", files, options)).toEqual({ status: 0, output: "" });
  });

  it("compiles the README's program and jest test with module nodenext and the types they use: 0 errors", () => {
    const files = filesOf("the README's program and its jest test");
    const options = {
      strict: true,
      module: "nodenext",
      moduleResolution: "nodenext",
      types: ["node", "jest"],
    };
    expect(tsc7("ts7-nodenext", files, options)).toEqual({ status: 0, output: "" });
  });
});
