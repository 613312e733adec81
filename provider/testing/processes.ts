import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * Every child process the kit starts (provider hosts, program runs), so that none outlives its owner: each
 * is ended by its owner's close, on a thrown error, and on this process's `exit`, SIGINT or SIGTERM. The
 * children also end themselves when this process dies without warning (their stdin or IPC channel closes).
 * Cleanups (a stack saving its state and releasing its lock) run first, on the same occasions.
 */
const live = new Set<ChildProcess>();
const cleanups = new Set<() => void>();
const SIGNALS = ["SIGINT", "SIGTERM"] as const;
let hooked = false;

/** Runs every cleanup, then ends every child at once (SIGKILL). For a process about to exit. */
export function terminate(): void {
  for (const cleanup of [...cleanups]) {
    cleanups.delete(cleanup);
    try {
      cleanup();
    } catch {
      // the others still run, and the children still end
    }
  }
  for (const child of live) child.kill("SIGKILL");
}

function onSignal(signal: NodeJS.Signals): void {
  terminate();
  unhook();
  // Ours was the only handler: do what Node would have done without it.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

// Hooks exist only while children live or cleanups wait, so loading the kit many times (jest) adds no listeners.
function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on("exit", terminate);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function unhook(): void {
  if (!hooked) return;
  hooked = false;
  process.off("exit", terminate);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

const unhookIfIdle = () => {
  if (live.size === 0 && cleanups.size === 0) unhook();
};

/**
 * Runs `cleanup` (synchronous) if this process exits or gets SIGINT or SIGTERM before the returned function
 * is called; that function withdraws it.
 */
export function atTermination(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  hook();
  return () => {
    cleanups.delete(cleanup);
    unhookIfIdle();
  };
}

/** Registers a child; it leaves the registry when it exits. */
export function track(child: ChildProcess): ChildProcess {
  if (child.exitCode !== null || child.signalCode !== null) return child;
  live.add(child);
  hook();
  child.once("exit", () => {
    live.delete(child);
    unhookIfIdle();
  });
  return child;
}

type Handle = { ref?: () => void; unref?: () => void } | null | undefined;

/**
 * Whether a child (its process, pipes and IPC channel) keeps this process alive. An idle provider host
 * kept between calls should not: a program that forgets `close()` still exits, and the exit hook ends it.
 */
export function holdOpen(child: ChildProcess, hold: boolean): void {
  const handles: Handle[] = [child, child.stdin, child.stdout, child.stderr, child.channel] as Handle[];
  for (const handle of handles) (hold ? handle?.ref : handle?.unref)?.call(handle);
}

/** Ends a child: SIGTERM, then SIGKILL if it is still there after `graceMs`. Resolves when it has exited. */
export async function stop(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * A file the kit runs in a child process. Loaded from the repository's sources (its own tests under
 * ts-jest), the kit runs the build of that file in dist/ instead.
 */
export function childEntry(name: string): string {
  const here = join(__dirname, `${name}.js`);
  if (existsSync(here)) return here;
  return resolve(__dirname, "..", "..", "dist", "provider", "testing", `${name}.js`);
}
