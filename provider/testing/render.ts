import type { StackRunError } from "./errors";
import { typeOfUrn } from "./program";
import type { Op, Step } from "./steps";
import type { StackResource, StackResult } from "./types";

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
const DOING: Record<Op, string> = {
  create: "creating",
  update: "updating",
  replace: "replacing",
  delete: "deleting",
  same: "updating",
  read: "reading",
};
const ORDER: Op[] = ["create", "update", "replace", "delete", "read", "same"];

type Failure = StackRunError["failures"][number];

const nameOf = (urn: string) => urn.split("::").slice(3).join("::");

function info(step: Pick<Step, "diffs" | "replaces">): string {
  if (step.diffs.length === 0) return "";
  const replaces = new Set(step.replaces ?? []);
  return `[diff: ${step.diffs.map((key) => `${replaces.has(key) ? "+-" : "~"}${key}`).join(", ")}]`;
}

const failedStatus = (operation: Operation, op: Op | undefined) =>
  `**${operation === "refresh" ? "refreshing" : op ? DOING[op] : "updating"} failed**`;

/**
 * The steps as `pulumi preview` / `pulumi up` print them: symbol, type, name, plan or status, diff. A step
 * that failed is listed with the operation it attempted, `**creating failed**` and the like, as the CLI does.
 */
export function renderSteps(
  operation: Operation,
  stack: string,
  steps: Step[],
  failures: Failure[] = [],
): string[] {
  const verbs = operation === "preview" ? PLANNED : DONE;
  const failed = failures.filter((f) => f.urn.startsWith("urn:"));
  const isFailed = (step: Step) => failed.some((f) => f.urn === step.urn && f.op === step.op);
  const unlisted = failed.filter((f) => !steps.some((s) => s.urn === f.urn && s.op === f.op));
  const listed: (Omit<Step, "op"> & { op?: Op; failed: boolean })[] = [
    ...steps.map((s) => ({ ...s, failed: isFailed(s) })),
    ...unlisted.map((f) => ({ urn: f.urn, op: f.op, type: typeOfUrn(f.urn), diffs: [], failed: true })),
  ];
  const rows = listed
    .sort(
      (a, b) =>
        Number(a.op === "delete") - Number(b.op === "delete") || (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0),
    )
    .map((s) => [
      s.op ? SYMBOL[s.op] : "  ",
      s.type,
      nameOf(s.urn),
      s.failed ? failedStatus(operation, s.op) : s.op ? verbs[s.op] : "",
      info(s),
    ]);
  const head = ["", "Type", "Name", operation === "preview" ? "Plan" : "Status", "Info"];
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((row) => row[i].length)));
  const line = (row: string[]) => ` ${row.map((cell, i) => cell.padEnd(widths[i])).join("  ")}`.trimEnd();
  return [`${HEADER[operation]} (${stack})`, "", line(head), ...rows.map(line)];
}

/** The "Resources:" block: `+ 2 to create`, `~ 1 updated`, `3 unchanged` (`no changes` when no step was taken). */
export function renderSummary(operation: Operation, result: StackResult): string[] {
  const lines = ORDER.filter((op) => result.changeSummary[op]).map((op) => {
    const count = result.changeSummary[op]!;
    if (op === "same") return `    ${count} unchanged`;
    const verb = operation === "preview" ? `to ${PLANNED[op]}` : DONE[op];
    return `    ${SYMBOL[op].trim().padEnd(2)}${count} ${verb}`;
  });
  return ["Resources:", ...(lines.length > 0 ? lines : ["    no changes"])];
}

/** The resources the stack's state holds, as `pulumi stack --show-ids` lists them. */
export function renderState(resources: StackResource[]): string[] {
  if (resources.length === 0) return ["Current stack resources (0): the state is empty"];
  const rows = [...resources]
    .sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0))
    .map((r) => [r.type, nameOf(r.urn), r.id]);
  const head = ["TYPE", "NAME", "ID"];
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((row) => row[i].length)));
  const line = (row: string[]) => `    ${row.map((cell, i) => cell.padEnd(widths[i])).join("  ")}`.trimEnd();
  return [`Current stack resources (${resources.length}):`, line(head), ...rows.map(line)];
}

export function renderOutputs(outputs: Record<string, unknown>): string[] {
  const keys = Object.keys(outputs).sort();
  if (keys.length === 0) return [];
  return ["Outputs:", ...keys.map((key) => `    ${key}: ${JSON.stringify(outputs[key])}`), ""];
}
