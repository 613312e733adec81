import { DEFAULT_RETRY } from "../../provider/common/retry";
import { runSoak, type SoakReport } from "../../soak/scenario";

// The bounded soak (issue 8): `npm run soak` runs the same scenario with N = 40 and prints the figures.
let report: SoakReport;
beforeAll(async () => {
  report = await runSoak({ n: 12, activationMs: 50, lostCreates: 2, seed: 8 });
}, 120_000);

describe("12 loggers through the host under 25% faults, lost create responses and a revoked token", () => {
  it("injects every kind of fault: 429, 502, 503, dropped connections, lost creates and a revoked token", () => {
    expect(Object.keys(report.faults).sort()).toEqual(["429", "502", "503", "drop", "lost-create"]);
    expect(report.unauthorized).toBeGreaterThan(0);
  });

  it("brings every phase to the program's state, within the rounds a user would try", () => {
    expect(report.phases.map(({ name, converged }) => [name, converged])).toEqual([
      ["create", true],
      ["refresh", true],
      ["update", true],
      ["replace", true],
      ["destroy", true],
    ]);
    expect(report.mismatches).toEqual([]);
  });

  it("fails an operation only with an error that names it, never with a bare JavaScript crash", () => {
    expect(report.unclearErrors).toEqual([]);
  });

  it("leaves exactly the stack's loggers: no duplicate after each phase, no orphan after destroy", () => {
    expect(report.duplicates).toEqual([]);
    expect(report.orphans).toEqual([]);
  });

  it("finds the logger of every create whose response was lost instead of creating it again", () => {
    expect(report.lostCreatesRecovered).toBe(2);
  });

  it("renews the token after a 401 instead of re-sending the refused one", () => {
    expect(report.staleTokenRepeats).toBe(0);
    expect(report.tokensIssued).toBe(2);
  });

  it("gives up on an operation after the retry policy's attempts", () => {
    expect(report.longestFaultStreak).toBeLessThanOrEqual(DEFAULT_RETRY.maxAttempts);
  });

  it("keeps the password and every token out of errors, host output and stack state", () => {
    expect(report.leakedSecrets).toEqual([]);
  });

  it("keeps the provider host running and reports no violation", () => {
    expect(report.hostAlive).toBe(true);
    expect(report.violations).toEqual([]);
  });
});
