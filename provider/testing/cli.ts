#!/usr/bin/env node
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { stackConfigFor } from "../../emulator/stack-config";
import { StackRunError } from "./errors";
import { terminate } from "./processes";
import { loadProject, loadStackConfig, namespaced, ProjectError } from "./project";
import { type Operation, renderOutputs, renderState, renderSteps, renderSummary } from "./render";
import { loadSdk } from "./sdk";
import { CLOUD_VARIABLES, openStack } from "./stack";
import type { UpResult } from "./types";

const USAGE = `usage: pulumi-flowlog-try <dir> preview|up|refresh|destroy [options]

Runs the Pulumi program in <dir> (a Pulumi.yaml project, TypeScript or JavaScript) without the Pulumi
CLI: the program runs under the SDK's mocks and each resource goes through the engine's steps with the
SDK's own dynamic-provider host. A try-out tool for pulumi-flowlog's resources, not the Pulumi engine.

  --stack NAME          stack name (default dev); plain values of <dir>/Pulumi.<stack>.yaml are read
  --state FILE          the stack's state (default <dir>/.pulumi-flowlog-try/<stack>.json), saved after
                        every step and locked (FILE.lock) while an operation runs
  --config KEY=VALUE    stack config, repeatable; a key without a namespace takes the project's name
  --emulator URL        aim the stack at a running emulator (start one: npx pulumi-flowlog-emulator);
                        without it, the stack's config and the environment (OS_*, NHN_*, NCLOUD_*) decide
  -h, --help            print this help and exit

Exit status: 0 done; 1 the operation failed, or another run holds the state's lock, or the state file
is not one the kit can read (it is left as it is); 2 bad usage, or a project the kit cannot run; 130 or
143 stopped by SIGINT or SIGTERM (the state is saved first).`;

const OPERATIONS: Operation[] = ["preview", "up", "refresh", "destroy"];

class UsageError extends Error {}

interface Parsed {
  dir: string;
  operation: Operation;
  stack: string;
  state: string;
  config: Record<string, string>;
  emulator?: string;
}

function parse(argv: string[]): Parsed | "help" {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      stack: { type: "string" },
      state: { type: "string" },
      config: { type: "string", multiple: true },
      emulator: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help";
  const [dir, operation, ...rest] = positionals;
  if (!dir || !operation) throw new UsageError("a project folder and an operation are required");
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
  if (!OPERATIONS.includes(operation as Operation)) {
    throw new UsageError(`unknown operation '${operation}' (one of ${OPERATIONS.join(", ")})`);
  }
  const stack = values.stack ?? "dev";
  const config: Record<string, string> = {};
  for (const pair of values.config ?? []) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new UsageError(`--config takes KEY=VALUE, got '${pair}'`);
    config[pair.slice(0, at)] = pair.slice(at + 1);
  }
  if (values.emulator !== undefined && !/^https?:\/\/[^/]+/.test(values.emulator)) {
    throw new UsageError(
      `--emulator takes the emulator's URL, e.g. http://127.0.0.1:8080, got '${values.emulator}'`,
    );
  }
  return {
    dir: resolve(dir),
    operation: operation as Operation,
    stack,
    state: resolve(values.state ?? join(dir, ".pulumi-flowlog-try", `${stack}.json`)),
    config,
    emulator: values.emulator,
  };
}

const say = (lines: string[]) => process.stdout.write(lines.length > 0 ? `${lines.join("\n")}\n` : "");

/** The operation under way, for what a signal says. */
let running: { operation: Operation; state: string } | undefined;

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/** Saves what the state records, releases its lock, ends every child process, and exits 130 or 143. */
function stop(signal: keyof typeof SIGNAL_EXIT): void {
  terminate();
  const what = running
    ? `${running.operation} stopped by ${signal}. The state is saved in ${running.state}: every step that ` +
      "finished is in it. A create still waiting for its answer is not: the next up finds that logger by its " +
      "name and reports it with its id, for adoptId (an auto-named one is taken back instead where " +
      "nhncloud:takeBackWindow is set and the next run can prove it made within it)."
    : `stopped by ${signal}.`;
  process.stderr.write(`pulumi-flowlog-try: ${what}\n`);
  process.exit(SIGNAL_EXIT[signal]);
}

async function run(parsed: Parsed): Promise<number> {
  const sdk = loadSdk(parsed.dir);
  const project = loadProject(parsed.dir, sdk);
  const stackFile = loadStackConfig(project, parsed.stack, sdk);
  const config = {
    ...stackFile.config,
    ...(parsed.emulator ? stackConfigFor(parsed.emulator) : {}),
    ...namespaced(parsed.config, project.name),
  };
  const encrypted = stackFile.encrypted.filter((key) => !(key in config));
  if (encrypted.length > 0) {
    throw new UsageError(
      `${stackFile.file} holds encrypted values only the Pulumi CLI can read: pass them with --config (${encrypted.map((k) => `${k}=…`).join(" ")})`,
    );
  }
  // Without --emulator the stack may aim at a cloud through the environment, as under `pulumi up`.
  const env = parsed.emulator
    ? {}
    : Object.fromEntries(CLOUD_VARIABLES.map((name) => [name, process.env[name]]));
  let diagnostics = "";
  const stack = await openStack(parsed.dir, {
    config,
    stackName: parsed.stack,
    stateFile: parsed.state,
    env,
    onOutput: (text) => {
      diagnostics += text;
    },
  });
  const started = Date.now();
  const footer = () => [
    ...(diagnostics.trim()
      ? [
          "",
          "Diagnostics:",
          `  pulumi:pulumi:Stack (${project.name}-${parsed.stack}):`,
          ...indent(diagnostics, 4),
        ]
      : []),
    "",
    `Duration: ${((Date.now() - started) / 1000).toFixed(1)}s   state: ${parsed.state}`,
  ];
  try {
    running = { operation: parsed.operation, state: parsed.state };
    const result = await stack[parsed.operation]();
    say([
      ...renderSteps(parsed.operation, parsed.stack, result.steps),
      "",
      ...renderOutputs((result as Partial<UpResult>).outputs ?? {}),
      ...renderSummary(parsed.operation, result),
      ...result.notes.map((note) => `note: ${note}`),
      ...footer(),
    ]);
    return 0;
  } catch (error) {
    if (!(error instanceof StackRunError)) throw error;
    say([...renderSteps(parsed.operation, parsed.stack, error.result.steps, error.failures), ""]);
    process.stderr.write(
      [
        "Errors:",
        ...error.failures.flatMap((f) => [`  ${f.urn}:`, ...indent(f.message, 4)]),
        ...error.programErrors.flatMap((e) => ["  the program:", ...indent(e, 4)]),
        "",
      ].join("\n"),
    );
    say([
      ...renderSummary(parsed.operation, error.result),
      "",
      ...renderState(stack.resources()),
      ...error.result.notes.map((note) => `note: ${note}`),
      ...footer(),
    ]);
    return 1;
  } finally {
    running = undefined;
    await stack.close();
  }
}

const indent = (text: string, by: number) =>
  text
    .trimEnd()
    .split("\n")
    .map((line) => `${" ".repeat(by)}${line}`);

async function main(): Promise<number> {
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => stop(signal));
  let parsed: Parsed | "help";
  try {
    parsed = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`pulumi-flowlog-try: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    return await run(parsed);
  } catch (error) {
    process.stderr.write(`pulumi-flowlog-try: ${(error as Error).message}\n`);
    return error instanceof UsageError || error instanceof ProjectError ? 2 : 1;
  }
}

main().then((code) => process.exit(code));
