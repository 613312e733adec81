import { randomBytes } from "node:crypto";
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { z } from "zod";
import { type LockHolder, StateLockedError } from "./errors";
import { readIfExists } from "./files";

/** A lock on a stack's state file, held for one operation. */
export interface StateLock {
  /** The lock file. */
  file: string;
  /** What taking it involved that the user should hear of (a stale lock taken over). */
  notes: string[];
  /** Removes the lock file if it is still this lock's; safe to call more than once. */
  release(): void;
}

const Holder = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  operation: z.string(),
  since: z.string(),
  token: z.string(),
});

export const lockFileOf = (stateFile: string): string => `${stateFile}.lock`;

/** Whether `pid` runs on this host (EPERM: it does, as another user). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** The lock file's text, read again briefly while empty (its creator writes it right after creating it). */
function readLock(file: string): string | undefined {
  for (let attempt = 0; attempt < 5; attempt++) {
    const text = readIfExists(file);
    if (text !== "") return text;
    pause(20);
  }
  return "";
}

function holderOf(text: string): LockHolder | undefined {
  try {
    const parsed = Holder.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const ago = (since: string) => {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(since)) / 1000));
  return Number.isNaN(seconds) ? "" : ` (${seconds} s ago)`;
};

function lockedError(stateFile: string, lockFile: string, { pid, host, operation, since }: LockHolder) {
  const holder = { pid, host, operation, since };
  const here = holder.host === hostname();
  const where = here ? "this host" : `host ${holder.host}`;
  const advice = here
    ? `Wait for it to finish (or end that process) and run again; if pid ${holder.pid} is not such a run, delete ${lockFile}.`
    : `Wait for it to finish and run again; if that run is no longer going on, delete ${lockFile}.`;
  return new StateLockedError(
    lockFile,
    holder,
    `the state ${stateFile} is locked by another run: pid ${holder.pid} on ${where}, running ${holder.operation} ` +
      `since ${holder.since}${ago(holder.since)}. Nothing was done. ${advice}`,
  );
}

/** Creates the lock file with O_EXCL: true if this call made it, false if one was there. */
function create(lockFile: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockFile, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Moves a stale lock (`text`, of a process gone from this host) out of the way. If another run replaced it
 * meanwhile, that run's lock is put back and nothing is taken over.
 */
function clearStale(lockFile: string, text: string): boolean {
  const claim = `${lockFile}.stale.${process.pid}.${randomBytes(4).toString("hex")}`;
  try {
    renameSync(lockFile, claim);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
  const moved = readFileSync(claim, "utf8");
  if (moved !== text) {
    // Another run took the stale lock over first: its lock goes back (unless yet another is there now).
    create(lockFile, moved);
    rmSync(claim, { force: true });
    return false;
  }
  rmSync(claim, { force: true });
  return true;
}

/**
 * Locks `stateFile` for `operation`: `<stateFile>.lock`, created with O_EXCL, holding this process's pid, the
 * host, the operation and when it started. A lock held by a live run is an error that names it; one whose
 * process is gone from this host is stale, and is taken over (and said so in `notes`).
 */
export function lockState(stateFile: string, operation: string): StateLock {
  const file = lockFileOf(stateFile);
  mkdirSync(dirname(file), { recursive: true });
  const holder = {
    pid: process.pid,
    host: hostname(),
    operation,
    since: new Date().toISOString(),
    token: randomBytes(8).toString("hex"),
  };
  const text = `${JSON.stringify(holder)}\n`;
  const notes: string[] = [];
  for (let attempt = 0; attempt < 10; attempt++) {
    if (create(file, text)) {
      let held = true;
      return {
        file,
        notes,
        release() {
          if (!held) return;
          held = false;
          if (readLock(file) === text) unlinkSync(file);
        },
      };
    }
    const current = readLock(file);
    if (current === undefined) continue;
    const other = holderOf(current);
    if (!other) {
      throw new StateLockedError(
        file,
        undefined,
        `the state ${stateFile} is locked by another run, and its lock file ${file} cannot be read. Nothing ` +
          "was done. If no other run is going on, delete the lock file and run again.",
      );
    }
    const stale = other.host === hostname() && !running(other.pid);
    if (!stale) throw lockedError(stateFile, file, other);
    if (clearStale(file, current)) {
      notes.push(
        `took over the stale lock ${file}: pid ${other.pid}, which started ${other.operation} at ${other.since}, ` +
          "is no longer running on this host",
      );
    }
  }
  throw new Error(`${file}: could not take the lock after 10 attempts (other runs keep taking it)`);
}
