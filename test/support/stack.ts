import { type CheckResult, InitFailedError, type ProviderHost } from "./host";
import type { Registration } from "./program";

type Json = Record<string, unknown>;

export interface StateEntry {
  urn: string;
  id: string;
  inputs: Json;
  outputs: Json;
  /** Set when create/update failed after the resource existed (the engine's "init errors"). */
  initErrors?: string[];
  /** Read with `Resource.get`: not managed, never deleted. */
  external?: boolean;
}

export type StepOp = "create" | "update" | "replace" | "delete" | "same" | "read";
export interface Step {
  urn: string;
  op: StepOp;
  replaces?: string[];
  deleteBeforeReplace?: boolean;
}
export interface UpResult {
  steps: Step[];
  failures: { urn: string; error: Error }[];
}

export class CheckFailedError extends Error {
  constructor(readonly failures: CheckResult["failures"]) {
    super(`check failed: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
  }
}

/** Runs `work` over `items`, at most `limit` at a time (the engine's --parallel); all settle before a failure is raised. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const errors: unknown[] = [];
  const runners = Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      await work(item).catch((error: unknown) => errors.push(error));
    }
  });
  await Promise.all(runners);
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} operations failed`);
}

/**
 * The engine's step logic around a real provider host, with state kept in memory: what `pulumi up`,
 * `preview`, `refresh` and `destroy` ask of a dynamic provider, in the same order and with the same
 * olds/news. Follows pulumi/pulumi's step generator: a replacement re-runs Check with no olds; a
 * create-before-delete replacement deletes the old resource at the end of the run (kept as a pending
 * delete, retried by the next `up`, if that fails); an unchanged resource with init errors gets an
 * empty Update; a refresh clears init errors. Not modelled: dependency order, and resource options such
 * as protect or retainOnDelete (the SDK's mocks do not pass them).
 */
export class Stack {
  readonly state = new Map<string, StateEntry>();
  /** Old resources of create-before-delete replacements not deleted yet. */
  readonly pendingDeletes: StateEntry[] = [];

  constructor(
    readonly host: ProviderHost,
    readonly parallelism = 10,
  ) {}

  async preview(registrations: Registration[]): Promise<UpResult> {
    return this.run(registrations, true);
  }

  async up(registrations: Registration[]): Promise<UpResult> {
    return this.run(registrations, false);
  }

  async refresh(): Promise<{ changed: string[]; deleted: string[] }> {
    const changed: string[] = [];
    const deleted: string[] = [];
    await pool([...this.state.values()], this.parallelism, async (entry) => {
      const result = await this.host.read(entry.urn, entry.id, entry.outputs, entry.inputs);
      if (result.id === "") {
        this.state.delete(entry.urn);
        deleted.push(entry.urn);
        return;
      }
      if (JSON.stringify(result.props) !== JSON.stringify(entry.outputs)) changed.push(entry.urn);
      entry.outputs = result.props;
      // As the engine: a refresh replaces the init errors with Read's, and the dynamic host reports none.
      delete entry.initErrors;
      if (result.inputs) entry.inputs = result.inputs;
    });
    return { changed, deleted };
  }

  async destroy(): Promise<void> {
    await this.deletePending();
    const managed = [...this.state.values()].filter((entry) => !entry.external);
    await pool(managed, this.parallelism, async (entry) => {
      await this.host.delete(entry.urn, entry.id, entry.outputs);
      this.state.delete(entry.urn);
    });
    for (const entry of [...this.state.values()]) if (entry.external) this.state.delete(entry.urn);
  }

  private async run(registrations: Registration[], preview: boolean): Promise<UpResult> {
    const result: UpResult = { steps: [], failures: [] };
    const condemned: StateEntry[] = [];
    await pool(registrations, this.parallelism, async (registration) => {
      try {
        result.steps.push(await this.step(registration, preview, condemned));
      } catch (error) {
        result.failures.push({ urn: registration.urn, error: error as Error });
      }
    });
    const wanted = new Set(registrations.map((r) => r.urn));
    const gone = [...this.state.values()].filter((entry) => !wanted.has(entry.urn) && !entry.external);
    for (const entry of gone) result.steps.push({ urn: entry.urn, op: "delete" });
    if (preview) return result;
    for (const entry of gone) this.state.delete(entry.urn);
    this.pendingDeletes.push(...gone, ...condemned);
    try {
      await this.deletePending();
    } catch (error) {
      result.failures.push({ urn: "(pending deletes)", error: error as Error });
    }
    return result;
  }

  /** Deletes what the last runs condemned; what still fails stays pending for the next run. */
  private async deletePending(): Promise<void> {
    const pending = this.pendingDeletes.splice(0);
    await pool(pending, this.parallelism, async (entry) => {
      try {
        await this.host.delete(entry.urn, entry.id, entry.outputs);
      } catch (error) {
        this.pendingDeletes.push(entry);
        throw error;
      }
    });
  }

  private async step(registration: Registration, preview: boolean, condemned: StateEntry[]): Promise<Step> {
    const { urn } = registration;
    if (registration.id !== undefined) {
      const read = await this.host.read(urn, registration.id, registration.inputs, registration.inputs);
      if (read.id === "") throw new Error(`resource '${registration.id}' does not exist`);
      this.state.set(urn, {
        urn,
        id: read.id,
        inputs: read.inputs ?? {},
        outputs: read.props,
        external: true,
      });
      return { urn, op: "read" };
    }
    const existing = this.state.get(urn);
    const checked = await this.checked(urn, existing?.inputs ?? {}, registration.inputs);
    if (!existing) {
      if (!preview) await this.create(urn, checked);
      return { urn, op: "create" };
    }
    const diff = await this.host.diff(urn, existing.id, existing.outputs, checked);
    const changed =
      diff.changes === "some" ||
      (diff.changes === "unknown" && JSON.stringify(existing.inputs) !== JSON.stringify(checked));
    if (changed && diff.replaces.length > 0) {
      const step: Step = {
        urn,
        op: "replace",
        replaces: diff.replaces,
        deleteBeforeReplace: diff.deleteBeforeReplace,
      };
      const replacement = await this.checked(urn, {}, registration.inputs);
      if (preview) return step;
      if (diff.deleteBeforeReplace) {
        await this.host.delete(urn, existing.id, existing.outputs);
        this.state.delete(urn);
        await this.create(urn, replacement);
      } else {
        try {
          await this.create(urn, replacement);
        } finally {
          // The old resource is deleted at the end of the run, whether or not its replacement succeeded.
          if (this.state.get(urn) !== existing) condemned.push(existing);
        }
      }
      return step;
    }
    if (changed || existing.initErrors) {
      if (!preview) await this.update(existing, checked);
      return { urn, op: "update" };
    }
    existing.inputs = checked;
    return { urn, op: "same" };
  }

  private async checked(urn: string, olds: Json, news: Json): Promise<Json> {
    const result = await this.host.check(urn, olds, news);
    if (result.failures.length > 0) throw new CheckFailedError(result.failures);
    return result.inputs;
  }

  private async create(urn: string, inputs: Json): Promise<void> {
    try {
      const created = await this.host.create(urn, inputs);
      this.state.set(urn, { urn, id: created.id, inputs, outputs: created.properties });
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

  private async update(entry: StateEntry, inputs: Json): Promise<void> {
    try {
      entry.outputs = await this.host.update(entry.urn, entry.id, entry.outputs, inputs);
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
