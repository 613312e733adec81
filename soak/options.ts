import { parseArgs } from "node:util";
import { DEFAULT_SOAK, type SoakOptions } from "./scenario";

const d = DEFAULT_SOAK;

export const USAGE = `usage: npm run soak -- [options]

Creates, refreshes, updates, replaces and destroys N loggers through the dynamic-provider host while the
emulator injects faults, loses create responses and revokes the token; prints a report and exits 1 on
any violation (duplicate, orphan, stale token, retry bound, leaked secret).

  --n N              loggers (integer ≥ 1; default ${d.n})
  --seed N           seed of the fault sequence (integer ≥ 0; default ${d.seed})
  --rate R           share of API calls answered 429/502/503 or dropped (0 to 1; default ${d.faultRate})
  --lost N           creates whose response gets lost (integer 0..n; default n/8, at least 1: ${Math.max(1, Math.round(d.n / 8))} for n=${d.n})
  --activation-ms N  how long the emulator keeps a new logger in BUILD (integer ≥ 0; default ${d.activationMs})
  --parallelism N    operations in flight at once, like pulumi up --parallel (integer ≥ 1; default ${d.parallelism})
  --rounds N         runs a user would try before giving up on a phase (integer ≥ 1; default ${d.maxRounds})
  --time-bound-ms N  wall-time bound for the whole run, a violation when exceeded (integer ≥ 1; default ${d.timeBoundMs})
  --create-rounds R  instead of the phases: R rounds of --n concurrent creates under --rate faults and --lost
                     lost responses each, every create to succeed in its own up (integer ≥ 1; e.g. 50 with --n 20)
  --hostile          instead of the phases: a slow backend, servers echoing the request, trickled bodies;
                     no duplicate, no orphan, no leaked secret byte; then times reading pathological
                     error pages (each within 250 ms)
  --proof            instead: the phases under each reading where lists are capped, paged or 20,000 long,
                     with someone else's loggers in the tenant: none of them may be touched
  -h, --help         print this help and exit`;

/** A bad command line: the caller prints the message (which ends with the usage) and exits 2. */
export class UsageError extends Error {}

type Bounded = { key: keyof SoakOptions; integer: boolean; min: number; max?: number; what: string };

const FLAGS: Record<string, Bounded> = {
  n: { key: "n", integer: true, min: 1, what: "an integer ≥ 1" },
  seed: { key: "seed", integer: true, min: 0, what: "an integer ≥ 0" },
  rate: { key: "faultRate", integer: false, min: 0, max: 1, what: "a number from 0 to 1" },
  lost: { key: "lostCreates", integer: true, min: 0, what: "an integer from 0 to --n" },
  "activation-ms": { key: "activationMs", integer: true, min: 0, what: "an integer ≥ 0" },
  parallelism: { key: "parallelism", integer: true, min: 1, what: "an integer ≥ 1" },
  rounds: { key: "maxRounds", integer: true, min: 1, what: "an integer ≥ 1" },
  "time-bound-ms": { key: "timeBoundMs", integer: true, min: 1, what: "an integer ≥ 1" },
  "create-rounds": { key: "createRounds", integer: true, min: 1, what: "an integer ≥ 1" },
};

const refuse = (message: string): never => {
  throw new UsageError(`${message}\n\n${USAGE}`);
};

function value(flag: string, text: string): number {
  const { integer, min, max, what } = FLAGS[flag];
  const number = text.trim() === "" ? Number.NaN : Number(text);
  const fits = integer ? Number.isInteger(number) : Number.isFinite(number);
  if (!fits || number < min || (max !== undefined && number > max)) {
    refuse(`--${flag} must be ${what}, got "${text}"`);
  }
  return number;
}

export type SoakCommandLine = { help: true } | { help: false; options: Omit<SoakOptions, "log"> };

/** Reads `npm run soak -- …`; refuses a value the soak would misread (e.g. --parallelism 0) with a UsageError. */
export function parseSoakArgs(args: string[]): SoakCommandLine {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, { type: "string" as const }])),
        help: { type: "boolean", short: "h" },
        hostile: { type: "boolean" },
        proof: { type: "boolean" },
      },
    }));
  } catch (error) {
    return refuse((error as Error).message);
  }
  if (values.help) return { help: true };
  const options: Omit<SoakOptions, "log"> = { ...DEFAULT_SOAK };
  const set = new Set<string>();
  for (const flag of Object.keys(FLAGS)) {
    const text = values[flag];
    if (typeof text !== "string") continue;
    Object.assign(options, { [FLAGS[flag].key]: value(flag, text) });
    set.add(flag);
  }
  if (!set.has("lost")) options.lostCreates = Math.max(1, Math.round(options.n / 8));
  options.hostile = values.hostile === true;
  options.proof = values.proof === true;
  if ([options.hostile, options.createRounds > 0, options.proof].filter(Boolean).length > 1)
    refuse("--hostile, --create-rounds and --proof are separate runs: give one");
  if (options.lostCreates > options.n) {
    refuse(`--lost must be ${FLAGS.lost.what} (${options.n}), got ${options.lostCreates}`);
  }
  return { help: false, options };
}
