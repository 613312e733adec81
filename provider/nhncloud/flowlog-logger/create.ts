import { ErrorCodes, FlowLogError, isFlowLogError, messageOf } from "../../common/errors";
import { isTransient } from "../../common/http";
import { pollUntil } from "../../common/poll";
import { backoffDelay, DEFAULT_RETRY, sleep, untilDeadline } from "../../common/retry";
import { duration } from "../../common/time";
import { TIMING } from "../../common/timing";
import type { NhnClient } from "../api/client";
import type { ApiLogger } from "../api/model";
import type { NameAnswer } from "../batch/lister";
import { nameLookupFor } from "../batch/names";
import type { NhnConfig } from "../config";
import { differences, isStray, madeFrom, SENT_FIELDS, type StrayWindow, takeBack } from "./evidence";
import { REPLACE_FIELDS, sameValue, UPDATE_FIELDS } from "./fields";
import {
  type EngineInputs,
  type LoggerInputs,
  newState,
  storedState,
  toApiCreate,
  toApiUpdate,
  toOutputs,
} from "./state";
import { settle } from "./wait";

/** How long after an ambiguous create diff, up and destroy still look for a stray a late backend may make. */
const STRAY_WINDOW_MS = 15 * 60_000;

/**
 * Every logger named `inputs.name` on `inputs.resourceId` in this region, and whether the answer proves
 * there is no other. Look-ups of creates that start together share list calls (see LoggerLister.byNames);
 * `operation` names the purpose. With a `deadline`, a transient failure is tried again until then.
 */
async function lookUp(
  nhn: NhnClient,
  inputs: LoggerInputs,
  operation: string,
  deadline?: number,
): Promise<NameAnswer> {
  try {
    const lookup = () => nameLookupFor(nhn).named({ name: inputs.name, resourceId: inputs.resourceId });
    return await (deadline === undefined ? lookup() : untilDeadline(deadline, isTransient, lookup));
  } catch (error) {
    if (!isFlowLogError(error)) throw error;
    // The shared look-up names a generic purpose; say this create's instead, and keep the code and status.
    // Its message starts with that purpose, and the region where the API answered ("… in KR1: HTTP 503").
    const prefix = [`${error.operation} in ${nhn.region}: `, `${error.operation}: `].find((start) =>
      error.message.startsWith(start),
    );
    const generic = error.operation.startsWith("look up loggers") && prefix !== undefined;
    const reason = generic ? error.message.slice(prefix.length) : error.message;
    throw new FlowLogError(error.code, `${operation}: ${reason}`, {
      operation,
      cause: error,
      ...(error.status === undefined ? {} : { status: error.status }),
    });
  }
}

/**
 * The stop where absence was needed and the API's answer could not prove it: before any POST (nothing was
 * created), or after one whose outcome is unknown (a logger may exist).
 */
function unproven(inputs: LoggerInputs, what: string, posted = false): FlowLogError {
  const sent = posted
    ? "so it cannot be proven that the POST sent, whose outcome is unknown, made none: a logger may exist, and " +
      "nothing more was sent. Check in the NHN Cloud console: if one exists, set adoptId to its id; if none " +
      "does, run `pulumi up` again."
    : "so it cannot be proven that none exists, and nothing was created. Check in the NHN Cloud console: if one " +
      "exists, set adoptId to its id; if none does, run `pulumi up` again.";
  return new FlowLogError(
    ErrorCodes.state,
    `${what}: the API's list of loggers named "${inputs.name}" on ${inputs.resourceType} ${inputs.resourceId} may ` +
      `be partial (cut short with no next-page link, and a page after its end could not be asked for), ${sent}`,
    { operation: `create flow log logger "${inputs.name}"` },
  );
}

/** More loggers made from this body than this create sent POSTs: which are its own is not known. */
function notAllOurs(inputs: LoggerInputs, ours: ApiLogger[], posts: number): FlowLogError {
  return new FlowLogError(
    ErrorCodes.conflict,
    `create flow log logger "${inputs.name}": ${ours.length} loggers made from this very body appeared on ` +
      `${inputs.resourceType} ${inputs.resourceId} (${ours.map((logger) => logger.id).join(", ")}), more than the ` +
      `${posts} POST(s) this create sent whose outcome is unknown: another run with the same project, stack and ` +
      "resource names may be creating them too. None is taken and none deleted: set adoptId to the one that is " +
      "this stack's, and delete the others in the NHN Cloud console.",
    { operation: `create flow log logger "${inputs.name}"` },
  );
}

