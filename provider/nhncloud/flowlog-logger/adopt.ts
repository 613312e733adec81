import { ErrorCodes, FlowLogError } from "../../common/errors";
import type { ApiLogger } from "../api";
import type { NhnClient } from "../client";
import {
  canonicalFields,
  type LoggerInputs,
  type LoggerOutputs,
  REPLACE_FIELDS,
  same,
  toApiUpdate,
  toOutputs,
  UPDATE_FIELDS,
} from "./schema";

/**
 * Takes an existing logger under management: every field the API cannot change must already match
 * (else nothing is touched and each mismatch is named with both values); mutable fields converge by PUT.
 */
export async function adopt(
  nhn: NhnClient,
  inputs: LoggerInputs,
  id: string,
  settle: (logger: ApiLogger) => Promise<LoggerOutputs>,
): Promise<{ id: string; outs: LoggerOutputs }> {
  const operation = `adopt flow log logger ${id}`;
  const live = await nhn.getLogger(id);
  if (!live) {
    throw new FlowLogError(ErrorCodes.notFound, `${operation}: no flow log logger ${id} in ${nhn.region}`, {
      operation,
    });
  }
  const current: Record<string, unknown> = toOutputs(live, { region: inputs.region });
  const wanted: Record<string, unknown> = inputs;
  const canonical = (value: unknown) => (Array.isArray(value) ? canonicalFields(value) : value);
  // A field the API does not report (customized_file_name) cannot be compared: it is taken as asked.
  const mismatches = REPLACE_FIELDS.filter(
    (field) =>
      field !== "adoptId" &&
      field !== "region" &&
      wanted[field] !== undefined &&
      current[field] !== undefined &&
      !same(canonical(current[field]), canonical(wanted[field])),
  ).map(
    (field) =>
      `${field}: the program says ${JSON.stringify(wanted[field])}, the logger has ${JSON.stringify(current[field])}`,
  );
  if (mismatches.length > 0) {
    throw new FlowLogError(
      ErrorCodes.conflict,
      `${operation}: fields that cannot be changed in place differ, so the logger was left untouched:\n  ${mismatches.join("\n  ")}\n` +
        (inputs.adoptId
          ? "Change the program to match, or drop adoptId to create a new logger."
          : "It was left by an interrupted create of this resource and then changed: delete it, or set adoptId and match its fields."),
      { operation },
    );
  }
  const converge = UPDATE_FIELDS.some((field) => !same(current[field], wanted[field]));
  const logger = converge ? await nhn.updateLogger(id, toApiUpdate(inputs)) : live;
  return { id, outs: await settle(logger) };
}
