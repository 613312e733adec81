import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";

const SCRIPT = resolve(__dirname, "..", "..", "examples", "cd-drift-gate", "drift-gate.sh");

interface Fakes {
  /** Exit code of the fake `npm ci`. */
  npm: number;
  /** What the fake `pulumi preview` prints to stderr, and its exit code. */
  pulumi: { stderr: string; code: number };
  /** Whether the program directory has a package-lock.json. */
  lock?: boolean;
}

/** Runs drift-gate.sh with fake `npm` and `pulumi` first on PATH, each logging its arguments. */
function gate(args: string[], fakes: Fakes) {
  const dir = mkdtempSync(join(tmpdir(), "drift-gate-"));
  try {
    const fake = (name: string, body: string) => {
      writeFileSync(join(dir, name), `#!/bin/sh\necho "${name} $*" >>"${dir}/calls"\n${body}\n`);
      chmodSync(join(dir, name), 0o755);
    };
    fake("npm", `exit ${fakes.npm}`);
    if (fakes.lock) writeFileSync(join(dir, "package-lock.json"), "{}");
    fake("pulumi", `echo "preview output"\necho "${fakes.pulumi.stderr}" >&2\nexit ${fakes.pulumi.code}`);
    const run = spawnSync("sh", [SCRIPT, ...args], {
      cwd: dir,
      encoding: "utf8",
      env: { PATH: [dir, process.env.PATH].join(delimiter) },
    });
    let calls: string[] = [];
    try {
      calls = readFileSync(join(dir, "calls"), "utf8").trim().split("\n");
    } catch {
      // nothing ran
    }
    return { code: run.status, stdout: run.stdout, stderr: run.stderr, calls };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const CLEAN = { npm: 0, pulumi: { stderr: "", code: 0 }, lock: true };

describe("examples/cd-drift-gate/drift-gate.sh", () => {
  it("refuses to run without a stack and prints its usage", () => {
    const run = gate([], CLEAN);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("usage: drift-gate.sh <stack> [program dir]");
    expect(run.calls).toEqual([]);
  });

  it("installs the program's packages before the preview, which refreshes and expects no changes", () => {
    const run = gate(["prod"], CLEAN);
    expect(run.code).toBe(0);
    expect(run.calls).toEqual([
      "npm ci --no-audit --no-fund --loglevel=error",
      "pulumi preview --stack prod --refresh --expect-no-changes --diff --non-interactive",
    ]);
    expect(run.stdout).toContain("preview output");
    expect(run.stdout).toContain("drift gate: stack prod matches the live flow logs");
  });

  it("installs with npm install when the program has no package-lock.json (npm ci would refuse)", () => {
    const run = gate(["prod"], { ...CLEAN, lock: false });
    expect(run.code).toBe(0);
    expect(run.calls[0]).toBe("npm install --no-audit --no-fund --loglevel=error");
  });

  it.each([
    [
      1,
      "drift",
      { npm: 0, pulumi: { stderr: "error: no changes were expected but changes were proposed", code: 255 } },
      "drift detected in stack prod",
    ],
    [
      2,
      "a preview that failed for another reason (the gate is broken, not a verdict)",
      { npm: 0, pulumi: { stderr: "error: failed to get credentials", code: 255 } },
      "the preview failed (exit 255) without reporting drift",
    ],
    [2, "a failed npm ci", { npm: 1, pulumi: { stderr: "", code: 0 }, lock: true }, "npm ci failed"],
  ])("exits %i on %s and says which", (code, _case, fakes, says) => {
    const run = gate(["prod"], fakes);
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(says);
  });
});
