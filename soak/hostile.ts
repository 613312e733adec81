import { setTimeout as sleep } from "node:timers/promises";
import type { ApiLogger, FaultPlan } from "../emulator";
import { startWorld, TENANT } from "../test/support/world";
import { duplicateNames, faultsByKind, longestSecretPiece } from "./checks";
import { type LoggerSpec, portsBySeed, program, specsFor } from "./program";

const REGIONS = ["KR1", "KR2"];
// Quotes, a backslash, runs of blanks, form specials and non-ASCII: every encoding of it differs.
export const HOSTILE_PASSWORD = 'soak "Pass"\\  \t+&%é-9f8e7d';
const USERNAME = `${"hostile.".repeat(12)}soak@example.com`;
/** The slow backend acts this long after the gateway has answered. */
const LATE_MS = 2500;

export interface HostileOptions {
  n: number;
  seed: number;
  activationMs: number;
  /** Runs of a phase a user would try. */
  maxRounds: number;
  log?: (line: string) => void;
}

export interface HostilePhase {
  name: string;
  rounds: number;
  converged: boolean;
  errors: number;
}

export interface HostileReport {
  n: number;
  phases: HostilePhase[];
  faults: Record<string, number>;
  duplicates: string[];
  orphans: string[];
  /** The longest piece (characters) of the password or a token found in any error, host output or state. */
  longestSecretPiece: number;
  /** That piece when it is a leak (8 characters or more; shorter pieces are common words), else 0. */
  leakedSecretBytes: number;
  wallMs: number;
  violations: string[];
}

/**
 * A user's worst day (issue 16), one phase per kind of hostile server, each run until it converges:
 * a slow backend that creates loggers seconds after the gateway answered 502/504 or dropped the connection;
 * servers that echo the request (the password to identity, the token to the network API) in 500 pages;
 * GET bodies that trickle a byte a second past the request deadline. Then a clean destroy.
 */
export async function runHostile(options: HostileOptions): Promise<HostileReport> {
  const say = options.log ?? (() => undefined);
  const started = Date.now();
  const world = await startWorld({
    emulator: {
      activationMs: options.activationMs,
      credentials: { tenantId: TENANT, username: USERNAME, password: HOSTILE_PASSWORD },
    },
    config: {
      "nhncloud:username": USERNAME,
      "nhncloud:password": HOSTILE_PASSWORD,
      "nhncloud:requestTimeout": "2",
    },
    parallelism: options.n,
  });
  const { control } = world.emulator;
  const live = (): ApiLogger[] => REGIONS.flatMap((region) => control.loggers(region));
  const texts: string[] = [];
  const report: HostileReport = {
    n: options.n,
    phases: [],
    faults: {},
    duplicates: [],
    orphans: [],
    longestSecretPiece: 0,
    leakedSecretBytes: 0,
    wallMs: 0,
    violations: [],
  };

  /** `pulumi up` (or refresh) again and again, as a user would, until a run has no failure. */
  const converge = async (name: string, run: () => Promise<Error[]>) => {
    let errors = 0;
    for (let round = 1; round <= options.maxRounds; round++) {
      const failed = await run();
      texts.push(...failed.map((error) => `${error.message}\n${error.stack}`));
      errors += failed.length;
      say(`${name}: round ${round}, ${failed.length} failure(s)`);
      if (failed.length === 0) return report.phases.push({ name, rounds: round, converged: true, errors });
    }
    report.phases.push({ name, rounds: options.maxRounds, converged: false, errors });
  };
  const up = (specs: LoggerSpec[]) => async () =>
    (await world.stack.up(await program(world, specs))).failures.map((f) => f.error);
  const refresh = async () => {
    try {
      await world.stack.refresh();
      return [];
    } catch (error) {
      return error instanceof AggregateError ? (error.errors as Error[]) : [error as Error];
    }
  };
  const inspect = (phase: string) => {
    for (const region of REGIONS) {
      for (const name of duplicateNames(control.loggers(region)))
        report.duplicates.push(`${phase}: ${region} ${name}`);
    }
    const ids = new Set([...world.stack.state.values()].map((entry) => entry.id));
    for (const logger of live()) if (!ids.has(logger.id)) report.orphans.push(`${phase}: ${logger.id}`);
  };
  const faults = (plan: Omit<FaultPlan, "seed">) => control.setFaults({ ...plan, seed: options.seed });

  try {
    let specs = specsFor(options.n, portsBySeed(control.seed(), REGIONS));
    faults({
      rate: 0.35,
      kinds: [502, 504, "drop"],
      after: true,
      delayMs: LATE_MS,
      match: { method: "POST" },
    });
    await converge("slow backend: create", up(specs));
    control.setFaults(undefined);
    // Whatever the backend still had to do is done now; the next up and refresh find its strays.
    await sleep(LATE_MS + 500);
    await converge("slow backend: up again", up(specs));
    await converge("slow backend: refresh", refresh);
    inspect("slow backend");

    specs = specs.map((spec) => ({ ...spec, description: `${spec.description} (echoed)` }));
    control.revokeAllTokens();
    faults({ rate: 1, kinds: ["echo", "echo-json"], times: 2, match: { pathPrefix: "/identity" } });
    await converge("echoing identity: update", up(specs));
    faults({ rate: 0.15, kinds: ["echo", "echo-json"], match: { pathPrefix: "/network/" } });
    await converge("echoing network API: refresh", refresh);
    specs = specs.map((spec) => ({ ...spec, description: `${spec.description} twice` }));
    await converge("echoing network API: update", up(specs));
    control.setFaults(undefined);
    inspect("echoing servers");

    faults({ rate: 0.25, kinds: ["trickle"], trickleIntervalMs: 1000, match: { method: "GET" } });
    await converge("trickled bodies: refresh", refresh);
    specs = specs.map((spec) => ({ ...spec, description: `${spec.description} trickled` }));
    await converge("trickled bodies: update", up(specs));
    control.setFaults(undefined);
    inspect("trickled bodies");

    await converge("destroy", async () => {
      try {
        await world.stack.destroy();
        return [];
      } catch (error) {
        return [error as Error];
      }
    });
    for (const logger of live()) report.orphans.push(`destroy: ${logger.id}`);
  } finally {
    control.setFaults(undefined);
    texts.push(world.host.stderr, world.host.stdout, JSON.stringify([...world.stack.state.values()]));
    report.faults = faultsByKind(control.requests());
    const tokens = [...new Set(control.requests().flatMap((r) => (r.tokenId ? [r.tokenId] : [])))];
    const shown = texts.join("\n");
    report.longestSecretPiece = Math.max(
      ...[HOSTILE_PASSWORD, ...tokens].map((s) => longestSecretPiece(shown, s)),
    );
    // Under 8 characters, a shared piece is a coincidence of common words, not a credential.
    report.leakedSecretBytes = report.longestSecretPiece >= 8 ? report.longestSecretPiece : 0;
    await world.close();
  }
  report.wallMs = Date.now() - started;
  const add = (bad: boolean, text: string) => bad && report.violations.push(text);
  for (const phase of report.phases)
    add(!phase.converged, `${phase.name} did not converge in ${phase.rounds} runs`);
  add(report.duplicates.length > 0, `duplicates: ${report.duplicates.join(", ")}`);
  add(report.orphans.length > 0, `orphans: ${report.orphans.join(", ")}`);
  add(
    report.leakedSecretBytes > 0,
    `a credential leaked: ${report.leakedSecretBytes} characters of one were shown`,
  );
  return report;
}
