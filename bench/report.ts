import { AGENT_CONNECTIONS } from "../provider/common/http";
import { percentile, type RunFigures } from "./figures";
import { type BenchResult, missedTargets, type Row, rows } from "./rows";
import { departures, targetsFor } from "./targets";

export type { BenchResult, Row } from "./rows";

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

/** Which target set applies, and where this run's parameters differ from those it is stated for. */
function targetsLine(result: BenchResult): string {
  const set = targetsFor(result.options);
  const differs = departures(set, result.options);
  const stated =
    differs.length === 0
      ? "this run has the parameters they are stated for"
      : `stated for other parameters: ${differs.join(", ")}`;
  return `targets: the ${set.name} set (applies to ${set.appliesTo}); ${stated}`;
}

function notes(result: BenchResult): string[] {
  const { ours, textbook, options } = result;
  const lines = [
    `refresh: ours from a fresh provider host per reading of repeated filters (?id=a&id=b), ${options.parallelism} reads at a time; textbook: one GET per logger whatever the reading (a GET takes no filter), run once and shown in each reading's row`,
    "API calls: every NHN request the emulator received, those answered 429 included",
    "host peak memory (VmHWM): the N=300 run's up + destroy figure must be ≤ 1.3× the N=40 run's (compare two runs); the textbook runs inside the bench process, with the emulator, the proxy and the SDK's mocks, so no figure of its own",
  ];
  if (options.maxInFlight !== undefined && options.maxInFlight >= AGENT_CONNECTIONS) {
    lines.push(
      `429: both providers send through one keep-alive agent per process with at most ${AGENT_CONNECTIONS} connections per host, so neither can reach a gateway cap of ${options.maxInFlight}`,
    );
  }
  for (const [who, run] of [
    ["ours", ours],
    ["textbook", textbook],
  ] as const) {
    if (run.firstFailure)
      lines.push(`${who}: ${run.failedCreates} create(s) failed, the first with: ${run.firstFailure}`);
  }
  return lines;
}

export function formatReport(result: BenchResult): string {
  const { n, activationMs, latencyMs, parallelism, maxInFlight, pack } = result.options;
  const body = rows(result).map((row) => [
    row.metric,
    show(row.ours, row.digits),
    show(row.textbook, row.digits),
    ratio(row),
    row.target ?? "",
    ok(row),
  ]);
  const missed = missedTargets(result);
  const cap = maxInFlight === undefined ? "no gateway cap" : `gateway cap ${maxInFlight} NHN calls in flight`;
  const lines = [
    `pulumi-flowlog bench: N=${n} loggers, activation ${activationMs} ms, ${latencyMs} ms per request, parallelism ${parallelism}, ${cap}`,
    "ours: the built provider through the SDK's dynamic-provider host; textbook: fixed 2 s polling, one GET per read, a token per call",
    targetsLine(result),
    "",
    table(["metric", "ours", "textbook", "textbook ÷ ours", "target", "ok?"], body),
    "",
    ...notes(result),
  ];
  lines.push(...pluginLines(result));
  if (!pack) lines.push("npm pack install skipped (--no-pack)");
  lines.push(
    missed.length === 0 ? "all targets met" : `targets missed: ${missed.map((row) => row.metric).join(", ")}`,
  );
  return lines.join("\n");
}

/**
 * The plugin path beside the dynamic one: the same loggers through `pulumi-resource-flowlog` over gRPC,
 * check then create for each as the engine sends them (issue 23: at least as good as the dynamic path).
 */
function pluginLines(result: BenchResult): string[] {
  const { ours, plugin, floorMs, options } = result;
  if (!plugin) return [];
  const step = (run: RunFigures) => percentile(run.stepMs ?? run.createMs, 50) / floorMs;
  const rows: [string, number, number, number][] = [
    [
      "create p50 ÷ floor",
      percentile(ours.createMs, 50) / floorMs,
      percentile(plugin.createMs, 50) / floorMs,
      2,
    ],
    ["create step p50 ÷ floor, check to answer", step(ours), step(plugin), 2],
    ["API calls per create", ours.create.apiCalls / options.n, plugin.create.apiCalls / options.n, 2],
    [
      "refresh calls per logger",
      ours.refresh.apiCalls / ours.refreshed,
      plugin.refresh.apiCalls / plugin.refreshed,
      3,
    ],
    ["API calls per delete", ours.delete.apiCalls / options.n, plugin.delete.apiCalls / options.n, 2],
    ["failed creates", ours.failedCreates, plugin.failedCreates, 0],
  ];
  const body = rows.map(([metric, dynamic, viaPlugin, digits]) => [
    metric,
    dynamic.toFixed(digits),
    viaPlugin.toFixed(digits),
    viaPlugin <= dynamic * 1.02 ? "yes" : "NO",
  ]);
  return [
    "",
    "the provider plugin (pulumi-resource-flowlog over gRPC, check then create as the engine sends them):",
    table(["metric", "dynamic", "plugin", "plugin as good?"], body),
    "",
  ];
}
