import { ErrorCodes, FlowLogError, quoted } from "../../common/errors";
import type { NhnClient } from "../api/client";
import type { ApiLogger } from "../api/model";
import { listerFor } from "../batch/lister";
import { type ArgumentName, REPLACE_FIELDS, sameValue, UPDATE_FIELDS } from "./fields";
import { type LoggerInputs, toApiUpdate, toOutputs } from "./state";

/** A value for the message, cut short (a list is shown as the API writes it). */
const show = (value: unknown) =>
  typeof value === "string" || Array.isArray(value)
    ? quoted(Array.isArray(value) ? value.join(",") : value, 80)
    : String(value);

/** What the program wants and the live logger has differ in a field the API cannot change. */
function mismatches(live: ApiLogger, inputs: LoggerInputs): string[] {
  const current = toOutputs(live, {});
  const wanted: Record<string, unknown> = inputs;
  // region and adoptId are the provider's own; a field the API does not show cannot be compared: taken as asked.
  return REPLACE_FIELDS.filter(
    (field: ArgumentName) =>
      field !== "adoptId" &&
      field !== "region" &&
      wanted[field] !== undefined &&
      current[field] !== undefined &&
      !sameValue(field, current[field], wanted[field]),
  ).map(
    (field) => `${field}: the program says ${show(wanted[field])}, the logger has ${show(current[field])}`,
  );
}

/**
 * Takes an existing logger under management: every field the API cannot change must already match
 * (else nothing is touched and each mismatch is named with both values); mutable fields converge by PUT.
 * Returns the logger as it is after that PUT, not yet settled.
 */
export async function adopt(nhn: NhnClient, inputs: LoggerInputs, id: string): Promise<ApiLogger> {
  const operation = `adopt flow log logger ${id}`;
  const live = await nhn.getLogger(id);
  if (!live) {
    throw new FlowLogError(ErrorCodes.notFound, `${operation}: no flow log logger ${id} in ${nhn.region}`, {
      operation,
    });
  }
  const differences = mismatches(live, inputs);
  if (differences.length > 0) {
    throw new FlowLogError(
      ErrorCodes.conflict,
      `${operation}: fields that cannot be changed in place differ, so the logger was left untouched:\n  ${differences.join("\n  ")}\n` +
        (inputs.adoptId
          ? "Change the program to match, or drop adoptId to create a new logger."
          : "It was left by an interrupted create of this resource and then changed: delete it, or set adoptId and match its fields."),
      { operation },
    );
  }
  const current = toOutputs(live, {});
  const converge = UPDATE_FIELDS.some((field) => !sameValue(field, current[field], inputs[field]));
  if (!converge) return live;
  listerFor(nhn).changed();
  return nhn.updateLogger(id, toApiUpdate(inputs));
}
