import { z } from "zod";
import {
  ARGUMENT_FIELDS,
  type ArgumentField,
  type ArgumentName,
  COMPUTED_FIELDS,
  type ComputedField,
  defaultOf,
} from "../../provider/nhncloud/flowlog-logger/fields";

/**
 * Renders what the field table (provider/nhncloud/flowlog-logger/fields.ts) implies for people: the public
 * TypeScript declarations (plain interfaces and literal unions, no zod) and the README's argument table.
 * `npm run generate` writes them; test/nhncloud/field-table.test.ts fails when either is stale.
 */

const args = Object.entries(ARGUMENT_FIELDS) as [ArgumentName, ArgumentField][];
const computed = Object.entries(COMPUTED_FIELDS) as [string, ComputedField][];

/** The schema under `.default()`, `.optional()` and transforms: what a user types. */
export function bare(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional)
    return bare(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodPipe) return bare(schema.in as z.ZodType);
  return schema;
}

const literalUnion = (values: readonly unknown[]) => values.map((value) => JSON.stringify(value)).join(" | ");

/** The TypeScript type a user writes for `schema`; a named enum is referred to by `typeName`. */
function tsTypeOf(schema: z.ZodType, typeName?: string): string {
  const inner = bare(schema);
  if (inner instanceof z.ZodEnum) return typeName ?? literalUnion(inner.options);
  if (inner instanceof z.ZodArray) return `${tsTypeOf(inner.element as z.ZodType, typeName)}[]`;
  if (inner instanceof z.ZodString) return "string";
  if (inner instanceof z.ZodNumber) return "number";
  if (inner instanceof z.ZodBoolean) return "boolean";
  throw new Error(`no TypeScript rendering for ${inner.constructor.name}`);
}

export const required = (field: ArgumentField) =>
  !(field.schema instanceof z.ZodDefault || field.schema instanceof z.ZodOptional);

/** "`ALL`", "required", or who decides. */
export function defaultText(name: ArgumentName): string {
  const field: ArgumentField = ARGUMENT_FIELDS[name];
  const value = defaultOf(name);
  if (value) return `\`${JSON.stringify(value.value)}\``;
  return required(field) ? "required" : (field.absent ?? "none");
}

const ON_CHANGE = { update: "Updated in place.", replace: "Forces replacement." } as const;

/** A field's one-line doc, its default and what a change does. */
export function argumentDoc(name: ArgumentName): string {
  const field: ArgumentField = ARGUMENT_FIELDS[name];
  const value = defaultText(name);
  const fallback = value === "required" ? "Required." : `Default: ${value}.`;
  return `${field.doc} ${fallback} ${ON_CHANGE[field.onChange]}`;
}

const jsdoc = (text: string, indent = "  ") => `${indent}/** ${text} */`;

/** Named literal unions of the table, e.g. `export type ResourceType = "VPC" | "SUBNET" | "PORT";`. */
function unions(): string[] {
  const lines: string[] = [];
  for (const [, field] of args) {
    if (!field.typeName) continue;
    let inner = bare(field.schema);
    if (inner instanceof z.ZodArray) inner = bare(inner.element as z.ZodType);
    if (!(inner instanceof z.ZodEnum)) throw new Error(`${field.typeName}: only enums get a type name`);
    lines.push(jsdoc(field.typeDoc ?? field.doc, ""));
    lines.push(`export type ${field.typeName} = ${literalUnion(inner.options)};`);
  }
  for (const [, field] of computed) {
    if (!field.typeName) continue;
    lines.push(jsdoc(field.doc, ""));
    lines.push(`export type ${field.typeName} = ${field.tsType};`);
  }
  return lines;
}

/** Whether a field can be absent from the outputs: optional, no default, and nothing fills it in. */
export function mayBeAbsent(name: ArgumentName): boolean {
  const field: ArgumentField = ARGUMENT_FIELDS[name];
  return !required(field) && defaultOf(name) === undefined && !field.resolved;
}

interface Member {
  name: string;
  doc: string;
  type: string;
  /** Always present (else optional). */
  present: boolean;
  filterParam?: string;
}

/** Every output of the resource: the arguments resolved, then what the service reports. */
function outputMembers(): Member[] {
  return [
    ...args.map(([name, field]) => ({
      name,
      doc: field.outputDoc ?? field.doc,
      type: tsTypeOf(field.schema, field.typeName),
      present: !mayBeAbsent(name),
      ...(field.filterParam ? { filterParam: field.filterParam } : {}),
    })),
    ...computed.map(([name, field]) => ({
      name,
      doc: field.doc,
      type: field.typeName ?? field.tsType,
      present: true,
      ...(field.filterParam ? { filterParam: field.filterParam } : {}),
    })),
  ];
}

