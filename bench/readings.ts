import { ProviderHost } from "../test/support/host";
import { FILTER_MODES } from "../test/support/readings";
import { Stack } from "../test/support/stack";
import { type FilterMode, type Meters, measurePhase, type Phase, peakMemoryMb } from "./figures";
import { startCountingProxy } from "./proxy";
import { stackConfig } from "./workload";

export interface Refreshes {
  /** A refresh of the whole stack under each reading of repeated list filters. */
  byReading: Record<FilterMode, Phase>;
  /** The reading the emulator had before (the run's own): its refresh stands for "the" refresh. */
  documentReading: FilterMode;
  /** Most peak resident memory among the refresh hosts, in MB. */
  peakMemoryMb?: number;
}

/**
 * `pulumi refresh` of the stack under each reading of repeated filters (`?id=a&id=b`), each from a fresh
 * provider host: the provider learns the API's reading and keeps it for the life of its process, so each
 * refresh starts unlearnt, as a real API's first refresh does (every `pulumi refresh` is a new process).
 * Each host talks through a proxy of its own, so that connections are counted per process. Leaves the
 * stack's state and the emulator's readings as they were.
 */
export async function refreshUnderEveryReading(
  meters: Meters,
  stack: Stack,
  parallelism: number,
): Promise<Refreshes> {
  const documentReading = meters.emulator.control.readings().filterMode;
  const byReading = {} as Record<FilterMode, Phase>;
  let peak: number | undefined;
  try {
    for (const filterMode of FILTER_MODES) {
      meters.emulator.control.setReadings({ filterMode });
      const proxy = await startCountingProxy(meters.emulator.url);
      const host = await ProviderHost.start();
      try {
        await host.configure(stackConfig(proxy.url));
        const fresh = new Stack(host, parallelism);
        for (const [urn, entry] of stack.state) fresh.state.set(urn, structuredClone(entry));
        const own = { emulator: meters.emulator, proxy };
        byReading[filterMode] = await measurePhase(own, () => refreshUnchanged(fresh, filterMode));
        const memory = peakMemoryMb(host.pid);
        if (memory !== undefined) peak = Math.max(peak ?? 0, memory);
      } catch (error) {
        if (host.stderr) process.stderr.write(host.stderr);
        throw error;
      } finally {
        await host.close();
        await proxy.close();
      }
    }
  } finally {
    meters.emulator.control.setReadings({ filterMode: documentReading });
  }
  return { byReading, documentReading, ...(peak === undefined ? {} : { peakMemoryMb: peak }) };
}

/**
 * Nothing changed since the up: a refresh that loses or changes a logger whose create succeeded is a
 * provider bug, not a figure (one whose create failed may well have settled since).
 */
async function refreshUnchanged(stack: Stack, filterMode: FilterMode): Promise<void> {
  const failed = new Set(
    [...stack.state.values()].filter((entry) => entry.initErrors).map((entry) => entry.urn),
  );
  const { changed, deleted } = await stack.refresh();
  const lost = deleted.filter((urn) => !failed.has(urn));
  const drifted = changed.filter((urn) => !failed.has(urn));
  const under = `refresh with repeated filters read as "${filterMode}"`;
  if (lost.length > 0) throw new Error(`${under} lost ${lost.length} logger(s), e.g. ${lost[0]}`);
  if (drifted.length > 0)
    throw new Error(`${under} changed ${drifted.length} unchanged logger(s), e.g. ${drifted[0]}`);
}
