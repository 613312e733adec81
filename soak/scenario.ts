import type { ApiLogger, Readings } from "../emulator";
import { startWorld, TENANT, type World } from "../test/support/world";
import {
  duplicateNames,
  faultsByKind,
  isClearError,
  leakedSecrets,
  longestFaultStreak,
  staleTokenRepeats,
  violationsOf,
} from "./checks";
import { type LoggerSpec, portsBySeed, program, specsFor } from "./program";

export const PASSWORD = "soak-pass-9f8e7d";
export const USERNAME = "soak-user@example.com";
const REGIONS = ["KR1", "KR2"];

export interface SoakOptions {
  /** Loggers created concurrently. */
  n: number;
  /** How long the emulator keeps a logger in BUILD. */
  activationMs: number;
  /** Share of API calls answered 429/502/503 or dropped. */
  faultRate: number;
  /** Creates whose response is lost after the logger was made. */
  lostCreates: number;
  seed: number;
  /** The engine's --parallel. */
  parallelism: number;
  /** `pulumi up` (refresh, destroy) runs a user would try before giving up on a phase. */
  maxRounds: number;
  /** Wall-time bound for the whole run; exceeding it is a violation. */
  timeBoundMs: number;
  /** Instead of the phases: this many rounds of n concurrent creates (issue 11). */
  createRounds: number;
  /** Instead of the phases: the hostile-server round (issue 16). */
  hostile: boolean;
  /** Instead of the default run: the phases under readings where lists are capped or paged (issue 20). */
  proof: boolean;
  /** How the emulator plays what the API document leaves open (default: its defaults). */
  readings?: Partial<Readings>;
  /** Loggers of someone else in the tenant (KR1), seeded before the run: none may be touched. */
  foreignLoggers?: number;
  log?: (line: string) => void;
}

export const DEFAULT_SOAK: SoakOptions = {
  n: 40,
  activationMs: 100,
  faultRate: 0.25,
  lostCreates: 5,
  seed: 20260,
  parallelism: 10,
  maxRounds: 5,
  timeBoundMs: 10 * 60_000,
  createRounds: 0,
  hostile: false,
  proof: false,
};

/** The readings of `npm run soak -- --proof`: lists capped, paged, huge, with KST times (issue 20). */
export const PROOF_RUNS: { name: string; readings: Partial<Readings>; foreignLoggers: number }[] = [
  { name: "a silent cap of 20", readings: { listCap: 20 }, foreignLoggers: 100 },
  {
    name: "pages of 25, KST times, route 404s like a logger's",
    readings: { pageSize: 25, timeZone: "kst", routeErrors: "like-logger" },
    foreignLoggers: 100,
  },
  {
    name: "a silent cap of 20 that ignores marker, repeats AND-ed",
    readings: { listCap: 20, paging: "ignore", filterMode: "and" },
    foreignLoggers: 100,
  },
  { name: "a tenant of 20,000 loggers", readings: {}, foreignLoggers: 20_000 },
];

export interface PhaseReport {
  name: string;
  rounds: number;
  failures: number;
  converged: boolean;
}

export interface SoakReport {
  n: number;
  wallMs: number;
  requests: number;
  faults: Record<string, number>;
  unauthorized: number;
  tokensIssued: number;
  /** Re-sends after a transient fault or a 401. */
  retries: number;
  lostCreatesRecovered: number;
  phases: PhaseReport[];
  errors: string[];
  unclearErrors: string[];
  duplicates: string[];
  orphans: string[];
  /** Loggers of someone else (seeded before the run) that were deleted or changed. */
  foreignTouched: string[];
  /** Stack entries whose logger is missing or differs from the program, after a phase converged. */
  mismatches: string[];
  staleTokenRepeats: number;
  longestFaultStreak: number;
  leakedSecrets: string[];
  hostAlive: boolean;
  violations: string[];
}

type Attempt = () => Promise<Error[]>;

/** Runs `work` over `items`, `limit` at a time, collecting failures instead of stopping at the first. */
async function each<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<Error[]> {
  const queue = [...items];
  const failures: Error[] = [];
  const runner = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      await work(item).catch((error: unknown) => failures.push(error as Error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, runner));
  return failures;
}

