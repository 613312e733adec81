import { resolveNhnSettings } from "../provider/nhncloud/config";
import { type Meters, measurePhase, pool, type RunFigures, timed } from "./figures";
import type { BenchOptions } from "./options";
import { textbookProvider } from "./textbook-provider";
import { type LoggerSpec, STORAGE_URL } from "./workload";

/** The same create, refresh and delete of N loggers with the textbook provider, in this process. */
export async function runTextbook(
  meters: Meters,
  config: Record<string, string>,
  specs: LoggerSpec[],
  options: BenchOptions,
): Promise<RunFigures> {
  const provider = textbookProvider(resolveNhnSettings((key) => config[key], {}));
  const ids: string[] = [];
  const createMs: number[] = [];
  const create = await measurePhase(meters, () =>
    pool(specs, options.parallelism, async (spec) => {
      const result = await timed(createMs, () =>
        provider.create({ name: spec.name, resourceId: spec.resourceId, storageUrl: STORAGE_URL }),
      );
      ids.push(result.id);
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
  return { createMs, create, refresh, delete: deleted };
}
