import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { FlowLogArgs } from "../../provider/ncloud/flow-log/schema";
import {
  ARGUMENT_FIELDS,
  type ArgumentField,
  type ArgumentName,
  COMPUTED_FIELDS,
  type ComputedField,
  defaultOf,
  REPLACE_FIELDS,
} from "../../provider/nhncloud/flowlog-logger/fields";
import { LOGGER_STATUSES } from "../../provider/nhncloud/flowlog-logger/values";
import { PLUGIN_SETTINGS } from "../../provider/plugin/settings";
import { argumentDoc, bare, mayBeAbsent, required } from "./logger-docs";

/**
 * The Pulumi package schema of the provider plugin (`GetSchema`), derived from the field table for the
 * logger and from the zod schemas for the NCloud flow log and the settings. `npm run generate` writes it to
 * provider/plugin/schema.json; test/plugin/schema.test.ts fails when it is stale or invalid.
 */

type Json = Record<string, unknown>;
const PKG = "flowlog";
const ref = (token: string) => ({ $ref: `#/types/${token}` });
const token = (module: string, name: string) => `${PKG}:${module}:${name}`;

/** A property spec for a zod schema; a named enum is a reference to its type. */
function typeOf(schema: z.ZodType, enumToken?: string): Json {
  const inner = bare(schema);
  if (inner instanceof z.ZodEnum) {
    if (!enumToken) throw new Error(`an enum needs a type name: ${inner.options.join(", ")}`);
    return ref(enumToken);
  }
  if (inner instanceof z.ZodArray)
    return { type: "array", items: typeOf(inner.element as z.ZodType, enumToken) };
  if (inner instanceof z.ZodString) return { type: "string" };
  if (inner instanceof z.ZodNumber) return { type: inner.isInt ? "integer" : "number" };
  if (inner instanceof z.ZodBoolean) return { type: "boolean" };
  throw new Error(`no schema type for ${inner.constructor.name}`);
}

/** The values of the enum under `schema`, if it is one (an array's element too). */
function enumValues(schema: z.ZodType): readonly string[] | undefined {
  let inner = bare(schema);
  if (inner instanceof z.ZodArray) inner = bare(inner.element as z.ZodType);
  return inner instanceof z.ZodEnum ? (inner.options as string[]) : undefined;
}

const enumType = (description: string, values: readonly string[]): Json => ({
  description,
  type: "string",
  enum: values.map((value) => ({ value })),
});

const loggerArgs = Object.entries(ARGUMENT_FIELDS) as [ArgumentName, ArgumentField][];
const loggerComputed = Object.entries(COMPUTED_FIELDS) as [string, ComputedField][];
const nhn = (name: string) => token("nhncloud", name);
const nc = (name: string) => token("ncloud", name);

function loggerInput(name: ArgumentName, field: ArgumentField): Json {
  const spec: Json = {
    ...typeOf(field.schema, field.typeName && nhn(field.typeName)),
    description: argumentDoc(name),
  };
  const value = defaultOf(name)?.value;
  if (value !== undefined && !field.typeName) spec.default = value;
  if (REPLACE_FIELDS.includes(name)) spec.willReplaceOnChanges = true;
  return spec;
}

function loggerOutputs(): { properties: Record<string, Json>; required: string[] } {
  const properties: Record<string, Json> = {};
  for (const [name, field] of loggerArgs)
    properties[name] = {
      ...typeOf(field.schema, field.typeName && nhn(field.typeName)),
      description: field.doc,
    };
  for (const [name, field] of loggerComputed)
    properties[name] = {
      ...(field.typeName ? ref(nhn(field.typeName)) : { type: "string" }),
      description: field.doc,
    };
  const present = [
    ...loggerArgs.filter(([name]) => !mayBeAbsent(name)).map(([name]) => name),
    ...Object.keys(COMPUTED_FIELDS),
  ];
  return { properties, required: present };
}

function loggerResource(): Json {
  const outputs = loggerOutputs();
  return {
    description:
      "An NHN Cloud Flow Log logger (Flow Log API v2) on a port, subnet or VPC. `name`, `description` and " +
      "`adminStateUp` are updated in place; every other argument forces a replacement. The id is the logger id; " +
      "import one with `pulumi import flowlog:nhncloud:FlowLogLogger <name> <logger-id>`.",
    inputProperties: Object.fromEntries(loggerArgs.map(([name, field]) => [name, loggerInput(name, field)])),
    requiredInputs: loggerArgs.filter(([, field]) => required(field)).map(([name]) => name),
    properties: outputs.properties,
    required: outputs.required,
  };
}

