import type { Phase, RunFigures } from "../../bench/figures";
import { type BenchOptions, DEFAULT_OPTIONS } from "../../bench/options";
import { formatReport } from "../../bench/report";
import { type BenchResult, missedTargets, rows } from "../../bench/rows";
import { FILTER_MODES } from "../support/readings";

const phase = (figures: Partial<Phase> = {}): Phase => ({
  wallMs: 1000,
  apiCalls: 0,
  tokens: 0,
  throttled: 0,
  connectionsOpened: 1,
  peakConnections: 1,
  ...figures,
});

/** A run of `n` loggers with made-up figures: every create at `createMs`, each refresh at `refreshCalls`. */
function run(
  n: number,
  createMs: number,
  refreshCalls: number,
  figures: Partial<RunFigures> = {},
): RunFigures {
  return {
    createMs: Array.from({ length: n }, () => createMs),
    failedCreates: 0,
    create: phase({ apiCalls: 2 * n, tokens: 1 }),
    refresh: phase({ apiCalls: refreshCalls }),
    refreshed: n,
    delete: phase({ apiCalls: 2 * n }),
    ...figures,
  };
}

function bench(options: Partial<BenchOptions>, ours: Partial<RunFigures> = {}): BenchResult {
  const all = { ...DEFAULT_OPTIONS, pack: false, ...options };
  const byReading = Object.fromEntries(FILTER_MODES.map((mode) => [mode, phase({ apiCalls: 2, tokens: 1 })]));
  return {
    options: all,
    floorMs: 1525,
    ours: run(all.n, 1600, 2, { refreshByReading: byReading, peakMemoryMb: 180, ...ours }),
    textbook: run(all.n, 2100, all.n, { create: phase({ apiCalls: 2 * all.n, tokens: 4 * all.n }) }),
    providerBytes: { repo: 2500 },
  };
}

const row = (result: BenchResult, metric: string) => rows(result).find((r) => r.metric.startsWith(metric));

describe("bench report", () => {
  it.each([
    ["N=40", { n: 40 }, { p50: "≤ 1.1", perLogger: "≤ 0.1", worst: "≤ 4", tokens: "1", failed: undefined }],
    [
      "N=300",
      { n: 300 },
      { p50: "≤ 1.3", perLogger: "≤ 0.05", worst: "≤ 15", tokens: undefined, failed: "0" },
    ],
    [
      "N=300",
      { n: 1000 },
      { p50: "≤ 1.3", perLogger: "≤ 0.05", worst: "≤ 15", tokens: undefined, failed: "0" },
    ],
  ])("applies the %s targets to a run of %o", (set, options, targets) => {
    const result = bench(options);
    expect(formatReport(result)).toContain(`targets: the ${set} set`);
    expect({
      p50: row(result, "create p50 ÷ floor")?.target,
      perLogger: row(result, 'refresh calls per logger, filters read as "and"')?.target,
      worst: row(result, "refresh calls, worst reading")?.target,
      tokens: row(result, "tokens issued per provider process")?.target,
      failed: row(result, "failed creates")?.target,
    }).toEqual(targets);
    expect(row(result, "API calls per create")?.target).toBe("≤ 3");
  });

  it.each([
    ["the defaults", {}, "this run has the parameters they are stated for"],
    ["the N=300 parameters", { n: 300, parallelism: 50, maxInFlight: 24 }, "this run has the parameters"],
    [
      "300 loggers at the default parallelism",
      { n: 300 },
      "stated for other parameters: --parallelism 10 (stated 50), --max-in-flight no cap (stated 24)",
    ],
  ])("says whether %s are those the targets are stated for", (_case, options, line) => {
    expect(formatReport(bench(options))).toContain(line);
  });

  it("reports the worst reading's whole refresh by name, against its target", () => {
    const result = bench({});
    result.ours.refreshByReading = {
      ...result.ours.refreshByReading,
      first: phase({ apiCalls: 5, tokens: 1 }),
    };
    expect(formatReport(result)).toMatch(
      /\| refresh calls, worst reading \("first"\) +\| +5 \| +40 \| .* \| +≤ 4 \| +MISSED \|/,
    );
    expect(missedTargets(result).map((r) => r.metric)).toEqual([
      'refresh calls per logger, filters read as "first"',
      'refresh calls, worst reading ("first")',
    ]);
  });

  it("counts tokens per provider process: up and destroy share one, each refresh has its own", () => {
    const result = bench({});
    expect(row(result, "tokens issued per provider process")).toMatchObject({ ours: 1, textbook: 160 });
    result.ours.delete.tokens = 1;
    expect(row(result, "tokens issued per provider process")?.ours).toBe(2);
  });

  it.each([
    ["a cap the shared agent's 16 connections cannot reach", 24, true],
    ["a cap below them", 8, false],
  ])("says when 429s cannot happen: %s", (_case, maxInFlight, said) => {
    const line = `neither can reach a gateway cap of ${maxInFlight}`;
    expect(formatReport(bench({ maxInFlight })).includes(line)).toBe(said);
  });

  it("names the first failed create of each approach and counts them", () => {
    const result = bench(
      { n: 300, parallelism: 50, maxInFlight: 24 },
      { failedCreates: 2, firstFailure: "HTTP 429" },
    );
    expect(formatReport(result)).toContain("ours: 2 create(s) failed, the first with: HTTP 429");
    expect(missedTargets(result).map((r) => r.metric)).toEqual(["failed creates"]);
  });
});
