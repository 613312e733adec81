import { ErrorCodes, FlowLogError } from "../../common/errors";
import type { NhnClient } from "../api/client";
import type { ApiLogger } from "../api/model";
import { differences } from "./evidence";
import { REPLACE_FIELDS, sameValue, UPDATE_FIELDS } from "./fields";
import { type LoggerInputs, toApiUpdate, toOutputs } from "./state";

/**
 * Takes an existing logger under management: every field the API cannot change must already match
 * (else nothing is touched and each mismatch is named with both values); mutable fields converge by PUT.
 * Returns the logger as it is after that PUT, not yet settled.
 */
export async function adopt(nhn: NhnClient, inputs: LoggerInputs, id: string): Promise<ApiLogger> {
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
