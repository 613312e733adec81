import type { Emulator } from "../../emulator";
import { ProviderHost } from "../../test/support/host";
import { runProgram } from "../../test/support/program";
import { Stack } from "../../test/support/stack";
import { CONSOLE_DESCRIPTION, consoleEdit, EXAMPLE, nhnEnvironment, say, step } from "./setup";

const LABEL = "[through the SDK's dynamic-provider host, not the Pulumi CLI]";

/** Fields that differ, as `old → new`; timestamps left out (they move on every change). */
function changes(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys({ ...before, ...after })
    .filter((key) => key !== "updatedAt" && JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => `${key}: ${JSON.stringify(before[key])} → ${JSON.stringify(after[key])}`);
}

/**
 * The same story without the CLI: the example runs under the SDK's mocks, and its resources go through
 * `@pulumi/pulumi/cmd/dynamic-provider` (the process the CLI would start) over gRPC, as our tests do.
 */
export async function withEnginePath(emulator: Emulator, dirs: { program: string }) {
  const host = await ProviderHost.start({
    cwd: dirs.program,
    env: { PATH: process.env.PATH, ...nhnEnvironment(emulator) },
  });
  try {
    await host.configure({});
    const stack = new Stack(host);
    const program = () => require(`${dirs.program}/index.ts`);
    const { registrations } = await runProgram(program, { project: EXAMPLE, stack: "demo" });

    step(`up ${LABEL}`);
    const up = await stack.up(registrations);
    if (up.failures.length > 0) throw up.failures[0].error;
    const [entry] = stack.state.values();
    const outputs = entry.outputs;
    say(`created logger ${entry.id} "${outputs.name}" on port ${outputs.resourceId}: ${outputs.status}`);
    say(`loggers in the emulator: ${emulator.control.loggers("KR1").length}`);

    step("a console edit, outside Pulumi");
    await consoleEdit(emulator, entry.id);

    step(`refresh ${LABEL}`);
    const before = { ...entry.outputs };
    const refreshed = await stack.refresh();
    if (refreshed.changed.length !== 1) throw new Error("refresh did not see the console edit");
    say(`drift detected on ${entry.urn}:`);
    for (const line of changes(before, stack.state.get(entry.urn)!.outputs)) say(`  ${line}`);

    step(`the CD drift gate, preview --expect-no-changes ${LABEL}`);
    const gate = await stack.preview(registrations);
    if (gate.failures.length > 0) throw gate.failures[0].error;
    const proposed = gate.steps.filter((s) => s.op !== "same");
    if (proposed.length === 0) throw new Error("the drift gate passed although the logger drifted");
    for (const s of proposed) say(`${s.op} ${s.urn}`);
    say(
      `${proposed.length} change(s) proposed: \`pulumi preview --expect-no-changes\` would exit non-zero here`,
    );

    step(`up again ${LABEL}`);
    const fix = await stack.up(registrations);
    if (fix.failures.length > 0) throw fix.failures[0].error;
    const live = emulator.control.loggers("KR1").find((logger) => logger.id === entry.id);
    if (!live || live.description === CONSOLE_DESCRIPTION) throw new Error("up did not undo the drift");
    say(`${fix.steps.map((s) => s.op).join(", ")}: description is "${live.description}" again`);

    step(`destroy ${LABEL}`);
    const managed = [...stack.state.values()].filter((e) => !e.external);
    await stack.destroy();
    const remaining = new Set(emulator.control.loggers("KR1").map((logger) => logger.id));
    for (const e of managed) {
      if (remaining.has(e.id)) throw new Error(`destroy left logger ${e.id}`);
      say(`deleted logger ${e.id} (${e.urn})`);
    }
  } finally {
    await host.close();
  }
}
