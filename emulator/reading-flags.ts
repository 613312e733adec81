import { z } from "zod";
import { DEFAULT_READINGS, Readings, ReadingsPatch } from "./readings";

type Key = keyof Readings;

// One flag per reading, named after it: filterMode is --filter-mode.
const FLAGS = (Object.keys(Readings.shape) as Key[]).map((key) => {
  const schema = Readings.shape[key];
  const values = schema instanceof z.ZodEnum ? (schema.options as string[]) : undefined;
  return {
    key,
    flag: key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`),
    values,
    schema,
    what: schema.description ?? "",
  };
});

/** The reading flags as node:util parseArgs options. */
export const READING_FLAG_OPTIONS = Object.fromEntries(
  FLAGS.map(({ flag }) => [flag, { type: "string" as const }]),
);

/** The --help lines of the reading flags: allowed values, what the reading decides, its default. */
export function readingFlagsUsage(): string[] {
  const synopsis = FLAGS.map(({ flag, values }) => `--${flag} ${values ? values.join("|") : "N"}`);
  const width = Math.max(...synopsis.map((text) => text.length));
  return FLAGS.map(
    ({ key, what }, i) => `  ${synopsis[i].padEnd(width)}  ${what} (default ${DEFAULT_READINGS[key]})`,
  );
}

/** The readings given as flags; throws an Error naming the flag and its allowed values. */
export function readingsFromFlags(values: Record<string, unknown>): ReadingsPatch {
  const patch: Record<string, unknown> = {};
  for (const { key, flag, values: allowed, schema } of FLAGS) {
    const given = values[flag];
    if (typeof given !== "string") continue;
    const value = allowed || !/^\d+$/.test(given) ? given : Number(given);
    if (!schema.safeParse(value).success) {
      const expected = allowed ? `one of ${allowed.join(", ")}` : "a non-negative integer";
      throw new Error(`--${flag} must be ${expected}, got '${given}'`);
    }
    patch[key] = value;
  }
  return ReadingsPatch.parse(patch);
}
