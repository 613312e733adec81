/**
 * Runs a user's Pulumi program in this (child) process under the SDK's mocks, as the Node.js language host
 * would run it (`@pulumi/pulumi/cmd/run/run.js`: package.json entry points, ts-node for TypeScript with
 * the project's compiler or the SDK's vendored one, exported functions awaited, outputs on the root
 * stack), and asks the parent, over IPC, for the engine's answer to every resource it registers. The SDK's
 * closure-serializing tooling and zod's locales are loaded when first used (../common/defer-modules.ts).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { deferUnusedModules } from "../common/defer-modules";
import { type Answer, installMocks, type Registration } from "./program";
import type { Json } from "./sdk";

deferUnusedModules();

export interface StartMessage {
  kind: "start";
  sdkDir: string;
  project: string;
  stack: string;
  preview: boolean;
  program: string;
  hasMain: boolean;
}
export type ParentMessage = StartMessage | { kind: "answer"; seq: number; answer?: Answer; error?: string };
export type ChildMessage =
  | { kind: "register"; seq: number; registration: Registration }
  | { kind: "done"; outputs?: Json; errors: string[] };

type Doc = Record<string, unknown>;
type Runtime = Parameters<typeof installMocks>[0]["runtime"] &
  Parameters<typeof installMocks>[1] & {
    runInPulumiStack(init: () => Promise<unknown>): Promise<unknown>;
    waitForRPCs(): Promise<void>;
  };

const waiting = new Map<number, { resolve(answer: Answer): void; reject(error: Error): void }>();
const errors: string[] = [];
let sequence = 0;
let finished = false;

const send = (message: ChildMessage, then: () => void = () => undefined) => process.send?.(message, then);

function record(error: unknown): void {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (!errors.includes(text)) errors.push(text);
}

/**
 * The IPC channel keeps this process alive only while an answer is awaited: otherwise, as under the
 * language host, a program left with nothing to run (waiting on a promise that never settles) ends.
 */
const holdChannel = () => (waiting.size > 0 ? process.channel?.ref() : process.channel?.unref());

function ask(registration: Registration): Promise<Answer> {
  const seq = ++sequence;
  return new Promise((resolve, reject) => {
    waiting.set(seq, { resolve, reject });
    holdChannel();
    send({ kind: "register", seq, registration });
  });
}

function finish(message: ChildMessage, code: number): void {
  finished = true;
  send(message, () => process.exit(code));
}

function packageRoot(program: string): { root: string; manifest: Doc } {
  let dir = existsSync(program) && statSync(program).isDirectory() ? program : dirname(program);
  for (;;) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      try {
        return { root: dir, manifest: JSON.parse(readFileSync(file, "utf8")) as Doc };
      } catch {
        return { root: dir, manifest: {} };
      }
    }
    if (dirname(dir) === dir) return { root: dirname(program), manifest: {} };
    dir = dirname(dir);
  }
}

/** Without `main` in Pulumi.yaml, package.json's `exports` or `main` names the entry point (as run.js does). */
function entryPoint(start: StartMessage, root: string, manifest: Doc): string {
  if (start.hasMain) return start.program;
  const exported = manifest.exports as string | Record<string, string | Doc> | undefined;
  const dot = typeof exported === "object" ? exported["."] : undefined;
  const entry =
    typeof exported === "string"
      ? exported
      : typeof dot === "string"
        ? dot
        : typeof dot === "object"
          ? (dot.default ?? dot.require ?? dot.import)
          : manifest.main;
  if (typeof entry !== "string") return start.program;
  const path = join(root, entry);
  return existsSync(path) ? path : start.program;
}

