import type { z } from "zod";
import type { ApiZone } from "../api/clock";
import type { ApiLogger, ApiLoggerCreate, ApiLoggerUpdate } from "../api/model";
import {
  APPLIED_FIELDS,
  ARGUMENT_FIELDS,
  ARGUMENTS,
  type ArgumentField,
  type ArgumentName,
  COMPUTED_FIELDS,
  type ComputedField,
  type LoggerArgs,
  UPDATE_FIELDS,
} from "./fields";

type Props = Record<string, unknown>;

/**
 * When a stray of one create can have been made, and the zone its times are read in: from the first POST
 * whose outcome was unknown to the end of that create's budget (this machine's clock, ISO 8601).
 */
export interface StrayWindow {
  from: string;
  to: string;
  zone: ApiZone;
  /** How many strays the create can have left: its POSTs whose outcome was unknown, but the one kept. */
  atMost: number;
}

/** Checked inputs: defaults filled, name and region resolved; `autoName` says which derivation made the name. */
export type LoggerInputs = z.output<typeof LoggerArgs> & { name: string; region: string; autoName?: string };

/** Inputs as the engine hands them to create and update: the checked inputs, with the serialized provider. */
export type EngineInputs = LoggerInputs & { __provider?: string };

/**
 * The shape of state this release writes. 0: 0.1.0 (outputs only). 1 (0.2.0): plus `stateVersion`,
 * `applied`, `autoName` and `strayCheckUntil` beside the outputs. 2: plus `strayWindow`, the evidence a
 * stray must fit (a stray window of version 1 state proves nothing, so nothing is swept under it). A
 * release that changes the shape adds a version and a step in `upgradeState`, and its own fixture to the
 * upgrade suite (test/upgrade).
 */
export const STATE_VERSION = 2;

/** A logger's outputs: every argument resolved, plus what the service reports. */
export type LoggerOutputs = {
  name: string;
  description: string;
  adminStateUp: boolean;
  resourceType: string;
  resourceId: string;
  filter: string;
  aggregationInterval: number;
  connectionSetupOnly: boolean;
  storageType: string;
  storageUrl: string;
  logFormat: string;
  compressionType: string;
  customizedFields?: string[];
  customizedFileName?: string;
  partitionPeriod: string;
  region: string;
  adoptId?: string;
  status: string;
  errorType: string;
  tenantId: string;
  projectId: string;
  createdAt: string;
  updatedAt: string;
};

/** What create sent for the fields in APPLIED_FIELDS; a missing key means the service chose. */
export type Applied = Partial<Record<ArgumentName, unknown>>;

/** A logger's state as every method works with it, whichever release wrote it. */
export interface LoggerState {
  /** The shape it was read in: `read` writes the same shape back, so a refresh never shows a change by itself. */
  version: number;
  /** Every argument resolved, and what the service reports (the resource's outputs). */
  outputs: Props;
  /** What create applied for APPLIED_FIELDS; undefined when the state predates the record (0.1.0). */
  applied?: Applied;
  /** Which auto-name derivation made the name; undefined for a name the program chose (or 0.1.0 state). */
  autoName?: string;
  /** Until when an ambiguous create may still leave a stray logger that diff and up look for (ISO 8601). */
  strayCheckUntil?: string;
  /** When and in which zone a stray of that create must have been made to be proven ours. */
  strayWindow?: StrayWindow;
}

const BOOKKEEPING = [
  "stateVersion",
  "applied",
  "autoName",
  "strayCheckUntil",
  "strayWindow",
  "__provider",
] as const;

const isStrayWindow = (value: unknown): value is StrayWindow =>
  isRecord(value) &&
  typeof value.from === "string" &&
  typeof value.to === "string" &&
  (value.zone === "UTC" || value.zone === "KST") &&
  typeof value.atMost === "number";

/** The upgrade step (the dynamic-provider equivalent of Terraform's UpgradeState): any stored shape to the current model. */
export function upgradeState(props: Props): LoggerState {
  const version = typeof props.stateVersion === "number" ? props.stateVersion : 0;
  const outputs: Props = { ...props };
  for (const key of BOOKKEEPING) delete outputs[key];
  const state: LoggerState = { version, outputs };
  if (version >= 1) {
    if (isRecord(props.applied)) state.applied = { ...props.applied };
    if (typeof props.autoName === "string") state.autoName = props.autoName;
    if (typeof props.strayCheckUntil === "string") state.strayCheckUntil = props.strayCheckUntil;
  }
  if (version >= 2 && isStrayWindow(props.strayWindow)) state.strayWindow = { ...props.strayWindow };
  return state;
}

