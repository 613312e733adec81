import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { ProjectError } from "./errors";
import type { Sdk } from "./sdk";

export { ProjectError } from "./errors";

/** A Pulumi project folder: its `Pulumi.yaml` and what the Node.js language host reads from it. */
export interface Project {
  dir: string;
  name: string;
  /** The program: `main` resolved against `dir`, or `dir` itself (then package.json decides, as in Pulumi). */
  program: string;
  /** Whether `Pulumi.yaml` set `main`. */
  hasMain: boolean;
  /** `runtime.options.typescript` (default true): TypeScript through ts-node. */
  typescript: boolean;
  /** `runtime.options.tsconfig`. */
  tsconfig?: string;
  /** `runtime.options.nodeargs`, split as a shell would. */
  nodeargs: string[];
  /** Project-level config defaults (`config: { key: value | { default } }`), full keys. */
  defaults: Record<string, string>;
}

type Yaml = { load(text: string): unknown };
type Doc = Record<string, unknown>;

const isObject = (value: unknown): value is Doc =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A config value as the language host hands it to the program: strings as they are, anything else as JSON. */
export const configValue = (value: unknown): string =>
  typeof value === "string" ? value : JSON.stringify(value);

/** A full config key: one without a namespace takes the project's name, as in Pulumi. */
const fullKey = (key: string, project: string): string => (key.includes(":") ? key : `${project}:${key}`);

/** Config with full keys and the values the language host would hand over. */
export function namespaced(config: Record<string, unknown>, project: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [fullKey(key, project), configValue(value)]),
  );
}

/** Splits `nodeargs` as the language host does (shell words, quotes removed). */
export const shellWords = (text: string): string[] =>
  (text.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? []).map((word) =>
    word.replace(/"([^"]*)"|'([^']*)'/g, "$1$2"),
  );

function readYaml(sdk: Sdk, file: string): Doc {
  try {
    const doc = (sdk.dependency("js-yaml") as Yaml).load(readFileSync(file, "utf8"));
    return isObject(doc) ? doc : {};
  } catch (error) {
    throw new ProjectError(`${file}: ${(error as Error).message}`);
  }
}

/** Reads the project in `dir` (`Pulumi.yaml` or `Pulumi.yml`, runtime nodejs). */
export function loadProject(dir: string, sdk: Sdk): Project {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new ProjectError(`${root} is not a folder`);
  const file = ["Pulumi.yaml", "Pulumi.yml"].map((name) => join(root, name)).find((path) => existsSync(path));
  if (!file) throw new ProjectError(`${root} has no Pulumi.yaml: it is not a Pulumi project`);
  const doc = readYaml(sdk, file);
  if (typeof doc.name !== "string" || doc.name === "") throw new ProjectError(`${file}: 'name' is missing`);
  const runtime = isObject(doc.runtime) ? doc.runtime : { name: doc.runtime };
  if (runtime.name !== "nodejs") {
    throw new ProjectError(
      `${file}: runtime is ${JSON.stringify(runtime.name)}; the kit runs nodejs programs only`,
    );
  }
  const options = isObject(runtime.options) ? runtime.options : {};
  const defaults: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(isObject(doc.config) ? doc.config : {})) {
    if (!isObject(value)) defaults[key] = value;
    else if ("default" in value) defaults[key] = value.default;
    else if ("value" in value) defaults[key] = value.value;
  }
  const main = typeof doc.main === "string" && doc.main !== "" ? doc.main : undefined;
  return {
    dir: root,
    name: doc.name,
    program: main ? resolve(root, main) : root,
    hasMain: main !== undefined,
    typescript: options.typescript !== false,
    tsconfig: typeof options.tsconfig === "string" ? options.tsconfig : undefined,
    nodeargs: typeof options.nodeargs === "string" ? shellWords(options.nodeargs) : [],
    defaults: namespaced(defaults, doc.name),
  };
}

/**
 * A stack's own settings file, `Pulumi.<stack>.yaml`, as plain config (full keys). Encrypted values
 * (`secure:`) cannot be read without the Pulumi CLI: they are returned by key in `encrypted`.
 */
export function loadStackConfig(
  project: Project,
  stack: string,
  sdk: Sdk,
): { file: string; config: Record<string, string>; encrypted: string[] } {
  const file = join(project.dir, `Pulumi.${stack}.yaml`);
  const result = { file, config: {} as Record<string, string>, encrypted: [] as string[] };
  if (!existsSync(file)) return result;
  const doc = readYaml(sdk, file);
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(isObject(doc.config) ? doc.config : {})) {
    if (isObject(value) && "secure" in value) result.encrypted.push(fullKey(key, project.name));
    else plain[key] = value;
  }
  result.config = namespaced(plain, project.name);
  return result;
}
