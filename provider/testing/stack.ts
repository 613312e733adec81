import { resolve } from "node:path";
import { NCLOUD_VARIABLES } from "../ncloud/config";
import { NHN_VARIABLES } from "../nhncloud/config";
import { Deployment } from "./deployment";
import { StackRunError } from "./errors";
import { ProviderHost } from "./host";
import { atTermination } from "./processes";
import { type Answer, type Registration, typeOfUrn } from "./program";
import { type ProgramOutcome, type ProgramRun, runProgram } from "./program-runner";
import { loadProject, namespaced, type Project } from "./project";
import { loadSdk, type Sdk } from "./sdk";
import { readStateFile, savedState, writeStateFile } from "./state-file";
import { lockState, type StateLock } from "./state-lock";
import { type Failure, limiter, type RunResult } from "./steps";
import type { Op, OpenStackOptions, StackResource, StackResult, Step, TestStack, UpResult } from "./types";
import { checkTypeScript } from "./typescript";

/** Every variable the providers read (`OS_*`, `NHN_*`, `NCLOUD_*`): credentials, endpoints and timeouts. */
export const CLOUD_VARIABLES = [...NHN_VARIABLES, ...NCLOUD_VARIABLES];

function environment(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of CLOUD_VARIABLES) delete env[name];
  return { ...env, ...extra };
}

const byUrnDeletesLast = (a: Step, b: Step): number =>
  Number(a.op === "delete") - Number(b.op === "delete") || (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0);

const summary = (steps: Step[]): Partial<Record<Op, number>> => {
  const counts: Partial<Record<Op, number>> = {};
  for (const step of steps) counts[step.op] = (counts[step.op] ?? 0) + 1;
  return counts;
};

class KitStack implements TestStack {
  readonly dir: string;
  readonly projectName: string;
  private readonly deployment: Deployment;
  private host?: ProviderHost;
  private starting?: Promise<ProviderHost>;
  private program?: ProgramRun;
  private busy = false;
  private closed = false;
  /** The state file's lock, held for the whole of each operation. */
  private lock?: StateLock;
  /** Whether changes of the state go to the state file now (during an operation, until interrupted). */
  private saving = false;

  constructor(
    private readonly project: Project,
    private readonly sdk: Sdk,
    readonly stackName: string,
    private readonly config: Record<string, string>,
    private readonly env: Record<string, string | undefined>,
    private readonly options: OpenStackOptions,
  ) {
    this.dir = project.dir;
    this.projectName = project.name;
    this.deployment = new Deployment(
      () => this.providerHost(),
      options.parallelism ?? 10,
      () => {
        if (this.saving) this.save();
      },
    );
    if (options.stateFile) this.load(options.stateFile);
  }

  preview(): Promise<StackResult> {
    return this.exclusive("preview", () => this.deploy(true));
  }

  up(): Promise<UpResult> {
    return this.exclusive("up", () => this.deploy(false));
  }

  refresh(): Promise<StackResult> {
    return this.exclusive("refresh", async () => this.checked("refresh", await this.deployment.refresh()));
  }

  destroy(): Promise<StackResult> {
    return this.exclusive("destroy", async () => this.checked("destroy", await this.deployment.destroy()));
  }

  resources(): StackResource[] {
    return [...this.deployment.state.values()].map((entry) => ({
      urn: entry.urn,
      type: typeOfUrn(entry.urn),
      id: entry.id,
      outputs: entry.outputs,
    }));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stopProcesses();
  }

  private async exclusive<T>(operation: string, work: () => Promise<T>): Promise<T> {
    if (this.closed) throw new Error(`${operation}: the stack was closed`);
    if (this.busy) throw new Error(`${operation}: another operation on this stack is still running`);
    this.busy = true;
    let withdraw: (() => void) | undefined;
    try {
      withdraw = this.beginSaving(operation);
    } catch (error) {
      this.busy = false;
      throw error;
    }
    this.host?.holdOpen(true);
    try {
      return await work();
    } catch (error) {
      await this.stopProcesses();
      throw error;
    } finally {
      this.interrupt();
      withdraw?.();
      this.host?.holdOpen(false);
      this.busy = false;
    }
  }

  /**
   * With a state file: locks it for `operation`, reads it afresh (another run may have changed it since) and
   * saves every change until the operation ends, or this process exits or gets SIGINT/SIGTERM first.
   */
  private beginSaving(operation: string): (() => void) | undefined {
    const file = this.options.stateFile;
    if (!file) return undefined;
    this.lock = lockState(file, operation);
    try {
      this.load(file);
    } catch (error) {
      this.interrupt();
      throw error;
    }
    this.saving = true;
    return atTermination(() => this.interrupt());
  }

