import { DeploymentRun } from "./deployment-run";
import { InitFailedError, type ProviderHost } from "./host";
import type { Answer, Registration, RegistrationOptions } from "./program";
import type { Json } from "./sdk";
import {
  CheckFailedError,
  changedKeys,
  isDynamic,
  type Op,
  pool,
  protectedError,
  type RunResult,
  type StateEntry,
  type Step,
  stepOf,
} from "./steps";

/** The step a registration is taking, as far as it is known: what a failure is reported as. */
export interface Attempt {
  op?: Op;
}

/** The program's news with `ignoreChanges` keys (top-level names) taken from the old inputs, before check. */
function ignoring(news: Json, olds: Json, keys: string[] = []): Json {
  const result = { ...news };
  for (const key of keys) {
    if (key in olds) result[key] = olds[key];
    else delete result[key];
  }
  return result;
}

function remember(entry: StateEntry, options: RegistrationOptions = {}): StateEntry {
  if (options.protect) entry.protect = true;
  else delete entry.protect;
  if (options.retainOnDelete) entry.retainOnDelete = true;
  else delete entry.retainOnDelete;
  return entry;
}

/**
 * The engine's step logic around a real provider host, with state kept in memory: what `pulumi up`,
 * `preview`, `refresh` and `destroy` ask of a dynamic provider, in the same order and with the same
 * olds/news. Follows pulumi/pulumi's step generator: a replacement re-runs Check with no olds; a
 * create-before-delete replacement deletes the old resource at the end of the run (kept as a pending
 * delete, retried by the next run, if that fails); an unchanged resource with init errors gets an empty
 * Update; a refresh clears init errors; `protect`, `retainOnDelete`, `deleteBeforeReplace`,
 * `replaceOnChanges` and top-level `ignoreChanges` are honoured. Not modelled: the dependency graph
 * (operations run in parallel as they arrive), aliases, and custom timeouts. `onChange` is called after
 * every change of the state (each create, update, delete, read and refresh result), as the engine
 * checkpoints: a new resource and the old one it condemns change together, so no saved state loses either.
 */
export class Deployment {
  readonly state = new Map<string, StateEntry>();
  /** Old resources of create-before-delete replacements not deleted yet. */
  readonly pendingDeletes: StateEntry[] = [];

  constructor(
    private readonly host: () => Promise<ProviderHost>,
    readonly parallelism = 10,
    private readonly onChange: () => void = () => undefined,
  ) {}

  /** Says the state changed (for a caller that changed it, as a run's finish does). */
  changed(): void {
    this.onChange();
  }

  /** A preview or an update: registrations go through `register` as the program makes them, then `finish`. */
  begin(preview: boolean): DeploymentRun {
    return new DeploymentRun(this, preview);
  }

  async refresh(): Promise<RunResult> {
    const result: RunResult = { steps: [], failures: [], notes: [] };
    await pool([...this.state.values()], this.parallelism, async (entry) => {
      try {
        result.steps.push(await this.refreshOne(entry));
        this.onChange();
      } catch (error) {
        result.failures.push({ urn: entry.urn, error: error as Error });
      }
    });
    return result;
  }

  /** Deletes everything managed (pending deletes first; if those fail, nothing else is tried). */
  async destroy(): Promise<RunResult> {
    const result: RunResult = { steps: [], failures: [], notes: [] };
    const pending = await this.deletePending(result);
    if (pending.length > 0) return result;
    const managed = [...this.state.values()].filter((entry) => !entry.external);
    await pool(managed, this.parallelism, async (entry) => {
      try {
        if (entry.protect) throw protectedError(entry.urn, "delete");
        await this.deleteOne(entry);
        this.state.delete(entry.urn);
        this.onChange();
        result.steps.push(stepOf("delete", entry.urn));
      } catch (error) {
        result.failures.push({ urn: entry.urn, error: error as Error, op: "delete" });
      }
    });
    for (const entry of [...this.state.values()]) if (entry.external) this.state.delete(entry.urn);
    this.onChange();
    return result;
  }

