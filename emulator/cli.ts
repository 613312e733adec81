#!/usr/bin/env node
import { parseArgs } from "node:util";
import { CONTROL_ROUTES } from "./control-routes";
import { FAULT_PLAN_HELP } from "./faults";
import { startEmulator } from "./index";
import { READING_FLAG_OPTIONS, readingFlagsUsage, readingsFromFlags } from "./reading-flags";
import { formatReadings, type Readings } from "./readings";
import { DEFAULT_SEED, loadSeed, type Seed } from "./seed";
import { secretsLeftOut, stackConfigBanner, stackConfigFor, writeStackConfig } from "./stack-config";
import { DEFAULT_ACTIVATION_MS, DEFAULT_NCLOUD_CREDENTIALS, DEFAULT_TOKEN_TTL_SECONDS } from "./state";
import type { EmulatorOptions } from "./types";

const USAGE = `usage: pulumi-flowlog-emulator [options]     (in the repository: npm run emulator -- [options])

Serves NHN Cloud identity + Flow Log v2 and the NCloud flow log API on 127.0.0.1. Prints the base URL
as the first line, then the endpoints, the control routes (/_emulator/...) and the seeded ids.

  --port N                            port to listen on; 0 picks a free one (default 0)
  --activation-ms N                   how long a new logger stays in BUILD (default ${DEFAULT_ACTIVATION_MS})
  --latency-ms N                      delay before every API response (default 0)
  --seed FILE                         JSON topology to serve (default: the built-in seed, see --print-seed)
  --credentials TENANT:USER:PASSWORD  accept only these (default: any non-empty tenant, user, password)
  --token-ttl SECONDS                 lifetime of issued tokens (default ${DEFAULT_TOKEN_TTL_SECONDS})
  --max-concurrent-requests N         network API calls in flight above which one gets 429 (default: unlimited)
  --seed-loggers N                    start with N ACTIVE loggers (seeded-000001 …) of the stack tenant (default 0)
  --seed-loggers-region REGION        the region they are in (default KR1)
  --print-seed                        print the seed as JSON and exit
  --write-stack-config FILE           also write the stack config that aims a stack at it into FILE
                                      (a Pulumi.<stack>.yaml; other settings in it are kept), all but
                                      the secrets, whose pulumi config set --secret commands it prints
  -h, --help                          print this help and exit

How to read what the NHN API document leaves open (change at run time: PUT /_emulator/readings):
${readingFlagsUsage().join("\n")}

${FAULT_PLAN_HELP.join("\n")}`;

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

type Parsed =
  | { help: true }
  | { help: false; options: EmulatorOptions; printSeed: boolean; writeStackConfig?: string };

function parse(argv: string[]): Parsed {
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
      "max-concurrent-requests": { type: "string" },
      "seed-loggers": { type: "string" },
      "seed-loggers-region": { type: "string" },
      ...READING_FLAG_OPTIONS,
      "print-seed": { type: "boolean" },
      "write-stack-config": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return { help: true };
  const port = integer("port", values.port);
  if (port !== undefined && port > 65535) throw new UsageError(`--port must be at most 65535, got ${port}`);
  const maxConcurrentRequests = integer("max-concurrent-requests", values["max-concurrent-requests"]);
  if (maxConcurrentRequests === 0) throw new UsageError("--max-concurrent-requests must be at least 1");
  let readings: Partial<Readings>;
  try {
    readings = readingsFromFlags(values);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  let seed: Seed | undefined;
  try {
    seed = values.seed === undefined ? undefined : loadSeed(values.seed);
  } catch (error) {
    throw new UsageError(`--seed: ${(error as Error).message}`);
  }
  const seedLoggersRegion = values["seed-loggers-region"]?.toUpperCase();
  const regions = Object.keys((seed ?? DEFAULT_SEED).nhn.regions);
  if (seedLoggersRegion !== undefined && !regions.includes(seedLoggersRegion)) {
    const allowed = regions.join(", ");
    throw new UsageError(
      `--seed-loggers-region must be one of ${allowed}, got '${values["seed-loggers-region"]}'`,
    );
  }
  return {
    help: false,
    printSeed: values["print-seed"] ?? false,
    writeStackConfig: values["write-stack-config"],
    options: {
      port,
      activationMs: integer("activation-ms", values["activation-ms"]),
      latencyMs: integer("latency-ms", values["latency-ms"]),
      tokenTtlSeconds: integer("token-ttl", values["token-ttl"]),
      maxConcurrentRequests,
      credentials: credentials(values.credentials),
      seed,
      readings,
      seedLoggers: integer("seed-loggers", values["seed-loggers"]),
      seedLoggersRegion,
    },
  };
}

function summary(url: string, seed: Seed, options: EmulatorOptions, readings: Readings): string[] {
  const regions = Object.entries(seed.nhn.regions);
  const width = Math.max(...CONTROL_ROUTES.map((route) => route.path.length));
  return [
    `identity:  ${url}/identity/v2.0/tokens (${options.credentials ? `tenant ${options.credentials.tenantId}, user ${options.credentials.username}` : "any non-empty tenantId/username/password"})`,
    ...regions.map(([region]) => `network:   ${region} ${url}/network/${region.toLowerCase()}`),
    `ncloud:    ${url}/vserver/v2 (access key ${DEFAULT_NCLOUD_CREDENTIALS.accessKey}, secret key ${DEFAULT_NCLOUD_CREDENTIALS.secretKey})`,
    `readings:  ${formatReadings(readings)}`,
    ...(options.seedLoggers
      ? [
          `seeded:    ${options.seedLoggers} loggers in ${options.seedLoggersRegion ?? "KR1"} (seeded-000001 …)`,
        ]
      : []),
    `control:   ${url}/_emulator/... (JSON bodies; {region} is KR1, KR2, …):`,
    ...CONTROL_ROUTES.map(({ method, path, what }) => `  ${method.padEnd(6)} ${path.padEnd(width)}  ${what}`),
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
  let parsed: Parsed;
  try {
    parsed = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`pulumi-flowlog-emulator: ${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const seed = parsed.options.seed ?? DEFAULT_SEED;
  if (parsed.printSeed) {
    process.stdout.write(`${JSON.stringify(seed, null, 2)}\n`);
    return;
  }
  const emulator = await startEmulator(parsed.options);
  const banner = [
    ...summary(emulator.url, seed, parsed.options, emulator.control.readings()),
    ...stackConfigBanner(emulator.url, parsed.options),
  ];
  if (parsed.writeStackConfig) {
    const config = stackConfigFor(emulator.url, parsed.options);
    writeStackConfig(parsed.writeStackConfig, config);
    banner.push(...secretsLeftOut(parsed.writeStackConfig, config));
  }
  // The first line is the URL alone, so scripts can read it with `head -1`.
  process.stdout.write(`${emulator.url}\n${banner.join("\n")}\n`);
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