/** NCloud flow log arguments, one line each (the public type's documentation, types.ts). */
const FLOW_LOG_DOCS: Record<keyof typeof FlowLogArgs.shape, string> = {
  networkInterfaceNo:
    'The network interface to log (digits), e.g. `"1000001"`. It is also the resource\'s id: one flow log per interface.',
  collectActionTypeCode: "Which traffic to collect: `ALLOW` (accepted), `DENY` (rejected) or `ALL`.",
  collectIntervalMinute: "Collection interval in minutes, 5 to 15. Default `15`.",
  storageTypeCode: "Where logs are stored: `OBJT` (Object Storage), the only type. Default `OBJT`.",
  storageBucketName:
    "The Object Storage bucket the logs are written to: 3–63 lower-case letters, digits, `-` and `.`.",
  storageBucketDirectoryName:
    "Directory inside the bucket: 1–100 letters, digits or `_`. Default `VPC_FLOW_LOG`.",
  regionCode:
    "Region code, e.g. `KR`. Default: the provider's `ncloud.region` (or `NCLOUD_REGION`), else `KR`.",
  adoptExisting:
    "Take over a flow log the interface already has, when its settings equal these arguments (NCloud records no owner, so it is never taken over unasked). Acts at create only. Default `false`.",
};
const FLOW_LOG_ENUMS: Partial<Record<keyof typeof FlowLogArgs.shape, string>> = {
  collectActionTypeCode: "CollectActionTypeCode",
  storageTypeCode: "StorageTypeCode",
};

function flowLogResource(): Json {
  const fields = Object.entries(FlowLogArgs.shape) as [keyof typeof FlowLogArgs.shape, z.ZodType][];
  const property = (name: keyof typeof FlowLogArgs.shape, schema: z.ZodType, forInput: boolean): Json => {
    const enumName = FLOW_LOG_ENUMS[name];
    const spec: Json = { ...typeOf(schema, enumName && nc(enumName)), description: FLOW_LOG_DOCS[name] };
    if (forInput && name !== "adoptExisting") spec.willReplaceOnChanges = true;
    return spec;
  };
  const optional = (schema: z.ZodType) => schema instanceof z.ZodDefault || schema instanceof z.ZodOptional;
  return {
    description:
      "A NAVER Cloud Platform VPC flow log on one network interface (vserver v2 `enableFlowLog`). Every argument " +
      "forces a replacement, the old flow log disabled first; delete disables it. The id is the network interface " +
      "number; import one with `pulumi import flowlog:ncloud:FlowLog <name> <networkInterfaceNo>`.",
    inputProperties: Object.fromEntries(fields.map(([name, schema]) => [name, property(name, schema, true)])),
    requiredInputs: fields.filter(([, schema]) => !optional(schema)).map(([name]) => name),
    properties: Object.fromEntries(fields.map(([name, schema]) => [name, property(name, schema, false)])),
    required: fields.map(([name]) => name).filter((name) => name !== "adoptExisting"),
  };
}

const REGION_INPUT = {
  type: "string",
  description:
    "Region to query (`KR1`, `KR2`, `KR3` …). Default: the provider's `nhncloud.region` (or `OS_REGION_NAME`).",
};

const LOGGING_PORT_DOCS = {
  id: "The logging port's id.",
  loggerId: "The logger collecting from the port.",
  portId: "The port logged.",
  networkId: "The VPC the port is in.",
  createdAt: "When the logging port was made, ISO 8601 in UTC.",
  updatedAt: "When it last changed, ISO 8601 in UTC.",
};

const strings = (docs: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(docs).map(([name, description]) => [name, { type: "string", description }]),
  );

function functions(): Json {
  const filters = {
    id: "Only the logging port with this id.",
    loggerId: "Only the ports this logger collects from, e.g. a VPC logger's id.",
    portId: "Only the logging ports of this port.",
    networkId: "Only the logging ports in this VPC.",
  };
  const loggerFilters: Record<string, Json> = {
    id: { type: "string", description: "Only the logger with this id." },
  };
  for (const [name, field] of loggerArgs.filter(([, f]) => f.filterParam))
    loggerFilters[name] = {
      ...typeOf(field.schema, field.typeName && nhn(field.typeName)),
      description: `Only loggers whose \`${name}\` is this (query \`${field.filterParam}\`).`,
    };
  loggerFilters.status = {
    ...ref(nhn("LoggerStatus")),
    description: `Only loggers whose \`status\` is this (query \`${COMPUTED_FIELDS.status.filterParam}\`).`,
  };
  return {
    [nhn("getLoggingPorts")]: {
      description: "Lists flow log logging ports, e.g. every port a VPC logger collects from.",
      inputs: { properties: { ...strings(filters), region: REGION_INPUT } },
      outputs: {
        properties: {
          loggingPorts: {
            type: "array",
            items: ref(nhn("LoggingPort")),
            description: "The logging ports, sorted by id.",
          },
        },
        required: ["loggingPorts"],
      },
    },
    [nhn("getLoggingPort")]: {
      description:
        "Reads one logging port; fails with ERR_FLOWLOG_NOT_FOUND when there is none with this id.",
      inputs: {
        properties: { id: { type: "string", description: "The logging port's id." }, region: REGION_INPUT },
        required: ["id"],
      },
      outputs: {
        properties: { loggingPort: { ...ref(nhn("LoggingPort")), description: "The logging port." } },
        required: ["loggingPort"],
      },
    },
    [nhn("getFlowLogLoggers")]: {
      description:
        "Lists the flow log loggers of the project in one region, including ones made in the console; filters are ANDed.",
      inputs: { properties: { ...loggerFilters, region: REGION_INPUT } },
      outputs: {
        properties: {
          loggers: {
            type: "array",
            items: ref(nhn("FlowLogLoggerInfo")),
            description: "The loggers, sorted by name, then id.",
          },
        },
        required: ["loggers"],
      },
    },
  };
}

