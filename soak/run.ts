/**
 * `npm run soak [-- --n 40 --seed 20260 --rate 0.25 …]` (`-- --help` lists every flag): the fault soak with
 * a printed report; exits 1 on any violation, 2 on a bad command line.
 */
import { parseSoakArgs, USAGE, UsageError } from "./options";
import { runSoak, type SoakReport } from "./scenario";

function table(report: SoakReport): string {
  const faults = Object.entries(report.faults)
    .map(([kind, count]) => `${kind}: ${count}`)
    .join(", ");
  const rows: [string, string | number][] = [
    ["loggers (N)", report.n],
    ["API requests", report.requests],
    ["faults injected", faults || "none"],
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
    ["stack/emulator mismatches", report.mismatches.length],
    ["stale-token repeats", report.staleTokenRepeats],
    ["longest fault streak per operation", report.longestFaultStreak],
    ["unclear errors", report.unclearErrors.length],
    ["leaked secrets", report.leakedSecrets.length],
    ["provider host alive", report.hostAlive ? "yes" : "no"],
    ["wall time", `${(report.wallMs / 1000).toFixed(1)} s`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join("\n");
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
  const report = await runSoak({ ...parsed.options, log: io.err });
  io.out(table(report));
  const distinct = [...new Set(report.errors.map((message) => message.split("\n")[0]))];
  if (distinct.length > 0) io.out(`\nerrors surfaced (distinct first lines):\n  ${distinct.join("\n  ")}`);
  if (report.violations.length > 0) {
    io.out(`\nVIOLATIONS:\n  ${report.violations.join("\n  ")}`);
    return 1;
  }
  io.out("\nno violations");
  return 0;
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
