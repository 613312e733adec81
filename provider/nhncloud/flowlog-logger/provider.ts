import type * as pulumi from "@pulumi/pulumi";
import { checkInputs } from "../../common/check";
import { ErrorCodes, FlowLogError, isFlowLogError, messageOf, partialFailure } from "../../common/errors";
import { type ConfigLookup, StackConfig } from "../../common/settings";
import { isUnknown } from "../../common/unknown";
import { type NhnClient, nhnClientFor } from "../api/client";
import type { ApiLogger } from "../api/model";
import { readerFor } from "../batch/ids";
import { listerFor } from "../batch/lister";
import {
  configuredRegion as configuredRegionOf,
  resolveCreateTimeoutMs,
  resolveNhnSettings,
} from "../config";
import { adopt } from "./adopt";
import { createWithin, findStrays, loggersNamed, removeStrays, STRAY_WINDOW_MS } from "./create";
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
import { explainError } from "./status";
import { WAIT_TIMEOUT_MS, waitUntilGone, waitUntilSettled } from "./wait";

type Props = Record<string, unknown>;
type Inputs = LoggerInputs & { __provider?: string };

/** Stack config handed over by `configure`; credentials are read from it (or the environment) at run time. */
const stack = new StackConfig();
const stackConfig = (): ConfigLookup => stack.get();

function client(region: string | undefined): NhnClient {
  return nhnClientFor(resolveNhnSettings(stackConfig(), process.env, region));
}

const configuredRegion = (): string | undefined => configuredRegionOf(stackConfig(), process.env);
const regionOf = (props: Props): string | undefined =>
  typeof props.region === "string" ? props.region : configuredRegion();

/** Validates user input without calling the API; unknown values (preview) are passed through untouched. */
function check(olds: Props, news: Props): pulumi.dynamic.CheckResult {
  const { inputs, failures } = checkInputs(LoggerArgs, news, "FlowLogLogger", ARGUMENTS);
  if (failures.length > 0) return { inputs: news, failures };
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

const strayWindowOpen = (state: LoggerState): boolean =>
  state.strayCheckUntil !== undefined && Date.now() < Date.parse(state.strayCheckUntil);

async function diff(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
  const state = upgradeState(olds);
  const changed = ARGUMENTS.filter((name) => fieldChanged(name, state, news, id));
  const replaces = changed.filter((name) => fieldOf(name).onChange === "replace");
  // A logger in ERROR is retried by every `up`: a refresh clears the engine's record of the failure, so
  // the diff is what keeps it from passing as unchanged. So is a stray an ambiguous create may have left.
  const strays =
    strayWindowOpen(state) &&
    (await findStrays(client(regionOf(state.outputs)), state.outputs as LoggerInputs, id).catch(() => []))
      .length > 0;
  // Under the same name, the replacement would meet the old logger: our create refuses a second logger with
  // one name on one resource, and some APIs keep names unique per tenant. So it deletes first. An adopted
  // logger is never deleted first: its replacement would adopt the same, now deleted, logger.
  const sameName = !isUnknown(news.name) && sameValue("name", state.outputs.name, news.name);
  return {
    changes: changed.length > 0 || state.outputs.status === "ERROR" || strays,
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
    const message = `${messageOf(error)}. The logger exists and is kept in the stack: run \`pulumi up\` again, or \`pulumi destroy\` to delete it.`;
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

async function takeOver(nhn: NhnClient, inputs: Inputs, id: string, deadline: number) {
  const state = newState(inputs);
  const logger = await adopt(nhn, inputs, id);
  state.outputs = await settle(nhn, logger, state, inputs, deadline);
  return { id, outs: storedState(state) };
}

async function create(props: Props): Promise<pulumi.dynamic.CreateResult> {
  const inputs = props as unknown as Inputs;
  const deadline = Date.now() + resolveCreateTimeoutMs(stackConfig(), process.env);
  const nhn = client(inputs.region);
  if (inputs.adoptId) return takeOver(nhn, inputs, inputs.adoptId, deadline);
  const named = await loggersNamed(
    nhn,
    inputs.name,
    `look for an existing logger "${inputs.name}" before creating it`,
    deadline,
  );
  const existing = named.filter((logger) => logger.resource_id === inputs.resourceId);
  // An auto-name is derived from this stack and these inputs: a logger under it is one an interrupted
  // create of this very resource left behind. Take it back (adopt checks every field) rather than duplicate it.
  if (existing.length === 1 && inputs.autoName !== undefined)
    return takeOver(nhn, inputs, existing[0].id, deadline);
  if (existing.length > 0) {
    const ids = existing.map((logger) => logger.id).join(", ");
    throw new FlowLogError(
      ErrorCodes.conflict,
      `a flow log logger named "${inputs.name}" already logs ${inputs.resourceType} ${inputs.resourceId} in ${nhn.region} (id ${ids}). ` +
        `It is not managed by this stack: set adoptId: "${existing[0].id}" to take it over, or choose another name. ` +
        "(One name per resource is this provider's rule, so that an interrupted create is found again, not duplicated.)",
      { operation: `create flow log logger "${inputs.name}"` },
    );
  }
  const { logger, ambiguousSince } = await createWithin(nhn, inputs, deadline);
  listerFor(nhn).created(logger);
  const state = newState(
    inputs,
    ambiguousSince === undefined
      ? {}
      : { strayCheckUntil: new Date(ambiguousSince + STRAY_WINDOW_MS).toISOString() },
  );
  // Read at least once: a create's answer may lack a field a read shows (customized_field, per the document).
  state.outputs = await settle(nhn, logger, state, inputs, deadline, true);
  // A POST whose outcome was unknown may still land: sweep once more now (later sweeps: refresh and up).
  // Best effort: the logger exists now, and a stray missed here is looked for again (strayCheckUntil).
  if (ambiguousSince !== undefined) await removeStrays(nhn, inputs, logger.id, deadline).catch(() => []);
  return { id: logger.id, outs: storedState(state) };
}

async function read(id: string, props: Props = {}): Promise<pulumi.dynamic.ReadResult<Props>> {
  const state = upgradeState(props);
  const nhn = client(regionOf(props));
  const live = await readerFor(nhn).get(id);
  if (!live) return { id: "", props: {} };
  state.outputs = toOutputs(live, { ...state.outputs, region: nhn.region });
  // Best effort: a refresh reads; a stray it cannot remove now is looked for again by the next one.
  if (strayWindowOpen(state)) await removeStrays(nhn, state.outputs as LoggerInputs, id).catch(() => []);
  return { id, props: storedState(state), inputs: inputsOf(state) };
}

async function update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
  const state = upgradeState(olds);
  const inputs = news as unknown as Inputs;
  const nhn = client(inputs.region);
  // Under the name and body the stray was made with: this update may be renaming the logger.
  if (strayWindowOpen(state)) await removeStrays(nhn, state.outputs as LoggerInputs, id);
  const changed = UPDATE_FIELDS.some((field) => !sameValue(field, state.outputs[field], inputs[field]));
  if (changed) listerFor(nhn).changed();
  const logger = changed ? await nhn.updateLogger(id, toApiUpdate(inputs)) : await nhn.getLogger(id);
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
  next.outputs = await settle(nhn, logger, next, inputs, Date.now() + WAIT_TIMEOUT_MS);
  return { outs: storedState(next) };
}

async function remove(id: string, props: Props): Promise<void> {
  const nhn = client(typeof props.region === "string" ? props.region : undefined);
  if (await nhn.deleteLogger(id)) await waitUntilGone(nhn, id);
  listerFor(nhn).deleted(id);
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