function settingsType(object: keyof typeof PLUGIN_SETTINGS, description: string): Json {
  const properties: Record<string, Json> = {};
  for (const [key, setting] of Object.entries(PLUGIN_SETTINGS[object])) {
    const env =
      setting.env.length > 0
        ? ` Environment fallback: ${setting.env.map((e) => `\`${e}\``).join(", ")}.`
        : "";
    properties[key] = {
      type: setting.type,
      description: `${setting.doc}${env}`,
      ...(setting.secret ? { secret: true } : {}),
    };
  }
  return { description, type: "object", properties };
}

function types(): Json {
  const out: Record<string, Json> = {};
  for (const [, field] of loggerArgs) {
    const values = enumValues(field.schema);
    if (field.typeName && values) out[nhn(field.typeName)] = enumType(field.doc, values);
  }
  out[nhn("LoggerStatus")] = enumType(COMPUTED_FIELDS.status.doc, LOGGER_STATUSES);
  for (const [name, typeName] of Object.entries(FLOW_LOG_ENUMS)) {
    const values = enumValues(FlowLogArgs.shape[name as keyof typeof FlowLogArgs.shape]) ?? [];
    out[nc(typeName)] = enumType(FLOW_LOG_DOCS[name as keyof typeof FLOW_LOG_DOCS], values);
  }
  out[nhn("LoggingPort")] = {
    description: "A port that a logger is collecting from.",
    type: "object",
    properties: strings(LOGGING_PORT_DOCS),
    required: Object.keys(LOGGING_PORT_DOCS),
  };
  const outputs = loggerOutputs();
  out[nhn("FlowLogLoggerInfo")] = {
    description: "A logger as `getFlowLogLoggers` returns it: a FlowLogLogger's outputs, and its id.",
    type: "object",
    properties: { id: { type: "string", description: "The logger id." }, ...outputs.properties },
    required: ["id", ...outputs.required],
  };
  out[token("index", "NhnCloudSettings")] = settingsType(
    "nhncloud",
    "NHN Cloud credentials and endpoints; each unset key falls back to the environment, as for the dynamic resources.",
  );
  out[token("index", "NcloudSettings")] = settingsType(
    "ncloud",
    "NAVER Cloud Platform credentials and endpoints; each unset key falls back to the environment.",
  );
  return out;
}

const CONFIG = {
  nhncloud: {
    ...ref(token("index", "NhnCloudSettings")),
    description:
      "NHN Cloud settings: `pulumi config set --path flowlog:nhncloud.tenantId …`, secrets with `--secret`.",
  },
  ncloud: {
    ...ref(token("index", "NcloudSettings")),
    description:
      "NAVER Cloud settings: `pulumi config set --path flowlog:ncloud.accessKey …`, secrets with `--secret`.",
  },
};

/** The whole schema, as `GetSchema` answers it. */
export function pluginSchema(): Json {
  const { version } = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as {
    version: string;
  };
  return {
    name: PKG,
    displayName: "Flow Log (NHN Cloud, NAVER Cloud)",
    version,
    description:
      "VPC flow logs on NHN Cloud (Flow Log API v2 loggers and logging ports) and NAVER Cloud Platform (flow log on a network interface).",
    keywords: ["pulumi", "nhncloud", "ncloud", "flow-log", "vpc", "category/network", "kind/native"],
    license: "Apache-2.0",
    meta: { moduleFormat: "(.*)" },
    config: { variables: CONFIG },
    provider: {
      description:
        "The flowlog provider. Each instance has its own credentials: an explicit provider per account or tenant.",
      inputProperties: CONFIG,
      properties: CONFIG,
    },
    resources: { [nhn("FlowLogLogger")]: loggerResource(), [nc("FlowLog")]: flowLogResource() },
    functions: functions(),
    types: types(),
    language: {
      nodejs: {
        packageName: "pulumi-flowlog-sdk",
        packageDescription:
          "VPC flow logs on NHN Cloud and NAVER Cloud Platform (generated from the flowlog plugin).",
        dependencies: { "@pulumi/pulumi": "^3.139.0" },
        respectSchemaVersion: true,
      },
      python: {
        packageName: "pulumi_flowlog",
        requires: { pulumi: ">=3.139.0,<4.0.0" },
        respectSchemaVersion: true,
      },
      go: {
        importBasePath: "github.com/pulumi-flowlog/pulumi-flowlog/sdk/go/flowlog",
        generateResourceContainerTypes: true,
        respectSchemaVersion: true,
      },
      csharp: {
        namespaces: { flowlog: "FlowLog", nhncloud: "NhnCloud", ncloud: "NCloud", index: "Index" },
        packageReferences: { Pulumi: "3.*" },
        respectSchemaVersion: true,
      },
    },
  };
}
