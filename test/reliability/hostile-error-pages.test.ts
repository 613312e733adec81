import { resolve } from "node:path";
import { Worker } from "node:worker_threads";
import { nhncloud } from "pulumi-flowlog";
import { PATHOLOGICAL_PAGES } from "../../soak/error-pages";
import { ProviderHost } from "../support/host";
import { runProgram } from "../support/program";
import { STORAGE_URL } from "../support/world";
import { BadServer, send } from "./bad-server";

/**
 * Issue "Hostile and slow servers": error pages were stripped with backtracking regexes, quadratic in the
 * page (400 kB of `<` blocked the provider host for 104 s). Several multi-megabyte shapes must be read in
 * well under a second, and the host must answer other calls meanwhile.
 */

// The same shapes the soak reads (npm run soak -- --hostile).
const PAGES = PATHOLOGICAL_PAGES;

/**
 * Runs `fn(page)` from the built package in a worker thread and reports how long it took; a run still
 * going after `guardMs` is stopped (backtracking cannot be interrupted in this thread).
 */
function timeInWorker(
  module: string,
  fn: string,
  page: string,
  guardMs = 10_000,
): Promise<{ ms: number; result: string }> {
  const code = `
    const { parentPort, workerData } = require("node:worker_threads");
    const fn = require(workerData.module)[workerData.fn];
    const started = performance.now();
    const result = JSON.stringify(fn(workerData.page));
    parentPort.postMessage({ ms: performance.now() - started, result });`;
  const worker = new Worker(code, { eval: true, workerData: { module, fn, page } });
  return new Promise((resolvePromise, reject) => {
    const guard = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`${fn} still running after ${guardMs} ms`));
    }, guardMs);
    worker.once("message", (message: { ms: number; result: string }) => {
      clearTimeout(guard);
      void worker.terminate();
      resolvePromise(message);
    });
    worker.once("error", (error) => {
      clearTimeout(guard);
      reject(error);
    });
  });
}

const DIST = resolve(__dirname, "..", "..", "dist", "provider");

describe("pathological error pages", () => {
  it.each(PAGES)("NHN: %s is read in well under a second", async (_name, page) => {
    const { ms, result } = await timeInWorker(`${DIST}/nhncloud/api/errors.js`, "apiErrorMessage", page);
    expect(ms).toBeLessThan(250);
    expect(JSON.parse(result).length).toBeLessThanOrEqual(301);
  });

  it.each(PAGES.slice(0, 3))("NCloud: %s is read in well under a second", async (_name, page) => {
    const { ms } = await timeInWorker(`${DIST}/ncloud/api.js`, "parseApiError", page);
    expect(ms).toBeLessThan(250);
  });

  it.each<[string, string, string]>([
    [
      "words of a page, without markup",
      "<html><head><title>502</title></head><body><h1>Bad Gateway</h1></body></html>",
      "502 Bad Gateway",
    ],
    [
      "no script or style",
      "<style>p{}</style><script>if (a < b) alert(1)</script><p>try again</p>",
      "try again",
    ],
    ["a < that opens no tag", "value must be < 10 & > 0", "value must be < 10 & > 0"],
    ["entities decoded", "<p>a &amp; b &lt;c&gt;</p>", "a & b <c>"],
    ["the words of nested tags", `${"<div>".repeat(1000)}deep words${"</div>".repeat(1000)}`, "deep words"],
  ])("keeps the %s", async (_name, page, words) => {
    const { result } = await timeInWorker(`${DIST}/nhncloud/api/errors.js`, "apiErrorMessage", page);
    expect(JSON.parse(result)).toBe(words);
  });
});

describe("pathological error pages through the provider host", () => {
  const URN = "urn:pulumi:test::flowlog-test::pulumi-nodejs:dynamic/nhncloud:FlowLogLogger::web";
  const LOGGER_ID = "3e84a1f2-5a1b-4c2d-9e8f-0123456789ab";
  let server: BadServer;
  let host: ProviderHost;
  let news: Record<string, unknown>;
  beforeAll(async () => {
    server = await BadServer.start();
    const { registrations } = await runProgram(() => {
      new nhncloud.FlowLogLogger("web", {
        resourceId: "cccccccc-0001-4000-8000-000000000111",
        storageUrl: STORAGE_URL,
      });
    });
    news = registrations[0].inputs;
    host = await ProviderHost.start();
    await host.configure({
      "nhncloud:authUrl": server.authUrl,
      "nhncloud:tenantId": "tenant-1",
      "nhncloud:username": "pages@example.com",
      "nhncloud:password": "pages-pass-0a1b2c",
      "nhncloud:region": "KR1",
    });
  });
  afterAll(async () => {
    await host.close();
    await server.close();
  });

  it.each(PAGES.slice(0, 5))(
    "a refresh answered 500 with %s fails quickly, and the host answers a check meanwhile",
    async (_name, page) => {
      server.network = send(500, page, "text/html");
      const { inputs } = await host.check(URN, {}, news);
      const started = performance.now();
      const read = host.read(URN, LOGGER_ID, inputs).then(
        () => undefined,
        (error: Error) => error,
      );
      // The page is on its way or being read: the host must still answer.
      await new Promise((r) => setTimeout(r, 20));
      const checkStarted = performance.now();
      const guard = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("the host did not answer check within 5 s")), 5_000),
      );
      const checked = await Promise.race([host.check(URN, {}, news), guard]);
      const checkMs = performance.now() - checkStarted;
      const error = await Promise.race([read, guard]);
      const readMs = performance.now() - started;
      expect(checked.failures).toEqual([]);
      expect(error?.message).toMatch(/HTTP 500/);
      expect(checkMs).toBeLessThan(1_000);
      expect(readMs).toBeLessThan(2_000);
    },
  );
});