  /** Saves what is recorded (when saving) and releases the lock; nothing is saved after it. */
  private interrupt(): void {
    try {
      if (this.saving) this.save();
    } finally {
      this.saving = false;
      this.lock?.release();
      this.lock = undefined;
    }
  }

  /** One provider host for the stack's life, started when first needed (again after a failure ended it). */
  private providerHost(): Promise<ProviderHost> {
    if (this.host?.running) return Promise.resolve(this.host);
    this.starting ??= (async () => {
      const host = await ProviderHost.start({ cwd: this.project.dir, env: this.env, sdk: this.sdk });
      try {
        await host.configure(this.config);
      } catch (error) {
        await host.close();
        throw error;
      }
      this.host = host;
      return host;
    })().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async stopProcesses(): Promise<void> {
    const host = this.host ?? (await this.starting?.catch(() => undefined));
    this.host = undefined;
    await Promise.all([this.program?.stop(), host?.close()]);
  }

  private async deploy(preview: boolean): Promise<UpResult> {
    const run = this.deployment.begin(preview);
    const limit = limiter(this.deployment.parallelism);
    const inflight = new Set<Promise<Answer>>();
    const register = (registration: Registration): Promise<Answer> => {
      const step = limit(() => run.register(registration));
      inflight.add(step);
      step.then(
        () => inflight.delete(step),
        () => inflight.delete(step),
      );
      return step;
    };
    this.program = runProgram({
      project: this.project,
      stack: this.stackName,
      config: this.config,
      preview,
      sdkDir: this.sdk.dir,
      env: this.env,
      register,
      onOutput: this.options.onOutput,
    });
    let outcome: ProgramOutcome;
    try {
      outcome = await this.program.outcome;
    } finally {
      this.program = undefined;
    }
    await Promise.allSettled([...inflight]);
    const failed = outcome.errors.length > 0 || run.result.failures.length > 0;
    // A program that did not get through has not said which resources it still wants: delete none.
    const result = await run.finish({ keepUnregistered: failed });
    const known = result.failures.map((f) => f.error.message);
    const programErrors = outcome.errors.filter((e) => !known.some((message) => e.includes(message)));
    return {
      ...this.checked(preview ? "preview" : "up", result, programErrors),
      outputs: outcome.outputs ?? {},
    };
  }

  private checked(
    operation: StackRunError["operation"],
    run: RunResult,
    programErrors: string[] = [],
  ): StackResult {
    const steps = [...run.steps].sort(byUrnDeletesLast);
    const notes = [...(this.lock?.notes ?? []), ...run.notes];
    const result = { steps, changeSummary: summary(steps), notes };
    if (run.failures.length > 0 || programErrors.length > 0) {
      const failures = run.failures.map((f: Failure) => ({
        urn: f.urn,
        message: f.error.message,
        ...(f.op ? { op: f.op } : {}),
      }));
      throw new StackRunError(operation, result, failures, programErrors);
    }
    return result;
  }

  /** The state as `file` holds it (none: empty); a file that is not a state file is refused, untouched. */
  private load(file: string): void {
    const saved = readStateFile(file);
    const { state, pendingDeletes } = this.deployment;
    state.clear();
    pendingDeletes.splice(0);
    for (const entry of saved?.resources ?? []) state.set(entry.urn, entry);
    pendingDeletes.push(...(saved?.pendingDeletes ?? []));
  }

  private save(): void {
    const file = this.options.stateFile;
    if (!file) return;
    const { state, pendingDeletes } = this.deployment;
    writeStateFile(file, savedState(this.projectName, this.stackName, state.values(), pendingDeletes));
  }
}

/**
 * Opens the Pulumi project in `dir` (a `Pulumi.yaml` with runtime nodejs, TypeScript or JavaScript) as a
 * stack with its state in memory (or `stateFile`). Its program runs in a child process under the SDK's
 * mocks; each resource it registers goes through the engine's steps with the SDK's own dynamic-provider
 * host, started once for the stack. A test and try-out tool that follows the engine's protocol for these
 * resources, not a replacement for the Pulumi engine.
 */
export async function openStack(dir: string, options: OpenStackOptions = {}): Promise<TestStack> {
  const root = resolve(dir);
  const sdk = loadSdk(root);
  const project = loadProject(root, sdk);
  checkTypeScript(project, sdk.dir);
  const config = { ...project.defaults, ...namespaced(options.config ?? {}, project.name) };
  return new KitStack(project, sdk, options.stackName ?? "dev", config, environment(options.env), options);
}
