import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { DEFAULT_SEED } from "../../emulator";
import { CLI, exited, launch, login, withCli } from "./cli-helpers";
import { send } from "./helpers";

describe("emulator CLI", () => {
  it("prints the base URL first, serves tokens there, and exits 0 on SIGTERM", async () => {
    const { child, firstLine } = launch(["--port", "0", "--activation-ms", "50"]);
    try {
      const url = await firstLine;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await send(`${url}/identity/v2.0/tokens`, {
        method: "POST",
        body: { auth: { tenantId: "t", passwordCredentials: { username: "u", password: "p" } } },
      });
      expect(res.status).toBe(200);
      expect(res.body.access.serviceCatalog[0].endpoints[0].publicURL).toBe(`${url}/network/kr1`);
    } finally {
      const code = exited(child);
      child.kill("SIGTERM");
      expect(await code).toBe(0);
    }
  });

  it("pins credentials and loads a seed file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-seed-"));
    const seedFile = join(dir, "seed.json");
    const seed = { ...DEFAULT_SEED, ncloud: { ...DEFAULT_SEED.ncloud, buckets: ["custom-bucket"] } };
    writeFileSync(seedFile, JSON.stringify(seed));
    const { child, firstLine } = launch([
      "--port",
      "0",
      "--seed",
      seedFile,
      "--credentials",
      "ten:alice:pa:ss",
    ]);
    try {
      const url = await firstLine;
      expect((await send(`${url}/_emulator/seed`)).body.ncloud.buckets).toEqual(["custom-bucket"]);
      const login = (password: string) =>
        send(`${url}/identity/v2.0/tokens`, {
          method: "POST",
          body: { auth: { tenantId: "ten", passwordCredentials: { username: "alice", password } } },
        });
      expect((await login("pa:ss")).status).toBe(200);
      expect((await login("other")).status).toBe(401);
    } finally {
      const code = exited(child);
      child.kill("SIGINT");
      expect(await code).toBe(0);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("delays every API response by --latency-ms", async () => {
    await withCli(["--latency-ms", "300"], async (url) => {
      const started = Date.now();
      expect((await login(url)).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    });
  });

  it("issues tokens that live --token-ttl seconds and are refused afterwards", async () => {
    await withCli(["--token-ttl", "1"], async (url) => {
      const { token } = (await login(url)).body.access;
      expect(Date.parse(token.expires) - Date.parse(token.issued_at)).toBe(1000);
      const list = () =>
        send(`${url}/network/kr1/v2.0/flowlog-loggers`, { headers: { "x-auth-token": token.id } });
      expect((await list()).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await list()).status).toBe(401);
    });
  });

  it("answers 429 to network API calls above --max-concurrent-requests", async () => {
    await withCli(["--max-concurrent-requests", "2", "--latency-ms", "500"], async (url) => {
      const { token } = (await login(url)).body.access;
      const statuses = await Promise.all(
        Array.from({ length: 5 }, () =>
          send(`${url}/network/kr1/v2.0/flowlog-loggers`, { headers: { "x-auth-token": token.id } }),
        ),
      );
      // A loaded machine may space the five out; some are still refused, and none fails otherwise.
      expect(new Set(statuses.map((r) => r.status))).toEqual(new Set([200, 429]));
    });
  });

  it("prints the seed as JSON with --print-seed and exits", () => {
    const run = spawnSync(process.execPath, [CLI, "--print-seed"], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(DEFAULT_SEED);
  });

  it.each([["--help"], ["-h"]])(
    "prints the usage with every flag and its default for %s, and exits 0",
    (flag) => {
      const run = spawnSync(process.execPath, [CLI, flag], { encoding: "utf8" });
      expect(run.status).toBe(0);
      expect(run.stderr).toBe("");
      expect(run.stdout).toMatch(/^usage: pulumi-flowlog-emulator \[options\]/);
      for (const line of [
        /--port N +.*\(default 0\)/,
        /--activation-ms N +.*\(default 1500\)/,
        /--latency-ms N +.*\(default 0\)/,
        /--seed FILE +.*\(default: the built-in seed/,
        /--credentials TENANT:USER:PASSWORD +.*\(default: any non-empty/,
        /--token-ttl SECONDS +.*\(default 43200\)/,
        /--max-concurrent-requests N +.*429 \(default: unlimited\)/,
        /--print-seed +print the seed as JSON and exit/,
        /-h, --help +print this help and exit/,
        /^Fault plans \(POST \/_emulator\/faults/m,
        /"drop" closes the connection/,
        /"trickle" answers normally, the body one byte every trickleIntervalMs \(default 1000\)/,
        /"echo" answers 500 with an HTML page repeating the request body and X-Auth-Token/,
        /"echo-json" answers 500 with a JSON error/,
        /"delayMs":n +with "after": answer at once, process the call n ms later/,
      ]) {
        expect(run.stdout).toMatch(line);
      }
    },
  );

  it("lists every control route in its banner, with a fault plan to copy", async () => {
    const { child, firstLine } = launch(["--port", "0"]);
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on("line", (line) => lines.push(line));
    try {
      const url = await firstLine;
      await send(`${url}/_emulator/seed`); // the banner is written before the server answers
      const routes = lines
        .map((line) => /^ {2}(GET|POST|PUT|PATCH|DELETE) +(\/_emulator\S*)/.exec(line))
        .filter((match) => match !== null)
        .map((match) => `${match[1]} ${match[2]}`);
      expect(routes.sort()).toEqual(
        [
          "GET /_emulator/seed",
          "GET /_emulator/requests",
          "DELETE /_emulator/requests",
          "POST /_emulator/faults",
          "GET /_emulator/readings",
          "PUT /_emulator/readings",
          "GET /_emulator/nhn/{region}/loggers",
          "POST /_emulator/nhn/{region}/loggers",
          "PATCH /_emulator/nhn/{region}/loggers/{id}",
          "DELETE /_emulator/nhn/{region}/loggers/{id}",
          "GET /_emulator/ncloud/flow-logs",
          "POST /_emulator/tokens/expire",
          "POST /_emulator/tokens/revoke",
        ].sort(),
      );
      expect(lines.join("\n")).toContain(
        'POST   /_emulator/faults                     fail API calls: {"rate":1,"kinds":[503],"retryAfterSeconds":1} (kinds 429 500 502 503 504 "drop" "trickle" "echo" "echo-json"; "after":true processes the call, then drops or replaces its answer, "delayMs":n n ms after answering; "times":n stops after n faults; "trickleIntervalMs":n paces "trickle"); {} clears',
      );
    } finally {
      const code = exited(child);
      child.kill("SIGTERM");
      expect(await code).toBe(0);
    }
  });

  it.each([
    ["an unknown flag", ["--bogus"], "bogus"],
    ["a port that is not a number", ["--port", "http"], "--port"],
    ["malformed credentials", ["--credentials", "only-tenant"], "TENANT:USER:PASSWORD"],
    ["a missing seed file", ["--seed", "/nonexistent/seed.json"], "--seed"],
    ["a concurrency limit of 0", ["--max-concurrent-requests", "0"], "--max-concurrent-requests"],
  ])("exits 2 with a clear message for %s", (_name, args, mentions) => {
    const run = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(mentions);
    expect(run.stderr).toContain("usage: pulumi-flowlog-emulator [options]");
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(run.stdout).toBe("");
  });
});
