#!/usr/bin/env node
import { messageOf } from "../common/errors";
import { serve } from "./server";

/**
 * `pulumi-resource-flowlog [--logtostderr] [-v=N] [--tracing ENDPOINT] <engine-address>`: the engine starts the
 * plugin this way (one process per provider instance), then reads the gRPC port it prints on stdout.
 */
export function engineAddressOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--tracing") i++;
    else if (!args[i].startsWith("-")) return args[i];
  }
  return undefined;
}

/** Serves until the engine ends the process; prints the port alone on stdout, as the engine expects. */
export async function main(args: readonly string[]): Promise<void> {
  const { port } = await serve(engineAddressOf(args));
  process.stdout.write(`${port}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`pulumi-resource-flowlog: ${messageOf(error)}\n`);
    process.exit(1);
  });
}
