import type { ApiLogger } from "../emulator";
import { startWorld } from "../test/support/world";
import { duplicateNames, faultsByKind } from "./checks";
import { portsBySeed, program, specsFor } from "./program";

const REGIONS = ["KR1", "KR2"];

export interface CreateRoundsOptions {
  /** Rounds of concurrent creates. */
  rounds: number;
  /** Loggers created concurrently in each round (the engine's parallelism is as large). */
  n: number;
  /** Share of API calls answered 429/502/503 or dropped. */
  faultRate: number;
  /** Creates per round whose response is lost after the logger was made. */
  lostPerRound: number;
  seed: number;
  activationMs: number;
  log?: (line: string) => void;
}

export interface CreateRoundsReport {
  rounds: number;
  creates: number;
  /** Creates that failed the `up` they were part of: the issue asks for none. */
  failedCreates: string[];
  duplicates: string[];
  orphans: string[];
  faults: Record<string, number>;
  wallMs: number;
  violations: string[];
}

/**
 * `rounds` times: one `up` that creates `n` loggers at once under injected faults and lost responses, then
 * a fault-free destroy. Every create must succeed in its own `up` (no second run), with no duplicate, and
 * destroy must leave nothing behind (issue 11).
 */
export async function runCreateRounds(options: CreateRoundsOptions): Promise<CreateRoundsReport> {
  const say = options.log ?? (() => undefined);
  const started = Date.now();
  const world = await startWorld({
    emulator: { activationMs: options.activationMs },
    parallelism: options.n,
  });
  const { control } = world.emulator;
  const live = (): ApiLogger[] => REGIONS.flatMap((region) => control.loggers(region));
  const report: CreateRoundsReport = {
    rounds: options.rounds,
    creates: 0,
    failedCreates: [],
    duplicates: [],
    orphans: [],
    faults: {},
    wallMs: 0,
    violations: [],
  };
  try {
    const specs = specsFor(options.n, portsBySeed(control.seed(), REGIONS));
    for (let round = 1; round <= options.rounds; round++) {
      control.setFaults({
        rate: options.faultRate,
        kinds: [429, 502, 503, "drop"],
        retryAfterSeconds: 1,
        seed: options.seed + round,
      });
      control.loseNextCreateResponses(options.lostPerRound);
      const { failures } = await world.stack.up(await program(world, specs));
      control.setFaults(undefined);
      report.creates += specs.length;
      report.failedCreates.push(
        ...failures.map(
          (f) => `round ${round}: ${f.urn.split("::").pop()}: ${f.error.message.split("\n")[0]}`,
        ),
      );
      for (const region of REGIONS) {
        for (const name of duplicateNames(control.loggers(region)))
          report.duplicates.push(`round ${round}: ${region} ${name}`);
      }
      const ids = new Set([...world.stack.state.values()].map((entry) => entry.id));
      for (const logger of live())
        if (!ids.has(logger.id)) report.orphans.push(`round ${round}: ${logger.id}`);
      await world.stack.destroy();
      for (const logger of live()) report.orphans.push(`round ${round}, after destroy: ${logger.id}`);
      for (const region of REGIONS)
        for (const logger of control.loggers(region)) control.deleteLogger(region, logger.id);
      say(`round ${round}: ${specs.length} creates, ${failures.length} failed`);
    }
  } finally {
    control.setFaults(undefined);
    report.faults = faultsByKind(control.requests());
    await world.close();
  }
  report.wallMs = Date.now() - started;
  const add = (bad: boolean, text: string) => bad && report.violations.push(text);
  add(
    report.failedCreates.length > 0,
    `${report.failedCreates.length} create(s) failed: ${report.failedCreates.slice(0, 3).join(" | ")}`,
  );
  add(report.duplicates.length > 0, `duplicates: ${report.duplicates.join(", ")}`);
  add(report.orphans.length > 0, `orphans: ${report.orphans.join(", ")}`);
  return report;
}
