import type * as pulumi from "@pulumi/pulumi";
import { checkInputs } from "../../common/check";
import { ErrorCodes, FlowLogError } from "../../common/errors";
import { type ConfigLookup, StackConfig } from "../../common/settings";
import { duration } from "../../common/time";
import { isUnknown } from "../../common/unknown";
import { type NhnClient, nhnClientFor } from "../api/client";
import { readerFor } from "../batch/ids";
import { configuredRegion as configuredRegionOf, type NhnConfig, resolveNhnConfig } from "../config";
import { createLogger, findStrays, removeStrays } from "./create";
import type { StrayWindow } from "./evidence";
import { ARGUMENTS, type ArgumentName, fieldOf, LoggerArgs, sameValue, UPDATE_FIELDS } from "./fields";
import { AUTO_NAMES, autoNameDerivation } from "./naming";
import {
  type EngineInputs,
  inputsOf,
  type LoggerInputs,
  type LoggerState,
  STATE_VERSION,
  storedState,
  toApiUpdate,
  toOutputs,
  upgradeState,
} from "./state";
import { settle, WAIT_TIMEOUT_MS, waitUntilGone } from "./wait";

type Props = Record<string, unknown>;

/** Stack config handed over by `configure`; credentials are read from it (or the environment) at run time. */
const stack = new StackConfig();
const stackConfig = (): ConfigLookup => stack.get();

const configFor = (region: string | undefined): NhnConfig =>
  resolveNhnConfig(stackConfig(), process.env, region);
const client = (region: string | undefined): NhnClient => nhnClientFor(configFor(region).settings);

const configuredRegion = (): string | undefined => configuredRegionOf(stackConfig(), process.env);
const regionOf = (props: Props): string | undefined =>
  typeof props.region === "string" ? props.region : configuredRegion();

/** Validates user input without calling the API; unknown values (preview) are passed through untouched. */
function check(olds: Props, news: Props): pulumi.dynamic.CheckResult {
  const { inputs, failures } = checkInputs(LoggerArgs, news, "FlowLogLogger", ARGUMENTS);
  if (failures.length > 0) return { inputs: news, failures };
  // The settings too, at preview and before any call: every missing or invalid one in one message.
  configFor(typeof inputs.region === "string" && !isUnknown(inputs.region) ? inputs.region : undefined);
  if (inputs.region === undefined) {
    const region = configuredRegion();
    if (!region) {
      const reason =
        "not set: pass the region argument, or set stack config nhncloud:region (or OS_REGION_NAME)";
      return { inputs: news, failures: [{ property: "region", reason }] };
    }
    inputs.region = region;
  }
  if (inputs.name === undefined) {
    // The derivation is recorded and never re-chosen for this logger: a later release cannot rename it.
    const derivation = autoNameDerivation(olds);
    inputs.name = AUTO_NAMES[derivation](inputs);
    inputs.autoName = derivation;
  }
  // What the resource class adds for auto-naming has done its work: inputs keep the shape `read` returns,
  // so that a refresh followed by a preview shows exactly the fields that changed.
  delete inputs.pulumiName;
  delete inputs.pulumiStack;
  return { inputs, failures: [] };
}

/**
 * Whether the program changes a field. A field the API may not echo is compared with what create applied:
 * adding, changing or removing it is seen (and replaces the logger); an echo, when one comes, shows drift.
 */
function fieldChanged(name: ArgumentName, state: LoggerState, news: Props, id: string): boolean {
  const next = news[name];
  if (isUnknown(next)) return true;
  if (name === "adoptId") return next !== undefined && next !== id && next !== state.outputs.adoptId;
  const current = state.outputs[name];
  if (fieldOf(name).echo === "unknown") {
    // Left to the service: a change only if create applied a value of ours (unknown for 0.1.0 state).
    if (next === undefined) return state.applied?.[name] !== undefined;
    return current === undefined || !sameValue(name, current, next);
  }
  // A field the API always shows is missing only from state an older release wrote: no reason to touch the logger.
  return next !== undefined && current !== undefined && !sameValue(name, current, next);
}

/** Whether an ambiguous create of this logger may still leave a stray that time can prove ours. */
const strayWindowOpen = (state: LoggerState): state is LoggerState & { strayWindow: StrayWindow } =>
  state.strayWindow !== undefined &&
  state.strayCheckUntil !== undefined &&
  Date.now() < Date.parse(state.strayCheckUntil);

/** The strays of this logger's create (evidence.ts), while its window is open; none otherwise. */
async function strays(state: LoggerState, id: string) {
  if (!strayWindowOpen(state)) return [];
  return findStrays(client(regionOf(state.outputs)), state.outputs as LoggerInputs, id, state.strayWindow);
}

