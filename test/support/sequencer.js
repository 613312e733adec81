// Starts the files that take longest first, so that the wall time of `npm test` is the work divided among
// the workers, not the last long file started late (issue 22). Jest orders by its own timing cache when it
// has one; a fresh clone (CI) has none, and jest then orders by file size, which says little here.
const Sequencer = require("@jest/test-sequencer").default;

/**
 * The slowest files, in the order they start (from `npm test` on the 2-core machine). Those that mostly wait
 * (real backoffs, late backends, child processes) are spread out so that about one runs at a time, beside
 * two that keep the cores busy: three that wait at once would leave the cores idle (issue 22).
 */
const FIRST = [
  "test/reliability/create-budget.test.ts", // waits
  "test/reliability/proof.test.ts",
  "test/package/npm-pack.test.ts",
  "test/testing/stack.test.ts",
  "test/reliability/soak-hostile.test.ts", // waits
  "test/nhncloud/flowlog-logger-recovery.test.ts",
  "test/examples/examples.test.ts",
  "test/package/type-check.test.ts",
  "test/plugin/installed.test.ts",
  "test/nhncloud/flowlog-logger-drift.test.ts",
  "test/reliability/soak.test.ts", // waits
  "test/bench/run.test.ts",
  "test/nhncloud/batching.test.ts",
  "test/testing/try-state.test.ts",
  "test/emulator/cli-readings.test.ts", // waits
  "test/nhncloud/refresh-calls.test.ts",
  "test/demo.test.ts",
  "test/nhncloud/flowlog-logger-wait-errors.test.ts", // waits
  "test/nhncloud/flowlog-logger-lifecycle.test.ts",
  "test/testing/typescript7.test.ts",
  "test/upgrade/upgrade.test.ts", // waits
  "test/nhncloud/flowlog-logger-create-only.test.ts",
  "test/testing/state-file.test.ts",
  "test/reliability/hostile-deadline.test.ts", // waits
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
