import { spawnSync } from "node:child_process";
import { EMULATOR_TENANT } from "../../emulator";
import { CLI, withCli } from "./cli-helpers";
import { send } from "./helpers";

const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });

/** The seeded loggers' names as the stack tenant lists them in a region. */
async function seededNames(url: string, region: string): Promise<string[]> {
  const token = await send(`${url}/identity/v2.0/tokens`, {
    method: "POST",
    body: { auth: { tenantId: EMULATOR_TENANT, passwordCredentials: { username: "u", password: "p" } } },
  });
  const res = await send(`${url}/network/${region}/v2.0/flowlog-loggers`, {
    headers: { "x-auth-token": token.body.access.token.id },
  });
  return res.body.flowlog_loggers.map((logger: { name: string }) => logger.name);
}

describe("emulator CLI seeded loggers", () => {
  it("--seed-loggers N starts with N loggers of the stack tenant in KR1, and says so in the banner", async () => {
    await withCli(["--seed-loggers", "25"], async (url, lines) => {
      const names = await seededNames(url, "kr1");
      expect(names).toHaveLength(25);
      expect(names.slice(0, 2)).toEqual(["seeded-000001", "seeded-000002"]);
      expect(lines).toContain("seeded:    25 loggers in KR1 (seeded-000001 …)");
    });
  });

  it("--seed-loggers-region puts them in another region, in any case", async () => {
    await withCli(["--seed-loggers", "3", "--seed-loggers-region", "kr3"], async (url) => {
      expect(await seededNames(url, "kr3")).toEqual(["seeded-000001", "seeded-000002", "seeded-000003"]);
      expect(await seededNames(url, "kr1")).toEqual([]);
    });
  });

  it("--help lists both flags", () => {
    const run = cli("--help");
    expect(run.stdout).toMatch(/^ {2}--seed-loggers N +start with N ACTIVE loggers .*\(default 0\)$/m);
    expect(run.stdout).toMatch(/^ {2}--seed-loggers-region REGION +the region they are in \(default KR1\)$/m);
  });

  it.each([
    ["--seed-loggers", "many", "--seed-loggers must be a non-negative integer, got 'many'"],
    ["--seed-loggers", "1e3", "--seed-loggers must be a non-negative integer, got '1e3'"],
    ["--seed-loggers-region", "KR9", "--seed-loggers-region must be one of KR1, KR2, KR3, got 'KR9'"],
  ])("exits 2 with a usage error for %s %s", (flag, value, says) => {
    const run = cli(flag, value);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(says);
    expect(run.stderr).toContain("usage: pulumi-flowlog-emulator [options]");
    expect(run.stdout).toBe("");
  });
});