  /** Deletes what earlier runs condemned, each leaving the list once deleted; what fails stays (and is returned). */
  async deletePending(result: RunResult): Promise<StateEntry[]> {
    await pool([...this.pendingDeletes], this.parallelism, async (entry) => {
      try {
        await this.deleteOne(entry);
        this.pendingDeletes.splice(this.pendingDeletes.indexOf(entry), 1);
        this.onChange();
        result.steps.push(stepOf("delete", entry.urn));
      } catch (error) {
        result.failures.push({ urn: entry.urn, error: error as Error, op: "delete" });
      }
    });
    return this.pendingDeletes;
  }

  /**
   * The step for one registration, and the engine's answer to the program. `attempt.op` says which step it
   * is taking as soon as that is known, for a failure to be reported as.
   */
  async step(registration: Registration, preview: boolean, attempt: Attempt = {}): Promise<[Step, Answer]> {
    const { urn, options } = registration;
    if (!isDynamic(registration.type)) return this.simulate(registration, preview);
    if (registration.importId !== undefined) {
      throw new Error(`${urn}: the import option does not work for dynamic resources; use get() or adoptId`);
    }
    const existing = this.state.get(urn);
    attempt.op = registration.id !== undefined ? "read" : existing ? "update" : "create";
    const host = await this.host();
    if (registration.id !== undefined) {
      const read = await host.read(urn, registration.id, registration.inputs, registration.inputs);
      if (read.id === "") throw new Error(`resource '${registration.id}' does not exist`);
      const entry = { urn, id: read.id, inputs: read.inputs ?? {}, outputs: read.props, external: true };
      this.state.set(urn, entry);
      this.onChange();
      return [stepOf("read", urn), { id: read.id, outputs: read.props }];
    }
    const news = existing
      ? ignoring(registration.inputs, existing.inputs, options?.ignoreChanges)
      : registration.inputs;
    const checked = await this.checked(host, urn, existing?.inputs ?? {}, news);
    if (!existing) {
      if (preview) return [stepOf("create", urn), { id: "", outputs: checked }];
      const entry = await this.create(host, urn, checked, options);
      return [stepOf("create", urn), { id: entry.id, outputs: entry.outputs }];
    }
    const diff = await host.diff(urn, existing.id, existing.outputs, checked);
    const diffs = changedKeys(existing.inputs, checked);
    const forced = (options?.replaceOnChanges ?? []).filter((key) => key === "*" || diffs.includes(key));
    const replaces = [...new Set([...diff.replaces, ...(forced.includes("*") ? diffs : forced)])];
    const changed =
      diff.changes === "some" ||
      (diff.changes === "unknown" && JSON.stringify(existing.inputs) !== JSON.stringify(checked)) ||
      forced.length > 0;
    if (changed && replaces.length > 0) {
      attempt.op = "replace";
      if (existing.protect) throw protectedError(urn, "replace");
      const deleteBeforeReplace = diff.deleteBeforeReplace || options?.deleteBeforeReplace === true;
      const step: Step = { ...stepOf("replace", urn, diffs), replaces, deleteBeforeReplace };
      const replacement = await this.checked(host, urn, {}, news);
      if (preview) return [step, { id: "", outputs: replacement }];
      if (deleteBeforeReplace) {
        await this.deleteOne(existing);
        this.state.delete(urn);
        this.onChange();
        await this.create(host, urn, replacement, options);
      } else {
        // The old resource becomes a pending delete the moment its replacement is in the state (even one
        // that failed after it existed), and is deleted at the end of the run.
        await this.create(host, urn, replacement, options, existing);
      }
      const entry = this.state.get(urn)!;
      return [step, { id: entry.id, outputs: entry.outputs }];
    }
    if (changed || existing.initErrors) {
      if (preview) return [stepOf("update", urn, diffs), { id: existing.id, outputs: checked }];
      await this.update(host, existing, checked, options);
      return [stepOf("update", urn, diffs), { id: existing.id, outputs: existing.outputs }];
    }
    attempt.op = "same";
    if (!preview) {
      remember(existing, options).inputs = checked;
      this.onChange();
    }
    return [stepOf("same", urn), { id: existing.id, outputs: existing.outputs }];
  }

