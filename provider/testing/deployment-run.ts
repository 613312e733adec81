import type { Attempt, Deployment } from "./deployment";
import type { Answer, Registration } from "./program";
import { isDynamic, protectedError, type RunResult, stepOf } from "./steps";

/** One preview or update: the steps of the registrations so far, then the deletes when it finishes. */
export class DeploymentRun {
  readonly result: RunResult = { steps: [], failures: [], notes: [] };
  private readonly registered = new Set<string>();
  private readonly simulatedTypes = new Set<string>();

  constructor(
    private readonly deployment: Deployment,
    readonly preview: boolean,
  ) {}

  /** Runs the step for one registration; a failure is recorded and thrown (the program sees it). */
  async register(registration: Registration): Promise<Answer> {
    const { urn } = registration;
    const attempt: Attempt = {};
    try {
      if (this.registered.has(urn)) throw new Error(`duplicate resource URN '${urn}': give it a unique name`);
      this.registered.add(urn);
      if (registration.custom === false) return { id: "" };
      if (!isDynamic(registration.type)) this.simulatedTypes.add(registration.type);
      const [step, answer] = await this.deployment.step(registration, this.preview, attempt);
      this.result.steps.push(step);
      return answer;
    } catch (error) {
      this.result.failures.push({ urn, error: error as Error, ...(attempt.op ? { op: attempt.op } : {}) });
      throw error;
    }
  }

  /**
   * Deletes the resources the program no longer registers (unless `keepUnregistered`: the program did not
   * finish, so the set is not known) and the pending deletes (old halves of create-before-delete
   * replacements, this run's and earlier ones').
   */
  async finish(options: { keepUnregistered?: boolean } = {}): Promise<RunResult> {
    const { state, pendingDeletes } = this.deployment;
    const result = this.result;
    if (this.simulatedTypes.size > 0) {
      result.notes.push(
        `${[...this.simulatedTypes].join(", ")}: not dynamic resources, so no provider ran for them; ` +
          "kept as the SDK's mocks keep them (id = the name, outputs = the inputs)",
      );
    }
    const gone = options.keepUnregistered
      ? []
      : [...state.values()].filter((entry) => !this.registered.has(entry.urn) && !entry.external);
    const deletable = gone.filter((entry) => !entry.protect);
    for (const entry of gone) {
      if (entry.protect) {
        result.failures.push({ urn: entry.urn, error: protectedError(entry.urn, "delete"), op: "delete" });
      } else result.steps.push(stepOf("delete", entry.urn));
    }
    if (this.preview) return result;
    for (const entry of deletable) state.delete(entry.urn);
    pendingDeletes.push(...deletable);
    this.deployment.changed();
    await this.deployment.deletePending({ steps: [], failures: result.failures, notes: [] });
    return result;
  }
}
