import type * as pulumi from "@pulumi/pulumi";
import { checkInputs } from "../../common/check";
import { ErrorCodes, FlowLogError, isFlowLogError, messageOf, partialFailure } from "../../common/errors";
import { sleep } from "../../common/retry";
import { type ConfigLookup, StackConfig } from "../../common/settings";
import { isUnknown } from "../../common/unknown";
import type { ApiLogger } from "../api";
import { type NhnClient, nhnClientFor } from "../client";
import { configuredRegion as configuredRegionOf, resolveNhnSettings } from "../config";
import { readerFor } from "../read-batcher";
import { adopt } from "./adopt";
import { autoName, isAutoNamed } from "./naming";
import {
  ARGUMENTS,
  canonicalFields,
  inputsOf,
  LoggerArgs,
  type LoggerInputs,
  type LoggerOutputs,
  REPLACE_FIELDS,
  same,
  toApiCreate,
  toApiUpdate,
  toOutputs,
  UPDATE_FIELDS,
} from "./schema";
import { explainError, waitUntilGone, waitUntilSettled } from "./wait";

type Props = Record<string, unknown>;
type Inputs = LoggerInputs & { __provider?: string };

/** Stack config handed over by `configure`; credentials are read from it (or the environment) at run time. */
const stack = new StackConfig();
const stackConfig = (): ConfigLookup => stack.get();

function client(region: string | undefined): NhnClient {
  return nhnClientFor(resolveNhnSettings(stackConfig(), process.env, region));
}

const configuredRegion = (): string | undefined => configuredRegionOf(stackConfig(), process.env);

/** Validates user input without calling the API; unknown values (preview) are passed through untouched. */
function check(news: Props): pulumi.dynamic.CheckResult {
  const { inputs, failures } = checkInputs(LoggerArgs, news, "FlowLogLogger", ARGUMENTS);
  if (failures.length > 0) return { inputs: news, failures };
  if (inputs.region === undefined) {
    const region = configuredRegion();
    if (!region) {
      const reason =
        "region is not set: pass the region argument, or set stack config nhncloud:region (or OS_REGION_NAME)";
      return { inputs: news, failures: [{ property: "region", reason }] };
    }
    inputs.region = region;
  }
  if (inputs.name === undefined) inputs.name = autoName(inputs);
  return { inputs, failures: [] };
}

/** In place for name/description/adminStateUp; replacement for every field in REPLACE_FIELDS. */
function diff(id: string, olds: Props, news: Props): pulumi.dynamic.DiffResult {
  const changed = (field: string): boolean => {
    const next = news[field];
    if (next === undefined) return false;
    if (isUnknown(next)) return true;
    if (field === "adoptId") return next !== id && next !== olds.adoptId;
    // State written by an older version may lack a field: that is no reason to touch the logger.
    if (olds[field] === undefined) return false;
    const canonical = (value: unknown) => (Array.isArray(value) ? canonicalFields(value) : value);
    return !same(canonical(olds[field]), canonical(next));
  };
  const replaces = REPLACE_FIELDS.filter(changed);
  const updates = UPDATE_FIELDS.filter(changed);
  // Create-before-delete would meet the old logger under the same name on the same resource, which create
  // refuses (it never duplicates a logger): such a replacement deletes first. An adopted logger is never
  // deleted first: its replacement would adopt the same, now deleted, logger.
  const sameIdentity =
    !isUnknown(news.name) && same(olds.name, news.name) && same(olds.resourceId, news.resourceId);
  // A logger in ERROR is retried by every `up`: a refresh clears the engine's record of the failure, so
  // the diff is what keeps it from passing as unchanged.
  return {
    changes: replaces.length + updates.length > 0 || olds.status === "ERROR",
    replaces,
    deleteBeforeReplace: replaces.length > 0 && sameIdentity && news.adoptId === undefined,
  };
}

