import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PLUGIN_SCHEMA } from "../../provider/plugin/schema";
import { loadSdk } from "../../provider/testing/sdk";

// The YAML and Python examples cannot run here (no Pulumi CLI, no Python SDK): every token and name they
// use is checked against the schema instead, Python names as the schema's Python settings generate them.

const EXAMPLES = join(__dirname, "..", "..", "examples", "plugin");
const yaml = loadSdk().dependency("js-yaml") as { load(text: string): unknown };

type Spec = Record<string, unknown>;
const schema = PLUGIN_SCHEMA as Record<string, Record<string, Spec>>;
const propsOf = (spec: Spec | undefined) => Object.keys((spec ?? {}) as Spec);

/** Pulumi's Python names (pkg/codegen/python PyName): camelCase to snake_case. */
const pyName = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

interface YamlProgram {
  packages?: Record<string, string>;
  resources?: Record<string, { type: string; properties?: Spec; options?: Spec }>;
  variables?: Record<string, { "fn::invoke"?: { function: string; arguments?: Spec; return?: string } }>;
  outputs?: Record<string, string>;
}

const loadYaml = (example: string) =>
  yaml.load(readFileSync(join(EXAMPLES, example, "Pulumi.yaml"), "utf8")) as YamlProgram;

/** What a YAML program uses that the schema does not declare, as readable strings. */
function unknownInYaml(program: YamlProgram): string[] {
  const problems: string[] = [];
  const typeOf: Record<string, string> = {};
  for (const [name, resource] of Object.entries(program.resources ?? {})) {
    typeOf[name] = resource.type;
    const declared =
      resource.type === "pulumi:providers:flowlog"
        ? (schema.provider.inputProperties as Spec)
        : (schema.resources[resource.type]?.inputProperties as Spec | undefined);
    if (!declared) problems.push(`resource type ${resource.type}`);
    for (const key of Object.keys(resource.properties ?? {}))
      if (!propsOf(declared).includes(key)) problems.push(`${resource.type}.${key}`);
    if (resource.type === "pulumi:providers:flowlog") {
      for (const [object, settings] of Object.entries(resource.properties ?? {})) {
        const type =
          schema.types[`flowlog:index:${object === "nhncloud" ? "NhnCloudSettings" : "NcloudSettings"}`];
        for (const key of Object.keys(settings as Spec))
          if (!propsOf(type.properties as Spec).includes(key)) problems.push(`${object}.${key}`);
      }
    }
  }
  for (const variable of Object.values(program.variables ?? {})) {
    const invoke = variable["fn::invoke"];
    if (!invoke) continue;
    const fn = schema.functions[invoke.function];
    if (!fn) problems.push(`function ${invoke.function}`);
    for (const key of Object.keys(invoke.arguments ?? {}))
      if (!propsOf((fn?.inputs as Spec)?.properties as Spec).includes(key))
        problems.push(`${invoke.function}(${key})`);
    if (invoke.return && !propsOf((fn?.outputs as Spec)?.properties as Spec).includes(invoke.return))
      problems.push(`${invoke.function} returns ${invoke.return}`);
  }
  for (const expression of Object.values(program.outputs ?? {})) {
    const [, resource, property] = /^\$\{([\w-]+)\.(\w+)\}$/.exec(expression) ?? [];
    if (!resource || property === "id") continue;
    const outputs = schema.resources[typeOf[resource]]?.properties as Spec | undefined;
    if (!propsOf(outputs).includes(property)) problems.push(`${resource}.${property}`);
  }
  return problems;
}

describe("the examples for other languages", () => {
  it.each(["port-logger-yaml", "two-accounts-yaml"])(
    "%s uses only types, properties and functions the schema declares, and names the source plugin",
    (example) => {
      const program = loadYaml(example);
      expect(program.packages).toEqual({ flowlog: "../../../pulumi-plugin" });
      expect(Object.keys(program.resources ?? {}).length).toBeGreaterThan(0);
      expect(unknownInYaml(program)).toEqual([]);
    },
  );

  it("port-logger-yaml mirrors examples/port-logger: the same logger arguments and outputs", () => {
    const program = loadYaml("port-logger-yaml");
    expect(Object.keys(program.resources?.["web-port"].properties ?? {}).sort()).toEqual(
      [
        "aggregationInterval",
        "customizedFields",
        "description",
        "resourceId",
        "resourceType",
        "storageUrl",
      ].sort(),
    );
    expect(Object.keys(program.outputs ?? {})).toEqual(
      expect.arrayContaining(["loggerId", "loggerName", "status"]),
    );
  });

  it("port-logger-python uses the module, classes and snake_case names the schema's Python settings generate", () => {
    const source = readFileSync(join(EXAMPLES, "port-logger-python", "__main__.py"), "utf8");
    const python = (schema.language as Record<string, Spec>).python;
    expect(source).toContain(`import ${python.packageName} as flowlog`);
    const problems: string[] = [];
    const seen: string[] = [];
    // Resources: flowlog.<module>.<Class>("name", keyword=...) with the inputs' Python names.
    for (const [, module, name, args] of source.matchAll(
      /flowlog\.(\w+)\.([A-Z]\w*)\(\s*"[^"]+",([\s\S]*?)\n\)/g,
    )) {
      seen.push(`${module}.${name}`);
      const resource = schema.resources[`flowlog:${module}:${name}`];
      if (!resource) problems.push(`class ${module}.${name}`);
      const keywords = [...args.matchAll(/^\s+(\w+)=/gm)].map((m) => m[1]);
      const allowed = propsOf(resource?.inputProperties as Spec).map(pyName);
      for (const keyword of keywords) if (!allowed.includes(keyword)) problems.push(`${name}(${keyword}=)`);
      expect(keywords.length).toBeGreaterThan(4);
    }
    // Enums: flowlog.<module>.<Enum>.<VALUE>.
    for (const [, module, type, value] of source.matchAll(/flowlog\.(\w+)\.([A-Z]\w*)\.([A-Z_]+)\b/g)) {
      const values =
        (schema.types[`flowlog:${module}:${type}`]?.enum as { value: string }[] | undefined) ?? [];
      if (!values.some((v) => v.value === value)) problems.push(`enum ${type}.${value}`);
    }
    // Functions: flowlog.<module>.<snake name>_output(keyword=...), and the Python names of what they return.
    for (const [, module, fn, args] of source.matchAll(
      /flowlog\.(\w+)\.(get_\w+?)(?:_output)?\(([^)]*)\)/g,
    )) {
      seen.push(`${module}.${fn}`);
      const token = Object.keys(schema.functions).find(
        (t) => t.startsWith(`flowlog:${module}:`) && pyName(t.split(":")[2]) === fn,
      );
      if (!token) problems.push(`function ${fn}`);
      const inputs = propsOf(
        (schema.functions[token ?? ""]?.inputs as Spec | undefined)?.properties as Spec,
      ).map(pyName);
      for (const [, keyword] of args.matchAll(/(\w+)=/g))
        if (!inputs.includes(keyword)) problems.push(`${fn}(${keyword}=)`);
    }
    expect(source).toMatch(
      /ports\.logging_ports\.apply\(lambda found: \[port\.port_id for port in found\]\)/,
    );
    expect(pyName("loggingPorts")).toBe("logging_ports");
    expect(propsOf(schema.types["flowlog:nhncloud:LoggingPort"].properties as Spec).map(pyName)).toContain(
      "port_id",
    );
    expect(seen).toEqual(["nhncloud.FlowLogLogger", "nhncloud.get_logging_ports"]);
    expect(problems).toEqual([]);
  });
});