/**
 * The strays of one create: loggers under our name on our resource, made from our body within the create's
 * window (see evidence.ts), other than `keep`. Someone else's logger is never among them.
 */
export async function findStrays(
  nhn: NhnClient,
  inputs: LoggerInputs,
  keep: string,
  window: StrayWindow,
  deadline?: number,
): Promise<ApiLogger[]> {
  const operation = `look for strays of "${inputs.name}"`;
  const { loggers } = await lookUp(nhn, inputs, operation, deadline);
  const strays = loggers.filter((logger) => isStray(logger, inputs, keep, window));
  // The create's ambiguous POSTs made one logger each at most: more candidates than that are not all its own
  // (another run with the same names may be creating too), and which are is not known. None is deleted.
  return strays.length <= window.atMost ? strays : [];
}

/** Deletes the strays of one create (findStrays); returns their ids. */
export async function removeStrays(
  nhn: NhnClient,
  inputs: LoggerInputs,
  keep: string,
  window: StrayWindow,
  deadline?: number,
): Promise<string[]> {
  const strays = await findStrays(nhn, inputs, keep, window, deadline);
  for (const stray of strays) await nhn.deleteLogger(stray.id);
  return strays.map((stray) => stray.id);
}

export interface Created {
  logger: ApiLogger;
  /** When the first POST with an unknown outcome was sent (epoch ms), if any was. */
  ambiguousSince?: number;
  /** Where a stray of this create may still appear, when this create may leave one and time can prove it. */
  strayWindow?: StrayWindow;
}

/**
 * Looks for the logger our POST may have made, until found or `quietMs` passed (or the deadline). Any
 * logger under our name on our resource appeared after the look-up that proved there was none: one made
 * from our body is ours; one made otherwise is someone else's, and nothing more is sent.
 */
async function lookForOurs(
  nhn: NhnClient,
  inputs: LoggerInputs,
  quietMs: number,
  deadline: number,
  posts: number,
): Promise<ApiLogger | undefined> {
  const operation = `look for the logger "${inputs.name}" an interrupted create may have made`;
  const look = async () => {
    const answer = await lookUp(nhn, inputs, operation, deadline);
    const ours = answer.loggers.filter((logger) => madeFrom(logger, inputs));
    // Each POST makes one logger at most: more than that are not all this create's (another run with the
    // same names may be creating too), and which are is not known. None is taken, none deleted.
    if (ours.length > posts) throw notAllOurs(inputs, ours, posts);
    if (ours.length > 0) return ours[0];
    if (answer.loggers.length > 0) {
      const other = answer.loggers[0];
      throw new FlowLogError(
        ErrorCodes.conflict,
        `create flow log logger "${inputs.name}": while this create's outcome was unknown, logger ${other.id} appeared ` +
          `under the same name on ${inputs.resourceType} ${inputs.resourceId}, made with other fields ` +
          `(${differences(other, inputs, SENT_FIELDS).join("; ")}). It is not this create's, so it is left alone and ` +
          "nothing more is sent. Choose another name, or set adoptId to take it over.",
        { operation: `create flow log logger "${inputs.name}"` },
      );
    }
    if (!answer.complete) throw unproven(inputs, operation, true);
    return undefined;
  };
  // Looks again soon, then less often: how long the quiet period is says nothing of when the logger shows.
  const firstMs = Math.max(50, Math.min(quietMs, TIMING.createFirstQuietMs) / 4);
  return pollUntil(look, { firstMs, maxMs: 5000 }, Math.min(Date.now() + quietMs, deadline));
}

/** The API refused the name as taken (some APIs keep names unique per resource or per tenant; ours is silent). */
async function nameRefused(nhn: NhnClient, inputs: LoggerInputs, error: FlowLogError): Promise<FlowLogError> {
  const operation = `create flow log logger "${inputs.name}"`;
  // Who holds it, as far as a list shows: for the message only, nothing is decided on it.
  const holders = await nhn
    .listLoggers(
      { name: inputs.name },
      { operation: `look for the logger using the name "${inputs.name}"`, prove: false },
    )
    .then((listing) => listing.items.filter((logger) => logger.name === inputs.name))
    .catch(() => [] as ApiLogger[]);
  const which = holders
    .map((logger) => `${logger.id} on ${logger.resource_type} ${logger.resource_id}`)
    .join(", ");
  return new FlowLogError(
    ErrorCodes.conflict,
    `${operation}: the API refused the name as already in use (${error.apiMessage ?? `HTTP ${error.status}`})` +
      `${which ? `; it is used by logger ${which}` : ""}. Choose another name, or take that logger over with adoptId.`,
    { operation, status: error.status, cause: error },
  );
}

