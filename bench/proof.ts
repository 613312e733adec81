import { EMULATOR_TENANT, type Emulator, type Readings, startEmulator } from "../emulator";
import { nhncloud } from "../provider";
import { issueToken, nhn } from "../test/emulator/helpers";
import { ProviderHost } from "../test/support/host";
import { runProgram } from "../test/support/program";
import { Stack } from "../test/support/stack";
import { peakMemoryMb } from "./figures";
import { startCountingProxy } from "./proxy";
import { STORAGE_URL, stackConfig } from "./workload";

/**
 * Issue 20's measure: where lists are incomplete or huge, ten creates at once in a fresh process (three
 * losing their answer), a refresh of all ten, a console delete of one and a refresh, and a destroy. Prints
 * the calls and bytes each phase took, and what is left: duplicates, orphans, foreign loggers deleted.
 */
export const PROOF_SETUPS: [string, Partial<Readings>, number][] = [
  ["a silent cap of 20 (100 loggers)", { listCap: 20 }, 100],
  ["pages of 25 with links (100 loggers)", { pageSize: 25 }, 100],
  ["a silent cap of 20 that ignores marker (100)", { listCap: 20, paging: "ignore" }, 100],
  ["a tenant of 20,000 loggers", {}, 20_000],
  ["20,000 loggers, repeats AND-ed, pages of 25", { filterMode: "and", pageSize: 25 }, 20_000],
];

/** The emulator's latency for every request of the proof's phases. */
const LATENCY_MS = 25;

export interface ProofRow {
  setup: string;
  /** How long the emulator took to start, seeding included (a tenant of 20,000: its seeding's figure). */
  emulatorStartMs: number;
  /**
   * 150 look-ups straight at the emulator, with no added latency: ?id= and ?name= on the list of loggers and
   * ?logger_id= on the logging ports, for 50 of the tenant's loggers. From the store's indexes, about a
   * millisecond each, HTTP included, where a walk through 20,000 loggers takes hundreds.
   */
  lookupsMs: number;
  phases: { phase: string; calls: number; bytes: number; ms: number }[];
  duplicates: number;
  orphans: number;
  foreignDeleted: number;
  peakMemoryMb?: number;
}

export async function runProof(
  setup: string,
  readings: Partial<Readings>,
  seeded: number,
): Promise<ProofRow> {
  const starting = Date.now();
  const emulator = await startEmulator({
    port: 0,
    activationMs: 1500,
    latencyMs: LATENCY_MS,
    readings,
    seedLoggers: seeded,
  });
  const emulatorStartMs = Date.now() - starting;
  const lookupsMs = await timeLookups(emulator, LATENCY_MS);
  const proxy = await startCountingProxy(emulator.url);
  const host = await ProviderHost.start();
  try {
    const config = stackConfig(proxy.url);
    await host.configure(config);
    const stack = new Stack(host, 10);
    const foreign = new Set(emulator.control.loggers("KR1").map((logger) => logger.id));
    const ports = emulator.control
      .seed()
      .nhn.regions.KR1.vpcs.flatMap((vpc) =>
        vpc.subnets.flatMap((subnet) => subnet.ports.map((port) => port.id)),
      );
    const { registrations } = await runProgram(
      () => {
        for (let i = 0; i < 10; i++)
          new nhncloud.FlowLogLogger(`proof-${i}`, {
            resourceId: ports[i % ports.length],
            storageUrl: STORAGE_URL,
          });
      },
      { config, project: "flowlog-proof", stack: "proof" },
    );
    const phases: ProofRow["phases"] = [];
    const phase = async (name: string, work: () => Promise<unknown>) => {
      emulator.control.clearRequests();
      proxy.reset();
      const started = Date.now();
      await work();
      const calls = emulator.control.requests().filter((entry) => entry.api === "nhn").length;
      phases.push({ phase: name, calls, bytes: proxy.bytesIn, ms: Date.now() - started });
    };
    emulator.control.loseNextCreateResponses(3);
    await phase("10 creates (3 answers lost)", async () => {
      const { failures } = await stack.up(registrations);
      if (failures.length > 0) throw failures[0].error;
    });
    const ours = () => emulator.control.loggers("KR1").filter((logger) => !foreign.has(logger.id));
    const duplicates = ours().length - new Set(ours().map((logger) => logger.name)).size;
    await phase("refresh of 10", () => stack.refresh());
    const gone = [...stack.state.values()][4];
    emulator.control.deleteLogger("KR1", gone.id);
    await phase("refresh, 1 deleted in the console", () => stack.refresh());
    await phase("destroy of 9", () => stack.destroy());
    const left = emulator.control.loggers("KR1");
    return {
      setup,
      emulatorStartMs,
      lookupsMs,
      phases,
      duplicates,
      orphans: left.filter((logger) => !foreign.has(logger.id)).length,
      foreignDeleted: [...foreign].filter((id) => !left.some((logger) => logger.id === id)).length,
      peakMemoryMb: peakMemoryMb(host.pid),
    };
  } finally {
    await host.close();
    await proxy.close();
    await emulator.close();
  }
}

/** {@link ProofRow.lookupsMs}, with the emulator's latency set to none meanwhile and then to `latencyMs`. */
async function timeLookups(emulator: Emulator, latencyMs: number): Promise<number> {
  const api = nhn(emulator, await issueToken(emulator, EMULATOR_TENANT));
  const all = emulator.control.loggers("KR1");
  const picks = Array.from({ length: 50 }, (_, i) => all[(i * 397) % all.length]);
  emulator.control.setLatency(0);
  try {
    const started = performance.now();
    for (const logger of picks) {
      const answers = [
        await api.list(`?id=${logger.id}`),
        await api.list(`?name=${encodeURIComponent(logger.name)}`),
        await api.ports(`?logger_id=${logger.id}`),
      ];
      const failed = answers.find((answer) => answer.status !== 200);
      if (failed)
        throw new Error(`a look-up of logger ${logger.id} answered ${failed.status}: ${failed.text}`);
    }
    return performance.now() - started;
  } finally {
    emulator.control.setLatency(latencyMs);
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function formatProof(rows: ProofRow[]): string {
  const lines = [
    `Act only on proof (issue 20): calls and bytes per phase, ${LATENCY_MS} ms per request, 1.5 s activation`,
    "",
  ];
  for (const row of rows) {
    lines.push(
      `${row.setup}: duplicates ${row.duplicates}, orphans ${row.orphans}, foreign loggers deleted ${row.foreignDeleted}, host peak ${row.peakMemoryMb?.toFixed(0) ?? "?"} MB`,
    );
    lines.push(
      `  ${"emulator start, seeding included".padEnd(36)} ${"".padEnd(25)} ${(row.emulatorStartMs / 1000).toFixed(1)} s`,
    );
    lines.push(
      `  ${"150 look-ups by id, name, logger_id".padEnd(36)} ${"(emulator, no latency)".padEnd(25)} ${(row.lookupsMs / 1000).toFixed(1)} s`,
    );
    for (const p of row.phases)
      lines.push(
        `  ${p.phase.padEnd(36)} ${String(p.calls).padStart(4)} calls  ${kb(p.bytes).padStart(11)}  ${(p.ms / 1000).toFixed(1)} s`,
      );
  }
  return lines.join("\n");
}
