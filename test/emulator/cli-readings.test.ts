import { spawnSync } from "node:child_process";
import { DEFAULT_READINGS, type Readings } from "../../emulator";
import { CLI, login, withCli } from "./cli-helpers";
import { send } from "./helpers";

const NON_DEFAULT: Readings = {
  filterMode: "reject",
  unknownFilters: "reject",
  echoFileName: "yes",
  echoCustomizedField: "never",
  uniqueNames: "tenant",
  errorBody: "text",
  deleteMode: "eventual",
  deleteDelayMs: 250,
  paging: "reject",
  pageSize: 50,
  pageLinks: "no",
  listCap: 20,
  unpagedCap: 10,
  timeZone: "kst",
  routeErrors: "like-logger",
};

const FLAGS: Array<[keyof Readings, string, string]> = [
  ["filterMode", "--filter-mode", "or|and|first|last|ignore|reject"],
  ["unknownFilters", "--unknown-filters", "ignore|reject"],
  ["echoFileName", "--echo-file-name", "no|yes"],
  ["echoCustomizedField", "--echo-customized-field", "always|read-only|never"],
  ["uniqueNames", "--unique-names", "none|resource|tenant"],
  ["errorBody", "--error-body", "neutron|keystone|text"],
  ["deleteMode", "--delete-mode", "immediate|eventual"],
  ["deleteDelayMs", "--delete-delay-ms", "N"],
  ["paging", "--paging", "honor|ignore|reject"],
  ["pageSize", "--page-size", "N"],
  ["pageLinks", "--page-links", "yes|no"],
  ["listCap", "--list-cap", "N"],
  ["unpagedCap", "--unpaged-cap", "N"],
  ["timeZone", "--time-zone", "utc|kst"],
  ["routeErrors", "--route-errors", "distinct|like-logger"],
];

const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });

/** What `--help` printed: one run, read by each flag's test. */
let help: ReturnType<typeof cli> | undefined;

describe("emulator CLI reading flags", () => {
  it.each(FLAGS)("--help lists the flag of %s with its values and default", (key, flag, values) => {
    help ??= cli("--help");
    const run = help;
    expect(run.status).toBe(0);
    const line = run.stdout.split("\n").find((l) => l.trimStart().startsWith(`${flag} `));
    expect(line).toMatch(
      new RegExp(
        `^ {2}${flag} ${values.replace(/\|/g, "\\|")} +\\S.*\\(default ${DEFAULT_READINGS[key]}\\)$`,
      ),
    );
  });

  it("starts with every reading a flag gives, lists them on one banner line, and keeps the URL first", async () => {
    const args = FLAGS.flatMap(([key, flag]) => [flag, String(NON_DEFAULT[key])]);
    await withCli(args, async (url, lines) => {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await send(`${url}/_emulator/readings`)).body).toEqual(NON_DEFAULT);
      expect(lines.filter((line) => line.startsWith("readings:"))).toEqual([
        "readings:  filterMode=reject unknownFilters=reject echoFileName=yes echoCustomizedField=never uniqueNames=tenant errorBody=text deleteMode=eventual deleteDelayMs=250 paging=reject pageSize=50 pageLinks=no listCap=20 unpagedCap=10 timeZone=kst routeErrors=like-logger",
      ]);
    });
  });

  it("shows the default readings in the banner when no flag is given", async () => {
    await withCli([], async (url, lines) => {
      await send(`${url}/_emulator/seed`); // the banner is written before the server answers
      expect(lines).toContain(
        "readings:  filterMode=or unknownFilters=ignore echoFileName=no echoCustomizedField=always uniqueNames=none errorBody=neutron deleteMode=immediate deleteDelayMs=1000 paging=honor pageSize=0 pageLinks=yes listCap=0 unpagedCap=0 timeZone=utc routeErrors=distinct",
      );
    });
  });

  it("serves the API under the readings the flags give", async () => {
    await withCli(["--filter-mode", "reject", "--error-body", "text"], async (url) => {
      const token = (await login(url)).body.access.token.id;
      const res = await send(`${url}/network/kr1/v2.0/flowlog-loggers?name=a&name=b`, {
        headers: { "x-auth-token": token },
      });
      expect(res.status).toBe(400);
      expect(res.text).toBe("Filter name is given more than once; give one value");
    });
  });

  it.each([
    ["--filter-mode", "xor", "--filter-mode must be one of or, and, first, last, ignore, reject, got 'xor'"],
    ["--unknown-filters", "strict", "--unknown-filters must be one of ignore, reject, got 'strict'"],
    ["--echo-file-name", "true", "--echo-file-name must be one of no, yes, got 'true'"],
    ["--echo-customized-field", "write", "--echo-customized-field must be one of always, read-only, never"],
    ["--unique-names", "global", "--unique-names must be one of none, resource, tenant, got 'global'"],
    ["--error-body", "json", "--error-body must be one of neutron, keystone, text, got 'json'"],
    ["--delete-mode", "lazy", "--delete-mode must be one of immediate, eventual, got 'lazy'"],
    ["--delete-delay-ms", "1.5", "--delete-delay-ms must be a non-negative integer, got '1.5'"],
    ["--paging", "on", "--paging must be one of honor, ignore, reject, got 'on'"],
    ["--page-size", "2.5", "--page-size must be a non-negative integer, got '2.5'"],
    ["--page-links", "true", "--page-links must be one of yes, no, got 'true'"],
    ["--list-cap", "ten", "--list-cap must be a non-negative integer, got 'ten'"],
    ["--time-zone", "Asia/Seoul", "--time-zone must be one of utc, kst, got 'Asia/Seoul'"],
    ["--route-errors", "same", "--route-errors must be one of distinct, like-logger, got 'same'"],
  ])("exits 2 with a usage error for %s %s", (flag, value, says) => {
    const run = cli(flag, value);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(says);
    expect(run.stderr).toContain("usage: pulumi-flowlog-emulator [options]");
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe("");
  });
});
