import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { z } from "zod";
import { StateFileError } from "./errors";
import { readIfExists } from "./files";
import type { StateEntry } from "./steps";

const Entry = z.object({
  urn: z.string().min(1),
  id: z.string(),
  inputs: z.record(z.string(), z.unknown()),
  outputs: z.record(z.string(), z.unknown()),
  initErrors: z.array(z.string()).optional(),
  external: z.boolean().optional(),
  simulated: z.boolean().optional(),
  protect: z.boolean().optional(),
  retainOnDelete: z.boolean().optional(),
});

/** A stack's state as the kit keeps it in a file: what `pulumi stack export` holds, for these resources. */
const SavedState = z.object({
  version: z.literal(1),
  project: z.string(),
  stack: z.string(),
  resources: z.array(Entry),
  /** Old resources of create-before-delete replacements, deleted at the end of an up (or the next one). */
  pendingDeletes: z.array(Entry).default([]),
});
export type SavedState = z.infer<typeof SavedState>;

const issueText = (issue: { path: PropertyKey[]; message: string }) =>
  `${issue.path.length > 0 ? issue.path.map(String).join(".") : "(the top level)"}: ${issue.message}`;

/**
 * The state in `file`, or undefined when there is none yet. A file that is not the kit's state (truncated,
 * not JSON, another shape) is refused with what is wrong, and left as it is.
 */
export function readStateFile(file: string): SavedState | undefined {
  const text = readIfExists(file);
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const what = text.trim() === "" ? "it is empty" : `it is not valid JSON (${(error as Error).message})`;
    throw new StateFileError(file, `${what}: it may have been truncated`);
  }
  const parsed = SavedState.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map(issueText).join("; ");
    throw new StateFileError(file, `it is not a state file of pulumi-flowlog/testing (${issues})`);
  }
  return parsed.data;
}

/** The state as it is saved: resources and pending deletes, copied so that later changes do not leak in. */
export function savedState(
  project: string,
  stack: string,
  resources: Iterable<StateEntry>,
  pendingDeletes: StateEntry[],
): SavedState {
  return { version: 1, project, stack, resources: [...resources], pendingDeletes: [...pendingDeletes] };
}

/**
 * Replaces `file` with `state` atomically: written to a temp file of its own (pid and random suffix) in the
 * same folder, flushed to disk, then renamed over the old one. A reader sees the old state or the new one,
 * never a part of either, whatever happens meanwhile.
 */
export function writeStateFile(file: string, state: SavedState): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const fd = openSync(temp, "wx", 0o600);
    try {
      writeSync(fd, `${JSON.stringify(state, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
