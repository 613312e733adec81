import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { DEFAULT_NCLOUD_CREDENTIALS, EMULATOR_TENANT } from "./state";
import type { EmulatorOptions } from "./types";

export { EMULATOR_TENANT };

/** Keys that `pulumi config set` should store with `--secret` (the emulator's values are not secrets). */
const SECRET_KEYS = new Set(["nhncloud:password", "ncloud:secretKey"]);

/**
 * The stack config (`nhncloud:*` and `ncloud:*`) that aims a Pulumi stack at the emulator at `url`: the one
 * place that says it, used by the testing kit, the emulator CLI's banner and `--write-stack-config`, and
 * the repository's own `Pulumi.dev.yaml`. Pass the emulator's pinned credentials, if any.
 */
export function stackConfigFor(
  url: string,
  pinned: Pick<EmulatorOptions, "credentials" | "ncloudCredentials"> = {},
): Record<string, string> {
  const base = url.replace(/\/+$/, "");
  const nhn = pinned.credentials ?? {
    tenantId: EMULATOR_TENANT,
    username: "flowlog-user@example.com",
    password: "emulator-api-password-1",
  };
  const ncloud = pinned.ncloudCredentials ?? DEFAULT_NCLOUD_CREDENTIALS;
  return {
    "nhncloud:authUrl": `${base}/identity/v2.0`,
    "nhncloud:tenantId": nhn.tenantId,
    "nhncloud:username": nhn.username,
    "nhncloud:password": nhn.password,
    "nhncloud:region": "KR1",
    "ncloud:accessKey": ncloud.accessKey,
    "ncloud:secretKey": ncloud.secretKey,
    "ncloud:apiUrl": base,
  };
}

/** A value as a shell word: bare when it is safe, else single-quoted. */
const shellWord = (value: string) =>
  /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;

/** The exact `pulumi config set` commands that put `config` into the current stack (secrets with `--secret`). */
export function configSetCommands(config: Record<string, string>): string[] {
  return Object.entries(config).map(
    ([key, value]) =>
      `pulumi config set ${SECRET_KEYS.has(key) ? "--secret " : ""}${shellWord(key)} ${shellWord(value)}`,
  );
}

const entryLines = (config: Record<string, string>) =>
  Object.entries(config).map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`);

/** A new `Pulumi.<stack>.yaml` holding `config` (plain values: the emulator's credentials are not secrets). */
export function stackConfigYaml(config: Record<string, string>): string {
  return [
    "# Aims this stack at the pulumi-flowlog emulator (written by its --write-stack-config).",
    "# Plain values on purpose: the emulator's credentials are not secrets.",
    "config:",
    ...entryLines(config),
    "",
  ].join("\n");
}

/**
 * Writes `config` into a `Pulumi.<stack>.yaml`: a new file, or, when one exists (e.g. with the
 * `encryptionsalt` that `pulumi stack init` wrote), these keys replaced and everything else kept.
 */
export function writeStackConfig(file: string, config: Record<string, string>): void {
  if (!existsSync(file)) {
    writeFileSync(file, stackConfigYaml(config));
    return;
  }
  const kept: string[] = [];
  let section = "";
  let dropping = false;
  let configAt = -1;
  for (const line of readFileSync(file, "utf8").replace(/\n+$/, "").split("\n")) {
    if (/^\S/.test(line)) {
      section = line.split(":")[0];
      dropping = false;
      if (section === "config") {
        if (line.trim() !== "config:") throw new Error(`${file}: cannot edit an inline 'config:' map`);
        configAt = kept.length;
      }
    } else if (section === "config" && /^ {2}\S/.test(line)) {
      const key = /^ {2}(\S+?):(?: |$)/.exec(line)?.[1];
      dropping = key !== undefined && key in config;
    }
    if (!(section === "config" && dropping)) kept.push(line);
  }
  if (configAt === -1) kept.push("config:", ...entryLines(config));
  else kept.splice(configAt + 1, 0, ...entryLines(config));
  writeFileSync(file, `${kept.join("\n")}\n`);
}

/** The banner's lines that say how to aim a stack at this emulator. */
export function stackConfigBanner(
  url: string,
  pinned: Pick<EmulatorOptions, "credentials" | "ncloudCredentials"> = {},
): string[] {
  return [
    "aim a Pulumi stack at it (in the project's folder; or start with --write-stack-config Pulumi.<stack>.yaml):",
    ...configSetCommands(stackConfigFor(url, pinned)).map((command) => `  ${command}`),
  ];
}
