import { DEFAULT_OPTIONS, parseOptions } from "../../bench/options";

describe("bench options", () => {
  it("defaults to the parameters the targets are stated for", () => {
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
    ["--no-pack", ["--no-pack"], { pack: false }],
  ])("reads %s", (_flag, args, expected) => {
    expect(parseOptions(args)).toEqual({ ...DEFAULT_OPTIONS, ...expected });
  });

  it.each([
    ["a count of zero", ["--n", "0"], "--n must be an integer ≥ 1"],
    ["a fraction", ["--latency-ms", "2.5"], "--latency-ms must be an integer ≥ 0"],
    ["a word", ["--parallelism", "ten"], "--parallelism must be an integer ≥ 1"],
  ])("refuses %s and prints the usage", (_case, args, message) => {
    expect(() => parseOptions(args)).toThrow(message);
    expect(() => parseOptions(args)).toThrow("usage: npm run bench");
  });

  it("refuses an unknown flag", () => {
    expect(() => parseOptions(["--count", "3"])).toThrow(/Unknown option '--count'/);
  });
});
