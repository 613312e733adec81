import { runCreateRounds } from "../../soak/create-rounds";
import { type HostileReport, runHostile } from "../../soak/hostile";

// Bounded runs of `npm run soak -- --hostile` (issue 16) and `-- --create-rounds 50 --n 20` (issue 11).
describe("the hostile-server round with 6 loggers", () => {
  let report: HostileReport;
  beforeAll(async () => {
    report = await runHostile({ n: 6, seed: 16, activationMs: 50, maxRounds: 5 });
  }, 120_000);

  it("injects each kind of hostile answer: late backends, echoing pages, trickled bodies", () => {
    const kinds = Object.keys(report.faults).join(" ");
    expect(kinds).toMatch(/-after-late/);
    expect(kinds).toMatch(/echo/);
    expect(kinds).toMatch(/trickle/);
  });

  it("converges every phase, leaving no duplicate and no orphan", () => {
    expect(report.phases.filter((phase) => !phase.converged)).toEqual([]);
    expect(report.duplicates).toEqual([]);
    expect(report.orphans).toEqual([]);
  });

  it("shows no piece of the password or a token of 8 characters or more, anywhere", () => {
    expect(report.leakedSecretBytes).toBe(0);
    expect(report.violations).toEqual([]);
  });
});

describe("rounds of concurrent creates under faults and lost responses", () => {
  it("makes every create succeed in its own up, with no duplicate and no orphan", async () => {
    const report = await runCreateRounds({
      rounds: 2,
      n: 10,
      faultRate: 0.25,
      lostPerRound: 2,
      seed: 11,
      activationMs: 50,
    });
    expect(report.faults["lost-create"]).toBe(4);
    expect(report.failedCreates).toEqual([]);
    expect(report.duplicates).toEqual([]);
    expect(report.orphans).toEqual([]);
  }, 120_000);
});
