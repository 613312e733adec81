import type { Emulator } from "../../emulator";
import { consoleEdit, nhnEnvironment, PASSPHRASE, run, step } from "./setup";

/** The real thing: the Pulumi CLI with a local file backend, against the emulator. */
export async function withPulumiCli(emulator: Emulator, dirs: { program: string; state: string }) {
  const env = {
    ...nhnEnvironment(emulator),
    PULUMI_BACKEND_URL: `file://${dirs.state}`,
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
  };
  const pulumi = (args: string[], extra: { allowFailure?: boolean; capture?: boolean } = {}) =>
    run("pulumi", [...args, "--non-interactive"], { cwd: dirs.program, env, ...extra });

  step(`pulumi stack init demo (backend file://${dirs.state})`);
  await pulumi(["stack", "init", "demo"]);
  try {
    step("pulumi up");
    await pulumi(["up", "--yes"]);
    const loggerId = (await pulumi(["stack", "output", "loggerId"], { capture: true })).stdout.trim();

    step("a console edit, outside Pulumi");
    await consoleEdit(emulator, loggerId);

    step("pulumi refresh: the drift shows");
    await pulumi(["refresh", "--yes", "--diff"]);

    step("the CD drift gate (pulumi preview --expect-no-changes) trips, as it should");
    const gate = await pulumi(["preview", "--expect-no-changes", "--diff"], { allowFailure: true });
    if (gate.code === 0) throw new Error("the drift gate passed although the logger drifted");

    step("pulumi up puts the program's description back");
    await pulumi(["up", "--yes"]);

    step("pulumi destroy");
    await pulumi(["destroy", "--yes"]);
  } finally {
    await pulumi(["stack", "rm", "--yes", "--force"], { allowFailure: true });
  }
}
