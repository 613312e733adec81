/**
 * `npm run soak [-- --n 40 --seed 20260 --rate 0.25 --lost 5 --activation-ms 100 --parallelism 10]`:
 * the fault soak with a printed report; exits 1 on any violation.
 */
import { parseArgs } from "node:util";
import { DEFAULT_SOAK, runSoak, type SoakReport } from "./scenario";

const FLAGS = {
  n: "n",
  seed: "seed",
  rate: "faultRate",
  lost: "lostCreates",
  "activation-ms": "activationMs",
  parallelism: "parallelism",
  rounds: "maxRounds",
  "time-bound-ms": "timeBoundMs",
} as const;

function options() {
  const { values } = parseArgs({
    options: Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, { type: "string" as const }])),
  });
  const overrides: Record<string, number> = {};
  for (const [flag, key] of Object.entries(FLAGS)) {
    const value = values[flag];
    if (value === undefined) continue;
    const number = Number(value);
    if (!Number.isFinite(number) || number < 0) throw new Error(`--${flag} must be a number, got "${value}"`);
    overrides[key] = number;
  }
  if (overrides.n === undefined) overrides.n = DEFAULT_SOAK.n;
  if (overrides.lostCreates === undefined) overrides.lostCreates = Math.max(1, Math.round(overrides.n / 8));
  return overrides;
}

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

async function main(): Promise<void> {
  const report = await runSoak({ ...options(), log: (line) => console.error(line) });
  console.log(table(report));
  const distinct = [...new Set(report.errors.map((message) => message.split("\n")[0]))];
  if (distinct.length > 0)
    console.log(`\nerrors surfaced (distinct first lines):\n  ${distinct.join("\n  ")}`);
  if (report.violations.length > 0) {
    console.log(`\nVIOLATIONS:\n  ${report.violations.join("\n  ")}`);
    process.exitCode = 1;
  } else {
    console.log("\nno violations");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
