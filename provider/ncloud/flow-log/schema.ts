import { z } from "zod";
import { oneOf } from "../../common/check";
import type { ApiEnableFlowLog, ApiFlowLogConfiguration } from "../api";

export const COLLECT_ACTION_TYPE_CODES = ["ALLOW", "DENY", "ALL"] as const;
export const STORAGE_TYPE_CODES = ["OBJT"] as const;
export const DEFAULT_COLLECT_INTERVAL_MINUTE = 15;
export const DEFAULT_DIRECTORY_NAME = "VPC_FLOW_LOG";

/**
 * NCloud Object Storage bucket names: 3 to 63 characters, lower-case letters, digits, periods and hyphens,
 * starting and ending with a letter or digit, not in the form of an IP address.
 * https://guide.ncloud-docs.com/docs/en/objectstorage-use-bucket ("Create bucket")
 */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IPV4_LIKE = /^\d+\.\d+\.\d+\.\d+$/;
const BUCKET_RULE =
  "must be an Object Storage bucket name: 3 to 63 lower-case letters, digits, hyphens or periods, " +
  "starting and ending with a letter or digit, not an IP address";

/**
 * What users type (strict: a misspelt field is an error). Defaults are filled in `check` so that the
 * state shows them; `regionCode` defaults to the stack's `ncloud:region`, filled in by the provider.
 */
export const FlowLogArgs = z.strictObject({
  networkInterfaceNo: z
    .string({ error: 'is required: the network interface number, e.g. "1000001"' })
    .regex(/^\d{1,20}$/, {
      error: 'must be a network interface number (1 to 20 digits only), e.g. "1000001"',
    }),
  collectActionTypeCode: oneOf(COLLECT_ACTION_TYPE_CODES),
  collectIntervalMinute: z
    .number({ error: "must be a whole number of minutes from 5 to 15" })
    .int({ error: "must be a whole number of minutes from 5 to 15" })
    .min(5, { error: "must be a whole number of minutes from 5 to 15" })
    .max(15, { error: "must be a whole number of minutes from 5 to 15" })
    .default(DEFAULT_COLLECT_INTERVAL_MINUTE),
  storageTypeCode: oneOf(STORAGE_TYPE_CODES).default("OBJT"),
  storageBucketName: z
    .string({ error: "is required: the Object Storage bucket to write flow logs to" })
    .min(1, { error: "must not be empty: the Object Storage bucket to write flow logs to", abort: true })
    .refine((name) => BUCKET_NAME.test(name) && !IPV4_LIKE.test(name), { error: BUCKET_RULE }),
  storageBucketDirectoryName: z
    .string({ error: "must be 1 to 100 letters, digits or underscores" })
    .regex(/^[A-Za-z0-9_]{1,100}$/, { error: "must be 1 to 100 letters, digits or underscores" })
    .default(DEFAULT_DIRECTORY_NAME),
  regionCode: z
    .string({ error: "must be an NCloud region code such as KR" })
    .regex(/^[A-Z0-9-]+$/i, { error: "must be an NCloud region code such as KR" })
    .optional(),
  adoptExisting: z.boolean({ error: "must be true or false" }).optional(),
});
export type FlowLogArgs = z.input<typeof FlowLogArgs>;

/** Checked inputs and outputs: every field resolved (`adoptExisting` only when the program sets it). */
export type FlowLogState = Required<Omit<z.output<typeof FlowLogArgs>, "adoptExisting">> & {
  adoptExisting?: boolean;
};

export const FLOW_LOG_FIELDS = Object.keys(FlowLogArgs.shape) as (keyof FlowLogState)[];

/**
 * Fields whose change replaces the flow log: all that NCloud holds. NCloud has no update (a change is
 * disable then enable), and one interface holds one configuration, so the old one is deleted first.
 * `adoptExisting` acts at create only.
 */
export const REPLACE_FIELDS: readonly (keyof FlowLogState)[] = FLOW_LOG_FIELDS.filter(
  (field) => field !== "adoptExisting",
);

/** The settings NCloud holds for an interface, which must all match for a configuration to be ours. */
export const SETTINGS = [
  "collectActionTypeCode",
  "collectIntervalMinute",
  "storageTypeCode",
  "storageBucketName",
  "storageBucketDirectoryName",
] as const satisfies readonly (keyof FlowLogState)[];

export function toApiEnable(state: FlowLogState): ApiEnableFlowLog {
  const { adoptExisting: _, ...enable } = state;
  return enable;
}

/** The one mapper from NCloud's model to the resource's state: create and read both use it. */
export function fromApi(cfg: ApiFlowLogConfiguration, regionCode: string): FlowLogState {
  return {
    networkInterfaceNo: cfg.networkInterfaceNo,
    collectActionTypeCode: cfg.collectActionType.code as FlowLogState["collectActionTypeCode"],
    collectIntervalMinute: cfg.collectIntervalMinute,
    storageTypeCode: cfg.storageType.code as FlowLogState["storageTypeCode"],
    storageBucketName: cfg.storageBucketName,
    storageBucketDirectoryName: cfg.storageBucketDirectoryName,
    regionCode,
  };
}
