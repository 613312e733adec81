import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { ARGUMENTS, OUTPUT_FIELDS } from "../../provider/nhncloud/flowlog-logger/fields";
import { PLUGIN_SCHEMA } from "../../provider/plugin/schema";
import { GENERATED, renderAll } from "../../scripts/generate/outputs";

const ROOT = join(__dirname, "..", "..");
const METASCHEMA = JSON.parse(
  readFileSync(join(ROOT, "test", "fixtures", "pulumi-metaschema", "pulumi.json"), "utf8"),
) as Record<string, unknown>;

type Spec = Record<string, unknown>;
const schema = PLUGIN_SCHEMA as Record<string, Record<string, Spec>>;

/** Every `$ref` in the schema, with where it is. */
function refsIn(value: unknown, at = "#"): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => refsIn(item, `${at}/${i}`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === "$ref" && typeof item === "string"
      ? [[at, item] as [string, string]]
      : refsIn(item, `${at}/${key}`),
  );
}

/** Every property spec (resources' inputs and outputs, functions' inputs and outputs, object types, config). */
function propertySpecs(): [string, Spec][] {
  const owners: [string, Record<string, Spec> | undefined][] = [
    ["config", schema.config?.variables as Record<string, Spec>],
    ["provider", schema.provider?.inputProperties as Record<string, Spec>],
  ];
  for (const [token, resource] of Object.entries(schema.resources)) {
    owners.push([`${token} input`, resource.inputProperties as Record<string, Spec>]);
    owners.push([`${token} output`, resource.properties as Record<string, Spec>]);
  }
  for (const [token, fn] of Object.entries(schema.functions)) {
    owners.push([`${token} input`, (fn.inputs as Spec).properties as Record<string, Spec>]);
    owners.push([`${token} output`, (fn.outputs as Spec).properties as Record<string, Spec>]);
  }
  for (const [token, type] of Object.entries(schema.types))
    if (type.type === "object") owners.push([token, type.properties as Record<string, Spec>]);
  return owners.flatMap(([owner, props]) =>
    Object.entries(props ?? {}).map(([name, spec]) => [`${owner} ${name}`, spec] as [string, Spec]),
  );
}

