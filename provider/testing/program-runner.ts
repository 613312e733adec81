import { fork } from "node:child_process";
import { childEntry, stop, track } from "./processes";
import type { Answer, Registration } from "./program";
import type { ChildMessage, ParentMessage } from "./program-child";
import type { Project } from "./project";
import type { Json } from "./sdk";

export interface ProgramRunOptions {
  project: Project;
  stack: string;
  /** Full keys; handed over as the language host does (`PULUMI_CONFIG`). */
  config: Record<string, string>;
  preview: boolean;
  sdkDir: string;
  env: Record<string, string | undefined>;
  /** The engine's part: the answer to each registration, as it arrives. */
  register(registration: Registration): Promise<Answer>;
  /** The program's console output, as it comes. */
  onOutput?(text: string, stream: "stdout" | "stderr"): void;
}

export interface ProgramOutcome {
  /** The stack outputs (`up` only), JSON as the engine stores them. */
  outputs?: Json;
  /** Unhandled errors of the program, and how it exited if that was not cleanly. */
  errors: string[];
  /** The program's stderr, quoted when it ends before it finished. */
  stderr: string;
}

/** A running program: `outcome` settles when the child has exited; `stop()` ends it early. */
export interface ProgramRun {
  outcome: Promise<ProgramOutcome>;
  stop(): Promise<void>;
}

/** Runs the project's program in a child process (the Pulumi runtime is process-global) under the SDK's mocks. */
export function runProgram(options: ProgramRunOptions): ProgramRun {
  const { project } = options;
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({
    ...options.env,
    PULUMI_CONFIG: JSON.stringify(options.config),
    PULUMI_CONFIG_SECRET_KEYS: "[]",
    PULUMI_NODEJS_PROJECT: project.name,
    PULUMI_NODEJS_STACK: options.stack,
    PULUMI_NODEJS_TYPESCRIPT: project.typescript ? "true" : undefined,
    PULUMI_NODEJS_TSCONFIG_PATH: project.tsconfig ?? options.env.PULUMI_NODEJS_TSCONFIG_PATH,
  })) {
    if (value !== undefined) env[key] = value;
  }
  const child = track(
    fork(childEntry("program-child"), [], {
      cwd: project.dir,
      env,
      execArgv: project.nodeargs,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    }),
  );
  const outcome: ProgramOutcome = { errors: [], stderr: "" };
  let done = false;
  for (const stream of ["stdout", "stderr"] as const) {
    child[stream]?.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      if (stream === "stderr") outcome.stderr += text;
      options.onOutput?.(text, stream);
    });
  }
  const reply = (message: ParentMessage) => {
    if (child.connected) child.send(message);
  };
  child.on("message", (message: ChildMessage) => {
    if (message.kind === "done") {
      done = true;
      outcome.outputs = message.outputs;
      outcome.errors.push(...message.errors);
      return;
    }
    options.register(message.registration).then(
      (answer) => reply({ kind: "answer", seq: message.seq, answer }),
      (error: unknown) => reply({ kind: "answer", seq: message.seq, error: (error as Error).message }),
    );
  });
  const settled = new Promise<ProgramOutcome>((resolve) => {
    child.once("error", (error) => {
      outcome.errors.push(`the program could not be started: ${error.message}`);
    });
    // "close", not "exit": the program's last output has been read by then.
    child.once("close", (code, signal) => {
      if (!done) {
        const how = signal ? `was ended by ${signal}` : `exited with code ${code}`;
        outcome.errors.push(
          `the program ${how} before it finished${outcome.stderr ? `:\n${outcome.stderr}` : ""}`,
        );
      }
      resolve(outcome);
    });
  });
  reply({
    kind: "start",
    sdkDir: options.sdkDir,
    project: project.name,
    stack: options.stack,
    preview: options.preview,
    program: project.program,
    hasMain: project.hasMain,
  });
  return { outcome: settled, stop: () => stop(child) };
}
