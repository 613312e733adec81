import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_MODULES, providerShim } from "../../common/shim";
import { FLOW_LOG_FIELDS } from "./schema";
import type { FlowLogArgs, FlowLogOutputs, FlowLogState } from "./types";

export type {
  CollectActionTypeCode,
  FlowLogArgs,
  FlowLogOutputs,
  FlowLogState,
  StorageTypeCode,
} from "./types";

/** Serialized once per process (the SDK caches by object) and stored in every flow log's state. */
const PROVIDER = providerShim(PROVIDER_MODULES.ncloudFlowLog);

/** The type token the engine knows the resource by. */
const TYPE = "pulumi-nodejs:dynamic/ncloud:FlowLog";

// The outputs are declared once, in FlowLogOutputs; the SDK sets each (every key passed to the constructor).
/** The outputs of a FlowLog, as its properties (declared once, in FlowLogOutputs). */
export interface FlowLog extends FlowLogOutputs {}

/**
 * A NAVER Cloud Platform VPC flow log on one network interface (vserver v2 `enableFlowLog`).
 *
 * NCloud has no update: every argument forces a replacement, and the old flow log is disabled before the
 * new one is enabled (an interface holds one configuration). Creating fails, leaving it untouched, when
 * the interface already has a flow log; read one into the stack with {@link FlowLog.get}. Deleting
 * disables the flow log. Credentials come from stack config `ncloud:accessKey` / `ncloud:secretKey` or
 * `NCLOUD_ACCESS_KEY` / `NCLOUD_SECRET_KEY`, read when the provider runs, never stored in state.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the outputs (see the interface above).
export class FlowLog extends pulumi.dynamic.Resource {
  /** Whether `obj` is a FlowLog, even one made by another copy of this package. */
  static override isInstance(obj: unknown): obj is FlowLog {
    return (
      typeof obj === "object" && obj !== null && (obj as { __pulumiType?: unknown }).__pulumiType === TYPE
    );
  }

  /**
   * Reads the flow log of network interface `id` into the stack without managing it (`pulumi refresh` keeps
   * it current; `pulumi destroy` leaves it). `state.regionCode` picks the region when it is not the stack's
   * `ncloud:region` (default `KR`).
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state?: FlowLogState,
    opts?: pulumi.CustomResourceOptions,
  ): FlowLog {
    return new FlowLog(name, (state ?? {}) as FlowLogArgs, { ...opts, id });
  }

  /**
   * @param name The Pulumi name.
   * @param args The interface to log and where the logs go.
   * @param opts Pulumi resource options.
   */
  constructor(name: string, args: FlowLogArgs, opts?: pulumi.CustomResourceOptions) {
    // Every output is named in the props, so that `get` fills them too.
    const given: Record<string, unknown> = { ...args };
    const props: Record<string, unknown> = {};
    for (const field of FLOW_LOG_FIELDS) props[field] = given[field];
    super(PROVIDER, name, props, opts, "ncloud", "FlowLog");
  }
}