/**
 * POSTs, and never blindly again. After an unknown outcome (connection lost, 5xx, timeout) it looks for the
 * logger that POST may have made, for a quiet period that doubles each time, and POSTs again only when the
 * API proves none appeared; after a 2xx it never POSTs again, however unreadable the answer. All within
 * `deadline`. The caller proved, just before, that no logger had our name on our resource.
 */
export async function createWithin(nhn: NhnClient, inputs: LoggerInputs, deadline: number): Promise<Created> {
  const started = Date.now();
  let ambiguousSince: number | undefined;
  /** POSTs sent whose outcome is unknown (or whose 2xx could not be read): each may have made a logger. */
  let posts = 0;
  // Doubled after each further unknown outcome: a backend a gateway gave up on may act late.
  let quietMs = TIMING.createFirstQuietMs;
  const made = (logger: ApiLogger, found = false): Created => {
    if (ambiguousSince === undefined) return { logger };
    // Ours was made after the first ambiguous POST and by now: its created_at settles the API's zone.
    nhn.clock.made(logger.created_at, ambiguousSince, Date.now());
    const zone = nhn.clock.zone;
    const from = new Date(ambiguousSince).toISOString();
    const to = new Date(deadline).toISOString();
    // Each ambiguous POST made one logger at most; the one kept came from one of them when it was found.
    const atMost = posts - (found ? 1 : 0);
    const strayWindow: StrayWindow | undefined = zone === undefined ? undefined : { from, to, zone, atMost };
    return { logger, ambiguousSince, ...(strayWindow === undefined ? {} : { strayWindow }) };
  };
  for (let attempt = 1; ; attempt++) {
    const sentAt = Date.now();
    let error: unknown;
    try {
      return made(await nhn.createLogger(toApiCreate(inputs)));
    } catch (caught) {
      error = caught;
    }
    const answeredOk = isFlowLogError(error, ErrorCodes.response);
    const unknown = isFlowLogError(error, ErrorCodes.outcomeUnknown);
    // A name the API says is taken may be taken by our own earlier, ambiguous POST.
    const nameTaken = isFlowLogError(error) && error.status === 409 && ambiguousSince !== undefined;
    if (isFlowLogError(error) && error.status === 409 && !nameTaken)
      throw await nameRefused(nhn, inputs, error);
    // Still throttled after the transport's retries: the API did no work, so the POST may be sent again.
    const throttled = isFlowLogError(error) && error.status === 429;
    const delay = backoffDelay(DEFAULT_RETRY, attempt);
    if (throttled && Date.now() + delay < deadline) {
      await sleep(delay);
      continue;
    }
    if (!answeredOk && !unknown && !nameTaken) throw error;
    ambiguousSince ??= sentAt;
    if (!nameTaken) posts++;
    // After a 2xx the logger exists: look until the deadline, never POST again.
    const found = await lookForOurs(
      nhn,
      inputs,
      answeredOk || nameTaken ? deadline - Date.now() : quietMs,
      deadline,
      posts,
    );
    if (found) return made(found, true);
    if (answeredOk || nameTaken || Date.now() >= deadline) {
      const outcome = answeredOk ? "was made but cannot be found yet" : "may or may not have been made";
      throw new FlowLogError(
        isFlowLogError(error) ? error.code : ErrorCodes.outcomeUnknown,
        `${messageOf(error)}. After ${attempt} attempt(s) in ${duration(Date.now() - started)} (the create budget, ` +
          `nhncloud:createTimeout), the logger "${inputs.name}" ${outcome}. Run \`pulumi up\` again: a logger these ` +
          "attempts made is then reported with its id, to take over with adoptId" +
          (inputs.autoName !== undefined
            ? " (or taken back where nhncloud:takeBackWindow allows, when its creation time proves it recent)"
            : "") +
          ", never duplicated",
        { operation: `create flow log logger "${inputs.name}"`, cause: error },
      );
    }
    quietMs *= 2;
  }
}

