import { startEmulator } from "../emulator";
import { type BenchOptions, DEFAULT_OPTIONS, parseOptions, USAGE, UsageError, wantsHelp } from "./options";
import { register, runOurs } from "./ours";
import { runPlugin } from "./plugin";
import { formatProof, PROOF_SETUPS, runProof } from "./proof";
import { packedProviderBytes, providerBytes } from "./provider-bytes";
import { startCountingProxy } from "./proxy";
import { type BenchResult, formatReport } from "./report";
import { runTextbook } from "./textbook";
import { loggerSpecs, seedWithPorts, stackConfig } from "./workload";

/**
 * Creates, refreshes and deletes N loggers against the emulator, first with this package through the
 * dynamic-provider host (needs a built dist/), then with the textbook provider, and collects the figures.
 */
export async function runBench(options: BenchOptions = DEFAULT_OPTIONS): Promise<BenchResult> {
  const emulator = await startEmulator({
    port: 0,
    activationMs: options.activationMs,
    latencyMs: options.latencyMs,
    maxConcurrentRequests: options.maxInFlight,
    seed: seedWithPorts(options.n),
  });
  const proxy = await startCountingProxy(emulator.url);
  try {
    const meters = { emulator, proxy };
    const config = stackConfig(proxy.url);
    const registrations = await register(loggerSpecs(options.n, "ours"), config);
    const ours = await runOurs(meters, config, registrations, options);
    const textbook = await runTextbook(meters, config, loggerSpecs(options.n, "textbook"), options);
    const plugin = await runPlugin(meters, config, loggerSpecs(options.n, "plugin"), options);
    return {
      options,
      floorMs: options.activationMs + options.latencyMs,
      ours,
      textbook,
      plugin,
      providerBytes: {
        repo: providerBytes(registrations[0]),
        packed: options.pack ? packedProviderBytes() : undefined,
      },
    };
  } finally {
    await proxy.close();
    await emulator.close();
  }
}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const STDIO: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** The bench's command line; resolves with the exit code: 0 done, 1 the run failed, 2 a bad command line. */
export async function main(args: string[], io: Io = STDIO, run = runBench): Promise<number> {
  if (wantsHelp(args)) {
    io.out(USAGE);
    return 0;
  }
  let options: BenchOptions;
  try {
    options = parseOptions(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`bench: ${error.message}`);
    return 2;
  }
  try {
    if (options.proof) {
      const rows = [];
      for (const [setup, readings, seeded] of PROOF_SETUPS)
        rows.push(await runProof(setup, readings, seeded));
      io.out(formatProof(rows));
      return 0;
    }
    io.out(formatReport(await run(options)));
    return 0;
  } catch (error) {
    io.err(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
