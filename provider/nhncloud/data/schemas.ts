import { z } from "zod";
import { uuid } from "../../common/check";
import { ARGUMENT_FIELDS, type ArgumentField, COMPUTED_FIELDS } from "../flowlog-logger/fields";
import * as v from "../flowlog-logger/values";

/**
 * The checks behind the data functions' public argument types (data-types.ts, and the generated
 * flowlog-logger/types.ts); test/nhncloud/public-types.test.ts pins that each agrees with its type.
 */

export const LoggingPortsFilters = z.strictObject({
  id: uuid().optional(),
  loggerId: uuid().optional(),
  portId: uuid().optional(),
  networkId: uuid().optional(),
});

export const LoggingPortId = z.strictObject({ id: uuid() });

/** The schema under `.default()` and `.optional()`: the value a filter compares with. */
const bare = (schema: z.ZodType): z.ZodType =>
  schema instanceof z.ZodDefault || schema instanceof z.ZodOptional
    ? bare(schema.unwrap() as z.ZodType)
    : schema;

const filterable = Object.entries(ARGUMENT_FIELDS as Record<string, ArgumentField>).filter(
  ([, f]) => f.filterParam,
);

/** Filters of getFlowLogLoggers: the id, every field the API's list filters on, and the status. */
export const LoggersFilters = z.strictObject({
  id: uuid().optional(),
  // The precise types, for z.input: test/nhncloud/public-types.test.ts pins them to GetFlowLogLoggersArgs.
  ...(Object.fromEntries(filterable.map(([name, field]) => [name, bare(field.schema).optional()])) as {
    name: z.ZodOptional<z.ZodString>;
    resourceType: z.ZodOptional<typeof v.resourceType>;
    resourceId: z.ZodOptional<z.ZodString>;
    filter: z.ZodOptional<typeof v.filter>;
    aggregationInterval: z.ZodOptional<z.ZodNumber>;
    storageType: z.ZodOptional<typeof v.storageType>;
    logFormat: z.ZodOptional<typeof v.logFormat>;
    compressionType: z.ZodOptional<typeof v.compressionType>;
    partitionPeriod: z.ZodOptional<z.ZodString>;
  }),
  status: v.status.optional(),
});

/** camelCase filter → the API's query parameter, as the document spells it. */
export const LOGGER_QUERY: Readonly<Record<string, string>> = {
  id: "id",
  ...Object.fromEntries(filterable.map(([name, field]) => [name, field.filterParam as string])),
  status: COMPUTED_FIELDS.status.filterParam,
};
