import { rmSync } from "node:fs";
import { startEmulator } from "../../emulator";
import { withEnginePath } from "./engine-path";
import { withPulumiCli } from "./pulumi-cli";
import { EXAMPLE, ensureBuilt, loggersLeft, onPath, prepareProgram, say, step } from "./setup";

const NO_CLI = `Pulumi CLI not found: install it with \`curl -fsSL https://get.pulumi.com | sh\` (https://www.pulumi.com/docs/install/).
Running the same example through the SDK's dynamic-provider host instead (the engine path our tests use), not the Pulumi CLI.`;

/** `npm run demo`: examples/port-logger against the emulator, a console edit, the drift, and a clean-up. No cloud account. */
async function main(): Promise<void> {
  await ensureBuilt();
  const emulator = await startEmulator({ port: 0, activationMs: 300 });
  const dirs = prepareProgram();
  try {
    step(`emulator at ${emulator.url}; examples/${EXAMPLE} copied to ${dirs.program}`);
    if (onPath("pulumi")) {
      await withPulumiCli(emulator, dirs);
    } else {
      say(NO_CLI);
      await withEnginePath(emulator, dirs);
    }
    const left = await loggersLeft(emulator);
    say(`\n${left} loggers left in the emulator`);
    if (left !== 0) throw new Error("the demo left loggers behind");
  } finally {
    await emulator.close();
    rmSync(dirs.root, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
