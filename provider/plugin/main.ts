#!/usr/bin/env node
import { deferUnusedModules } from "../common/defer-modules";
import { messageOf } from "../common/errors";
import type * as Server from "./server";

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

/**
 * Serves until the engine ends the process; prints the port alone on stdout, as the engine expects. The
 * SDK's closure tooling and Automation API, which a plugin never uses, and zod's locales are loaded only if
 * used (../common/defer-modules.ts): the server is required after that is set up, and starts in about 0.3 s
 * of CPU instead of 1.1 s (issue 22).
 */
export async function main(args: readonly string[]): Promise<void> {
  deferUnusedModules();
  const { serve } = require("./server") as typeof Server;
  const { port } = await serve(engineAddressOf(args));
  process.stdout.write(`${port}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`pulumi-resource-flowlog: ${messageOf(error)}\n`);
    process.exit(1);
  });
}
