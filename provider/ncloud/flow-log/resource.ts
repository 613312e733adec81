import * as pulumi from "@pulumi/pulumi";
import { PACKAGE_NAME, providerShim } from "../../common/shim";
import { FLOW_LOG_FIELDS, type FlowLogState, type FlowLogArgs as Schema } from "./schema";

/** Arguments of {@link FlowLog}. Every one forces a replacement (the old flow log is disabled first). */
export interface FlowLogArgs {
  /** The network interface to log, e.g. `"1000001"`. It is also the resource's id: one flow log per interface. */
  networkInterfaceNo: pulumi.Input<Schema["networkInterfaceNo"]>;
  /** Which traffic to collect: `ALLOW` (accepted), `DENY` (rejected) or `ALL`. */
  collectActionTypeCode: pulumi.Input<Schema["collectActionTypeCode"]>;
  /** Collection interval in minutes, 5 to 15. Default `15`. */
  collectIntervalMinute?: pulumi.Input<NonNullable<Schema["collectIntervalMinute"]>>;
  /** Where logs are stored: `OBJT` (Object Storage), the only type. Default `OBJT`. */
  storageTypeCode?: pulumi.Input<NonNullable<Schema["storageTypeCode"]>>;
  /** The Object Storage bucket the logs are written to. */
  storageBucketName: pulumi.Input<Schema["storageBucketName"]>;
  /** Directory inside the bucket: 1–100 letters, digits or `_`. Default `VPC_FLOW_LOG`. */
  storageBucketDirectoryName?: pulumi.Input<NonNullable<Schema["storageBucketDirectoryName"]>>;
  /** Region code, e.g. `KR`. Default: stack config `ncloud:region` (or `NCLOUD_REGION`), else `KR`. */
  regionCode?: pulumi.Input<NonNullable<Schema["regionCode"]>>;
}

/** Serialized once per process (the SDK caches by object) and stored in every flow log's state. */
const PROVIDER = providerShim(`${PACKAGE_NAME}/dist/provider/ncloud/flow-log/provider`);

/** What {@link FlowLog.get} may say about the flow log it reads. */
interface FlowLogGetState {
  /** The region it is in, when not the stack's `ncloud:region` (default `KR`). */
  regionCode?: pulumi.Input<string>;
}

/**
 * A NAVER Cloud Platform VPC flow log on one network interface (vserver v2 `enableFlowLog`).
 *
 * NCloud has no update: every argument forces a replacement, and the old flow log is disabled before the
 * new one is enabled (an interface holds one configuration). Creating fails, leaving it untouched, when
 * the interface already has a flow log; read one into the stack with {@link FlowLog.get}. Deleting
 * disables the flow log. Credentials come from stack config `ncloud:accessKey` / `ncloud:secretKey` or
 * `NCLOUD_ACCESS_KEY` / `NCLOUD_SECRET_KEY`, read when the provider runs, never stored in state.
 */
export class FlowLog extends pulumi.dynamic.Resource {
  declare readonly networkInterfaceNo: pulumi.Output<FlowLogState["networkInterfaceNo"]>;
  declare readonly collectActionTypeCode: pulumi.Output<FlowLogState["collectActionTypeCode"]>;
  declare readonly collectIntervalMinute: pulumi.Output<FlowLogState["collectIntervalMinute"]>;
  declare readonly storageTypeCode: pulumi.Output<FlowLogState["storageTypeCode"]>;
  declare readonly storageBucketName: pulumi.Output<FlowLogState["storageBucketName"]>;
  declare readonly storageBucketDirectoryName: pulumi.Output<FlowLogState["storageBucketDirectoryName"]>;
  declare readonly regionCode: pulumi.Output<FlowLogState["regionCode"]>;

  /**
   * Reads the flow log of network interface `id` into the stack without managing it (`pulumi refresh` keeps
   * it current; `pulumi destroy` leaves it). `state.regionCode` picks the region when it is not the stack's
   * `ncloud:region` (default `KR`).
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state?: FlowLogGetState,
    opts?: pulumi.CustomResourceOptions,
  ): FlowLog {
    return new FlowLog(name, state, { ...opts, id });
  }

  constructor(name: string, args: FlowLogArgs, opts?: pulumi.CustomResourceOptions);
  /** Reads an existing flow log (prefer {@link FlowLog.get}). */
  constructor(
    name: string,
    state: FlowLogGetState | undefined,
    opts: pulumi.CustomResourceOptions & { id: pulumi.Input<pulumi.ID> },
  );
  constructor(
    name: string,
    argsOrState: FlowLogArgs | FlowLogGetState | undefined,
    opts?: pulumi.CustomResourceOptions,
  ) {
    // Every output is named in the props, so that `get` fills them too.
    const given: { [K in keyof FlowLogState]?: unknown } = argsOrState ?? {};
    const props: Record<string, unknown> = {};
    for (const field of FLOW_LOG_FIELDS) props[field] = given[field];
    super(PROVIDER, name, props, opts, "ncloud", "FlowLog");
  }
}