/** ts-node registration exactly as run.js does it, with the SDK's own helpers (`tsutils`, `cmd/run/hooks.js`). */
function registerTypeScript(sdkDir: string, manifest: Doc): void {
  const tsutils = require(join(sdkDir, "tsutils")) as {
    loadTypeScriptCompilerOptions(path: string): Doc;
    typeScriptRequireStrings(): { tsnodeRequire: string; typescriptRequire: string };
  };
  const semver = require(require.resolve("semver", { paths: [sdkDir] })) as {
    parse(v: string): { compare(other: unknown): number } | null;
    SemVer: new (v: string) => unknown;
  };
  const tsConfigPath = process.env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json";
  const compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
  const transpileOnlyEnv = process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
  // "ts-node" and "typescript" as the SDK found them: from its folder (its vendored copies otherwise).
  const strings = tsutils.typeScriptRequireStrings();
  const tsnodeRequire = require.resolve(strings.tsnodeRequire, { paths: [sdkDir] });
  const typescriptRequire = require.resolve(strings.typescriptRequire, { paths: [sdkDir] });
  const options = {
    compiler: typescriptRequire,
    transpileOnly: transpileOnlyEnv ? transpileOnlyEnv === "true" : compilerOptions.noCheck,
    project: tsConfigPath,
    skipProject: !existsSync(tsConfigPath),
    compilerOptions: {} as Doc,
  };
  const tsVersion = semver.parse((require(typescriptRequire) as { version: string }).version);
  let esmHooks: string | undefined;
  try {
    esmHooks = require.resolve("ts-node/esm", { paths: [join(sdkDir, "cmd", "run")] });
  } catch {
    // no ts-node/esm: CommonJS registration
  }
  const hasLoaders = process.execArgv.some((arg) => ["--loader", "--import", "--require"].includes(arg));
  if (manifest.type === "module" && tsVersion && tsVersion.compare(new semver.SemVer("4.7.0")) > 0) {
    if (!hasLoaders && esmHooks) {
      options.compilerOptions = {
        target: "ES2022",
        module: "nodenext",
        moduleResolution: "nodenext",
        sourceMap: "true",
        ...compilerOptions,
      };
      const { register } = require("node:module") as { register(specifier: string, options: Doc): void };
      register(pathToFileURL(join(sdkDir, "cmd", "run", "hooks.js")).href, { data: options });
      return;
    }
  }
  const useNodeNext = tsVersion !== null && tsVersion.compare(new semver.SemVer("4.7.0")) >= 0;
  options.compilerOptions = {
    target: "ES2020",
    module: useNodeNext ? "nodenext" : "commonjs",
    moduleResolution: useNodeNext ? "nodenext" : "node",
    sourceMap: "true",
    ...compilerOptions,
  };
  (require(tsnodeRequire) as { register(options: Doc): void }).register(options);
}

// TypeScript would compile import() to require() here; the SDK uses the same indirection.
const dynamicImport = new Function("url", "return import(url)") as (url: string) => Promise<Doc>;

async function load(program: string, manifest: Doc): Promise<unknown> {
  let exported: unknown;
  if (manifest.type === "module") {
    let path = program;
    if (statSync(path).isDirectory()) {
      const index = ["index.js", "index.mjs", "index.ts", "index.mts"].find((f) => existsSync(join(path, f)));
      if (!index) throw new Error(`No entrypoint found in ${path}`);
      path = join(path, index);
    }
    const module = await dynamicImport(pathToFileURL(path).href);
    if (Object.getOwnPropertyDescriptor(module, "default") !== undefined) {
      if (Object.keys(module).length !== 1) {
        throw new Error(
          "expected entrypoint module to have either a default export or named exports but not both",
        );
      }
      exported = module.default;
    } else exported = module;
  } else {
    exported = require(existsSync(program) && statSync(program).isDirectory() ? `${program}/` : program);
  }
  return await (exported instanceof Function ? exported() : exported);
}

async function run(start: StartMessage): Promise<Json | undefined> {
  const pulumi = require(start.sdkDir) as { runtime: Runtime };
  await installMocks(pulumi, pulumi.runtime, {
    project: start.project,
    stack: start.stack,
    preview: start.preview,
    answer: ask,
  });
  const { root, manifest } = packageRoot(start.program);
  const program = entryPoint(start, root, manifest);
  if (process.env.PULUMI_NODEJS_TYPESCRIPT === "true") registerTypeScript(start.sdkDir, manifest);
  process.argv = [process.argv[0], program];
  let outputs: unknown;
  try {
    outputs = await pulumi.runtime.runInPulumiStack(() => load(program, manifest));
  } finally {
    // As under the language host, a program that failed still finishes the registrations it began.
    await pulumi.runtime.waitForRPCs().catch(record);
  }
  return start.preview ? undefined : (JSON.parse(JSON.stringify(outputs ?? {})) as Json);
}

process.on("uncaughtException", record);
process.on("unhandledRejection", record);
// The parent is gone (closed, or killed outright): nothing should outlive it.
process.on("disconnect", () => process.exit(1));
process.on("beforeExit", () => {
  if (finished) return;
  if (errors.length === 0) {
    errors.push(
      "the program stopped before it finished: nothing was left to run, and it still waited on a promise or output that never settled",
    );
  }
  finish({ kind: "done", errors }, 1);
});
process.on("message", (message: ParentMessage) => {
  if (message.kind === "answer") {
    const waiter = waiting.get(message.seq);
    waiting.delete(message.seq);
    holdChannel();
    if (message.error !== undefined) waiter?.reject(new Error(message.error));
    else waiter?.resolve(message.answer!);
    return;
  }
  holdChannel();
  run(message).then(
    (outputs) => finish({ kind: "done", outputs, errors }, errors.length > 0 ? 1 : 0),
    (error: unknown) => {
      record(error);
      finish({ kind: "done", errors }, 1);
    },
  );
});
