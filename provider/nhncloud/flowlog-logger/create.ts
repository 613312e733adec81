import { ErrorCodes, FlowLogError, isFlowLogError, messageOf } from "../../common/errors";
import { isTransient } from "../../common/http";
import { backoffDelay, DEFAULT_RETRY, sleep, untilDeadline } from "../../common/retry";
import type { NhnClient } from "../api/client";
import type { ApiLogger } from "../api/model";
import { listerFor } from "../batch/lister";
import { nameLookupFor } from "../batch/names";
import { ARGUMENT_FIELDS, type ArgumentField, type ArgumentName, REPLACE_FIELDS, sameValue } from "./fields";
import { type LoggerInputs, toApiCreate } from "./state";

/**
 * After a POST whose outcome is unknown, how long to keep looking for the logger it may have made before
 * concluding it made none and POSTing again: the first quiet period, doubled after each further unknown
 * outcome (a backend a gateway gave up on may act late), within the create budget.
 */
export const FIRST_QUIET_MS = 250;
/** How long after an ambiguous create refresh and up still look for a stray a late backend may make. */
export const STRAY_WINDOW_MS = 15 * 60_000;

/**
 * Loggers named `name` in this region (any resource). Look-ups of creates that start together share one list
 * call where the API's reading of repeated filters allows (see LoggerLister); `operation` names the purpose.
 * With a `deadline`, a transient failure is tried again until then.
 */
export async function loggersNamed(
  nhn: NhnClient,
  name: string,
  operation: string,
  deadline?: number,
): Promise<ApiLogger[]> {
  try {
    const lookup = () => nameLookupFor(nhn).named(name);
    return await (deadline === undefined ? lookup() : untilDeadline(deadline, isTransient, lookup));
  } catch (error) {
    if (!isFlowLogError(error)) throw error;
    // The shared look-up names a generic purpose; say this create's instead, and keep the code and status.
    const prefix = `${error.operation}: `;
    const generic = error.operation.startsWith("look up loggers") && error.message.startsWith(prefix);
    const reason = generic ? error.message.slice(prefix.length) : error.message;
    throw new FlowLogError(error.code, `${operation}: ${reason}`, {
      operation,
      cause: error,
      ...(error.status === undefined ? {} : { status: error.status }),
    });
  }
}

const onResource = (loggers: ApiLogger[], inputs: LoggerInputs) =>
  loggers.filter((logger) => logger.resource_id === inputs.resourceId);

/** Whether `logger` is what our POST body would make: every create-only field the response shows is ours. */
export function madeFrom(logger: ApiLogger, inputs: LoggerInputs): boolean {
  const raw = logger as unknown as Record<string, unknown>;
  return (
    logger.name === inputs.name &&
    REPLACE_FIELDS.every((name: ArgumentName) => {
      const field: ArgumentField = ARGUMENT_FIELDS[name];
      const shown = field.api === undefined ? undefined : raw[field.api];
      if (shown === undefined || shown === null || inputs[name] === undefined) return true;
      return sameValue(name, field.fromApi ? field.fromApi(shown) : shown, inputs[name]);
    })
  );
}

/**
 * Deletes loggers under our name on our resource, made from our body, other than `keep`: what an earlier POST
 * of this create left when its outcome was unknown and it landed after we looked. Someone else's logger
 * (another body) is never touched. Returns the ids deleted.
 */
export async function removeStrays(
  nhn: NhnClient,
  inputs: LoggerInputs,
  keep: string,
  deadline?: number,
): Promise<string[]> {
  const strays = await findStrays(nhn, inputs, keep, deadline);
  for (const stray of strays) {
    await nhn.deleteLogger(stray.id);
    listerFor(nhn).deleted(stray.id);
  }
  return strays.map((stray) => stray.id);
}

/** The strays `removeStrays` would delete. */
export async function findStrays(
  nhn: NhnClient,
  inputs: LoggerInputs,
  keep: string,
  deadline?: number,
): Promise<ApiLogger[]> {
  const operation = `look for duplicates of "${inputs.name}"`;
  return onResource(await loggersNamed(nhn, inputs.name, operation, deadline), inputs).filter(
    (logger) => logger.id !== keep && madeFrom(logger, inputs),
  );
}

export interface Created {
  logger: ApiLogger;
  /** When the first POST with an unknown outcome was sent (epoch ms), if any was. */
  ambiguousSince?: number;
}

/** Looks for the logger our POST may have made, until found or `quietMs` passed (or the deadline). */
async function lookForOurs(
  nhn: NhnClient,
  inputs: LoggerInputs,
  quietMs: number,
  deadline: number,
): Promise<ApiLogger | undefined> {
  const until = Math.min(Date.now() + quietMs, deadline);
  for (let delay = Math.max(50, quietMs / 4); ; delay *= 2) {
    const operation = `look for the logger "${inputs.name}" an interrupted create may have made`;
    const ours = onResource(await loggersNamed(nhn, inputs.name, operation, deadline), inputs).filter(
      (logger) => madeFrom(logger, inputs),
    );
    if (ours.length > 0) return ours[0];
    const left = until - Date.now();
    if (left <= 0) return undefined;
    await sleep(Math.min(delay, left));
  }
}

/** The API refused the name as taken (some APIs keep names unique per resource or per tenant; ours is silent). */
async function nameRefused(nhn: NhnClient, inputs: LoggerInputs, error: FlowLogError): Promise<FlowLogError> {
  const operation = `create flow log logger "${inputs.name}"`;
  const holders = await loggersNamed(
    nhn,
    inputs.name,
    `look for the logger using the name "${inputs.name}"`,
  ).catch(() => [] as ApiLogger[]);
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

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * POSTs, and never blindly again. After an unknown outcome (connection lost, 5xx, timeout) it looks for the
 * logger that POST may have made, for a quiet period that doubles each time, and POSTs again only when none
 * appeared; after a 2xx it never POSTs again, however unreadable the answer. All within `deadline`.
 */
export async function createWithin(nhn: NhnClient, inputs: LoggerInputs, deadline: number): Promise<Created> {
  const started = Date.now();
  let ambiguousSince: number | undefined;
  let quietMs = FIRST_QUIET_MS;
  for (let attempt = 1; ; attempt++) {
    const sentAt = Date.now();
    let error: unknown;
    try {
      const logger = await nhn.createLogger(toApiCreate(inputs));
      return ambiguousSince === undefined ? { logger } : { logger, ambiguousSince };
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
    // After a 2xx the logger exists: look until the deadline, never POST again.
    const found = await lookForOurs(
      nhn,
      inputs,
      answeredOk || nameTaken ? deadline - Date.now() : quietMs,
      deadline,
    );
    if (found) return { logger: found, ambiguousSince };
    if (answeredOk || nameTaken || Date.now() >= deadline) {
      const outcome = answeredOk ? "was made but cannot be found yet" : "may or may not have been made";
      throw new FlowLogError(
        isFlowLogError(error) ? error.code : ErrorCodes.outcomeUnknown,
        `${messageOf(error)}. After ${attempt} attempt(s) in ${seconds(Date.now() - started)} (the create budget, ` +
          `nhncloud:createTimeout), the logger "${inputs.name}" ${outcome}. Run \`pulumi up\` again: a logger these ` +
          (inputs.autoName !== undefined
            ? "attempts made is then found by its name and taken back, never duplicated"
            : "attempts made is then reported with its id, to take over with adoptId, never duplicated"),
        { operation: `create flow log logger "${inputs.name}"`, cause: error },
      );
    }
    quietMs *= 2;
  }
}
