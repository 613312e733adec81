// Starts the files that take longest first, so that the wall time of `npm test` is the work divided among
// the workers, not the last long file started late (issue 22). Jest orders by its own timing cache when it
// has one; a fresh clone (CI) has none, and jest then orders by file size, which says little here.
const Sequencer = require("@jest/test-sequencer").default;

/** The slowest files by wall time, slowest first (from `npm test` on the 2-core machine). */
const FIRST = [
  "test/reliability/create-budget.test.ts",
  "test/reliability/soak-hostile.test.ts",
  "test/package/npm-pack.test.ts",
  "test/reliability/proof.test.ts",
  "test/testing/stack.test.ts",
  "test/nhncloud/flowlog-logger-recovery.test.ts",
  "test/nhncloud/flowlog-logger-drift.test.ts",
  "test/examples/examples.test.ts",
  "test/plugin/installed.test.ts",
  "test/reliability/soak.test.ts",
  "test/nhncloud/batching.test.ts",
  "test/testing/try-state.test.ts",
  "test/bench/run.test.ts",
  "test/emulator/cli-readings.test.ts",
  "test/package/type-check.test.ts",
];

class SlowestFirst extends Sequencer {
  sort(tests) {
    const rank = (test) => {
      const at = FIRST.findIndex((file) => test.path.endsWith(file));
      return at === -1 ? FIRST.length : at;
    };
    const byDefault = super.sort(tests);
    return [...byDefault].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = SlowestFirst;
