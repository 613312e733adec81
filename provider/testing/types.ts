import type { Seed } from "../../emulator/public-types";
import type { EmulatorControl, EmulatorOptions } from "../../emulator/types";

/** The public types of `pulumi-flowlog/testing` (the contract is in the README, "Test your own stack"). */

export type { EmulatorControl, EmulatorOptions, Seed };

/** What a step does to a resource, as `pulumi preview` names it. */
export type Op = "create" | "update" | "replace" | "delete" | "same" | "read";

/** One resource's step, as `pulumi preview` lists it. */
export interface Step {
  /** What happens to the resource. */
  op: Op;
  /** The resource's URN. */
  urn: string;
  /** The resource's type token, e.g. `pulumi-nodejs:dynamic/nhncloud:FlowLogLogger`. */
  type: string;
  /** Input keys that change (update, replace); for refresh, output keys that drifted. */
  diffs: string[];
  /** Replace only: the keys that force it. */
  replaces?: string[];
  /** Replace only: whether the old resource is deleted before its replacement is created. */
  deleteBeforeReplace?: boolean;
}

/** The emulator of both APIs, in this process, with the stack config that aims a stack at it. */
export interface TestEmulator {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** `nhncloud:*` and `ncloud:*` stack config aimed at this emulator (plain values: they are not secrets). */
  stackConfig: Record<string, string>;
  /** The seeded topology, e.g. `seed.nhn.regions.KR1.vpcs[0].subnets[0].ports[0].id`. */
  seed: Seed;
  /** Console-style changes and inspection: `loggers("KR1")`, `editLogger(...)`, `setFaults(...)`, ... */
  control: EmulatorControl;
  /** Stops the emulator; loggers in it are gone. */
  close(): Promise<void>;
}

/** Options of `openStack`. */
export interface OpenStackOptions {
  /** Stack config; keys without a namespace take the project's name. Not read from `Pulumi.<stack>.yaml`. */
  config?: Record<string, unknown>;
  /** The stack's name; default `dev`. */
  stackName?: string;
  /**
   * Keeps the stack's state in this JSON file between runs, as the engine keeps a checkpoint: read when
   * opened and again at the start of each call, written (atomically) after every change of the state, and
   * locked (`<stateFile>.lock`) for the whole of each call, so that two runs never share it. A file that is
   * not a valid state file is refused and left untouched.
   */
  stateFile?: string;
  /**
   * The environment of the program and the provider host: default this process's, without the variables
   * the providers read (`OS_*`, `NHN_*`, `NCLOUD_*`), so that only
   * `config` aims the stack. Entries here are added on top (`undefined` removes one).
   */
  env?: Record<string, string | undefined>;
  /** Resource operations at once (the engine's `--parallel`); default 10. */
  parallelism?: number;
  /** The program's console output as it comes (by default it is only kept for error messages). */
  onOutput?(text: string, stream: "stdout" | "stderr"): void;
}

/** What a preview, up, refresh or destroy did. */
export interface StackResult {
  /** Sorted by URN (the SDK registers resources in no fixed order); deletes last. */
  steps: Step[];
  /** How many steps of each kind, as `pulumi preview` sums them up. */
  changeSummary: Partial<Record<Op, number>>;
  /** What the kit did differently from the Pulumi engine in this run, if anything. */
  notes: string[];
}

/** What an up did, and the stack's outputs after it. */
export interface UpResult extends StackResult {
  /** The stack outputs (secrets in plain text). */
  outputs: Record<string, unknown>;
}

/** A resource in the stack's state, as `pulumi stack export` would list it. */
export interface StackResource {
  /** The resource's URN. */
  urn: string;
  /** Its type token. */
  type: string;
  /** Its id (for a logger, the logger id). */
  id: string;
  /** Its outputs. */
  outputs: Record<string, unknown>;
}

/** A Pulumi project opened as a stack, its state kept between calls. */
export interface TestStack {
  /** The project folder. */
  readonly dir: string;
  /** The project's name, from `Pulumi.yaml`. */
  readonly projectName: string;
  /** The stack's name. */
  readonly stackName: string;
  /** `pulumi preview`: what an up would do, changing nothing. */
  preview(): Promise<StackResult>;
  /** `pulumi up`. */
  up(): Promise<UpResult>;
  /** `pulumi refresh`: reads every resource; drifted ones are updates, vanished ones deletes. */
  refresh(): Promise<StackResult>;
  /** `pulumi destroy`. */
  destroy(): Promise<StackResult>;
  /** The resources in state now. */
  resources(): StackResource[];
  /** Ends every process the stack started. The stack cannot be used afterwards. */
  close(): Promise<void>;
}
