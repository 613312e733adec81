import { formatReport } from "../../bench/report";
import { type BenchResult, rows } from "../../bench/rows";
import { runBench } from "../../bench/run";
import { FILTER_MODES } from "../support/readings";

// Small and fast: 16 loggers, all at once, short activation, no added latency, no npm pack install.
const OPTIONS = { n: 16, activationMs: 100, latencyMs: 0, parallelism: 16, pack: false };

let result: BenchResult;
let report: string;
beforeAll(async () => {
  result = await runBench(OPTIONS);
  report = formatReport(result);
}, 90_000);

const perLogger = (calls: number) => calls / OPTIONS.n;

describe("npm run bench", () => {
  it("prints the run parameters, the target set that applies, and a row for every figure", () => {
    expect(report).toContain(
      "N=16 loggers, activation 100 ms, 0 ms per request, parallelism 16, no gateway cap",
    );
    expect(report).toContain(
      "targets: the N=40 set (applies to N < 300); stated for other parameters: --n 16",
    );
    for (const row of rows(result)) expect(report).toContain(`| ${row.metric} `);
  });

  it("measures every figure of our provider except the skipped npm pack install", () => {
    const unmeasured = rows(result)
      .filter((row) => row.ours === undefined || Number.isNaN(row.ours))
      .map((row) => row.metric);
    expect(unmeasured).toEqual(["__provider bytes per resource (npm pack)"]);
    expect(report).toContain("npm pack install skipped (--no-pack)");
  });

  it("times every create of both approaches and counts none as failed", () => {
    expect(result.ours.createMs).toHaveLength(OPTIONS.n);
    expect(result.textbook.createMs).toHaveLength(OPTIONS.n);
    expect([result.ours.failedCreates, result.textbook.failedCreates]).toEqual([0, 0]);
  });

  it("refreshes ours under every reading of repeated filters, each from a fresh host with a token of its own", () => {
    const byReading = result.ours.refreshByReading ?? {};
    expect(Object.keys(byReading)).toEqual([...FILTER_MODES]);
    for (const phase of Object.values(byReading)) expect(phase.tokens).toBe(1);
    expect(result.ours.refresh).toBe(byReading.or);
    for (const mode of FILTER_MODES) {
      expect(report).toContain(`| refresh calls per logger, filters read as "${mode}" `);
    }
    expect(report).toMatch(/\| refresh calls, worst reading \("\w+"\) /);
  });

  it("counts 429 answers in every phase of both approaches", () => {
    for (const phase of ["up", "refresh (every reading)", "destroy"]) {
      expect(report).toMatch(
        new RegExp(`\\| 429 answers: ${phase.replace(/[()]/g, "\\$&")} +\\| +\\d+ \\| +\\d+ \\|`),
      );
    }
  });

  it("creates a logger with at most 5 API calls", () => {
    expect(perLogger(result.ours.create.apiCalls)).toBeLessThanOrEqual(5);
  });

  it("refreshes with at most 0.25 API calls per resource", () => {
    expect(perLogger(result.ours.refresh.apiCalls)).toBeLessThanOrEqual(0.25);
  });

  it("issues one token for up and destroy together", () => {
    expect(result.ours.create.tokens + result.ours.delete.tokens).toBe(1);
  });

  it("keeps the serialized provider under 4 KB per resource", () => {
    expect(result.providerBytes.repo).toBeLessThanOrEqual(4096);
  });

  it("shows the textbook baseline paying a token and a GET per refreshed resource", () => {
    expect(result.textbook.refresh).toMatchObject({ apiCalls: OPTIONS.n, tokens: OPTIONS.n });
  });
});
