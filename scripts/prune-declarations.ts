import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createCompilerHost, createProgram, Extension } from "typescript";

/**
 * `npm run build`, after tsc: deletes every `.d.ts` under dist/ that the package's public entry points do
 * not reach, so the package ships the declarations of its public surface and not those of every module.
 * The JavaScript stays whole: state written by earlier releases `require`s provider modules by path.
 */

interface Manifest {
  types?: string;
  exports?: Record<string, string | Record<string, string>>;
}

/** The declaration files a user's compiler starts from: `types`, and the `types` of each of `exports`. */
export function declarationEntries(root: string): string[] {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Manifest;
  const conditions = Object.values(manifest.exports ?? {}).filter((target) => typeof target === "object");
  const entries = [manifest.types, ...conditions.map((target) => target.types)];
  return [...new Set(entries.filter((entry) => entry !== undefined).map((entry) => resolve(root, entry)))];
}

/** The `.d.ts` a relative specifier names: `./x` is `./x.d.ts` or `./x/index.d.ts`. */
function declarationOf(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ""));
  const found = [`${base}.d.ts`, join(base, "index.d.ts")].find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`${from} imports "${specifier}", which names no declaration file`);
  return found;
}

/**
 * Every declaration file the entries reach, as the compiler reads them (`import`, `export … from`,
 * `import("…")` types, `/// <reference path>`), following relative specifiers only: packages (zod,
 * undici, @pulumi/pulumi, @types/node) are the user's node_modules' business.
 */
export function reachableDeclarations(entries: string[]): Set<string> {
  const host = createCompilerHost({});
  host.resolveModuleNameLiterals = (literals, containingFile) =>
    literals.map(({ text }) => ({
      resolvedModule: text.startsWith(".")
        ? { resolvedFileName: declarationOf(containingFile, text), extension: Extension.Dts }
        : undefined,
    }));
  host.resolveTypeReferenceDirectiveReferences = (references) =>
    references.map(() => ({ resolvedTypeReferenceDirective: undefined }));
  const program = createProgram({ rootNames: entries, options: { noLib: true, types: [] }, host });
  const missing = entries.filter((entry) => !program.getSourceFile(entry));
  if (missing.length > 0) throw new Error(`no such declaration file: ${missing.join(", ")}`);
  return new Set(program.getSourceFiles().map((file) => resolve(file.fileName)));
}

function declarationsUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".d.ts"))
    .map((file) => join(dir, file));
}

/** Deletes the `.d.ts` files under `dir` that `entries` do not reach; returns what it deleted. */
export function pruneDeclarations(dir: string, entries: string[]): string[] {
  const reached = reachableDeclarations(entries);
  const unreached = declarationsUnder(resolve(dir)).filter((file) => !reached.has(file));
  for (const file of unreached) rmSync(file);
  return unreached;
}

if (require.main === module) {
  const root = resolve(__dirname, "..");
  pruneDeclarations(join(root, "dist"), declarationEntries(root));
}
