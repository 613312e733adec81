import { Deployment } from "../../provider/testing/deployment";
import {
  type Failure,
  type Step as KitStep,
  type Op,
  pool,
  type StateEntry,
} from "../../provider/testing/steps";
import type { ProviderHost } from "./host";
import type { Registration } from "./program";

export type { StateEntry };

export interface Step {
  urn: string;
  op: Op;
  replaces?: string[];
  deleteBeforeReplace?: boolean;
}
export interface UpResult {
  steps: Step[];
  failures: { urn: string; error: Error }[];
}

/** The steps as these tests have always seen them: urn and op, plus what forces a replacement. */
const legacy = ({ urn, op, replaces, deleteBeforeReplace }: KitStep): Step =>
  op === "replace" ? { urn, op, replaces, deleteBeforeReplace } : { urn, op };

/** Throws as a pool of operations would: the one error, or an AggregateError of all. */
function raise(failures: Failure[]): void {
  if (failures.length === 1) throw failures[0].error;
  if (failures.length > 1) {
    throw new AggregateError(
      failures.map((f) => f.error),
      `${failures.length} operations failed`,
    );
  }
}

/**
 * The testing kit's engine steps (provider/testing/deployment.ts) around one provider host, fed with a
 * program's registrations all at once: what `pulumi up`, `preview`, `refresh` and `destroy` ask of a
 * dynamic provider, in the same order and with the same olds/news.
 */
export class Stack {
  private readonly deployment: Deployment;
  readonly state: Map<string, StateEntry>;
  /** The last preview's or up's steps as the kit records them, with the keys the engine would show changed. */
  shown: KitStep[] = [];

  constructor(
    readonly host: ProviderHost,
    readonly parallelism = 10,
  ) {
    this.deployment = new Deployment(async () => host, parallelism);
    this.state = this.deployment.state;
  }

  preview(registrations: Registration[]): Promise<UpResult> {
    return this.run(registrations, true);
  }

  up(registrations: Registration[]): Promise<UpResult> {
    return this.run(registrations, false);
  }

  async refresh(): Promise<{ changed: string[]; deleted: string[] }> {
    const { steps, failures } = await this.deployment.refresh();
    raise(failures);
    const urns = (op: Op) => steps.filter((step) => step.op === op).map((step) => step.urn);
    return { changed: urns("update"), deleted: urns("delete") };
  }

  async destroy(): Promise<void> {
    raise((await this.deployment.destroy()).failures);
  }

  private async run(registrations: Registration[], preview: boolean): Promise<UpResult> {
    const run = this.deployment.begin(preview);
    // A failed registration is in the result's failures; the others go on.
    await pool(registrations, this.parallelism, (registration) =>
      run.register(registration).then(
        () => undefined,
        () => undefined,
      ),
    );
    const { steps, failures } = await run.finish();
    this.shown = steps;
    return { steps: steps.map(legacy), failures };
  }
}
