import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { loggerTypes, withArgumentTable } from "./logger-docs";
import { pluginSchema } from "./plugin-schema";

/** The files `npm run generate` writes, relative to the repository root. */
export const GENERATED = {
  types: "provider/nhncloud/flowlog-logger/types.ts",
  readme: "README.md",
  schema: "provider/plugin/schema.json",
} as const;

const ROOT = join(__dirname, "..", "..");

/** TypeScript as the repository's formatter writes it, so that generated files pass `npm run lint` untouched. */
function formatted(path: string, text: string): string {
  const biome = join(ROOT, "node_modules", "@biomejs", "biome", "bin", "biome");
  return execFileSync(process.execPath, [biome, "format", `--stdin-file-path=${path}`], {
    cwd: ROOT,
    input: text,
    encoding: "utf8",
  });
}

/** Every generated file's expected text; `read` gives the current text of a file the generator edits in part. */
export function renderAll(read: (path: string) => string): Record<string, string> {
  return {
    [GENERATED.types]: formatted(GENERATED.types, loggerTypes()),
    [GENERATED.readme]: withArgumentTable(read(GENERATED.readme)),
    [GENERATED.schema]: formatted(GENERATED.schema, JSON.stringify(pluginSchema(), null, 2)),
  };
}
