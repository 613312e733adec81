import { startPlugin } from "../provider/testing/plugin";
import { type Meters, measurePhase, pool, type RunFigures, timed } from "./figures";
import type { BenchOptions } from "./options";
import { type LoggerSpec, STORAGE_URL } from "./workload";

const LOGGER = "flowlog:nhncloud:FlowLogLogger";
const urnOf = (name: string) => `urn:pulumi:bench::flowlog-bench::${LOGGER}::${name}`;

/**
 * The same loggers through the provider plugin (`pulumi-resource-flowlog`, the built dist/), driven over gRPC
 * as the engine drives it: check then create for each, `parallelism` at a time; then a refresh (read) of all,
 * and a delete of all (issue 23: at least as good as the dynamic path).
 */
export async function runPlugin(
  meters: Meters,
  config: Record<string, string>,
  specs: LoggerSpec[],
  options: BenchOptions,
): Promise<RunFigures> {
  const plugin = await startPlugin();
  try {
    const nhncloud: Record<string, string> = {};
    for (const [key, value] of Object.entries(config))
      if (key.startsWith("nhncloud:")) nhncloud[key.slice("nhncloud:".length)] = value;
    await plugin.configure({ nhncloud: JSON.stringify(nhncloud) });
    const createMs: number[] = [];
    const stepMs: number[] = [];
    const made: { urn: string; id: string; properties: Record<string, unknown> }[] = [];
    let failedCreates = 0;
    let firstFailure: string | undefined;
    const create = await measurePhase(meters, () =>
      pool(specs, options.parallelism, async (spec) => {
        const urn = urnOf(spec.name);
        const started = performance.now();
        try {
          const checked = await plugin.check(urn, { resourceId: spec.resourceId, storageUrl: STORAGE_URL });
          const result = await timed(createMs, () => plugin.create(urn, checked.inputs));
          made.push({ urn, id: result.id, properties: result.properties });
        } catch (error) {
          failedCreates++;
          firstFailure ??= (error as Error).message;
        } finally {
          stepMs.push(performance.now() - started);
        }
      }),
    );
    const refresh = await measurePhase(meters, () =>
      pool(made, options.parallelism, async (entry) => {
        await plugin.read(entry.urn, entry.id, entry.properties);
      }),
    );
    const deleted = await measurePhase(meters, () =>
      pool(made, options.parallelism, (entry) => plugin.delete(entry.urn, entry.id, entry.properties)),
    );
    return {
      createMs,
      stepMs,
      failedCreates,
      ...(firstFailure === undefined ? {} : { firstFailure }),
      create,
      refresh,
      refreshed: made.length,
      delete: deleted,
    };
  } finally {
    await plugin.close();
  }
}
