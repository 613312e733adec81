import { quoted } from "../../common/errors";
import { duration } from "../../common/time";
import { type ApiZone, apiTime, within } from "../api/clock";
import type { ApiLogger } from "../api/model";
import { ARGUMENT_FIELDS, ARGUMENTS, type ArgumentField, type ArgumentName, sameValue } from "./fields";
import { type LoggerInputs, type StrayWindow, toOutputs } from "./state";

export type { StrayWindow };

/**
 * What proves a logger ours (glossary: provider/nhncloud/README.md). A logger is never taken back, swept
 * as a stray or adopted on its name alone: every field our POST body sets must match, and where time is
 * the evidence, its creation time must fall in the window, read in a zone this run has settled.
 */

/** The fields a create sends: every argument the API knows. */
export const SENT_FIELDS: readonly ArgumentName[] = ARGUMENTS.filter(
  (name) => (ARGUMENT_FIELDS[name] as ArgumentField).api !== undefined,
);

/** A value for a message, cut short (a list is shown as the API writes it). */
const show = (value: unknown) =>
  typeof value === "string" || Array.isArray(value)
    ? quoted(Array.isArray(value) ? value.join(",") : value, 80)
    : String(value);

/**
 * The fields among `fields` whose value the logger shows differently from the program, each with both
 * values. A field the API does not show cannot be compared: it is taken as asked.
 */
export function differences(
  live: ApiLogger,
  inputs: LoggerInputs,
  fields: readonly ArgumentName[],
): string[] {
  const current: Record<string, unknown> = toOutputs(live, {});
  const wanted: Record<string, unknown> = inputs;
  return fields
    .filter(
      (field) =>
        wanted[field] !== undefined &&
        current[field] !== undefined &&
        !sameValue(field, current[field], wanted[field]),
    )
    .map(
      (field) => `${field}: the program says ${show(wanted[field])}, the logger has ${show(current[field])}`,
    );
}

/** Whether the logger is what our POST body makes: every field it shows is the one we sent. */
export const madeFrom = (logger: ApiLogger, inputs: LoggerInputs): boolean =>
  differences(logger, inputs, SENT_FIELDS).length === 0;

/** A logger an ambiguous POST of ours made besides `keep`: made from our body, within the window. */
export function isStray(logger: ApiLogger, inputs: LoggerInputs, keep: string, window: StrayWindow): boolean {
  const made = apiTime(logger.created_at, window.zone);
  return (
    logger.id !== keep &&
    logger.resource_id === inputs.resourceId &&
    madeFrom(logger, inputs) &&
    made !== undefined &&
    within(made, Date.parse(window.from), Date.parse(window.to))
  );
}

/**
 * Why an auto-named logger found before a create may not be taken back as what an interrupted create of
 * this resource left; undefined when the evidence is there: it was made from this very body, and made
 * within `windowMs` before `now`, read in the zone this run has settled.
 */
function takeBackRefusal(
  logger: ApiLogger,
  inputs: LoggerInputs,
  zone: ApiZone | undefined,
  windowMs: number,
  now: number,
): string | undefined {
  const differ = differences(logger, inputs, SENT_FIELDS);
  if (differ.length > 0) return `its fields are not this resource's (${differ.join("; ")})`;
  if (windowMs === 0) return "taking back is turned off (nhncloud:takeBackWindow is 0)";
  if (zone === undefined) {
    return (
      "this run has not yet seen in which time zone the API writes created_at (it settles once the run has " +
      "made a logger), so when this one was made cannot be proven"
    );
  }
  const made = apiTime(logger.created_at, zone);
  if (made === undefined) return `its created_at (${quoted(logger.created_at)}) cannot be read`;
  if (!within(made, now - windowMs, now)) {
    return `it was made ${duration(now - made)} ago (created_at read as ${zone}), outside the take-back window of ${duration(windowMs)} (nhncloud:takeBackWindow)`;
  }
  return undefined;
}

/**
 * What the loggers found under our name on our resource before a create allow: the one found to take back
 * (auto-named, the only one in a complete answer, and takeBackRefusal finds the evidence), or why not. No
 * `refusal` where taking back does not apply: a name the program chose is never taken back.
 */
export function takeBack(
  found: readonly ApiLogger[],
  complete: boolean,
  inputs: LoggerInputs,
  zone: ApiZone | undefined,
  windowMs: number,
  now: number,
): { logger: ApiLogger } | { refusal?: string } {
  if (inputs.autoName === undefined) return {};
  if (found.length > 1) return { refusal: "there is more than one" };
  if (!complete)
    return { refusal: "the API's answer may be partial, so it cannot be proven to be the only one" };
  const refusal = takeBackRefusal(found[0], inputs, zone, windowMs, now);
  return refusal === undefined ? { logger: found[0] } : { refusal };
}
