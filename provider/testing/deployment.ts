import { DeploymentRun } from "./deployment-run";
import { InitFailedError, type ProviderHost } from "./host";
import type { Answer, Registration, RegistrationOptions } from "./program";
import type { Json } from "./sdk";
import {
  CheckFailedError,
  changedKeys,
  isDynamic,
  pool,
  protectedError,
  type RunResult,
  type StateEntry,
  type Step,
  stepOf,
} from "./steps";

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
 * (operations run in parallel as they arrive), aliases, and custom timeouts.
 */
export class Deployment {
  readonly state = new Map<string, StateEntry>();
  /** Old resources of create-before-delete replacements not deleted yet. */
  readonly pendingDeletes: StateEntry[] = [];

  constructor(
    private readonly host: () => Promise<ProviderHost>,
    readonly parallelism = 10,
  ) {}

  /** A preview or an update: registrations go through `register` as the program makes them, then `finish`. */
  begin(preview: boolean): DeploymentRun {
    return new DeploymentRun(this, preview);
  }

  async refresh(): Promise<RunResult> {
    const result: RunResult = { steps: [], failures: [], notes: [] };
    await pool([...this.state.values()], this.parallelism, async (entry) => {
      try {
        result.steps.push(await this.refreshOne(entry));
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
        result.steps.push(stepOf("delete", entry.urn));
      } catch (error) {
        result.failures.push({ urn: entry.urn, error: error as Error });
      }
    });
    for (const entry of [...this.state.values()]) if (entry.external) this.state.delete(entry.urn);
    return result;
  }

  /** Deletes what earlier runs condemned; what still fails stays pending (and is returned). */
  async deletePending(result: RunResult): Promise<StateEntry[]> {
    const pending = this.pendingDeletes.splice(0);
    try {
      await pool(pending, this.parallelism, async (entry) => {
        try {
          await this.deleteOne(entry);
          result.steps.push(stepOf("delete", entry.urn));
        } catch (error) {
          this.pendingDeletes.push(entry);
          throw error;
        }
      });
    } catch (error) {
      result.failures.push({ urn: "(pending deletes)", error: error as Error });
    }
    return this.pendingDeletes;
  }

  /** The step for one registration, and the engine's answer to the program. */
  async step(registration: Registration, preview: boolean, condemned: StateEntry[]): Promise<[Step, Answer]> {
    const { urn, options } = registration;
    if (!isDynamic(registration.type)) return this.simulate(registration, preview);
    if (registration.importId !== undefined) {
      throw new Error(`${urn}: the import option does not work for dynamic resources; use get() or adoptId`);
    }
    const host = await this.host();
    if (registration.id !== undefined) {
      const read = await host.read(urn, registration.id, registration.inputs, registration.inputs);
      if (read.id === "") throw new Error(`resource '${registration.id}' does not exist`);
      const entry = { urn, id: read.id, inputs: read.inputs ?? {}, outputs: read.props, external: true };
      this.state.set(urn, entry);
      return [stepOf("read", urn), { id: read.id, outputs: read.props }];
    }
    const existing = this.state.get(urn);
    const news = existing
      ? ignoring(registration.inputs, existing.inputs, options?.ignoreChanges)
      : registration.inputs;
    const checked = await this.checked(host, urn, existing?.inputs ?? {}, news);
    if (!existing) {
      if (preview) return [stepOf("create", urn), { id: "", outputs: checked }];
      const entry = remember(await this.create(host, urn, checked), options);
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
      if (existing.protect) throw protectedError(urn, "replace");
      const deleteBeforeReplace = diff.deleteBeforeReplace || options?.deleteBeforeReplace === true;
      const step: Step = { ...stepOf("replace", urn, diffs), replaces, deleteBeforeReplace };
      const replacement = await this.checked(host, urn, {}, news);
      if (preview) return [step, { id: "", outputs: replacement }];
      if (deleteBeforeReplace) {
        await this.deleteOne(existing);
        this.state.delete(urn);
        await this.create(host, urn, replacement);
      } else {
        try {
          await this.create(host, urn, replacement);
        } finally {
          // The old resource is deleted at the end of the run, whether or not its replacement succeeded.
          if (this.state.get(urn) !== existing) condemned.push(existing);
        }
      }
      const entry = remember(this.state.get(urn)!, options);
      return [step, { id: entry.id, outputs: entry.outputs }];
    }
    if (changed || existing.initErrors) {
      if (preview) return [stepOf("update", urn, diffs), { id: existing.id, outputs: checked }];
      await this.update(host, existing, checked);
      remember(existing, options);
      return [stepOf("update", urn, diffs), { id: existing.id, outputs: existing.outputs }];
    }
    if (!preview) remember(existing, options).inputs = checked;
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

  private async create(host: ProviderHost, urn: string, inputs: Json): Promise<StateEntry> {
    try {
      const created = await host.create(urn, inputs);
      const entry = { urn, id: created.id, inputs, outputs: created.properties };
      this.state.set(urn, entry);
      return entry;
    } catch (error) {
      if (error instanceof InitFailedError) {
        this.state.set(urn, {
          urn,
          id: error.id,
          inputs,
          outputs: error.properties,
          initErrors: error.reasons,
        });
      }
      throw error;
    }
  }

  private async update(host: ProviderHost, entry: StateEntry, inputs: Json): Promise<void> {
    try {
      entry.outputs = await host.update(entry.urn, entry.id, entry.outputs, inputs);
      entry.inputs = inputs;
      delete entry.initErrors;
    } catch (error) {
      if (error instanceof InitFailedError) {
        entry.outputs = error.properties;
        entry.inputs = inputs;
        entry.initErrors = error.reasons;
      }
      throw error;
    }
  }
}
