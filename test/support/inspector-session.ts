// Jest (setupFilesAfterEnv): gives back the inspector session the Pulumi SDK opened in this test file.
//
// Serializing a dynamic provider makes the SDK open a `node:inspector` session with the debugger enabled
// (@pulumi/pulumi/runtime/closure/v8Hooks.js) and keep it for the life of the process: right for a Pulumi
// program, one per process. Under jest each test file loads its own copy of the SDK, so each file opened
// one more session, and the session's listener held that file's whole module registry: about 40 MB per
// file that never came back. A worker ended a full run holding 1 GB, took longer than jest's 500 ms to exit
// and was killed ("A worker process has failed to exit gracefully"): a slow exit, not an open handle.
// With the session given back, V8 collects a finished file's modules as it needs to: `npm test` no longer
// forces a full collection after each file (--expose-gc --logHeapUsage cost a tenth of the run's CPU).
import type { Session } from "node:inspector";

interface V8Hooks {
  getSessionAsync(): Promise<Session>;
}

afterAll(async () => {
  const loaded = Object.keys(require.cache).find((file) =>
    /[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]closure[\\/]v8Hooks\.js$/.test(file),
  );
  if (!loaded) return;
  const hooks = require.cache[loaded]?.exports as V8Hooks;
  (await hooks.getSessionAsync()).disconnect();
});
