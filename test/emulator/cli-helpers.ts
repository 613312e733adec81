import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { send } from "./helpers";

// npm test builds first (pretest), so the compiled CLI is what users run.
export const CLI = join(__dirname, "../../dist/emulator/cli.js");

interface Launched {
  child: ChildProcessWithoutNullStreams;
  firstLine: Promise<string>;
  /** Every stdout line so far; the banner is complete once the server has answered a request. */
  lines: string[];
}

export function launch(args: string[]): Launched {
  const child = spawn(process.execPath, [CLI, ...args]);
  const lines: string[] = [];
  const stdout = createInterface({ input: child.stdout });
  stdout.on("line", (line) => lines.push(line));
  const firstLine = new Promise<string>((resolve, reject) => {
    stdout.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { child, firstLine, lines };
}

export const exited = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

/** Runs `fn` against a CLI emulator started with `args`, then stops it with SIGTERM. */
export async function withCli(
  args: string[],
  fn: (url: string, lines: string[]) => Promise<void>,
): Promise<void> {
  const { child, firstLine, lines } = launch(["--port", "0", ...args]);
  try {
    await fn(await firstLine, lines);
  } finally {
    const code = exited(child);
    child.kill("SIGTERM");
    expect(await code).toBe(0);
  }
}

export const login = (url: string) =>
  send(`${url}/identity/v2.0/tokens`, {
    method: "POST",
    body: { auth: { tenantId: "t", passwordCredentials: { username: "u", password: "p" } } },
  });
