import { nhncloud } from "../provider";
import { ProviderHost } from "../test/support/host";
import { type Registration, runProgram } from "../test/support/program";
import { Stack } from "../test/support/stack";
import { type Meters, measurePhase, peakMemoryMb, type RunFigures, timed } from "./figures";
import type { BenchOptions } from "./options";
import { refreshUnderEveryReading } from "./readings";
import { type LoggerSpec, STORAGE_URL } from "./workload";

/** The program: one FlowLogLogger per spec, registered through the SDK (so `__provider` is the real one). */
export async function register(specs: LoggerSpec[], config: Record<string, string>): Promise<Registration[]> {
  const { registrations } = await runProgram(
    () => {
      for (const spec of specs) {
        new nhncloud.FlowLogLogger(spec.name, { resourceId: spec.resourceId, storageUrl: STORAGE_URL });
      }
    },
    { config, project: "flowlog-bench", stack: "bench" },
  );
  return registrations;
}

/**
 * `pulumi up` and `pulumi destroy` of the loggers through the SDK's dynamic-provider host (the built dist/),
 * with the engine's step rules and parallelism; in between, `pulumi refresh` from a fresh host under every
 * reading of repeated filters (see readings.ts).
 */
export async function runOurs(
  meters: Meters,
  config: Record<string, string>,
  registrations: Registration[],
  options: BenchOptions,
): Promise<RunFigures> {
  const host = await ProviderHost.start();
  try {
    await host.configure(config);
    const createMs: number[] = [];
    const stepMs: number[] = [];
    const checkedAt = new Map<string, number>();
    const check = host.check.bind(host);
    host.check = (urn, olds, news) => {
      if (!checkedAt.has(urn)) checkedAt.set(urn, performance.now());
      return check(urn, olds, news);
    };
    const create = host.create.bind(host);
    host.create = async (urn, properties) => {
      try {
        return await timed(createMs, () => create(urn, properties));
      } finally {
        // As the engine sees the step: from its check to the create's answer (what a user's clock measures).
        const started = checkedAt.get(urn);
        if (started !== undefined) stepMs.push(performance.now() - started);
      }
    };
    const stack = new Stack(host, options.parallelism);

    let failures: { error: Error }[] = [];
    const created = await measurePhase(meters, async () => {
      ({ failures } = await stack.up(registrations));
    });
    const refreshed = stack.state.size;
    const refreshes = await refreshUnderEveryReading(meters, stack, options.parallelism);
    const deleted = await measurePhase(meters, () => stack.destroy());
    return {
      createMs,
      stepMs,
      failedCreates: failures.length,
      ...(failures.length > 0 ? { firstFailure: failures[0].error.message } : {}),
      create: created,
      refresh: refreshes.byReading[refreshes.documentReading],
      refreshed,
      refreshByReading: refreshes.byReading,
      delete: deleted,
      peakMemoryMb: peakMemoryMb(host.pid),
      refreshPeakMemoryMb: refreshes.peakMemoryMb,
      peakInFlight: meters.emulator.control.peakConcurrentRequests(),
    };
  } catch (error) {
    if (host.stderr) process.stderr.write(host.stderr);
    throw error;
  } finally {
    await host.close();
  }
}