describe("the plugin's package schema", () => {
  it("is what `npm run generate` makes of the field table (a stale schema fails here)", () => {
    const expected = renderAll((path) => readFileSync(join(ROOT, path), "utf8"))[GENERATED.schema];
    expect(readFileSync(join(ROOT, GENERATED.schema), "utf8")).toBe(expected);
  });

  it("is valid against Pulumi's package metaschema", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    // The metaschema marks `meta.moduleFormat` as a regular expression (a format JSON Schema leaves to tools).
    ajv.addFormat("regex", (text: string) => {
      try {
        return new RegExp(text) instanceof RegExp;
      } catch {
        return false;
      }
    });
    // …and `$ref` as a URI reference: any URL relative to a base.
    ajv.addFormat("uri-reference", (text: string) => URL.canParse(text, "https://example.com/"));
    const validate = ajv.compile(METASCHEMA);
    expect(validate(PLUGIN_SCHEMA) ? [] : validate.errors).toEqual([]);
    // A sanity check that it rejects what the engine would: a type that does not exist, a bad package name.
    const badType = { type: "strin", description: "x" };
    const logger = schema.resources["flowlog:nhncloud:FlowLogLogger"];
    const broken = { ...logger, inputProperties: { ...(logger.inputProperties as Spec), name: badType } };
    expect(validate({ ...PLUGIN_SCHEMA, resources: { "flowlog:nhncloud:FlowLogLogger": broken } })).toBe(
      false,
    );
    expect(validate({ ...PLUGIN_SCHEMA, name: "9flowlog" })).toBe(false);
  });

  it("resolves every $ref to a type it declares", () => {
    const refs = refsIn(PLUGIN_SCHEMA);
    expect(refs.length).toBeGreaterThan(20);
    const missing = refs.filter(([, ref]) => {
      const token = ref.replace(/^#\/types\//, "");
      return !ref.startsWith("#/types/") || schema.types[token] === undefined;
    });
    expect(missing).toEqual([]);
  });

  it("names the package, its resources and functions as the contract does", () => {
    expect(PLUGIN_SCHEMA.name).toBe("flowlog");
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(PLUGIN_SCHEMA.version).toBe(version);
    expect(Object.keys(schema.resources).sort()).toEqual([
      "flowlog:ncloud:FlowLog",
      "flowlog:nhncloud:FlowLogLogger",
    ]);
    expect(Object.keys(schema.functions).sort()).toEqual([
      "flowlog:nhncloud:getFlowLogLoggers",
      "flowlog:nhncloud:getLoggingPort",
      "flowlog:nhncloud:getLoggingPorts",
    ]);
  });

  it("gives the logger the field table's inputs and outputs, and enums for its literal unions", () => {
    const logger = schema.resources["flowlog:nhncloud:FlowLogLogger"];
    expect(Object.keys(logger.inputProperties as Spec)).toEqual(ARGUMENTS);
    expect(Object.keys(logger.properties as Spec)).toEqual(OUTPUT_FIELDS);
    expect(logger.requiredInputs).toEqual(["resourceId", "storageUrl"]);
    const inputs = logger.inputProperties as Record<string, Spec>;
    expect(inputs.filter).toMatchObject({
      $ref: "#/types/flowlog:nhncloud:LoggerFilter",
      willReplaceOnChanges: true,
    });
    expect(inputs.aggregationInterval).toMatchObject({ type: "integer", default: 10 });
    expect(inputs.customizedFields).toEqual(
      expect.objectContaining({ type: "array", items: { $ref: "#/types/flowlog:nhncloud:CustomizedField" } }),
    );
    expect(schema.types["flowlog:nhncloud:ResourceType"].enum).toEqual([
      { value: "VPC" },
      { value: "SUBNET" },
      { value: "PORT" },
    ]);
    expect(Object.keys(schema.resources["flowlog:ncloud:FlowLog"].inputProperties as Spec)).toEqual([
      "networkInterfaceNo",
      "collectActionTypeCode",
      "collectIntervalMinute",
      "storageTypeCode",
      "storageBucketName",
      "storageBucketDirectoryName",
      "regionCode",
      "adoptExisting",
    ]);
  });

  it("describes every property", () => {
    const undocumented = propertySpecs()
      .filter(([, spec]) => typeof spec.description !== "string" || spec.description.length < 8)
      .map(([name]) => name);
    expect(undocumented).toEqual([]);
    expect(propertySpecs().length).toBeGreaterThan(100);
  });

  it("has the two settings objects, secrets marked, as config and as the provider's arguments", () => {
    const nhn = schema.types["flowlog:index:NhnCloudSettings"].properties as unknown as Record<string, Spec>;
    const ncloud = schema.types["flowlog:index:NcloudSettings"].properties as unknown as Record<string, Spec>;
    expect(Object.keys(nhn)).toEqual([
      "authUrl",
      "tenantId",
      "username",
      "password",
      "token",
      "region",
      "networkUrl",
      "requestTimeout",
      "createTimeout",
      "takeBackWindow",
    ]);
    expect(Object.keys(ncloud)).toEqual(["accessKey", "secretKey", "region", "apiUrl", "requestTimeout"]);
    const secrets = [...Object.entries(nhn), ...Object.entries(ncloud)].filter(([, spec]) => spec.secret);
    expect(secrets.map(([name]) => name)).toEqual(["password", "token", "secretKey"]);
    expect(Object.keys(schema.config.variables)).toEqual(["nhncloud", "ncloud"]);
    expect(schema.provider.inputProperties).toEqual(schema.config.variables);
  });

  it("carries language settings for idiomatic names in Node.js, Python, Go and C#", () => {
    const language = schema.language as Record<string, Spec>;
    expect(language.python.packageName).toBe("pulumi_flowlog");
    expect(language.nodejs.packageName).toBe("pulumi-flowlog-sdk");
    expect(language.go.importBasePath).toMatch(/\/sdk\/go\/flowlog$/);
    expect(language.csharp.namespaces).toMatchObject({
      flowlog: "FlowLog",
      nhncloud: "NhnCloud",
      ncloud: "NCloud",
    });
  });
});
