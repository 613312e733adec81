import { type Phase, percentile, type RunFigures } from "./figures";
import type { BenchOptions } from "./options";

export interface BenchResult {
  options: BenchOptions;
  /** The least a create can take: activation plus one round trip. */
  floorMs: number;
  ours: RunFigures;
  textbook: RunFigures;
  /** `__provider` bytes per resource: registered from this checkout, and from an `npm pack` install. */
  providerBytes: { repo: number; packed?: number };
}

export interface Row {
  metric: string;
  ours?: number;
  textbook?: number;
  /** Ours must be at most this. */
  limit?: number;
  target?: string;
  digits: number;
}

const perResource = (calls: number, n: number): number => calls / n;
const phases = (run: RunFigures) => [run.create, run.refresh, run.delete];
const sum = (run: RunFigures, figure: (phase: Phase) => number): number =>
  phases(run).reduce((total, phase) => total + figure(phase), 0);

/** The figures the issue asks for, with their targets (at the default parameters). */
export function rows(result: BenchResult): Row[] {
  const { ours, textbook, floorMs, options } = result;
  const { n } = options;
  const p = (run: RunFigures, at: number) => percentile(run.createMs, at);
  return [
    { metric: "create latency p50 (ms)", ours: p(ours, 50), textbook: p(textbook, 50), digits: 0 },
    { metric: "create latency p95 (ms)", ours: p(ours, 95), textbook: p(textbook, 95), digits: 0 },
    {
      metric: `create p50 ÷ floor (${floorMs} ms)`,
      ours: p(ours, 50) / floorMs,
      textbook: p(textbook, 50) / floorMs,
      limit: 1.2,
      target: "≤ 1.2",
      digits: 2,
    },
    {
      metric: "API calls per create",
      ours: perResource(ours.create.apiCalls, n),
      textbook: perResource(textbook.create.apiCalls, n),
      limit: 5,
      target: "≤ 5",
      digits: 2,
    },
    {
      metric: "API calls per refreshed resource",
      ours: perResource(ours.refresh.apiCalls, n),
      textbook: perResource(textbook.refresh.apiCalls, n),
      limit: 0.25,
      target: "≤ 0.25",
      digits: 3,
    },
    {
      metric: "API calls per delete",
      ours: perResource(ours.delete.apiCalls, n),
      textbook: perResource(textbook.delete.apiCalls, n),
      digits: 2,
    },
    {
      metric: "tokens issued (whole run)",
      ours: sum(ours, (phase) => phase.tokens),
      textbook: sum(textbook, (phase) => phase.tokens),
      limit: 1,
      target: "1",
      digits: 0,
    },
    {
      metric: "HTTP requests, API + identity (whole run)",
      ours: sum(ours, (phase) => phase.apiCalls + phase.tokens),
      textbook: sum(textbook, (phase) => phase.apiCalls + phase.tokens),
      digits: 0,
    },
    {
      metric: "TCP connections opened (whole run)",
      ours: sum(ours, (phase) => phase.connectionsOpened),
      textbook: sum(textbook, (phase) => phase.connectionsOpened),
      digits: 0,
    },
    {
      metric: "peak open connections (per-host cap 16)",
      ours: Math.max(...phases(ours).map((phase) => phase.peakConnections)),
      textbook: Math.max(...phases(textbook).map((phase) => phase.peakConnections)),
      limit: 16,
      target: "≤ 16",
      digits: 0,
    },
    {
      metric: "429/5xx answers",
      ours: sum(ours, (phase) => phase.throttledOrFailed),
      textbook: sum(textbook, (phase) => phase.throttledOrFailed),
      digits: 0,
    },
    {
      metric: "__provider bytes per resource (repo)",
      ours: result.providerBytes.repo,
      limit: 4096,
      target: "≤ 4096",
      digits: 0,
    },
    {
      metric: "__provider bytes per resource (npm pack)",
      ours: result.providerBytes.packed,
      limit: 4096,
      target: "≤ 4096",
      digits: 0,
    },
    { metric: "provider host peak memory (MB)", ours: ours.peakMemoryMb, digits: 1 },
    {
      metric: "wall: up (s)",
      ours: ours.create.wallMs / 1000,
      textbook: textbook.create.wallMs / 1000,
      digits: 2,
    },
    {
      metric: "wall: refresh (s)",
      ours: ours.refresh.wallMs / 1000,
      textbook: textbook.refresh.wallMs / 1000,
      digits: 3,
    },
    {
      metric: "wall: destroy (s)",
      ours: ours.delete.wallMs / 1000,
      textbook: textbook.delete.wallMs / 1000,
      digits: 2,
    },
  ];
}

/** Rows whose target ours misses (a row without a measurement, e.g. npm pack skipped, is not a miss). */
export function missedTargets(result: BenchResult): Row[] {
  return rows(result).filter(
    (row) => row.limit !== undefined && row.ours !== undefined && row.ours > row.limit,
  );
}

const show = (value: number | undefined, digits: number): string =>
  value === undefined || Number.isNaN(value) ? "–" : value.toFixed(digits);

function ratio(row: Row): string {
  if (row.ours === undefined || row.textbook === undefined) return "–";
  if (row.ours === 0) return row.textbook === 0 ? "1×" : "∞";
  return `${(row.textbook / row.ours).toFixed(1)}×`;
}

function ok(row: Row): string {
  if (row.limit === undefined) return "";
  if (row.ours === undefined) return "skipped";
  return row.ours <= row.limit ? "ok" : "MISSED";
}

function table(header: string[], body: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((line) => line[column].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(" | ")} |`;
  const rule = `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`;
  return [line(header), rule, ...body.map(line)].join("\n");
}

export function formatReport(result: BenchResult): string {
  const { n, activationMs, latencyMs, parallelism, pack } = result.options;
  const body = rows(result).map((row) => [
    row.metric,
    show(row.ours, row.digits),
    show(row.textbook, row.digits),
    ratio(row),
    row.target ?? "",
    ok(row),
  ]);
  const missed = missedTargets(result);
  const lines = [
    `pulumi-flowlog bench: N=${n} loggers, activation ${activationMs} ms, ${latencyMs} ms per request, parallelism ${parallelism}`,
    "ours: the built provider through the SDK's dynamic-provider host; textbook: fixed 2 s polling, one GET per read, a token per call",
    "",
    table(["metric", "ours", "textbook", "textbook ÷ ours", "target", "ok?"], body),
    "",
  ];
  if (!pack) lines.push("npm pack install skipped (--no-pack)");
  lines.push(
    missed.length === 0 ? "all targets met" : `targets missed: ${missed.map((row) => row.metric).join(", ")}`,
  );
  return lines.join("\n");
}