/** Drives one stack through create, refresh, token revocation, update, replace and destroy under faults. */
export async function runSoak(overrides: Partial<SoakOptions> = {}): Promise<SoakReport> {
  const options = { ...DEFAULT_SOAK, ...overrides };
  const say = options.log ?? (() => undefined);
  const started = Date.now();
  const world = await startWorld({
    emulator: {
      activationMs: options.activationMs,
      credentials: { tenantId: TENANT, username: USERNAME, password: PASSWORD },
      ...(options.readings ? { readings: options.readings } : {}),
      ...(options.foreignLoggers ? { seedLoggers: options.foreignLoggers, seedLoggersTenantId: TENANT } : {}),
    },
    config: { "nhncloud:username": USERNAME, "nhncloud:password": PASSWORD },
    parallelism: options.parallelism,
  });
  const { control } = world.emulator;
  const state = world.stack.state;
  /** Every id the stack ever held, with its last state: what the engine would still delete ("pending delete"). */
  const known = new Map<string, { urn: string; outputs: Record<string, unknown> }>();
  const remember = () => {
    for (const entry of state.values()) known.set(entry.id, { urn: entry.urn, outputs: entry.outputs });
  };
  /** Someone else's loggers, as they were before the run: never ours to touch. */
  const foreign = new Map(control.loggers("KR1").map((logger) => [logger.id, JSON.stringify(logger)]));
  const live = (): ApiLogger[] =>
    REGIONS.flatMap((region) => control.loggers(region)).filter((logger) => !foreign.has(logger.id));
  const report = { phases: [] as PhaseReport[], errors: [] as string[], orphans: [] as string[] };
  const duplicates = new Set<string>();
  const mismatches: string[] = [];
  const texts: string[] = [];
  const boundaries: number[] = [];

  const deletePending: Attempt = () => {
    const stateIds = new Set([...state.values()].map((entry) => entry.id));
    const pending = live().filter((logger) => known.has(logger.id) && !stateIds.has(logger.id));
    return each(pending, options.parallelism, async (logger) => {
      const { urn, outputs } = known.get(logger.id)!;
      await world.host.delete(urn, logger.id, outputs);
    });
  };

  const converge = async (name: string, attempt: Attempt): Promise<void> => {
    let failures = 0;
    for (let round = 1; round <= options.maxRounds; round++) {
      const failed = [...(await attempt()), ...(await deletePending())];
      remember();
      boundaries.push(control.requests().at(-1)?.seq ?? 0);
      texts.push(JSON.stringify([...state.values()]));
      failures += failed.length;
      report.errors.push(...failed.map((error) => error.message));
      say(`${name}: round ${round}, ${failed.length} failure(s)`);
      if (failed.length === 0) {
        report.phases.push({ name, rounds: round, failures, converged: true });
        return;
      }
    }
    report.phases.push({ name, rounds: options.maxRounds, failures, converged: false });
  };

  /** The emulator holds exactly the stack's loggers, each as the program says. */
  const inspect = (phase: string, specs: LoggerSpec[]): void => {
    const loggers = live();
    const ids = new Set([...state.values()].map((entry) => entry.id));
    for (const logger of loggers) if (!ids.has(logger.id)) report.orphans.push(`${phase}: ${logger.id}`);
    for (const region of REGIONS) {
      for (const name of duplicateNames(control.loggers(region)))
        duplicates.add(`${phase}: ${region} ${name}`);
    }
    for (const spec of specs) {
      const entry = [...state.values()].find((candidate) => candidate.urn.endsWith(`::${spec.key}`));
      const logger = loggers.find((candidate) => candidate.id === entry?.id);
      const wanted = logger && {
        description: logger.description,
        aggregationInterval: logger.aggregation_interval,
        port: logger.resource_id,
      };
      const expected = {
        description: spec.description,
        aggregationInterval: spec.aggregationInterval,
        port: spec.port,
      };
      if (JSON.stringify(wanted) !== JSON.stringify(expected)) mismatches.push(`${phase}: ${spec.key}`);
    }
  };

  const up = async (specs: LoggerSpec[]): Promise<Error[]> => {
    const registrations = await program(world, specs);
    texts.push(JSON.stringify(registrations));
    const result = await world.stack.up(registrations);
    return result.failures.map((failure) => failure.error);
  };

  let hostAlive = false;
  const foreignTouched: string[] = [];
  try {
    const ports = portsBySeed(control.seed(), REGIONS);
    let specs = specsFor(options.n, ports);
    control.setFaults({
      rate: options.faultRate,
      kinds: [429, 502, 503, "drop"],
      retryAfterSeconds: 1,
      seed: options.seed,
    });
    control.loseNextCreateResponses(options.lostCreates);

    await converge("create", () => up(specs));
    inspect("create", specs);

    await converge("refresh", () => refreshAll(world, options.parallelism));
    inspect("refresh", specs);

    control.revokeAllTokens();
    specs = specs.map((spec) => ({ ...spec, description: `${spec.description} (rev 2)` }));
    await converge("update", () => up(specs));
    inspect("update", specs);

    specs = specs.map((spec, i) => replaced(spec, i, ports));
    await converge("replace", () => up(specs));
    inspect("replace", specs);

    await converge("destroy", () =>
      each([...state.values()], options.parallelism, async (entry) => {
        await world.host.delete(entry.urn, entry.id, entry.outputs);
        state.delete(entry.urn);
      }),
    );
    for (const logger of live()) report.orphans.push(`destroy: ${logger.id}`);
    const after = new Map(control.loggers("KR1").map((logger) => [logger.id, JSON.stringify(logger)]));
    for (const [id, before] of foreign) if (after.get(id) !== before) foreignTouched.push(id);
    hostAlive = world.host.pid !== undefined && isAlive(world.host.pid);
  } finally {
    control.setFaults(undefined);
    texts.push(world.host.stderr, world.host.stdout);
    await world.close();
  }

  const log = control.requests().filter((entry) => entry.api !== "control");
  const faults = faultsByKind(log);
  const unauthorized = log.filter((entry) => entry.status === 401).length;
  const tokenIds = [...new Set(log.flatMap((entry) => (entry.tokenId ? [entry.tokenId] : [])))];
  const secrets = Object.fromEntries([
    ["password", PASSWORD],
    ...tokenIds.map((id, i) => [`token #${i + 1}`, id]),
  ]);
  const lost = log.filter((entry) => entry.fault === "lost-create");
  const transient = Object.entries(faults)
    .filter(([kind]) => kind !== "lost-create")
    .reduce((sum, [, count]) => sum + count, 0);
  const result: SoakReport = {
    n: options.n,
    wallMs: Date.now() - started,
    requests: log.length,
    faults,
    unauthorized,
    tokensIssued: control.tokensIssued(),
    retries: transient + unauthorized,
    lostCreatesRecovered: lost.filter((entry) => entry.loggerId && known.has(entry.loggerId)).length,
    phases: report.phases,
    errors: report.errors,
    unclearErrors: report.errors.filter((message) => !isClearError(message)),
    duplicates: [...duplicates],
    orphans: report.orphans,
    foreignTouched,
    mismatches,
    staleTokenRepeats: staleTokenRepeats(log).length,
    longestFaultStreak: longestFaultStreak(log, boundaries),
    leakedSecrets: leakedSecrets([...texts, ...report.errors].join("\n"), secrets),
    hostAlive,
    violations: [],
  };
  result.violations = violationsOf(result, options, lost.length);
  return result;
}

/** The engine's `pulumi refresh`: read every resource, keep going past failures. */
async function refreshAll(world: World, parallelism: number): Promise<Error[]> {
  return each([...world.stack.state.values()], parallelism, async (entry) => {
    const result = await world.host.read(entry.urn, entry.id, entry.outputs, entry.inputs);
    if (result.id === "") throw new Error(`refresh reported ${entry.id} gone, but it was never deleted`);
    entry.outputs = result.props;
    if (result.inputs) entry.inputs = result.inputs;
  });
}

/** Every 4th logger gets a new interval (delete-before-replace), the next one a new port (create-before-delete). */
function replaced(spec: LoggerSpec, i: number, ports: Record<string, string[]>): LoggerSpec {
  if (i % 4 === 0) return { ...spec, aggregationInterval: 5 };
  if (i % 4 !== 1) return spec;
  const regionPorts = ports[spec.region];
  return { ...spec, port: regionPorts[(regionPorts.indexOf(spec.port) + 1) % regionPorts.length] };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
