import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { DEFAULT_NCLOUD_CREDENTIALS, EMULATOR_TENANT } from "./state";
import type { EmulatorOptions } from "./types";

export { EMULATOR_TENANT };

/**
 * Keys that `pulumi config set` stores with `--secret`. A `secure:` value is encrypted with the stack's key,
 * which only the Pulumi CLI has, so `writeStackConfig` never writes them: the banner gives the commands.
 */
export const SECRET_KEYS: readonly string[] = ["nhncloud:password", "ncloud:secretKey"];
const isSecret = (key: string) => SECRET_KEYS.includes(key);

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
      `pulumi config set ${isSecret(key) ? "--secret " : ""}${shellWord(key)} ${shellWord(value)}`,
  );
}

const entryLines = (config: Record<string, string>) =>
  Object.entries(config).map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`);

/** `config` without the keys `pulumi config set` stores with `--secret`. */
export const plainConfig = (config: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(config).filter(([key]) => !isSecret(key)));

/** A new `Pulumi.<stack>.yaml` holding the plain values of `config`. */
export function stackConfigYaml(config: Record<string, string>): string {
  return [
    "# Aims this stack at the pulumi-flowlog emulator (written by its --write-stack-config).",
    `# ${SECRET_KEYS.join(" and ")} are not here: set them with \`pulumi config set --secret\`.`,
    "config:",
    ...entryLines(plainConfig(config)),
    "",
  ].join("\n");
}

/**
 * Writes the plain values of `config` into a `Pulumi.<stack>.yaml`: a new file, or, when one exists (e.g.
 * with the `encryptionsalt` that `pulumi stack init` wrote), these keys replaced and everything else kept
 * (secrets set with `pulumi config set --secret` among them). Returns the secret keys it left out.
 */
export function writeStackConfig(file: string, all: Record<string, string>): string[] {
  const left = Object.keys(all).filter(isSecret);
  const config = plainConfig(all);
  if (!existsSync(file)) {
    writeFileSync(file, stackConfigYaml(config));
    return left;
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
  return left;
}

/**
 * What `--write-stack-config FILE` says after writing: the secrets it left out, why, and the exact commands
 * that set them in the stack the file belongs to.
 */
export function secretsLeftOut(file: string, config: Record<string, string>): string[] {
  const secrets = Object.entries(config).filter(([key]) => isSecret(key));
  if (secrets.length === 0) return [`wrote the stack config to ${file}`];
  const stack = /^Pulumi\.(.+)\.ya?ml$/.exec(basename(file))?.[1];
  const option = stack ? `--stack ${shellWord(stack)} ` : "";
  return [
    `wrote the stack config to ${file}, except ${secrets.map(([key]) => key).join(" and ")}: a secret in ` +
      "Pulumi.<stack>.yaml is a secure: value encrypted with the stack's key, which only the Pulumi CLI has. " +
      "Set them in the project's folder (after `pulumi stack init`):",
    ...secrets.map(
      ([key, value]) => `  pulumi config set ${option}--secret ${shellWord(key)} ${shellWord(value)}`,
    ),
    "pulumi-flowlog-try --emulator URL needs neither: it takes the emulator's own.",
  ];
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