/** Waits for the logger to settle; a failure now is partial: the logger exists and the engine keeps it. */
async function settle(nhn: NhnClient, logger: ApiLogger, inputs: Inputs): Promise<LoggerOutputs> {
  const keep = (error: FlowLogError, live: ApiLogger) =>
    partialFailure(error, live.id, { ...toOutputs(live, inputs), __provider: inputs.__provider });
  let settled: ApiLogger;
  try {
    settled = await waitUntilSettled(nhn, logger);
  } catch (error) {
    const message = messageOf(error);
    throw keep(
      new FlowLogError(ErrorCodes.state, message, { operation: `wait for flow log logger ${logger.id}` }),
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
  return toOutputs(settled, inputs);
}

/** Loggers with this name on this resource; filtered here too, in case the API ignores a filter. */
async function findLoggers(nhn: NhnClient, inputs: Inputs, operation: string): Promise<ApiLogger[]> {
  const listed = await nhn.listLoggers({ name: inputs.name, resource_id: inputs.resourceId }, operation);
  return listed.filter((logger) => logger.name === inputs.name && logger.resource_id === inputs.resourceId);
}

/** After an ambiguous POST the backend may still be working: look now and once more before re-sending. */
const LOOKUP_AFTER_AMBIGUOUS_MS = [0, 1000];

/**
 * Deletes loggers under our name on our resource other than `keep`: made by an earlier POST of this create
 * whose outcome was unknown and that landed after we looked (before creating, none existed).
 */
async function removeStrays(nhn: NhnClient, inputs: Inputs, keep: string): Promise<void> {
  const strays = (await findLoggers(nhn, inputs, `look for duplicates of "${inputs.name}"`)).filter(
    (l) => l.id !== keep,
  );
  for (const stray of strays) await nhn.deleteLogger(stray.id);
}

/**
 * POSTs, and never blindly again: when the outcome is unknown (connection lost, gateway 502/504) or the
 * answer was a success we could not read, finds the logger that POST made instead of making another.
 */
async function createOnce(nhn: NhnClient, inputs: Inputs): Promise<ApiLogger> {
  for (let attempt = 1; ; attempt++) {
    let error: unknown;
    try {
      const made = await nhn.createLogger(toApiCreate(inputs));
      if (attempt > 1) await removeStrays(nhn, inputs, made.id);
      return made;
    } catch (caught) {
      error = caught;
    }
    const answeredOk = isFlowLogError(error, ErrorCodes.response);
    if (!answeredOk && !isFlowLogError(error, ErrorCodes.outcomeUnknown)) throw error;
    for (const delay of LOOKUP_AFTER_AMBIGUOUS_MS) {
      await sleep(delay);
      const made = await findLoggers(
        nhn,
        inputs,
        `look for the logger "${inputs.name}" an interrupted create made`,
      );
      if (made.length > 0) {
        for (const stray of made.slice(1)) await nhn.deleteLogger(stray.id);
        return made[0];
      }
    }
    // A 2xx means the logger was made even if it cannot be found yet: never POST again after one.
    if (answeredOk || attempt >= 3) {
      const outcome = answeredOk ? "was made but cannot be found yet" : "may or may not have been made";
      throw new FlowLogError(
        ErrorCodes.outcomeUnknown,
        `${messageOf(error)}. The logger "${inputs.name}" ${outcome}; run \`pulumi up\` again: a logger ` +
          (isAutoNamed(inputs)
            ? "these attempts made is then found by its name and taken back, never duplicated"
            : "these attempts made is then reported with its id, to take over with adoptId, never duplicated"),
        { operation: `create flow log logger "${inputs.name}"` },
      );
    }
  }
}

async function create(props: Props): Promise<pulumi.dynamic.CreateResult> {
  const inputs = props as unknown as Inputs;
  const nhn = client(inputs.region);
  const settleIt = (logger: ApiLogger) => settle(nhn, logger, inputs);
  if (inputs.adoptId) return adopt(nhn, inputs, inputs.adoptId, settleIt);
  const existing = await findLoggers(
    nhn,
    inputs,
    `look for an existing logger "${inputs.name}" before creating it`,
  );
  // An auto-name is derived from this stack and these inputs: a logger under it is one an interrupted
  // create of this very resource left behind. Take it back (adopt checks every field) rather than duplicate it.
  if (existing.length === 1 && isAutoNamed(inputs)) return adopt(nhn, inputs, existing[0].id, settleIt);
  if (existing.length > 0) {
    const ids = existing.map((logger) => logger.id).join(", ");
    throw new FlowLogError(
      ErrorCodes.conflict,
      `a flow log logger named "${inputs.name}" already logs ${inputs.resourceType} ${inputs.resourceId} in ${nhn.region} (id ${ids}). ` +
        `It is not managed by this stack: set adoptId: "${existing[0].id}" to take it over, or choose another name.`,
      { operation: `create flow log logger "${inputs.name}"` },
    );
  }
  const logger = await createOnce(nhn, inputs);
  return { id: logger.id, outs: await settleIt(logger) };
}

async function read(id: string, props: Props = {}): Promise<pulumi.dynamic.ReadResult<Props>> {
  const region = typeof props.region === "string" ? props.region : configuredRegion();
  const nhn = client(region);
  const live = await readerFor(nhn).get(id);
  if (!live) return { id: "", props: {} };
  const outputs = toOutputs(live, { ...(props as Partial<Inputs>), region: nhn.region });
  return { id, props: outputs, inputs: inputsOf(outputs) };
}

async function update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
  const inputs = news as unknown as Inputs;
  const nhn = client(inputs.region);
  const changed = UPDATE_FIELDS.some((field) => !same(olds[field], inputs[field]));
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
  return { outs: await settle(nhn, logger, inputs) };
}

async function remove(id: string, props: Props): Promise<void> {
  const nhn = client(typeof props.region === "string" ? props.region : undefined);
  if (await nhn.deleteLogger(id)) await waitUntilGone(nhn, id);
}

/** The real provider; the serialized shim in state `require`s this module of the installed package. */
export const provider: pulumi.dynamic.ResourceProvider<Props, Props> = {
  async configure(req) {
    stack.configure(req);
  },
  check: async (_olds, news) => check(news),
  diff: async (id, olds, news) => diff(id, olds, news),
  create,
  read,
  update,
  delete: remove,
};
