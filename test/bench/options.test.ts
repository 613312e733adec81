import { DEFAULT_OPTIONS, parseOptions, UsageError } from "../../bench/options";
import { main } from "../../bench/run";

/** Runs the bench's command line with a fake run, collecting what it prints. */
async function bench(args: string[]) {
  const printed = { out: [] as string[], err: [] as string[] };
  const run = jest.fn(async () => {
    throw new Error("the bench must not run");
  });
  const code = await main(args, { out: (t) => printed.out.push(t), err: (t) => printed.err.push(t) }, run);
  return { code, out: printed.out.join("\n"), err: printed.err.join("\n"), ran: run.mock.calls.length > 0 };
}

describe("bench options", () => {
  it("defaults to the parameters the N=40 targets are stated for, with no gateway cap", () => {
    expect(parseOptions([])).toEqual({
      n: 40,
      activationMs: 1500,
      latencyMs: 25,
      parallelism: 10,
      pack: true,
    });
  });

  it.each([
    ["--n", ["--n", "200"], { n: 200 }],
    ["--activation-ms", ["--activation-ms", "0"], { activationMs: 0 }],
    ["--latency-ms", ["--latency-ms", "5"], { latencyMs: 5 }],
    ["--parallelism", ["--parallelism", "50"], { parallelism: 50 }],
    ["--max-in-flight", ["--max-in-flight", "24"], { maxInFlight: 24 }],
    ["--no-pack", ["--no-pack"], { pack: false }],
  ])("reads %s", (_flag, args, expected) => {
    expect(parseOptions(args)).toEqual({ ...DEFAULT_OPTIONS, ...expected });
  });

  it.each([
    ["a count of zero", ["--n", "0"], "--n must be an integer ≥ 1"],
    ["a fraction", ["--latency-ms", "2.5"], "--latency-ms must be an integer ≥ 0"],
    ["a word", ["--parallelism", "ten"], "--parallelism must be an integer ≥ 1"],
    ["a cap of zero", ["--max-in-flight", "0"], "--max-in-flight must be an integer ≥ 1"],
    ["a negative cap", ["--max-in-flight=-3"], "--max-in-flight must be an integer ≥ 1"],
  ])("refuses %s and prints the usage", (_case, args, message) => {
    expect(() => parseOptions(args)).toThrow(message);
    expect(() => parseOptions(args)).toThrow("usage: npm run bench");
  });

  it("refuses an unknown flag", () => {
    expect(() => parseOptions(["--count", "3"])).toThrow(/Unknown option '--count'/);
    expect(() => parseOptions(["--count", "3"])).toThrow(UsageError);
    expect(() => parseOptions(["--count", "3"])).toThrow("usage: npm run bench");
  });

  it.each([["--help"], ["-h"], ["--n", "5", "--help"]])(
    "prints the usage with every flag and its default for %s and exits 0 without running",
    async (...args) => {
      const run = await bench(args);
      expect(run).toMatchObject({ code: 0, err: "", ran: false });
      expect(run.out).toMatch(/^usage: npm run bench -- \[options\]/);
      for (const line of [
        /--n N +.*default 40\)/,
        /--activation-ms N +.*default 1500\)/,
        /--latency-ms N +.*default 25\)/,
        /--parallelism N +.*default 10\)/,
        /--max-in-flight N +.*429.*default: no cap\)/,
        /--pack, --no-pack +.*\(default --pack\)/,
        /-h, --help +print this help and exit/,
      ]) {
        expect(run.out).toMatch(line);
      }
    },
  );

  it.each([
    ["an unknown flag", ["--bogus"], "bench: Unknown option '--bogus'"],
    ["a parallelism of zero", ["--parallelism", "0"], 'bench: --parallelism must be an integer ≥ 1, got "0"'],
    ["an empty count", ["--n", ""], 'bench: --n must be an integer ≥ 1, got ""'],
  ])(
    "exits 2 on %s with one line saying why, then the usage, and no stack trace",
    async (_case, args, line) => {
      const run = await bench(args);
      expect(run).toMatchObject({ code: 2, out: "", ran: false });
      expect(run.err.split("\n")[0]).toBe(line);
      expect(run.err).toContain("usage: npm run bench -- [options]");
      expect(run.err).not.toMatch(/\n\s+at /);
    },
  );
});