/**
 * Takes an existing logger under management: every field the API cannot change must already match
 * (else nothing is touched and each mismatch is named with both values); mutable fields converge by PUT.
 * Returns the logger as it is after that PUT, not yet settled.
 */
async function adopt(nhn: NhnClient, inputs: LoggerInputs, id: string): Promise<ApiLogger> {
  const operation = `adopt flow log logger ${id}`;
  const live = await nhn.findLogger(id, operation);
  if (!live) {
    throw new FlowLogError(ErrorCodes.notFound, `${operation}: no flow log logger ${id} in ${nhn.region}`, {
      operation,
    });
  }
  const mismatches = differences(live, inputs, REPLACE_FIELDS);
  if (mismatches.length > 0) {
    throw new FlowLogError(
      ErrorCodes.conflict,
      `${operation}: fields that cannot be changed in place differ, so the logger was left untouched:\n  ${mismatches.join("\n  ")}\n` +
        "Change the program to match, or drop adoptId to create a new logger.",
      { operation },
    );
  }
  const current = toOutputs(live, {});
  const converge = UPDATE_FIELDS.some((field) => !sameValue(field, current[field], inputs[field]));
  return converge ? nhn.updateLogger(id, toApiUpdate(inputs)) : live;
}

/** Takes `live` (or the logger with this id) under management: converges it and waits for it to settle. */
async function takeOver(
  nhn: NhnClient,
  inputs: EngineInputs,
  id: string,
  deadline: number,
  live?: ApiLogger,
) {
  const state = newState(inputs);
  const logger = live ?? (await adopt(nhn, inputs, id));
  state.outputs = await settle(nhn, logger, state, inputs, deadline);
  return { id, outs: storedState(state) };
}

/** Loggers under our name on our resource, found before a create and not taken back: refused, saying why. */
function alreadyThere(
  nhn: NhnClient,
  inputs: LoggerInputs,
  found: ApiLogger[],
  refusal?: string,
): FlowLogError {
  const ids = found.map((logger) => logger.id).join(", ");
  const why =
    refusal === undefined
      ? "It is not managed by this stack"
      : `Its name is this resource's auto-name, so an interrupted \`pulumi up\` of this stack may have left it, but that is not proven: ${refusal}`;
  return new FlowLogError(
    ErrorCodes.conflict,
    `a flow log logger named "${inputs.name}" already logs ${inputs.resourceType} ${inputs.resourceId} in ${nhn.region} (id ${ids}). ` +
      `${why}: set adoptId: "${found[0].id}" to take it over, or choose another name (or delete it). ` +
      "(One name per resource is this provider's rule, so that an interrupted create is found again, not duplicated.)",
    { operation: `create flow log logger "${inputs.name}"` },
  );
}

/**
 * A FlowLogLogger's create (provider.ts): takes over the logger `adoptId` names; else looks for a logger under
 * our name on our resource, takes it back only on evidence (evidence.ts) and otherwise refuses it; POSTs
 * only where the API proved there is none (createWithin), and waits for the new logger to settle. All within
 * the create budget, nhncloud:createTimeout.
 */
export async function createLogger(
  nhn: NhnClient,
  inputs: EngineInputs,
  config: Pick<NhnConfig, "createTimeoutMs" | "takeBackWindowMs">,
): Promise<{ id: string; outs: Record<string, unknown> }> {
  const deadline = Date.now() + config.createTimeoutMs;
  if (inputs.adoptId) return takeOver(nhn, inputs, inputs.adoptId, deadline);
  const operation = `look for an existing logger "${inputs.name}" before creating it`;
  // Nothing is sent yet that could change anything: an API that cannot be reached is reported within the
  // bound on one request and its retries (60 s), not after the whole create budget.
  const { loggers: found, complete } = await lookUp(nhn, inputs, operation);
  if (found.length > 0) {
    // An auto-name is derived from this stack and these inputs: a logger under it may be one an interrupted
    // create of this very resource left. Taken back only on evidence, never on the name alone.
    const verdict = takeBack(found, complete, inputs, nhn.clock.zone, config.takeBackWindowMs, Date.now());
    if ("logger" in verdict) return takeOver(nhn, inputs, verdict.logger.id, deadline, verdict.logger);
    throw alreadyThere(nhn, inputs, found, verdict.refusal);
  }
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
