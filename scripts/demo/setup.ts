import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import type { Emulator } from "../../emulator";

export const REPO = resolve(__dirname, "..", "..");
export const EXAMPLE = "port-logger";
export const TENANT = "0123456789abcdef0123456789abcdef";
export const PASSPHRASE = "flowlog-demo-passphrase";
export const CONSOLE_DESCRIPTION = "edited in the console";

export const say = (text: string) => process.stdout.write(`${text}\n`);
export const step = (text: string) => say(`\n==> ${text}`);

/**
 * The built package: the provider host `require`s pulumi-flowlog/dist/..., as it would from node_modules.
 * `npm run demo` always builds first, so edited sources are never demoed stale; this only covers a
 * direct `ts-node scripts/demo/index.ts` in a fresh checkout.
 */
export async function ensureBuilt(): Promise<void> {
  if (existsSync(join(REPO, "dist", "provider", "index.js"))) return;
  step("building the package (dist/ is missing)");
  await run("npm", ["run", "build"], { cwd: REPO });
}

/**
 * A temp folder with a copy of examples/port-logger whose node_modules link this checkout and the repo's
 * own SDK and compiler, as `npm install pulumi-flowlog` would give a user.
 */
export function prepareProgram(): { root: string; program: string; state: string } {
  const root = mkdtempSync(join(tmpdir(), "flowlog-demo-"));
  const program = join(root, EXAMPLE);
  const state = join(root, "state");
  mkdirSync(join(program, "node_modules", "@pulumi"), { recursive: true });
  mkdirSync(state);
  for (const file of ["Pulumi.yaml", "index.ts", "package.json", "tsconfig.json"]) {
    copyFileSync(join(REPO, "examples", EXAMPLE, file), join(program, file));
  }
  symlinkSync(REPO, join(program, "node_modules", "pulumi-flowlog"), "dir");
  for (const name of ["@pulumi/pulumi", "typescript", "ts-node", "@types"]) {
    const target = join(REPO, "node_modules", name);
    if (existsSync(target)) symlinkSync(target, join(program, "node_modules", name), "dir");
  }
  return { root, program, state };
}

/** What a user would export for NHN Cloud, pointed at the emulator. */
export function nhnEnvironment(emulator: Emulator): Record<string, string> {
  return {
    OS_AUTH_URL: `${emulator.url}/identity/v2.0`,
    OS_TENANT_ID: TENANT,
    OS_USERNAME: "demo@example.com",
    OS_PASSWORD: "demo-api-password",
    OS_REGION_NAME: "KR1",
  };
}

/** Whether an executable is on PATH (no shell, no `which`). */
export function onPath(command: string, path = process.env.PATH ?? ""): boolean {
  return path.split(delimiter).some((dir) => dir !== "" && existsSync(join(dir, command)));
}

/**
 * Runs a command without blocking the event loop (the emulator answers from this process) and
 * resolves with its exit code; output goes to ours. `allowFailure` lets an expected non-zero through.
 */
export function run(
  command: string,
  args: string[],
  options: {
    cwd: string;
    env?: Record<string, string | undefined>;
    allowFailure?: boolean;
    capture?: boolean;
  },
): Promise<{ code: number; stdout: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", options.capture ? "pipe" : "inherit", "inherit"],
    });
    let stdout = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.once("error", fail);
    child.once("exit", (code) => {
      if (code === 0 || options.allowFailure) done({ code: code ?? 1, stdout });
      else fail(new Error(`\`${command} ${args.join(" ")}\` exited with ${code}`));
    });
  });
}

/** A console-style edit, made the way the demo's reader could with curl: the emulator's HTTP control API. */
export async function consoleEdit(emulator: Emulator, loggerId: string): Promise<void> {
  const res = await fetch(`${emulator.url}/_emulator/nhn/KR1/loggers/${loggerId}`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ description: CONSOLE_DESCRIPTION }),
  });
  if (!res.ok) throw new Error(`console edit failed: HTTP ${res.status} ${await res.text()}`);
  say(`PATCH ${emulator.url}/_emulator/nhn/KR1/loggers/${loggerId} {"description":"${CONSOLE_DESCRIPTION}"}`);
}

/** Counts what is left, across every region the emulator serves. */
export async function loggersLeft(emulator: Emulator): Promise<number> {
  let count = 0;
  for (const region of Object.keys(emulator.control.seed().nhn.regions)) {
    const res = await fetch(`${emulator.url}/_emulator/nhn/${region}/loggers`);
    count += ((await res.json()) as { flowlog_loggers: unknown[] }).flowlog_loggers.length;
  }
  return count;
}
