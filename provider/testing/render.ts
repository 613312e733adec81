import type { Op, Step } from "./steps";
import type { StackResult } from "./types";

export type Operation = "preview" | "up" | "refresh" | "destroy";

const HEADER: Record<Operation, string> = {
  preview: "Previewing update",
  up: "Updating",
  refresh: "Refreshing",
  destroy: "Destroying",
};
const SYMBOL: Record<Op, string> = {
  create: "+ ",
  update: "~ ",
  replace: "+-",
  delete: "- ",
  same: "  ",
  read: "> ",
};
const PLANNED: Record<Op, string> = {
  create: "create",
  update: "update",
  replace: "replace",
  delete: "delete",
  same: "",
  read: "read",
};
const DONE: Record<Op, string> = {
  create: "created",
  update: "updated",
  replace: "replaced",
  delete: "deleted",
  same: "",
  read: "read",
};
const ORDER: Op[] = ["create", "update", "replace", "delete", "read", "same"];

const nameOf = (urn: string) => urn.split("::").slice(3).join("::");

function info(step: Step): string {
  if (step.diffs.length === 0) return "";
  const replaces = new Set(step.replaces ?? []);
  return `[diff: ${step.diffs.map((key) => `${replaces.has(key) ? "+-" : "~"}${key}`).join(", ")}]`;
}

/** The steps as `pulumi preview` / `pulumi up` print them: symbol, type, name, plan or status, diff. */
export function renderSteps(operation: Operation, stack: string, steps: Step[]): string[] {
  const verbs = operation === "preview" ? PLANNED : DONE;
  const rows = steps.map((s) => [SYMBOL[s.op], s.type, nameOf(s.urn), verbs[s.op], info(s)]);
  const head = ["", "Type", "Name", operation === "preview" ? "Plan" : "Status", "Info"];
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((row) => row[i].length)));
  const line = (row: string[]) => ` ${row.map((cell, i) => cell.padEnd(widths[i])).join("  ")}`.trimEnd();
  return [`${HEADER[operation]} (${stack})`, "", line(head), ...rows.map(line)];
}

/** The "Resources:" block: `+ 2 to create`, `~ 1 updated`, `3 unchanged`. */
export function renderSummary(operation: Operation, result: StackResult): string[] {
  const lines = ORDER.filter((op) => result.changeSummary[op]).map((op) => {
    const count = result.changeSummary[op]!;
    if (op === "same") return `    ${count} unchanged`;
    const verb = operation === "preview" ? `to ${PLANNED[op]}` : DONE[op];
    return `    ${SYMBOL[op].trim().padEnd(2)}${count} ${verb}`;
  });
  return ["Resources:", ...(lines.length > 0 ? lines : ["    no resources"])];
}

export function renderOutputs(outputs: Record<string, unknown>): string[] {
  const keys = Object.keys(outputs).sort();
  if (keys.length === 0) return [];
  return ["Outputs:", ...keys.map((key) => `    ${key}: ${JSON.stringify(outputs[key])}`), ""];
}
