import { parseSoakArgs, UsageError } from "../../soak/options";
import { main } from "../../soak/run";
import { DEFAULT_SOAK } from "../../soak/scenario";

/** Runs the soak's command line, collecting what it prints (only help and refusals: no soak runs). */
async function soak(args: string[]) {
  const printed = { out: [] as string[], err: [] as string[] };
  const code = await main(args, { out: (t) => printed.out.push(t), err: (t) => printed.err.push(t) });
  return { code, out: printed.out.join("\n"), err: printed.err.join("\n") };
}

const { log: _log, ...DEFAULTS } = DEFAULT_SOAK;

describe("npm run soak -- <flags>", () => {
  it("defaults to N = 40 with a lost create per 8 loggers", () => {
    expect(parseSoakArgs([])).toEqual({ help: false, options: { ...DEFAULTS, lostCreates: 5 } });
  });

  it.each([
    [["--n", "16"], { n: 16, lostCreates: 2 }],
    [["--n", "3"], { n: 3, lostCreates: 1 }],
    [["--seed", "7"], { seed: 7, lostCreates: 5 }],
    [["--rate", "0"], { faultRate: 0, lostCreates: 5 }],
    [["--rate", "1"], { faultRate: 1, lostCreates: 5 }],
    [["--rate", "0.5"], { faultRate: 0.5, lostCreates: 5 }],
    [["--lost", "0"], { lostCreates: 0 }],
    [["--n", "4", "--lost", "4"], { n: 4, lostCreates: 4 }],
    [["--activation-ms", "0"], { activationMs: 0, lostCreates: 5 }],
    [["--parallelism", "1"], { parallelism: 1, lostCreates: 5 }],
    [["--rounds", "2"], { maxRounds: 2, lostCreates: 5 }],
    [["--time-bound-ms", "60000"], { timeBoundMs: 60000, lostCreates: 5 }],
    [["--create-rounds", "50", "--n", "20"], { createRounds: 50, n: 20, lostCreates: 3 }],
    [["--hostile"], { hostile: true, lostCreates: 5 }],
  ])("reads %j", (args, expected) => {
    expect(parseSoakArgs(args)).toEqual({ help: false, options: { ...DEFAULTS, ...expected } });
  });

  it.each([
    [["--n", "0"], '--n must be an integer ≥ 1, got "0"'],
    [["--n", "2.5"], '--n must be an integer ≥ 1, got "2.5"'],
    [["--n", ""], '--n must be an integer ≥ 1, got ""'],
    [["--parallelism", "0"], '--parallelism must be an integer ≥ 1, got "0"'],
    [["--rounds", "0"], '--rounds must be an integer ≥ 1, got "0"'],
    [["--rate", "1.5"], '--rate must be a number from 0 to 1, got "1.5"'],
    [["--rate=-0.1"], '--rate must be a number from 0 to 1, got "-0.1"'],
    [["--rate", "much"], '--rate must be a number from 0 to 1, got "much"'],
    [["--seed=-1"], '--seed must be an integer ≥ 0, got "-1"'],
    [["--activation-ms", "1e400"], '--activation-ms must be an integer ≥ 0, got "1e400"'],
    [["--time-bound-ms", "0"], '--time-bound-ms must be an integer ≥ 1, got "0"'],
    [["--create-rounds", "0"], '--create-rounds must be an integer ≥ 1, got "0"'],
    [
      ["--hostile", "--create-rounds", "2"],
      "--hostile, --create-rounds and --proof are separate runs: give one",
    ],
    [["--proof", "--hostile"], "--hostile, --create-rounds and --proof are separate runs: give one"],
    [["--n", "4", "--lost", "5"], "--lost must be an integer from 0 to --n (4), got 5"],
    [["--count", "3"], "Unknown option '--count'"],
  ])("refuses %j with a clear message and the usage", (args, message) => {
    expect(() => parseSoakArgs(args)).toThrow(UsageError);
    expect(() => parseSoakArgs(args)).toThrow(message);
    expect(() => parseSoakArgs(args)).toThrow("usage: npm run soak -- [options]");
  });

  it.each([["--help"], ["-h"]])("prints every flag with its default for %s and exits 0", async (flag) => {
    const run = await soak([flag]);
    expect(run).toMatchObject({ code: 0, err: "" });
    expect(run.out).toMatch(/^usage: npm run soak -- \[options\]/);
    for (const line of [
      /--n N +.*default 40\)/,
      /--seed N +.*default 20260\)/,
      /--rate R +.*default 0\.25\)/,
      /--lost N +.*at least 1: 5 for n=40\)/,
      /--activation-ms N +.*default 100\)/,
      /--parallelism N +.*default 10\)/,
      /--rounds N +.*default 5\)/,
      /--time-bound-ms N +.*default 600000\)/,
      /-h, --help +print this help and exit/,
    ]) {
      expect(run.out).toMatch(line);
    }
  });

  it.each([
    [["--bogus"], "soak: Unknown option '--bogus'"],
    [["--parallelism", "0"], 'soak: --parallelism must be an integer ≥ 1, got "0"'],
  ])("exits 2 on %j with one line saying why, then the usage, and no stack trace", async (args, line) => {
    const run = await soak(args);
    expect(run).toMatchObject({ code: 2, out: "" });
    expect(run.err.split("\n")[0]).toBe(line);
    expect(run.err).toContain("usage: npm run soak -- [options]");
    expect(run.err).not.toMatch(/\n\s+at /);
  });
});