/** A new logger's state, in the current shape: outputs carry the program's values where the API shows none. */
export const newState = (inputs: LoggerInputs, extra: Partial<LoggerState> = {}): LoggerState => ({
  version: STATE_VERSION,
  outputs: { ...inputs },
  applied: appliedOf(inputs),
  ...(inputs.autoName === undefined ? {} : { autoName: inputs.autoName }),
  ...extra,
});

/** The state as stored: the shape of `state.version` (0 writes the outputs alone, as 0.1.0 did). */
export function storedState(state: LoggerState): Props {
  if (state.version < 1) return { ...state.outputs };
  const stored: Props = { ...state.outputs, stateVersion: state.version };
  if (state.applied) stored.applied = state.applied;
  if (state.autoName !== undefined) stored.autoName = state.autoName;
  if (state.strayCheckUntil !== undefined) stored.strayCheckUntil = state.strayCheckUntil;
  if (state.strayWindow !== undefined) stored.strayWindow = { ...state.strayWindow };
  return stored;
}

/**
 * What the engine records of a logger kept after a failure (a partial failure): the state, with the outputs
 * `live` shows, and the serialized provider beside them.
 */
export function keptState(state: LoggerState, live: ApiLogger, inputs: EngineInputs): Props {
  return {
    ...storedState({ ...state, outputs: toOutputs(live, state.outputs) }),
    __provider: inputs.__provider,
  };
}

const isRecord = (value: unknown): value is Props =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const fields = Object.entries(ARGUMENT_FIELDS) as [ArgumentName, ArgumentField][];
const computed = Object.entries(COMPUTED_FIELDS) as [string, ComputedField][];

/** What create applied: the program's values of APPLIED_FIELDS. */
export function appliedOf(inputs: Props): Applied {
  const applied: Applied = {};
  for (const name of APPLIED_FIELDS) if (inputs[name] !== undefined) applied[name] = inputs[name];
  return applied;
}

/**
 * The one mapper from the API model to outputs. A field the response shows is taken from it; a field it does
 * not show (one whose echo the API does not promise) keeps `carried` (what state or the program says);
 * `region` and `adoptId` come from `carried`, the API does not know them. No undefined, no Dates (gRPC).
 */
export function toOutputs(api: ApiLogger, carried: Props): LoggerOutputs {
  const raw = api as unknown as Props;
  const out: Props = {};
  for (const [name, field] of fields) {
    const shown = field.api === undefined ? undefined : raw[field.api];
    const value =
      field.api !== undefined && (shown !== undefined && shown !== null ? true : field.echo === "yes")
        ? field.fromApi
          ? field.fromApi(shown)
          : shown
        : carried[name];
    if (value !== undefined && value !== null) out[name] = value;
  }
  for (const [name, field] of computed) out[name] = field.fromApi(raw[field.api], raw);
  return out as LoggerOutputs;
}

/**
 * The inputs that outputs imply: what `read` hands back so that the next `pulumi up` diffs against live
 * state. Shaped exactly as `check` shapes the program's (the engine shows the keys where the two differ):
 * a field whose echo the API does not promise is there only when the program set it, with the value it
 * set (diff compares the echo, when one comes, with what create applied).
 */
export function inputsOf(state: LoggerState): Props {
  const inputs: Props = {};
  for (const name of ARGUMENTS) {
    const value = APPLIED_FIELDS.includes(name) ? state.applied?.[name] : state.outputs[name];
    if (value !== undefined) inputs[name] = value;
  }
  if (state.autoName !== undefined) inputs.autoName = state.autoName;
  return inputs;
}

function apiBody(inputs: Props, names: readonly ArgumentName[]): Props {
  const body: Props = {};
  for (const name of names) {
    const field: ArgumentField = ARGUMENT_FIELDS[name];
    const value = inputs[name];
    if (field.api === undefined || value === undefined) continue;
    body[field.api] = field.toApi ? field.toApi(value as never) : value;
  }
  return body;
}

/** The POST body: every argument the API knows, in the API's representation. */
export function toApiCreate(inputs: LoggerInputs): ApiLoggerCreate {
  return apiBody(inputs, ARGUMENTS) as unknown as ApiLoggerCreate;
}

/** The PUT body: the API requires the name and accepts only the fields in UPDATE_FIELDS. */
export function toApiUpdate(inputs: LoggerInputs): ApiLoggerUpdate {
  return apiBody(inputs, UPDATE_FIELDS) as unknown as ApiLoggerUpdate;
}
