#!/usr/bin/env node
import { parseArgs } from "node:util";
import { startEmulator } from "./index";
import { DEFAULT_SEED, loadSeed, type Seed } from "./seed";
import { DEFAULT_NCLOUD_CREDENTIALS } from "./state";
import type { EmulatorOptions } from "./types";

const USAGE = `usage: pulumi-flowlog-emulator [--port N] [--activation-ms N] [--latency-ms N] [--seed FILE]
                               [--credentials TENANT:USER:PASSWORD] [--token-ttl SECONDS] [--print-seed]`;

class UsageError extends Error {}

function integer(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${flag} must be a non-negative integer, got '${value}'`);
  return Number(value);
}

function credentials(value: string | undefined): EmulatorOptions["credentials"] {
  if (value === undefined) return undefined;
  // The password may itself contain colons: split on the first two only.
  const match = /^([^:]+):([^:]+):(.+)$/.exec(value);
  if (!match) throw new UsageError("--credentials must be TENANT:USER:PASSWORD, all non-empty");
  return { tenantId: match[1], username: match[2], password: match[3] };
}

function parse(argv: string[]): { options: EmulatorOptions; printSeed: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: "string" },
      "activation-ms": { type: "string" },
      "latency-ms": { type: "string" },
      seed: { type: "string" },
      credentials: { type: "string" },
      "token-ttl": { type: "string" },
      "print-seed": { type: "boolean" },
    },
  });
  const port = integer("port", values.port);
  if (port !== undefined && port > 65535) throw new UsageError(`--port must be at most 65535, got ${port}`);
  let seed: Seed | undefined;
  try {
    seed = values.seed === undefined ? undefined : loadSeed(values.seed);
  } catch (error) {
    throw new UsageError(`--seed: ${(error as Error).message}`);
  }
  return {
    printSeed: values["print-seed"] ?? false,
    options: {
      port,
      activationMs: integer("activation-ms", values["activation-ms"]),
      latencyMs: integer("latency-ms", values["latency-ms"]),
      tokenTtlSeconds: integer("token-ttl", values["token-ttl"]),
      credentials: credentials(values.credentials),
      seed,
    },
  };
}

function summary(url: string, seed: Seed, options: EmulatorOptions): string[] {
  const regions = Object.entries(seed.nhn.regions);
  return [
    `identity:  ${url}/identity/v2.0/tokens (${options.credentials ? `tenant ${options.credentials.tenantId}, user ${options.credentials.username}` : "any non-empty tenantId/username/password"})`,
    ...regions.map(([region]) => `network:   ${region} ${url}/network/${region.toLowerCase()}`),
    `ncloud:    ${url}/vserver/v2 (access key ${DEFAULT_NCLOUD_CREDENTIALS.accessKey}, secret key ${DEFAULT_NCLOUD_CREDENTIALS.secretKey})`,
    `control:   ${url}/_emulator/seed, /_emulator/requests, /_emulator/faults`,
    "seeded ids (full seed: --print-seed or GET /_emulator/seed):",
    ...regions.flatMap(([region, r]) =>
      r.vpcs.flatMap((vpc) =>
        vpc.subnets.map(
          (subnet) =>
            `  ${region} vpc ${vpc.id} subnet ${subnet.id} ports ${subnet.ports.map((p) => p.id).join(" ")}`,
        ),
      ),
    ),
    ...regions.map(([region, r]) => `  ${region} granted containers: ${r.grantedContainers.join(", ")}`),
    `  ncloud interfaces: ${seed.ncloud.networkInterfaces.join(", ")}; buckets: ${seed.ncloud.buckets.join(", ")}; regions: ${seed.ncloud.regionCodes.join(", ")}`,
  ];
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`pulumi-flowlog-emulator: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const seed = parsed.options.seed ?? DEFAULT_SEED;
  if (parsed.printSeed) {
    process.stdout.write(`${JSON.stringify(seed, null, 2)}\n`);
    return;
  }
  const emulator = await startEmulator(parsed.options);
  // The first line is the URL alone, so scripts can read it with `head -1`.
  process.stdout.write(`${emulator.url}\n${summary(emulator.url, seed, parsed.options).join("\n")}\n`);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`pulumi-flowlog-emulator: ${(error as Error).message}\n`);
  process.exit(1);
});