  /** Another provider's custom resource: no provider runs; the SDK's mocks' answer (id = name, outputs = inputs). */
  private simulate(registration: Registration, preview: boolean): [Step, Answer] {
    const { urn, inputs } = registration;
    if (registration.id !== undefined) {
      this.state.set(urn, {
        urn,
        id: registration.id,
        inputs,
        outputs: inputs,
        external: true,
        simulated: true,
      });
      this.onChange();
      return [stepOf("read", urn), { id: registration.id }];
    }
    const existing = this.state.get(urn);
    const diffs = existing ? changedKeys(existing.inputs, inputs) : [];
    const op = !existing ? "create" : diffs.length > 0 ? "update" : "same";
    const id = existing?.id ?? (preview ? "" : (registration.importId ?? registration.name));
    if (!preview) {
      this.state.set(
        urn,
        remember({ urn, id, inputs, outputs: inputs, simulated: true }, registration.options),
      );
      this.onChange();
    }
    return [stepOf(op, urn, diffs), { id }];
  }

  private async refreshOne(entry: StateEntry): Promise<Step> {
    if (entry.simulated) return stepOf("same", entry.urn);
    const result = await (await this.host()).read(entry.urn, entry.id, entry.outputs, entry.inputs);
    if (result.id === "") {
      this.state.delete(entry.urn);
      return stepOf("delete", entry.urn);
    }
    const drifted = changedKeys(entry.outputs, result.props);
    const changed = JSON.stringify(result.props) !== JSON.stringify(entry.outputs);
    entry.outputs = result.props;
    // As the engine: a refresh replaces the init errors with Read's, and the dynamic host reports none.
    delete entry.initErrors;
    if (result.inputs) entry.inputs = result.inputs;
    return stepOf(changed ? "update" : "same", entry.urn, drifted);
  }

  private async deleteOne(entry: StateEntry): Promise<void> {
    if (entry.simulated || entry.retainOnDelete) return;
    await (await this.host()).delete(entry.urn, entry.id, entry.outputs);
  }

  private async checked(host: ProviderHost, urn: string, olds: Json, news: Json): Promise<Json> {
    const result = await host.check(urn, olds, news);
    if (result.failures.length > 0) throw new CheckFailedError(result.failures);
    return result.inputs;
  }

  /** Records a new resource (and, for a create-before-delete replacement, condemns the one it replaces). */
  private record(entry: StateEntry, options: RegistrationOptions | undefined, replacing?: StateEntry): void {
    this.state.set(entry.urn, remember(entry, options));
    if (replacing) this.pendingDeletes.push(replacing);
    this.onChange();
  }

  private async create(
    host: ProviderHost,
    urn: string,
    inputs: Json,
    options?: RegistrationOptions,
    replacing?: StateEntry,
  ): Promise<StateEntry> {
    try {
      const created = await host.create(urn, inputs);
      const entry = { urn, id: created.id, inputs, outputs: created.properties };
      this.record(entry, options, replacing);
      return entry;
    } catch (error) {
      if (error instanceof InitFailedError) {
        const entry = { urn, id: error.id, inputs, outputs: error.properties, initErrors: error.reasons };
        this.record(entry, options, replacing);
      }
      throw error;
    }
  }

  private async update(
    host: ProviderHost,
    entry: StateEntry,
    inputs: Json,
    options?: RegistrationOptions,
  ): Promise<void> {
    try {
      entry.outputs = await host.update(entry.urn, entry.id, entry.outputs, inputs);
      entry.inputs = inputs;
      delete entry.initErrors;
      remember(entry, options);
      this.onChange();
    } catch (error) {
      if (error instanceof InitFailedError) {
        entry.outputs = error.properties;
        entry.inputs = inputs;
        entry.initErrors = error.reasons;
        this.onChange();
      }
      throw error;
    }
  }
}
