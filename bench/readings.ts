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

/** A provider host that has not run anything yet, behind a connection-counting proxy of its own. */
interface FreshHost {
  host: ProviderHost;
  meters: Meters;
}

async function startFresh(meters: Meters): Promise<FreshHost> {
  const proxy = await startCountingProxy(meters.emulator.url);
  try {
    const host = await ProviderHost.start();
    await host.configure(stackConfig(proxy.url));
    return { host, meters: { emulator: meters.emulator, proxy } };
  } catch (error) {
    await proxy.close();
    throw error;
  }
}

async function stop({ host, meters }: FreshHost): Promise<void> {
  await host.close();
  await meters.proxy.close();
}

/**
 * `pulumi refresh` of the stack under each reading of repeated filters (`?id=a&id=b`), each from a fresh
 * provider host: the provider learns the API's reading and keeps it for the life of its process, so each
 * refresh starts unlearnt, as a real API's first refresh does (every `pulumi refresh` is a new process).
 * The hosts start together before the first refresh (a host takes seconds to start on a busy machine) but
 * run nothing until their refresh, one at a time. Each talks through a proxy of its own, so that
 * connections are counted per process. Leaves the stack's state and the emulator's readings as they were.
 */
export async function refreshUnderEveryReading(
  meters: Meters,
  stack: Stack,
  parallelism: number,
): Promise<Refreshes> {
  const documentReading = meters.emulator.control.readings().filterMode;
  const started = await Promise.allSettled(FILTER_MODES.map(() => startFresh(meters)));
  const hosts = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const byReading = {} as Record<FilterMode, Phase>;
  let peak: number | undefined;
  try {
    const failed = started.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    for (const [index, filterMode] of FILTER_MODES.entries()) {
      const { host, meters: own } = hosts[index];
      meters.emulator.control.setReadings({ filterMode });
      const fresh = new Stack(host, parallelism);
      for (const [urn, entry] of stack.state) fresh.state.set(urn, structuredClone(entry));
      try {
        byReading[filterMode] = await measurePhase(own, () => refreshUnchanged(fresh, filterMode));
      } catch (error) {
        if (host.stderr) process.stderr.write(host.stderr);
        throw error;
      }
      const memory = peakMemoryMb(host.pid);
      if (memory !== undefined) peak = Math.max(peak ?? 0, memory);
    }
  } finally {
    meters.emulator.control.setReadings({ filterMode: documentReading });
    await Promise.all(hosts.map(stop));
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
