import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_MODULES, providerShim } from "../../common/shim";
import { OUTPUT_FIELDS } from "./fields";
import type { FlowLogLoggerArgs, FlowLogLoggerOutputs, FlowLogLoggerState } from "./types";

export type { FlowLogLoggerArgs, FlowLogLoggerOutputs, FlowLogLoggerState } from "./types";

/** Serialized once per process (the SDK caches by object) and stored in every logger's state. */
const shim = providerShim(PROVIDER_MODULES.nhncloudFlowLogLogger);

/** The type token the engine knows the resource by. */
const TYPE = "pulumi-nodejs:dynamic/nhncloud:FlowLogLogger";

// The outputs are declared once, in the interface generated from the field table; the class adds none of
// these names itself, and the SDK sets each of them (every key passed to the constructor is an output).
/** The outputs of a FlowLogLogger, as its properties (declared once, in FlowLogLoggerOutputs). */
export interface FlowLogLogger extends FlowLogLoggerOutputs {}

/**
 * An NHN Cloud Flow Log logger (Flow Log API v2) on a port, subnet or VPC. `name`, `description` and
 * `adminStateUp` are updated in place; every other argument forces a replacement. The id is the logger id.
 * Credentials come from stack config `nhncloud:*` or the `OS_*` environment, read when the provider runs,
 * never stored in state.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the outputs, generated (see the interface above).
export class FlowLogLogger extends pulumi.dynamic.Resource {
  /** Whether `obj` is a FlowLogLogger, even one made by another copy of this package. */
  static override isInstance(obj: unknown): obj is FlowLogLogger {
    return (
      typeof obj === "object" && obj !== null && (obj as { __pulumiType?: unknown }).__pulumiType === TYPE
    );
  }

  /**
   * Reads an existing logger into the stack without managing it (`pulumi refresh` keeps it current;
   * `pulumi destroy` leaves it). `state.region` picks the region when it is not the stack's.
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state?: FlowLogLoggerState,
    opts?: pulumi.CustomResourceOptions,
  ): FlowLogLogger {
    return new FlowLogLogger(name, (state ?? {}) as FlowLogLoggerArgs, { ...opts, id });
  }

  /**
   * @param name The Pulumi name; also the start of the logger's name when `args.name` is not set.
   * @param args What the logger logs and where it writes.
   * @param opts Pulumi resource options.
   */
  constructor(name: string, args: FlowLogLoggerArgs, opts?: pulumi.CustomResourceOptions) {
    // Every output is named in the props, so that `get` fills them too.
    const props: Record<string, unknown> = Object.fromEntries(OUTPUT_FIELDS.map((key) => [key, undefined]));
    const pulumiStack = `${pulumi.getProject()}/${pulumi.getStack()}`;
    super(
      shim,
      name,
      { ...props, ...args, pulumiName: name, pulumiStack },
      opts,
      "nhncloud",
      "FlowLogLogger",
    );
  }
}
