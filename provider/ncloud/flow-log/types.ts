import type * as pulumi from "@pulumi/pulumi";

/** The public types of `ncloud.FlowLog`: plain interfaces (test/ncloud/public-types pins them to the schema). */

/** Which traffic a flow log collects: `ALLOW` (accepted), `DENY` (rejected) or `ALL`. */
export type CollectActionTypeCode = "ALLOW" | "DENY" | "ALL";
/** Where flow logs are stored: `OBJT` (Object Storage), the only type. */
export type StorageTypeCode = "OBJT";

/** Arguments of `ncloud.FlowLog`. Every one forces a replacement (the old flow log is disabled first). */
export interface FlowLogArgs {
  /** The network interface to log (digits), e.g. `"1000001"`. It is also the resource's id: one flow log per interface. Required. */
  networkInterfaceNo: pulumi.Input<string>;
  /** Which traffic to collect: `ALLOW` (accepted), `DENY` (rejected) or `ALL`. Required. */
  collectActionTypeCode: pulumi.Input<CollectActionTypeCode>;
  /** Collection interval in minutes, 5 to 15. Default `15`. */
  collectIntervalMinute?: pulumi.Input<number>;
  /** Where logs are stored: `OBJT` (Object Storage), the only type. Default `OBJT`. */
  storageTypeCode?: pulumi.Input<StorageTypeCode>;
  /** The Object Storage bucket the logs are written to: 3–63 lower-case letters, digits, `-` and `.`. Required. */
  storageBucketName: pulumi.Input<string>;
  /** Directory inside the bucket: 1–100 letters, digits or `_`. Default `VPC_FLOW_LOG`. */
  storageBucketDirectoryName?: pulumi.Input<string>;
  /** Region code, e.g. `KR`. Default: stack config `ncloud:region` (or `NCLOUD_REGION`), else `KR`. */
  regionCode?: pulumi.Input<string>;
  /**
   * Take over a flow log the interface already has, when its settings equal these arguments (an interrupted
   * `pulumi up` may leave one: NCloud records no owner, so it is never taken over unasked). Acts at create
   * only; changing it replaces nothing. Default `false`: an existing flow log is refused.
   */
  adoptExisting?: pulumi.Input<boolean>;
}

/** What `ncloud.FlowLog.get` may be told about the flow log it reads; every field is optional. */
export interface FlowLogState {
  /** The network interface logged. */
  networkInterfaceNo?: pulumi.Input<string>;
  /** Which traffic is collected. */
  collectActionTypeCode?: pulumi.Input<CollectActionTypeCode>;
  /** Collection interval in minutes. */
  collectIntervalMinute?: pulumi.Input<number>;
  /** Where logs are stored. */
  storageTypeCode?: pulumi.Input<StorageTypeCode>;
  /** The Object Storage bucket. */
  storageBucketName?: pulumi.Input<string>;
  /** The directory inside the bucket. */
  storageBucketDirectoryName?: pulumi.Input<string>;
  /** The region it is in, when not the stack's `ncloud:region` (default `KR`). */
  regionCode?: pulumi.Input<string>;
}

/** The outputs of `ncloud.FlowLog`: its arguments, resolved (defaults filled, the region named). */
export interface FlowLogOutputs {
  /** The network interface logged; also the resource's id. */
  readonly networkInterfaceNo: pulumi.Output<string>;
  /** Which traffic is collected: `ALLOW`, `DENY` or `ALL`. */
  readonly collectActionTypeCode: pulumi.Output<CollectActionTypeCode>;
  /** Collection interval in minutes, 5 to 15. */
  readonly collectIntervalMinute: pulumi.Output<number>;
  /** Where logs are stored: `OBJT`. */
  readonly storageTypeCode: pulumi.Output<StorageTypeCode>;
  /** The Object Storage bucket the logs are written to. */
  readonly storageBucketName: pulumi.Output<string>;
  /** The directory inside the bucket. */
  readonly storageBucketDirectoryName: pulumi.Output<string>;
  /** The region code, e.g. `KR`. */
  readonly regionCode: pulumi.Output<string>;
  /** Whether the program asked to take over an existing flow log (only when it set `adoptExisting`). */
  readonly adoptExisting: pulumi.Output<boolean | undefined>;
}
