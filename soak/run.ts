/**
 * `npm run soak [-- --n 40 --seed 20260 --rate 0.25 …]` (`-- --help` lists every flag): the fault soak with
 * a printed report; exits 1 on any violation, 2 on a bad command line.
 */

import { type CreateRoundsReport, runCreateRounds } from "./create-rounds";
import { errorPageRows, type PageReading, readErrorPages } from "./error-pages";
import { type HostileReport, runHostile } from "./hostile";
import { parseSoakArgs, USAGE, UsageError } from "./options";
import { PROOF_RUNS, runSoak, type SoakReport } from "./scenario";

function table(report: SoakReport): { text: string; violations: string[] } {
  const distinct = [...new Set(report.errors.map((message) => message.split("\n")[0]))];
  const rows: [string, string | number][] = [
    ["loggers (N)", report.n],
    ["API requests", report.requests],
    ["faults injected", faultsText(report.faults)],
    ["401 answered (token revoked)", report.unauthorized],
    ["tokens issued", report.tokensIssued],
    ["retries (re-sends)", report.retries],
    ["lost creates recovered", report.lostCreatesRecovered],
    ...report.phases.map((phase): [string, string] => [
      `phase ${phase.name}`,
      `${phase.converged ? "converged" : "NOT converged"} in ${phase.rounds} round(s), ${phase.failures} failure(s)`,
    ]),
    ["duplicates", report.duplicates.length],
    ["orphans", report.orphans.length],
    ["foreign loggers touched", report.foreignTouched.length],
    ["stack/emulator mismatches", report.mismatches.length],
    ["stale-token repeats", report.staleTokenRepeats],
    ["longest fault streak per operation", report.longestFaultStreak],
    ["unclear errors", report.unclearErrors.length],
    ["leaked secrets", report.leakedSecrets.length],
    ["provider host alive", report.hostAlive ? "yes" : "no"],
    ["wall time", `${(report.wallMs / 1000).toFixed(1)} s`],
  ];
  const errors =
    distinct.length > 0 ? `\n\nerrors surfaced (distinct first lines):\n  ${distinct.join("\n  ")}` : "";
  return { text: `${rowsTable(rows)}${errors}`, violations: report.violations };
}

/** Label/value rows as the report prints them. */
function rowsTable(rows: [string, string | number][]): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join("\n");
}

const faultsText = (faults: Record<string, number>) =>
  Object.entries(faults)
    .map(([kind, count]) => `${kind}: ${count}`)
    .join(", ") || "none";

function createRoundsTable(report: CreateRoundsReport): { text: string; violations: string[] } {
  const text = rowsTable([
    ["rounds", report.rounds],
    ["creates (concurrent per round)", `${report.creates} (${report.creates / Math.max(1, report.rounds)})`],
    ["faults injected", faultsText(report.faults)],
    ["failed creates", report.failedCreates.length],
    ["duplicates", report.duplicates.length],
    ["orphans", report.orphans.length],
    ["wall time", `${(report.wallMs / 1000).toFixed(1)} s`],
  ]);
  return { text, violations: report.violations };
}

function hostileTable(report: HostileReport, pages: PageReading[]): { text: string; violations: string[] } {
  const errorPages = errorPageRows(pages);
  const text = rowsTable([
    ["loggers (N)", report.n],
    ["faults injected", faultsText(report.faults)],
    ...report.phases.map((phase): [string, string] => [
      phase.name,
      `${phase.converged ? "converged" : "NOT converged"} in ${phase.rounds} run(s), ${phase.errors} error(s) on the way`,
    ]),
    ["duplicates", report.duplicates.length],
    ["orphans", report.orphans.length],
    ["longest piece of a secret shown", `${report.longestSecretPiece} characters (a leak is 8 or more)`],
    ["leaked secret bytes", report.leakedSecretBytes],
    ...errorPages.rows,
    ["wall time", `${(report.wallMs / 1000).toFixed(1)} s`],
  ]);
  return { text, violations: [...report.violations, ...errorPages.violations] };
}

function finish(io: Io, result: { text: string; violations: string[] }): number {
  io.out(result.text);
  if (result.violations.length > 0) {
    io.out(`\nVIOLATIONS:\n  ${result.violations.join("\n  ")}`);
    return 1;
  }
  io.out("\nno violations");
  return 0;
}

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const CONSOLE: Io = { out: (line) => console.log(line), err: (line) => console.error(line) };

/** The soak's command line; resolves with the exit code: 0 clean, 1 violations, 2 a bad command line. */
export async function main(args: string[], io: Io = CONSOLE): Promise<number> {
  let parsed: ReturnType<typeof parseSoakArgs>;
  try {
    parsed = parseSoakArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`soak: ${error.message}`);
    return 2;
  }
  if (parsed.help) {
    io.out(USAGE);
    return 0;
  }
  const { options } = parsed;
  if (options.hostile) {
    const report = await runHostile({ ...options, log: io.err });
    return finish(io, hostileTable(report, readErrorPages()));
  }
  if (options.createRounds > 0) {
    const rounds = {
      ...options,
      rounds: options.createRounds,
      lostPerRound: options.lostCreates,
      log: io.err,
    };
    return finish(io, createRoundsTable(await runCreateRounds(rounds)));
  }
  if (options.proof) {
    const results = [];
    for (const run of PROOF_RUNS) {
      io.out(`\n${run.name} (${run.foreignLoggers} loggers of someone else in the tenant)`);
      const result = table(await runSoak({ ...options, ...run, log: io.err }));
      io.out(result.text);
      results.push(...result.violations.map((violation) => `${run.name}: ${violation}`));
    }
    return finish(io, { text: "", violations: results });
  }
  return finish(io, table(await runSoak({ ...options, log: io.err })));
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
