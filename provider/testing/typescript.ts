import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { ProjectError } from "./errors";
import type { Project } from "./project";

/** Where Pulumi's docs say how to run TypeScript 7 beside the compiler Pulumi needs (pulumi/pulumi#21518). */
export const TYPESCRIPT_7_DOCS =
  "https://www.pulumi.com/docs/iac/languages-sdks/javascript/#using-typescript-7";

/** The first `node_modules/typescript/package.json` that Node's resolution would reach from `dir`. */
function typescriptFrom(dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    if (basename(at) !== "node_modules") {
      const file = join(at, "node_modules", "typescript", "package.json");
      if (existsSync(file)) return file;
    }
    if (dirname(at) === at) return undefined;
  }
}

function versionOf(file: string): string | undefined {
  try {
    const { version } = JSON.parse(readFileSync(file, "utf8")) as { version?: unknown };
    return typeof version === "string" ? version : undefined;
  } catch {
    return undefined;
  }
}

/** The message for a project whose `typescript` (at `where`) is `version`, 7 or later. */
export function typescript7Message(projectDir: string, version: string, where: string): string {
  return [
    `${projectDir}: TypeScript ${version} (${where}) cannot run this program. @pulumi/pulumi uses the compiler API ` +
      "of the `typescript` it finds to run TypeScript through ts-node, and to serialize the provider of every " +
      "dynamic resource (each pulumi-flowlog resource, in JavaScript programs too). TypeScript 7 ships no such " +
      "API: the SDK would fail with \"TypeError: Cannot read properties of undefined (reading 'readFile')\" or " +
      "never finish (pulumi/pulumi#21518). Two ways out:",
    `  1. Keep TypeScript 7 for your own tsc and give Pulumi TypeScript 6 beside it, as Pulumi's docs describe (${TYPESCRIPT_7_DOCS}):`,
    "       npm install --save-dev '@typescript/native@npm:typescript@^7.0.2' 'typescript@npm:@typescript/typescript6@^6.0.2'",
    "     (`npx tsc` is then TypeScript 7; Pulumi finds TypeScript 6 as `typescript`), or go back to TypeScript 5 alone:",
    "       npm install --save-dev typescript@5",
    "  2. Compile ahead and run JavaScript, with TypeScript 7 only under another name (Pulumi then uses the TypeScript",
    "     it bundles): npm uninstall typescript && npm install --save-dev '@typescript/native@npm:typescript@^7.0.2'",
    '     Build with `npx tsc` (TypeScript 7 removed `moduleResolution: "node"`: set "module" and "moduleResolution" to',
    '     "nodenext", "outDir" to "bin"), and in Pulumi.yaml set `main: bin/index.js` and',
    "     `runtime: { name: nodejs, options: { typescript: false } }`: the JavaScript then runs without ts-node.",
  ].join("\n");
}

/**
 * Refuses, before the program runs, a project where `typescript` resolves (from the project's folder, or
 * from the SDK's, where the SDK looks for it) to TypeScript 7 or later, which the SDK cannot use.
 */
export function checkTypeScript(project: Project, sdkDir: string): void {
  for (const from of [project.dir, sdkDir]) {
    const file = typescriptFrom(from);
    const version = file && versionOf(file);
    const major = version ? Number.parseInt(version, 10) : Number.NaN;
    if (file && version && major >= 7) {
      throw new ProjectError(typescript7Message(project.dir, version, dirname(file)));
    }
  }
}
