import type * as pulumi from "@pulumi/pulumi";
import { checkInputs } from "../../common/check";
import { ErrorCodes, FlowLogError, isFlowLogError, messageOf, partialFailure } from "../../common/errors";
import { type ConfigLookup, StackConfig } from "../../common/settings";
import { duration } from "../../common/time";
import { isUnknown } from "../../common/unknown";
import { type NhnClient, nhnClientFor } from "../api/client";
import type { ApiLogger } from "../api/model";
import { readerFor } from "../batch/ids";
import { configuredRegion as configuredRegionOf, type NhnConfig, resolveNhnConfig } from "../config";
import { adopt, createWithin, findStrays, lookUp, removeStrays, STRAY_WINDOW_MS, unproven } from "./create";
import { type StrayWindow, takeBackRefusal } from "./evidence";
import { ARGUMENTS, type ArgumentName, fieldOf, LoggerArgs, sameValue, UPDATE_FIELDS } from "./fields";
import { AUTO_NAMES, autoNameDerivation } from "./naming";
import {
  appliedOf,
  inputsOf,
  type LoggerInputs,
  type LoggerState,
  STATE_VERSION,
  storedState,
  toApiUpdate,
  toOutputs,
  upgradeState,
} from "./state";
import { explainError, WAIT_TIMEOUT_MS, waitUntilGone, waitUntilSettled } from "./wait";

type Props = Record<string, unknown>;
type Inputs = LoggerInputs & { __provider?: string };

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

/**
 * Waits for the logger to settle. A failure now is partial: the logger exists, and the engine records it
 * with these outputs; the error keeps its own code, with the original as its cause.
 */
async function settle(
  nhn: NhnClient,
  logger: ApiLogger,
  state: LoggerState,
  inputs: Inputs,
  deadline: number,
  fresh = false,
  bound = "the create budget, nhncloud:createTimeout",
) {
  const keep = (error: FlowLogError, live: ApiLogger) =>
    partialFailure(error, live.id, {
      ...storedState({ ...state, outputs: toOutputs(live, state.outputs) }),
      __provider: inputs.__provider,
    });
  let settled: ApiLogger;
  try {
    settled = await waitUntilSettled(nhn, logger, inputs.adminStateUp, deadline, fresh);
  } catch (error) {
    const code = isFlowLogError(error) ? error.code : ErrorCodes.network;
    const within = code === ErrorCodes.timeout ? ` (the wait is bounded by ${bound})` : "";
    const message = `${messageOf(error)}${within}. The logger exists and is kept in the stack: run \`pulumi up\` again, or \`pulumi destroy\` to delete it.`;
    throw keep(
      new FlowLogError(code, message, { operation: `wait for flow log logger ${logger.id}`, cause: error }),
      logger,
    );
  }
  if (settled.status === "ERROR") {
    const message = `${explainError(settled)} The logger is kept in the stack: fix the cause and run \`pulumi up\` again, or \`pulumi destroy\` to delete it.`;
    throw keep(
      new FlowLogError(ErrorCodes.state, message, { operation: `create flow log logger "${settled.name}"` }),
      settled,
    );
  }
  return toOutputs(settled, state.outputs);
}

/** A new logger's state: outputs carry the program's values where the API shows none. */
const newState = (inputs: Inputs, extra: Partial<LoggerState> = {}): LoggerState => ({
  version: STATE_VERSION,
  outputs: { ...inputs },
  applied: appliedOf(inputs),
  ...(inputs.autoName === undefined ? {} : { autoName: inputs.autoName }),
  ...extra,
});

/** Takes `live` (or the logger with this id) under management: converges it and waits for it to settle. */
async function takeOver(nhn: NhnClient, inputs: Inputs, id: string, deadline: number, live?: ApiLogger) {
  const state = newState(inputs);
  const logger = live ?? (await adopt(nhn, inputs, id));
  state.outputs = await settle(nhn, logger, state, inputs, deadline);
  return { id, outs: storedState(state) };
}

/** A logger under our name on our resource, found before a create: refused, or taken back on evidence. */
function alreadyThere(
  nhn: NhnClient,
  inputs: Inputs,
  existing: ApiLogger[],
  complete: boolean,
  config: NhnConfig,
): FlowLogError {
  const ids = existing.map((logger) => logger.id).join(", ");
  const refusal =
    inputs.autoName === undefined
      ? undefined
      : existing.length > 1
        ? "there is more than one"
        : !complete
          ? "the API's answer may be partial, so it cannot be proven to be the only one"
          : takeBackRefusal(existing[0], inputs, nhn.clock.zone, config.takeBackWindowMs, Date.now());
  const why =
    refusal === undefined
      ? "It is not managed by this stack"
      : `Its name is this resource's auto-name, so an interrupted \`pulumi up\` of this stack may have left it, but that is not proven: ${refusal}`;
  return new FlowLogError(
    ErrorCodes.conflict,
    `a flow log logger named "${inputs.name}" already logs ${inputs.resourceType} ${inputs.resourceId} in ${nhn.region} (id ${ids}). ` +
      `${why}: set adoptId: "${existing[0].id}" to take it over, or choose another name (or delete it). ` +
      "(One name per resource is this provider's rule, so that an interrupted create is found again, not duplicated.)",
    { operation: `create flow log logger "${inputs.name}"` },
  );
}

async function create(props: Props): Promise<pulumi.dynamic.CreateResult> {
  const inputs = props as unknown as Inputs;
  const config = configFor(inputs.region);
  const deadline = Date.now() + config.createTimeoutMs;
  const nhn = nhnClientFor(config.settings);
  if (inputs.adoptId) return takeOver(nhn, inputs, inputs.adoptId, deadline);
  const operation = `look for an existing logger "${inputs.name}" before creating it`;
  // Nothing is sent yet that could change anything: an API that cannot be reached is reported within the
  // bound on one request and its retries (60 s), not after the whole create budget.
  const { loggers: existing, complete } = await lookUp(nhn, inputs, operation);
  // An auto-name is derived from this stack and these inputs: a logger under it may be one an interrupted
  // create of this very resource left. Taken back only on evidence (evidence.ts), never on the name alone.
  if (
    existing.length === 1 &&
    complete &&
    inputs.autoName !== undefined &&
    takeBackRefusal(existing[0], inputs, nhn.clock.zone, config.takeBackWindowMs, Date.now()) === undefined
  )
    return takeOver(nhn, inputs, existing[0].id, deadline, existing[0]);
  if (existing.length > 0) throw alreadyThere(nhn, inputs, existing, complete, config);
  if (!complete) throw unproven(inputs, operation);
  const { logger, ambiguousSince, strayWindow } = await createWithin(nhn, inputs, deadline);
  const state = newState(
    inputs,
    ambiguousSince === undefined || strayWindow === undefined
      ? {}
      : { strayCheckUntil: new Date(ambiguousSince + STRAY_WINDOW_MS).toISOString(), strayWindow },
  );
  // Read at least once: a create's answer may lack a field a read shows (customized_field, per the document).
  state.outputs = await settle(nhn, logger, state, inputs, deadline, true);
  // A POST whose outcome was unknown may still land: sweep once more now (later sweeps: the next up).
  // Best effort: the logger exists now, and a stray missed here is looked for again (strayCheckUntil).
  if (strayWindow) await removeStrays(nhn, inputs, logger.id, strayWindow, deadline).catch(() => []);
  return { id: logger.id, outs: storedState(state) };
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
  const inputs = news as unknown as Inputs;
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
