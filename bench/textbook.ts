import { messageOf } from "../provider/common/errors";
import { resolveNhnSettings } from "../provider/nhncloud/config";
import { type Meters, measurePhase, pool, type RunFigures, timed } from "./figures";
import type { BenchOptions } from "./options";
import { textbookProvider } from "./textbook-provider";
import { type LoggerSpec, STORAGE_URL } from "./workload";

/**
 * The same create, refresh and delete of N loggers with the textbook provider, in this process. A create that
 * throws is counted and the run goes on with the others. Its refresh runs once: a GET by id takes no filter,
 * so it costs the same under every reading of repeated filters.
 */
export async function runTextbook(
  meters: Meters,
  config: Record<string, string>,
  specs: LoggerSpec[],
  options: BenchOptions,
): Promise<RunFigures> {
  const provider = textbookProvider(resolveNhnSettings((key) => config[key], {}));
  const ids: string[] = [];
  const failures: unknown[] = [];
  const createMs: number[] = [];
  const create = await measurePhase(meters, () =>
    pool(specs, options.parallelism, async (spec) => {
      try {
        const result = await timed(createMs, () =>
          provider.create({ name: spec.name, resourceId: spec.resourceId, storageUrl: STORAGE_URL }),
        );
        ids.push(result.id);
      } catch (error) {
        failures.push(error);
      }
    }),
  );
  const refresh = await measurePhase(meters, () =>
    pool(ids, options.parallelism, async (id) => {
      const result = await provider.read!(id, {});
      if (result.id !== id) throw new Error(`textbook refresh lost logger ${id}`);
    }),
  );
  const deleted = await measurePhase(meters, () =>
    pool(ids, options.parallelism, (id) => provider.delete!(id, {})),
  );
  return {
    createMs,
    failedCreates: failures.length,
    ...(failures.length > 0 ? { firstFailure: messageOf(failures[0]) } : {}),
    create,
    refresh,
    refreshed: ids.length,
    delete: deleted,
  };
}