async function diff(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
  const state = upgradeState(olds);
  const changed = ARGUMENTS.filter((name) => fieldChanged(name, state, news, id));
  const replaces = changed.filter((name) => fieldOf(name).onChange === "replace");
  // A logger in ERROR is retried by every `up`: a refresh clears the engine's record of the failure, so
  // the diff is what keeps it from passing as unchanged. So is a stray an ambiguous create may have left:
  // the one reason diff calls the API (only while that window is open), as refresh only reads.
  const strayed = (await strays(state, id).catch(() => [])).length > 0;
  // Under the same name, the replacement would meet the old logger: our create refuses a second logger with
  // one name on one resource, and some APIs keep names unique per tenant. So it deletes first. An adopted
  // logger is never deleted first: its replacement would adopt the same, now deleted, logger.
  const sameName = !isUnknown(news.name) && sameValue("name", state.outputs.name, news.name);
  return {
    changes: changed.length > 0 || state.outputs.status === "ERROR" || strayed,
    replaces,
    deleteBeforeReplace: replaces.length > 0 && sameName && news.adoptId === undefined,
  };
}

/** The create use case lives in create.ts: adopt, take back or refuse, POST within the budget, settle. */
async function create(props: Props): Promise<pulumi.dynamic.CreateResult> {
  const inputs = props as unknown as EngineInputs;
  const config = configFor(inputs.region);
  return createLogger(nhnClientFor(config.settings), inputs, config);
}

async function read(id: string, props: Props = {}): Promise<pulumi.dynamic.ReadResult<Props>> {
  const state = upgradeState(props);
  const nhn = client(regionOf(props));
  // Gone only when the API says so of this id (a list of that id alone; a wrong route fails instead).
  const live = await readerFor(nhn).get(id);
  if (!live) return { id: "", props: {} };
  state.outputs = toOutputs(live, { ...state.outputs, region: nhn.region });
  // A refresh only reads: a stray of an ambiguous create shows in the next diff, and the next up removes it.
  return { id, props: storedState(state), inputs: inputsOf(state) };
}

async function update(
  id: string,
  olds: Props,
  news: Props,
  timeoutMs = WAIT_TIMEOUT_MS,
): Promise<pulumi.dynamic.UpdateResult> {
  const state = upgradeState(olds);
  const inputs = news as unknown as EngineInputs;
  const nhn = client(inputs.region);
  // Under the name and body the stray was made with: this update may be renaming the logger.
  if (strayWindowOpen(state)) await removeStrays(nhn, state.outputs as LoggerInputs, id, state.strayWindow);
  const changed = UPDATE_FIELDS.some((field) => !sameValue(field, state.outputs[field], inputs[field]));
  const logger = changed ? await nhn.updateLogger(id, toApiUpdate(inputs)) : await nhn.findLogger(id);
  if (!logger) {
    throw new FlowLogError(
      ErrorCodes.notFound,
      `flow log logger ${id} no longer exists; run \`pulumi refresh\``,
      {
        operation: `update flow log logger ${id}`,
      },
    );
  }
  const next: LoggerState = {
    ...state,
    version: STATE_VERSION,
    outputs: { ...state.outputs, region: inputs.region },
  };
  if (inputs.autoName === undefined) delete next.autoName;
  else next.autoName = inputs.autoName;
  const bound = `${duration(timeoutMs)}, the wait of an update`;
  next.outputs = await settle(nhn, logger, next, inputs, Date.now() + timeoutMs, false, bound);
  return { outs: storedState(next) };
}

async function remove(id: string, props: Props, timeoutMs = WAIT_TIMEOUT_MS): Promise<void> {
  const state = upgradeState(props);
  const nhn = client(typeof props.region === "string" ? props.region : undefined);
  // A stray of this logger's create is as much this stack's as the logger: it goes too.
  if (strayWindowOpen(state)) await removeStrays(nhn, state.outputs as LoggerInputs, id, state.strayWindow);
  if (await nhn.deleteLogger(id)) await waitUntilGone(nhn, id, timeoutMs);
}

/** The real provider; the serialized shim in state `require`s this module of the installed package. */
export const provider: pulumi.dynamic.ResourceProvider<Props, Props> = {
  async configure(req) {
    stack.configure(req);
  },
  check: async (olds, news) => check(olds ?? {}, news),
  diff,
  create,
  read,
  update,
  delete: remove,
};

/** Update and delete with their own bound on the wait (the provider plugin's `customTimeouts.update`/`delete`). */
export const withTimeouts = { update, delete: remove };
