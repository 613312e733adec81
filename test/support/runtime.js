// Jest (`runtime`): jest's own module runtime, which compiles each module again for every test file (each
// file has a module registry of its own), here given V8's code cache of the same module from an earlier
// file in this worker. At the end of each file, the code of every module it compiled, with the functions
// that ran, is kept in memory by file name and source; a later file's compile of the same source starts
// from it. Nothing is shared but compiled code: each file still runs every module afresh. V8 checks each
// cache against the source and falls back to compiling when it does not match.
const vm = require("node:vm");
const Runtime = require("jest-runtime").default;

/** filename -> the source it was compiled from and V8's cached data for it. */
const compiled = new Map();

class CachingRuntime extends Runtime {
  #made = [];

  createScriptFromCode(source, filename) {
    const kept = compiled.get(filename);
    if (kept === undefined || kept.source !== source) {
      const script = super.createScriptFromCode(source, filename);
      this.#made.push({ filename, source, script });
      return script;
    }
    const original = vm.Script;
    // jest-runtime builds the Script itself (its options bind this runtime): only cachedData is added.
    vm.Script = class extends original {
      constructor(code, options) {
        super(code, { ...options, cachedData: kept.data });
      }
    };
    try {
      return super.createScriptFromCode(source, filename);
    } finally {
      vm.Script = original;
    }
  }

  teardown() {
    for (const { filename, source, script } of this.#made) {
      compiled.set(filename, { source, data: script.createCachedData() });
    }
    this.#made = [];
    return super.teardown();
  }
}

module.exports = CachingRuntime;
