import type { Readings } from "../readings";
import type { ApiLogger, StoredLogger } from "./model";

/** A write is the answer to POST or PUT, whose tables call customized_field "Currently not supported". */
export type Occasion = "read" | "write";

const SHOWS_CUSTOMIZED_FIELD: Record<Readings["echoCustomizedField"], Record<Occasion, boolean>> = {
  always: { read: true, write: true },
  "read-only": { read: true, write: false },
  never: { read: false, write: false },
};

/** A stored logger as a response shows it under the echo readings. */
export function present(logger: StoredLogger, readings: Readings, occasion: Occasion): ApiLogger {
  const { customized_field, customized_file_name, ...rest } = logger;
  return {
    ...rest,
    ...(SHOWS_CUSTOMIZED_FIELD[readings.echoCustomizedField][occasion] ? { customized_field } : {}),
    ...(readings.echoFileName === "yes" ? { customized_file_name } : {}),
  };
}
