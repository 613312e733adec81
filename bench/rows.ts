import { AGENT_CONNECTIONS } from "../provider/common/http";
import { FILTER_MODES } from "../test/support/readings";
import { type FilterMode, type Phase, percentile, type RunFigures } from "./figures";
import type { BenchOptions } from "./options";
import { type TargetSet, targetsFor } from "./targets";

export interface BenchResult {
  options: BenchOptions;
  /** The least a create can take: activation plus one round trip. */
  floorMs: number;
  ours: RunFigures;
  textbook: RunFigures;
  /** The same loggers through the provider plugin over gRPC (issue 23), when measured. */
  plugin?: RunFigures;
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

const phases = (run: RunFigures) => [run.create, run.refresh, run.delete];
const sum = (run: RunFigures, figure: (phase: Phase) => number): number =>
  phases(run).reduce((total, phase) => total + figure(phase), 0);
const atMost = (limit: number | undefined) =>
  limit === undefined ? {} : { limit, target: limit === 0 || limit === 1 ? String(limit) : `≤ ${limit}` };

/** Each reading's refresh, ours; the textbook's one refresh stands for every reading (a GET takes no filter). */
function readingRefreshes(ours: RunFigures): [FilterMode, Phase][] {
  return FILTER_MODES.flatMap((mode) => {
    const phase = ours.refreshByReading?.[mode];
    return phase ? [[mode, phase] as [FilterMode, Phase]] : [];
  });
}

function createRows(result: BenchResult, set: TargetSet): Row[] {
  const { ours, textbook, floorMs, options } = result;
  const p = (run: RunFigures, at: number) => percentile(run.createMs, at);
  return [
    { metric: "create latency p50 (ms)", ours: p(ours, 50), textbook: p(textbook, 50), digits: 0 },
    { metric: "create latency p95 (ms)", ours: p(ours, 95), textbook: p(textbook, 95), digits: 0 },
    {
      metric: `create p50 ÷ floor (${floorMs} ms)`,
      ours: p(ours, 50) / floorMs,
      textbook: p(textbook, 50) / floorMs,
      ...atMost(set.createP50OverFloor),
      digits: 2,
    },
    ...(ours.stepMs && ours.stepMs.length > 0
      ? [
          {
            metric: "create step p50 ÷ floor, check to answer (as a user's clock sees it)",
            ours: percentile(ours.stepMs, 50) / floorMs,
            textbook: p(textbook, 50) / floorMs,
            ...atMost(set.createP50OverFloor),
            digits: 2,
          },
        ]
      : []),
    {
      metric: `create p95 ÷ floor (${floorMs} ms)`,
      ours: p(ours, 95) / floorMs,
      textbook: p(textbook, 95) / floorMs,
      digits: 2,
    },
    {
      metric: "failed creates",
      ours: ours.failedCreates,
      textbook: textbook.failedCreates,
      ...atMost(set.failedCreates),
      digits: 0,
    },
    {
      metric: "API calls per create",
      ours: ours.create.apiCalls / options.n,
      textbook: textbook.create.apiCalls / options.n,
      ...atMost(set.callsPerCreate),
      digits: 2,
    },
  ];
}

function refreshRows(result: BenchResult, set: TargetSet): Row[] {
  const { ours, textbook } = result;
  const perLogger = (phase: Phase, run: RunFigures) => phase.apiCalls / run.refreshed;
  const readings = readingRefreshes(ours);
  const worst = readings.reduce<[FilterMode, Phase] | undefined>(
    (most, reading) => (most === undefined || reading[1].apiCalls > most[1].apiCalls ? reading : most),
    undefined,
  );
  return [
    ...readings.map(([mode, phase]) => ({
      metric: `refresh calls per logger, filters read as "${mode}"`,
      ours: perLogger(phase, ours),
      textbook: perLogger(textbook.refresh, textbook),
      ...atMost(set.refreshCallsPerLogger),
      digits: 3,
    })),
    {
      metric: `refresh calls, worst reading${worst ? ` ("${worst[0]}")` : ""}`,
      ours: worst?.[1].apiCalls,
      textbook: textbook.refresh.apiCalls,
      ...atMost(set.worstReadingCalls),
      digits: 0,
    },
    {
      metric: "API calls per delete",
      ours: ours.delete.apiCalls / result.options.n,
      textbook: textbook.delete.apiCalls / result.options.n,
      digits: 2,
    },
  ];
}

function trafficRows(result: BenchResult, set: TargetSet): Row[] {
  const { ours, textbook, options } = result;
  const refreshes = readingRefreshes(ours).map(([, phase]) => phase);
  // Each `pulumi` command is a process of its own: ours ran up and destroy in one, each refresh in another.
  const oursTokens = Math.max(
    ours.create.tokens + ours.delete.tokens,
    ...refreshes.map((phase) => phase.tokens),
  );
  const throttled = (phase: Phase) => phase.throttled;
  return [
    {
      metric: "tokens issued per provider process (most)",
      ours: oursTokens,
      textbook: sum(textbook, (phase) => phase.tokens),
      ...atMost(set.tokensPerProcess),
      digits: 0,
    },
    {
      metric: "HTTP requests, API + identity (up, refresh, destroy)",
      ours: sum(ours, (phase) => phase.apiCalls + phase.tokens),
      textbook: sum(textbook, (phase) => phase.apiCalls + phase.tokens),
      digits: 0,
    },
    {
      metric: "TCP connections opened (up, refresh, destroy)",
      ours: sum(ours, (phase) => phase.connectionsOpened),
      textbook: sum(textbook, (phase) => phase.connectionsOpened),
      digits: 0,
    },
    {
      metric: `peak open connections (per-host cap ${AGENT_CONNECTIONS})`,
      ours: Math.max(...phases(ours).map((phase) => phase.peakConnections)),
      textbook: Math.max(...phases(textbook).map((phase) => phase.peakConnections)),
      ...atMost(AGENT_CONNECTIONS),
      digits: 0,
    },
    {
      metric: `peak NHN calls in flight (gateway cap: ${options.maxInFlight ?? "none"})`,
      ours: ours.peakInFlight,
      digits: 0,
    },
    {
      metric: "429 answers: up",
      ours: ours.create.throttled,
      textbook: textbook.create.throttled,
      digits: 0,
    },
    {
      metric: "429 answers: refresh (every reading)",
      ours: refreshes.reduce((total, phase) => total + throttled(phase), 0),
      textbook: textbook.refresh.throttled,
      digits: 0,
    },
    {
      metric: "429 answers: destroy",
      ours: ours.delete.throttled,
      textbook: textbook.delete.throttled,
      digits: 0,
    },
  ];
}

function footprintRows(result: BenchResult): Row[] {
  const { ours, textbook } = result;
  return [
    {
      metric: "__provider bytes per resource (repo)",
      ours: result.providerBytes.repo,
      ...atMost(4096),
      digits: 0,
    },
    {
      metric: "__provider bytes per resource (npm pack)",
      ours: result.providerBytes.packed,
      ...atMost(4096),
      digits: 0,
    },
    { metric: "provider host peak memory, up + destroy (MB)", ours: ours.peakMemoryMb, digits: 1 },
    { metric: "provider host peak memory, refresh (MB, most)", ours: ours.refreshPeakMemoryMb, digits: 1 },
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

/** The figures the issues ask for, with the targets of the set that applies to this run (see targets.ts). */
export function rows(result: BenchResult): Row[] {
  const set = targetsFor(result.options);
  return [
    ...createRows(result, set),
    ...refreshRows(result, set),
    ...trafficRows(result, set),
    ...footprintRows(result),
  ];
}

/** Rows whose target ours misses (a row without a measurement, e.g. npm pack skipped, is not a miss). */
export function missedTargets(result: BenchResult): Row[] {
  return rows(result).filter(
    (row) => row.limit !== undefined && row.ours !== undefined && row.ours > row.limit,
  );
}