function block(doc: string, header: string, lines: string[]): string[] {
  return ["", jsdoc(doc, ""), `${header} {`, ...lines, "}"];
}

/** The public declarations derived from the table. */
export function loggerTypes(): string {
  const outputs = outputMembers();
  const argLines = args.flatMap(([name, field]) => [
    jsdoc(argumentDoc(name)),
    `  ${name}${required(field) ? "" : "?"}: ${inputOf(tsTypeOf(field.schema, field.typeName))};`,
  ]);
  const stateLines = outputs.flatMap((m) => [jsdoc(m.doc), `  ${m.name}?: ${inputOf(m.type)};`]);
  const outputLines = outputs.flatMap((m) => [
    jsdoc(m.doc),
    `  readonly ${m.name}: pulumi.Output<${m.present ? m.type : `${m.type} | undefined`}>;`,
  ]);
  const infoLines = [
    jsdoc("The logger id."),
    "  id: string;",
    ...outputs.flatMap((m) => [jsdoc(m.doc), `  ${m.name}${m.present ? "" : "?"}: ${m.type};`]),
  ];
  const filterLines = [
    jsdoc("Only the logger with this id."),
    "  id?: string;",
    ...outputs
      .filter((m) => m.filterParam)
      .flatMap((m) => [
        jsdoc(`Only loggers whose \`${m.name}\` is this (query \`${m.filterParam}\`).`),
        `  ${m.name}?: ${m.type};`,
      ]),
  ];
  return [
    "// Generated from the field table (fields.ts) by `npm run generate`: edit the table, not this file.",
    'import type * as pulumi from "@pulumi/pulumi";',
    "",
    ...unions(),
    ...block(
      "Arguments of `nhncloud.FlowLogLogger`. Every one is a `pulumi.Input`.",
      "export interface FlowLogLoggerArgs",
      argLines,
    ),
    ...block(
      "What `nhncloud.FlowLogLogger.get` may be told about the logger it reads; every field is optional.",
      "export interface FlowLogLoggerState",
      stateLines,
    ),
    ...block(
      "The outputs of `nhncloud.FlowLogLogger`: every argument resolved (defaults filled), then what the service reports.",
      "export interface FlowLogLoggerOutputs",
      outputLines,
    ),
    ...block(
      "A logger as `getFlowLogLoggers` returns it: `FlowLogLogger`'s outputs as plain values, and its id.",
      "export interface FlowLogLoggerInfo",
      infoLines,
    ),
    ...block(
      "Filters of `getFlowLogLoggers`, each a list query the API supports; all optional, combined with AND.",
      "export interface GetFlowLogLoggersArgs",
      filterLines,
    ),
    ...block(
      "Filters of `getFlowLogLoggersOutput`: those of `getFlowLogLoggers`, each a `pulumi.Input`.",
      "export interface GetFlowLogLoggersOutputArgs",
      filterLines.map((line) =>
        line.replace(/^( {2}\w+\?: )(.+);$/, (_, head: string, type: string) => `${head}${inputOf(type)};`),
      ),
    ),
    ...block("What `getFlowLogLoggers` returns.", "export interface GetFlowLogLoggersResult", [
      jsdoc("The loggers, sorted by name, then id, so that previews do not flap."),
      "  loggers: FlowLogLoggerInfo[];",
    ]),
    "",
  ].join("\n");
}

/** `pulumi.Input<T>`, with an Input per element for arrays (as @pulumi/aws shapes list arguments). */
function inputOf(type: string): string {
  return type.endsWith("[]") ? `pulumi.Input<pulumi.Input<${type.slice(0, -2)}>[]>` : `pulumi.Input<${type}>`;
}

const ECHO = { yes: "yes", unknown: "not promised", "n/a": "—" } as const;
const DRIFT = { yes: "yes", "when-set-and-echoed": "when set and echoed", no: "—" } as const;

/** The README's argument table. */
export function readmeArgumentTable(): string {
  const rows = args.map(([name, field]) => [
    `\`${name}${required(field) ? "" : "?"}\``,
    field.apiDoc,
    defaultText(name),
    field.onChange,
    ECHO[field.echo],
    DRIFT[field.drift],
  ]);
  const header = ["argument", "API field", "default", "on change", "API echoes it", "drift seen on refresh"];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

export const README_MARKERS = {
  start: "<!-- generated: FlowLogLogger arguments (npm run generate) -->",
  end: "<!-- end of generated table -->",
} as const;

/** `readme` with the text between the markers replaced by the current table. */
export function withArgumentTable(readme: string): string {
  const start = readme.indexOf(README_MARKERS.start);
  const end = readme.indexOf(README_MARKERS.end);
  if (start < 0 || end < start) throw new Error("README.md has no generated-table markers");
  return `${readme.slice(0, start + README_MARKERS.start.length)}\n${readmeArgumentTable()}\n${readme.slice(end)}`;
}
