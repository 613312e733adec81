import { type BenchResult, formatReport, rows } from "../../bench/report";
import { runBench } from "../../bench/run";

// Small and fast: 16 loggers, all at once, short activation, no added latency, no npm pack install.
const OPTIONS = { n: 16, activationMs: 100, latencyMs: 0, parallelism: 16, pack: false };

let result: BenchResult;
let report: string;
beforeAll(async () => {
  result = await runBench(OPTIONS);
  report = formatReport(result);
}, 60_000);

const perLogger = (calls: number) => calls / OPTIONS.n;

describe("npm run bench", () => {
  it("prints the run parameters and a row for every figure", () => {
    expect(report).toContain("N=16 loggers, activation 100 ms, 0 ms per request, parallelism 16");
    for (const row of rows(result)) expect(report).toContain(`| ${row.metric} `);
  });

  it("measures every figure of our provider except the skipped npm pack install", () => {
    const unmeasured = rows(result)
      .filter((row) => row.ours === undefined || Number.isNaN(row.ours))
      .map((row) => row.metric);
    expect(unmeasured).toEqual(["__provider bytes per resource (npm pack)"]);
    expect(report).toContain("npm pack install skipped (--no-pack)");
  });

  it("times every create of both approaches", () => {
    expect(result.ours.createMs).toHaveLength(OPTIONS.n);
    expect(result.textbook.createMs).toHaveLength(OPTIONS.n);
  });

  it("creates a logger with at most 5 API calls", () => {
    expect(perLogger(result.ours.create.apiCalls)).toBeLessThanOrEqual(5);
  });

  it("refreshes with at most 0.25 API calls per resource", () => {
    expect(perLogger(result.ours.refresh.apiCalls)).toBeLessThanOrEqual(0.25);
  });

  it("issues one token for the whole run", () => {
    const { create, refresh, delete: deleted } = result.ours;
    expect(create.tokens + refresh.tokens + deleted.tokens).toBe(1);
  });

  it("keeps the serialized provider under 4 KB per resource", () => {
    expect(result.providerBytes.repo).toBeLessThanOrEqual(4096);
  });

  it("shows the textbook baseline paying a token and a GET per refreshed resource", () => {
    expect(result.textbook.refresh).toMatchObject({ apiCalls: OPTIONS.n, tokens: OPTIONS.n });
  });
});
